"""User text is shown literally on every screen and in every dialog, never as markup.

One pair whose every typed field holds text that Rich/Textual markup would eat, crash on or
turn live: a closing tag with nothing open, a word in brackets, a click action, style and
link tags, a right-to-left override, zero-width characters, and 10,000 characters. The test
walks the whole app as a user does and, on each screen and dialog, reads what the terminal
shows: each field's own text is there, brackets and all, and the app is still running.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from textual import events
from textual.widgets import DataTable, Select

from mentortui.core.models import (
    ActionItem,
    AgendaItem,
    CheckIn,
    CustomStarter,
    Expectations,
    Goal,
    Meeting,
    Pair,
    Person,
)
from mentortui.dialogs.confirm import ConfirmScreen
from mentortui.screens.meeting import MeetingScreen
from mentortui.storage.store import PairStore

from .conftest import TODAY
from .test_app import settle

TAIL = " [@click=app.quit]x[/] [bold]x[/] [link=http://x]y[/link] \u202eRTL\u200bZW\u200dJ"
HOSTILE_BITS = ("[@click=app.quit]x[/]", "[bold]x[/]", "[link=http://x]y[/link]", "\u202eRTL\u200bZW\u200dJ")
LONG = "W" * 10_000
CAPTURE_LINE = "Learn [TODO] items [@click=app.quit]x[/]"


def hostile(tag: str) -> str:
    """Text for one field: ``tag`` then the markup that must stay literal. The first few
    characters (``tag[/oops][TODO]``) fit in the narrowest column, so each field's own text
    can be found on screen."""
    return f"{tag}[/oops][TODO]{TAIL}"


def head(tag: str) -> str:
    return f"{tag}[/oops][TODO]"


def hostile_pair() -> Pair:
    start = datetime.combine(TODAY - timedelta(days=14), time(17, 0))
    held = Meeting(
        kind="regular", scheduled=start, started_at=start, ended_at=start + timedelta(minutes=50),
        notes=f"{hostile('Note1')}\n{hostile('Note2')}\n{LONG}\n",
        decisions=[hostile("Dec0")], parked=[hostile("Park0")], assignment=hostile("Assign"),
        agenda=[AgendaItem(title=hostile("Old"), source="typed", notes=hostile("OldNote"))],
    )
    planned = Meeting(
        kind="regular", scheduled=datetime.combine(TODAY, time(17, 30)), planned_minutes=60,
        mentee_update=hostile("Upd"),
        agenda=[AgendaItem(title="Check-in", minutes=5, source="template", notes=hostile("ItemNote")),
                AgendaItem(title=hostile("Agenda"), minutes=10, source="typed", raised_by="mentee"),
                AgendaItem(title=hostile("Parked"), minutes=5, source="parked"),
                AgendaItem(title="Next steps", minutes=10, source="template")],
    )
    goal = Goal(
        title=hostile("Goal"), specific=hostile("Spec"), measurable=hostile("Meas") + " 3",
        achievable=hostile("Achi"), relevant=hostile("Rele"), time_bound=hostile("Time"),
        complete_by=TODAY + timedelta(days=60), checkin_dates=[TODAY + timedelta(days=20)],
        checkins=[CheckIn(on=TODAY - timedelta(days=7), progress=30, note=hostile("Check") + LONG)],
    )
    other_goal = Goal(title=hostile("Oth"), complete_by=TODAY + timedelta(days=90))
    items = [
        ActionItem(text=hostile("Item"), owner="mentee", due=TODAY - timedelta(days=2),
                   meeting_id=held.id, goal_id=goal.id),
        ActionItem(text=hostile("Long") + LONG, owner="mentor", due=TODAY + timedelta(days=5),
                   meeting_id=held.id),
    ]
    return Pair(
        mentor=Person(name=hostile("Tor"), pronouns=hostile("Pro"), contact=hostile("Con")),
        mentee=Person(name=hostile("Tee"), pronouns="they/them", contact=hostile("Mail")),
        expectations=Expectations(topics=hostile("Topic"), reschedule=hostile("Resch")),
        stage=3, started_on=TODAY - timedelta(days=60),
        meetings=[held, planned], goals=[goal, other_goal], action_items=items,
        custom_starters=[CustomStarter(text=hostile("Ask"))],
    )


def visible(app) -> str:
    """What the terminal shows now: the screen (with any dialog over it), line by line."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def assert_shown(app, *texts: str) -> None:
    assert app.is_running and app.return_code is None
    shown = visible(app)
    missing = [text for text in texts if text not in shown]
    assert not missing, f"not shown literally on {type(app.screen).__name__}: {missing}\n{shown}"


