"""A whole meeting run as a mentor runs it during a call, and what the pair file holds after."""

from __future__ import annotations

from textual import events
from textual.widgets import Static

from mentortui.core.models import Pair
from mentortui.dialogs.end_meeting import EndMeetingScreen
from mentortui.screens.meeting import MeetingScreen
from mentortui.screens.pair_home import PairHomeScreen

from .conftest import TODAY
from .test_app import settle, type_text
from .test_prepare_screens import open_pair, rows, saved


def load(store, slug) -> Pair:
    return store.load(slug)


async def test_a_whole_meeting_from_agenda_to_checklist(make_app, store, demo_slug, clock):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "a")
        await pilot.press("f5")
        await settle(app, pilot)
        await pilot.press("enter")  # the meeting is planned three days ahead: start it now
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert rows(app, "#items")[0][0] == "> Check-in"

        await type_text(pilot, "## Check-in")
        await pilot.press("enter")
        await type_text(pilot, "Priya sends the CV [draft] | v2")
        await pilot.press("ctrl+t")
        await pilot.pause()
        await type_text(pilot, "fri")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")
        await type_text(pilot, "I will share the deck")
        await pilot.press("ctrl+t")
        await pilot.pause()
        await type_text(pilot, "+2w")
        await pilot.press("enter")
        await pilot.pause()

        clock.advance(minutes=7)
        await pilot.press("ctrl+n")
        assert rows(app, "#items")[0][1] == "OVER 2:00"
        assert rows(app, "#items")[1][0] == "> Review action items"
        await pilot.press("escape", "down", "d")
        await pilot.pause()
        assert rows(app, "#items")[2][0] == "  Review: Rewrite the forecast README to lead with the question (done)"

        await pilot.press("tab", "enter")
        await type_text(pilot, "salary talk")
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.press("enter")
        await type_text(pilot, "We focus on the talk first")
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        captured = str(app.screen.query_one("#captured", Static).render())
        assert "- Priya sends the CV [draft] | v2" in captured
        assert "mentee, Fri 27 Nov, due in 2 days" in captured
        assert "- salary talk" in captured and "- We focus on the talk first" in captured

        clock.advance(minutes=30)
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, EndMeetingScreen)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        await saved(app, pilot)

    pair = load(store, demo_slug)
    held = pair.last_meeting()
    assert held.started_at.date() == TODAY and held.duration_minutes == 37
    # The notes stay with the agenda item they were typed under.
    assert held.agenda[0].notes == "## Check-in\nPriya sends the CV [draft] | v2\nI will share the deck"
    assert held.agenda[1].notes == "\nsalary talk\nWe focus on the talk first"
    assert held.decisions == ("We focus on the talk first",)
    assert held.agenda[0].used_seconds == 7 * 60
    assert held.assignment.startswith("Each of you completes the action items you own")
    new_items = [a for a in pair.action_items if a.meeting_id == held.id]
    assert [(a.text, a.owner, a.due.isoformat(), a.goal_id) for a in new_items] == [
        ("Priya sends the CV [draft] | v2", "mentee", "2026-11-27", None),
        ("I will share the deck", "mentor", "2026-12-09", None),
    ]
    reviewed = next(a for a in pair.action_items if a.text.startswith("Rewrite the forecast"))
    assert (reviewed.status, reviewed.done_on) == ("done", TODAY)

    upcoming = pair.next_meeting(TODAY)
    assert upcoming is not None and upcoming.scheduled.isoformat() == "2026-12-09T18:00:00"
    titles = [item.title for item in upcoming.agenda]
    assert "salary talk" in titles
    carried = {item.ref for item in upcoming.agenda if item.source == "action_item"}
    assert {a.id for a in new_items} <= carried
    assert reviewed.id not in carried


async def test_end_meeting_lists_items_without_a_date_and_fixes_them(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")
        await type_text(pilot, "Book the venue")
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("enter")  # no delivery date yet
        await pilot.pause()
        assert "NO DATE" in str(app.screen.query_one("#captured", Static).render())
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.focused.id.startswith("due-")  # the refused field, with why under it
        problem = str(app.screen.query_one(f"#{app.focused.id}-error").render())
        assert problem == "Give it a delivery date: every action item needs one."
        await type_text(pilot, "12/4")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await saved(app, pilot)
    item = next(a for a in load(store, demo_slug).action_items if a.text == "Book the venue")
    assert item.due.isoformat() == "2026-12-04"


async def test_leaving_and_coming_back_keeps_the_clock_running(make_app, store, demo_slug, clock):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")
        await type_text(pilot, "typed before leaving")
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        assert "Meeting under way since" in str(app.screen.query_one("#running", Static).render())
        clock.advance(minutes=12)
        await pilot.press("m")
        await settle(app, pilot)
        assert str(app.screen.query_one("#clock", Static).render()).startswith("Regular meeting  12:00 of 45:00")
        assert app.screen.query_one("#notes").text == "typed before leaving"


async def test_a_100_kb_paste_goes_in_literally_and_a_bigger_one_is_cut_with_a_message(make_app, store, demo_slug):
    pasted = "[bold]x[/] | # " * 6_000 + "\x1b[31m"  # 90,000 characters and an escape sequence
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")
        notes = app.screen.query_one("#notes")
        app.post_message(events.Paste(pasted))  # as the terminal delivers it
        await pilot.pause()
        assert notes.text == "[bold]x[/] | # " * 6_000
        app.post_message(events.Paste("y" * 150_000))
        await pilot.pause()
        assert len(notes.text) == 90_000 + 100_000
        for _ in range(100):  # the notice comes from a message the screen handles after the paste
            if any("Pasted the first 100,000 of 150,000 characters" in n.message for n in app._notifications):
                break
            await pilot.pause(0.05)
        else:
            raise AssertionError("no notice that the paste was cut")
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        await saved(app, pilot)
    assert store.load(demo_slug).meetings[-1].agenda[0].notes == "[bold]x[/] | # " * 6_000 + "y" * 100_000


async def test_a_starter_on_the_agenda_counts_as_asked_when_the_meeting_reaches_it(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "s")
        await pilot.press("slash")
        await type_text(pilot, "free weekend")
        await pilot.press("enter", "a", "escape")
        await settle(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        await pilot.press("enter")  # the meeting is planned three days ahead: start it now
        await settle(app, pilot)
        titles = [row[0].strip() for row in rows(app, "#items")]
        position = next(i for i, title in enumerate(titles) if "free weekend" in title)
        for _ in range(position):
            await pilot.press("ctrl+n")
        await saved(app, pilot)
        meeting_id = app.screen.meeting.id
    asked = store.load(demo_slug).asked
    assert [(a.starter_id, a.meeting_id) for a in asked] == [("personal-03", meeting_id)]


async def test_quitting_right_after_typing_keeps_the_last_words(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")
        await type_text(pilot, "last words")
        await pilot.press("ctrl+q")  # well inside the half second before the notes would save
    assert store.load(demo_slug).meetings[-1].agenda[0].notes == "last words"
