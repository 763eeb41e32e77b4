"""Forms that cannot trick the user: focus always visible, dialogs open on their first
field, tabbing into a filled field does not select it, one way to save (ctrl+s; enter in
one-line dialogs), escape cancels but asks before throwing away a half-filled form, and a
refused save says why under the field and puts the focus there."""

from __future__ import annotations

from textual import events
from textual.widgets import Button, DataTable, Input, Select

from mentortui.dialogs.confirm import ConfirmScreen
from mentortui.dialogs.end_meeting import EndMeetingScreen
from mentortui.dialogs.goal_forms import CheckInScreen, GoalEditorScreen
from mentortui.dialogs.pair_form import PairFormScreen
from mentortui.dialogs.prompt import PromptScreen
from mentortui.screens.agenda import AgendaScreen
from mentortui.screens.meeting import MeetingScreen
from mentortui.screens.pair_home import PairHomeScreen
from mentortui.screens.pair_list import PairListScreen

from .conftest import TODAY
from .test_accountability_screens import replace
from .test_app import settle, type_text
from .test_prepare_screens import open_pair, rows, saved


def mark(widget) -> tuple:
    """What tells a focused widget apart from the others: its edges and text style."""
    styles = (widget.query_one("SelectCurrent") if isinstance(widget, Select) else widget).styles
    return (styles.border_left, styles.border_top, styles.outline_left, styles.text_style)


def focus_mark_is_visible(focused, unfocused) -> bool:
    """A line in a colour of its own where there was none, or in another colour."""
    edges = [(kind, colour) for kind, colour in (focused[0], focused[2]) if kind not in ("", "none", "blank")]
    return focused != unfocused and (bool(edges) or "reverse" in str(focused[3]))


async def tab_to(pilot, widget) -> None:
    for _ in range(30):
        if pilot.app.focused is widget:
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached {widget}")


async def start_meeting(app, pilot) -> None:
    await pilot.press("m")
    await settle(app, pilot)
    if isinstance(app.screen, ConfirmScreen):  # planned days ahead: start it anyway
        await pilot.click("#yes")
        await settle(app, pilot)
    assert isinstance(app.screen, MeetingScreen)


async def test_the_focused_field_is_marked_in_dark_and_light_themes(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "a")
        screen = app.screen
        assert isinstance(screen, AgendaScreen)
        # In the order tab reaches them, so each theme takes one round of the screen.
        widgets = [screen.query_one("#kind", Select), screen.query_one("#when", Input),
                   screen.query_one("#agenda", DataTable), screen.query_one("#edit", Button),
                   screen.query_one("#new-item", Input)]
        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            for widget in widgets:
                await tab_to(pilot, widget)
                await pilot.pause()
                focused = mark(widget)
                await pilot.press("tab")
                await pilot.pause()
                assert app.focused is not widget
                assert focus_mark_is_visible(focused, mark(widget)), (theme, widget, focused, mark(widget))


async def test_dialogs_open_on_their_first_field(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert app.focused.id == "mentor-name"
        await pilot.press("escape")
        await settle(app, pilot)

        await open_pair(app, pilot, "a")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen) and app.focused.id == "text"
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        await pilot.press("g")
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, GoalEditorScreen) and app.focused.id == "title"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen) and app.focused.id == "progress"
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        await pilot.press("i")
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert app.focused.id == "text"
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        await start_meeting(app, pilot)
        await type_text(pilot, "Book the venue")
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("enter")  # an item with no delivery date: the checklist lists it below
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, EndMeetingScreen) and app.focused.id == "next"