# The walk is cut in three tests, each opening the pair afresh, so they run side by side.


async def test_hostile_text_is_shown_literally_on_the_list_home_agenda_and_starters(
        store: PairStore, make_app):
    store.create(hostile_pair())
    app = make_app()
    async with app.run_test(size=(160, 50), notifications=True, tooltips=True) as pilot:
        # Pair list, and the New pair dialog with hostile text typed into it.
        await settle(app, pilot)
        assert_shown(app, head("Tee"), head("Tor"))
        await pilot.press("n")
        await settle(app, pilot)
        app.post_message(events.Paste(hostile("Typed")))
        await settle(app, pilot)
        assert_shown(app, head("Typed"), *HOSTILE_BITS[:2])  # the one-line field shows the start of it
        await pilot.press("escape")
        await settle(app, pilot)
        if isinstance(app.screen, ConfirmScreen):  # a half-filled form asks first
            assert_shown(app, "Discard")
            await pilot.click("#yes")
            await settle(app, pilot)

        # Pair home: facts, agreements, last meeting's assignment, goals, open items, title.
        await pilot.press("enter")
        await settle(app, pilot)
        assert_shown(app, head("Tee"), head("Tor"), head("Pro"), head("Con"), head("Mail"), head("Topic"),
                     head("Resch"), head("Assign"), head("Goal"), head("Item"), head("Long"), *HOSTILE_BITS)
        await _click_on_text(app, pilot, "[@click=app.quit]")
        assert_shown(app, head("Tee"))

        # Help panel and command palette over the pair home.
        await pilot.press("f1")
        await settle(app, pilot)
        assert_shown(app, head("Tee"))
        await pilot.press("f1")
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        await pilot.press("a", "g", "e")
        await settle(app, pilot)
        assert_shown(app, "Agenda")
        await pilot.press("escape")
        await settle(app, pilot)

        # Agenda: typed, parked and carried items.
        await pilot.press("a")
        await settle(app, pilot)
        assert_shown(app, head("Agenda"), head("Parked"), head("Item"), head("Assign"), head("Upd"), *HOSTILE_BITS)
        await pilot.press("escape")
        await settle(app, pilot)

        # Starters: the pair's own questions.
        await pilot.press("s")
        await settle(app, pilot)
        assert_shown(app, head("Ask"), *HOSTILE_BITS)
        await pilot.press("escape")
        await settle(app, pilot)

    assert app.return_code in (None, 0)


async def test_hostile_text_is_shown_literally_on_items_goals_before_next_and_export(
        store: PairStore, make_app):
    store.create(hostile_pair())
    app = make_app()
    async with app.run_test(size=(160, 50), notifications=True, tooltips=True) as pilot:
        await open_the_pair(app, pilot)
        # Action items: the table, the goal filter, the edit dialog and its goal list, push date.
        await pilot.press("i")
        await settle(app, pilot)
        assert_shown(app, head("Item"), head("Long"), head("Goal"))
        await pilot.press("g")
        await settle(app, pilot)
        assert str(app.screen.query_one("#goal", Select).value) == app.session.pair.goals[0].id
        assert_shown(app, head("Item"), head("Goal"))
        await pilot.press("g")
        await settle(app, pilot)
        assert_shown(app, head("Oth"))
        await pilot.press("g")
        await settle(app, pilot)
        await pilot.press("space")  # mark the first item done: the notification names it
        await settle(app, pilot)
        assert_shown(app, head("Item"))
        await pilot.press(*"fffff")  # the status filter round to "All", the done item first
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        assert_shown(app, head("Goal"))
        goal_select = app.screen.query_one("#goal", Select)
        goal_select.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert_shown(app, head("Goal"), head("Oth"))
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        if isinstance(app.screen, ConfirmScreen):
            await pilot.click("#yes")
            await settle(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        assert_shown(app, head("Item"))
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)

        # Goals: table and details (every SMART field), the editor, the check-in form.
        await pilot.press("g")
        await settle(app, pilot)
        assert_shown(app, head("Goal"), head("Spec"), head("Meas"), head("Achi"), head("Rele"), head("Time"),
                     head("Check"), *HOSTILE_BITS)
        await pilot.press("e")
        await settle(app, pilot)
        assert_shown(app, head("Goal"), head("Spec"), head("Meas"))
        await pilot.press("escape")
        await settle(app, pilot)
        if isinstance(app.screen, ConfirmScreen):
            await pilot.click("#yes")
            await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        assert_shown(app, head("Goal"), head("Check"))
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)

        # Before next: what is coming, what is owed, goals, the last notes; then search.
        await pilot.press("b")
        await settle(app, pilot)
        assert_shown(app, head("Agenda"), head("Long"), head("Note1"), head("Note2"))
        await pilot.click("#summary")
        await pilot.press("end")
        await settle(app, pilot)
        assert_shown(app, head("Goal"), head("Oth"))
        await pilot.press("slash")
        app.post_message(events.Paste("[TODO]"))
        await settle(app, pilot)
        assert_shown(app, head("Note1"), head("Dec0"), head("Item"), head("Long"))
        await pilot.press("escape", "escape")
        await settle(app, pilot)

        # Export preview of the pair report.
        await pilot.press("x")
        await settle(app, pilot)
        assert_shown(app, f"Report: {head('Tee')}")
        await pilot.press("escape")
        await settle(app, pilot)

    assert app.return_code in (None, 0)


async def test_hostile_text_is_shown_literally_in_the_meeting_and_its_dialogs(store: PairStore, make_app):
    store.create(hostile_pair())
    app = make_app()
    async with app.run_test(size=(160, 50), notifications=True, tooltips=True) as pilot:
        await open_the_pair(app, pilot)
        # The meeting, and every dialog in it.
        await pilot.press("m")
        await settle(app, pilot)
        if isinstance(app.screen, ConfirmScreen):
            await pilot.click("#yes")
            await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert_shown(app, head("Agenda"), head("Parked"), head("Long"), head("ItemNote"), head("Upd"), *HOSTILE_BITS)
        await pilot.press("f3", "ctrl+home")  # the whole meeting as one document, from its top
        await settle(app, pilot)
        assert_shown(app, head("ItemNote"))
        await pilot.press("f3")
        await settle(app, pilot)
        app.post_message(events.Paste(f"{hostile('Live')}\n{LONG}\n{CAPTURE_LINE}"))
        await settle(app, pilot)
        assert_shown(app, CAPTURE_LINE)

        await pilot.press("ctrl+t")
        await settle(app, pilot)
        assert_shown(app, CAPTURE_LINE)
        await _click_on_text(app, pilot, "[@click=app.quit]")
        assert_shown(app, CAPTURE_LINE)
        goal_select = app.screen.query_one("#goal", Select)
        goal_select.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert_shown(app, head("Goal"), head("Oth"))
        await pilot.press("escape")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert_shown(app, CAPTURE_LINE)

        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert_shown(app, CAPTURE_LINE)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert_shown(app, CAPTURE_LINE)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert_shown(app, CAPTURE_LINE)

        # Push the date of a carried item from the agenda list.
        await pilot.press("escape")
        table = app.screen.query_one("#items", DataTable)
        carried = next(index for index, item in enumerate(app.screen.meeting.agenda)
                       if item.source == "action_item")
        while table.cursor_row != carried:
            await pilot.press("down" if table.cursor_row < carried else "up")
        await pilot.press("p")
        await settle(app, pilot)
        assert_shown(app, head("Long"))
        await pilot.press("escape")
        await settle(app, pilot)

        # End of meeting checklist: items without a date, the notes' last lines.
        await pilot.press("f10")
        await settle(app, pilot)
        assert_shown(app, CAPTURE_LINE)
        await pilot.press("escape")
        await settle(app, pilot)
        if isinstance(app.screen, ConfirmScreen):
            await pilot.click("#yes")
            await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert_shown(app, CAPTURE_LINE)
    assert app.return_code in (None, 0)


async def open_the_pair(app, pilot) -> None:
    await settle(app, pilot)
    await pilot.press("enter")
    await settle(app, pilot)
    assert_shown(app, head("Tee"), head("Tor"))


async def _click_on_text(app, pilot, text: str) -> None:
    """Click where ``text`` is shown, as a person would on something that looks like a link."""
    for y, line in enumerate(visible(app).splitlines()):
        x = line.find(text)
        if x >= 0 and y > 0:  # not in the header, which only echoes the pair's title
            await pilot.click(offset=(x + 2, y))
            await settle(app, pilot)
            return
    raise AssertionError(f"{text!r} is not on screen")