async def test_tabbing_into_a_filled_field_then_typing_adds_to_it(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        await tab_to(pilot, app.screen.query_one("#frequency", Input))
        await pilot.press("0")
        assert app.screen.query_one("#frequency", Input).value == "140"


async def test_ctrl_s_saves_every_dialog_enter_saves_one_line_escape_cancels(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "a")
        first = rows(app, "#agenda")[0][1]
        for keys, expected in (([*" now", "ctrl+s"], f"{first} now"), ([*"!", "enter"], f"{first} now!"),
                               ([*"xyz", "escape"], f"{first} now!")):
            await pilot.press("e")
            await pilot.pause()
            await pilot.press(*keys)
            await pilot.pause()
            assert isinstance(app.screen, AgendaScreen)
            assert rows(app, "#agenda")[0][1] == expected
        await pilot.press("escape")
        await settle(app, pilot)

        await pilot.press("i")
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Call Sam")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "Call Sam" in [row[0] for row in rows(app, "#items")]
        await pilot.press("p")  # the new item is highlighted
        await pilot.pause()
        await type_text(pilot, "2026-12-20")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)

        await pilot.press("g")
        await settle(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        await replace(pilot, "#progress", "55")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, CheckInScreen)
        await saved(app, pilot)
    pair = store.load(demo_slug)
    assert next(a for a in pair.action_items if a.text == "Call Sam").due.isoformat() == "2026-12-20"
    assert pair.goals[0].checkins[-1].progress == 55
    assert pair.next_meeting(TODAY).agenda[0].title == f"{first} now!"


async def test_escape_on_a_half_filled_new_pair_asks_before_discarding(make_app, store):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Dana Okafor")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Discard what you typed?" in str(app.screen.query_one("#message").render())
        await pilot.press("enter")  # the focus is on "Keep editing"
        await pilot.pause()
        assert isinstance(app.screen, PairFormScreen)
        assert app.screen.query_one("#mentor-name", Input).value == "Dana Okafor"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#yes")
        await settle(app, pilot)
        assert isinstance(app.screen, PairListScreen)
    assert store.slugs() == []


async def test_escape_on_a_changed_goal_asks_before_discarding(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "g")
        title = store.load(demo_slug).goals[0].title
        await pilot.press("e")
        await pilot.pause()
        await type_text(pilot, " soon")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep editing
        await pilot.pause()
        assert app.screen.query_one("#title", Input).value == f"{title} soon"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#yes")
        await settle(app, pilot)
        assert not isinstance(app.screen, (GoalEditorScreen, ConfirmScreen))
        await saved(app, pilot)
    assert store.load(demo_slug).goals[0].title == title


async def test_end_meeting_says_why_under_the_field_and_refuses_a_past_next_meeting(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await start_meeting(app, pilot)
        await type_text(pilot, "Book the venue")
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("enter")  # no delivery date yet
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        await replace(pilot, "#next", "yesterday 3pm")
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EndMeetingScreen)
        next_error = screen.query_one("#next-error")
        assert str(next_error.render()) == (
            "Tue 24 Nov 15:00 has already gone by: the next meeting must be later than now.")
        due = next(field for field in screen.query(Input) if field.id.startswith("due-"))
        due_error = screen.query_one(f"#{due.id}-error")
        assert str(due_error.render()) == "Give it a delivery date: every action item needs one."
        # Each reason sits right under its field's row, and the focus is on the first field refused.
        for field, error in ((screen.query_one("#next"), next_error), (due, due_error)):
            siblings = list(field.parent.parent.children)
            assert siblings[siblings.index(field.parent) + 1] is error
        assert app.focused.id == "next"

        await replace(pilot, "#next", "tomorrow 6pm")
        await pilot.click(f"#{due.id}")
        await type_text(pilot, "fri")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        await saved(app, pilot)
    pair = store.load(demo_slug)
    assert pair.next_meeting(TODAY).scheduled.isoformat() == "2026-11-26T18:00:00"
    assert next(a for a in pair.action_items if a.text == "Book the venue").due.isoformat() == "2026-11-27"


async def test_ctrl_s_right_after_typing_saves_every_letter_typed(make_app, store, demo_slug):
    """A terminal delivers fast typing and ctrl+s in one burst; ctrl+s is a priority key,
    so the save must wait for the letters still on their way to the field. A field being
    corrected drops the reason its last value was refused."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await start_meeting(app, pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await replace(pilot, "#text", "")
        for key in [*"We meet on Tuesdays", "ctrl+s"]:
            app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting.decisions[-1] == "We meet on Tuesdays"

        await pilot.press("f10")
        await pilot.pause()
        await replace(pilot, "#next", "yesterday 3pm")
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = app.screen.query_one("#next-error")
        assert error.display
        await type_text(pilot, "x")
        assert not error.display
