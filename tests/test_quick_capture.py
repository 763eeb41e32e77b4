"""Quick capture while typing: a shared-notes line finished with enter that starts with
todo:/ai:, decided: or park: is captured and marked, ctrl+z right after takes it back,
and MENTORTUI_QUICK_CAPTURE=off switches it off."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Markdown, Static, TextArea

from mentortui.core.demo import demo_pair
from mentortui.core.live_meeting import unfinished_meeting
from mentortui.core.quick_capture import read_line, unmarked
from mentortui.screens.meeting import MeetingScreen
from mentortui.screens.pair_home import PairHomeScreen
from mentortui.storage.preferences import quick_capture_on

from .conftest import TODAY
from .test_app import settle, type_text
from .test_prepare_screens import open_pair, saved

FRIDAY = date(2026, 11, 27)  # TODAY is a Wednesday
HOSTILE = "[bold red]Priya[/] sends <b>$(rm -rf ~)</b> | \\n"


# The core: which lines capture what ------------------------------------------------------


@pytest.mark.parametrize(("line", "kind", "text"), [
    ("todo: Priya sends the draft", "action", "Priya sends the draft"),
    ("AI: Priya sends the draft", "action", "Priya sends the draft"),
    ("  - Decided:  we meet   fortnightly", "decision", "we meet fortnightly"),
    ("* park: salary talk", "parked", "salary talk"),
    ("2. todo: book the room", "action", "book the room"),
])
def test_a_prefixed_line_is_read_as_its_capture(line, kind, text):
    capture = read_line(line, demo_pair(TODAY), TODAY)
    assert capture is not None and (capture.kind, capture.text) == (kind, text)


@pytest.mark.parametrize("line", [
    "todo✓: Priya sends the draft", "todo:", "todo:   ", "aim: a bigger role", "notes on todo: later",
    "- [ ] todo: x", "Decided nothing yet",
])
def test_other_lines_capture_nothing(line):
    assert read_line(line, demo_pair(TODAY), TODAY) is None


def test_owner_and_date_are_read_from_the_line_and_the_date_leaves_the_text():
    pair = demo_pair(TODAY)
    capture = read_line("todo: Priya sends the draft by fri", pair, TODAY)
    assert capture is not None
    assert (capture.text, capture.owner, capture.due) == ("Priya sends the draft", "mentee", FRIDAY)
    mine = read_line("- ai: I share the deck by email by end of month.", pair, TODAY)
    assert mine is not None
    assert (mine.text, mine.owner, mine.due) == ("I share the deck by email", "mentor", date(2026, 11, 30))
    undated = read_line("todo: we talk to someone by the lake", pair, TODAY)
    assert undated is not None
    assert (undated.text, undated.owner, undated.due) == ("we talk to someone by the lake", "both", None)


def test_a_numeric_delivery_date_in_a_line_follows_the_date_order_setting():
    pair = demo_pair(TODAY)
    us = read_line("todo: Priya sends the draft by 8/12", pair, TODAY)
    uk = read_line("todo: Priya sends the draft by 8/12", pair, TODAY, day_first=True)
    assert us is not None and uk is not None
    assert (us.due, uk.due) == (date(2027, 8, 12), date(2026, 12, 8))


def test_the_marked_line_keeps_what_was_typed_and_is_never_read_again():
    capture = read_line("  - TODO: Priya sends the draft by fri", demo_pair(TODAY), TODAY)
    assert capture is not None and capture.marked == "  - TODO✓: Priya sends the draft by fri"
    assert read_line(capture.marked, demo_pair(TODAY), TODAY) is None
    assert unmarked(capture.marked) == "  - TODO: Priya sends the draft by fri"


def test_quick_capture_is_on_unless_the_environment_switches_it_off():
    assert quick_capture_on({})
    assert quick_capture_on({"MENTORTUI_QUICK_CAPTURE": "on"})
    assert not quick_capture_on({"MENTORTUI_QUICK_CAPTURE": "off"})
    assert not quick_capture_on({"MENTORTUI_QUICK_CAPTURE": " 0 "})


# In the meeting ----------------------------------------------------------------------------


def notes(app, selector: str = "#notes") -> TextArea:
    return app.screen.query_one(selector, TextArea)


def captured(app) -> str:
    return str(app.screen.query_one("#captured", Static).render())


def told(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def finish_line(app, pilot, text: str) -> None:
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(app, pilot)


async def test_a_todo_line_becomes_an_action_item_with_owner_and_date(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")
        await finish_line(app, pilot, "todo: Priya sends the draft by fri")
        assert notes(app).text == "todo✓: Priya sends the draft by fri\n"
        assert notes(app).cursor_location == (1, 0)
        assert "- Priya sends the draft\n  mentee, Fri 27 Nov, due in 2 days" in captured(app)
        assert ("Action item for the mentee, Fri 27 Nov, due in 2 days: Priya sends the draft "
                "(ctrl+z takes it back)") in told(app)
        await type_text(pilot, "next words")
        await saved(app, pilot)
    pair = store.load(demo_slug)
    meeting = unfinished_meeting(pair)
    assert meeting.agenda[0].notes.startswith("todo✓: Priya sends the draft by fri\n")
    [item] = [a for a in pair.action_items if a.meeting_id == meeting.id]
    assert (item.text, item.owner, item.due) == ("Priya sends the draft", "mentee", FRIDAY)


async def test_decided_and_park_lines_are_captured_as_decisions_and_parked_topics(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")
        await finish_line(app, pilot, "- Decided: we meet every two weeks")
        await finish_line(app, pilot, "park: salary talk")
        assert notes(app).text == "- Decided✓: we meet every two weeks\npark✓: salary talk\n"
        assert "Decisions (1)\n- we meet every two weeks" in captured(app)
        assert "Parked for next time (1)\n- salary talk" in captured(app)
        await saved(app, pilot)
    meeting = unfinished_meeting(store.load(demo_slug))
    assert (meeting.decisions, meeting.parked) == (("we meet every two weeks",), ("salary talk",))


async def test_ctrl_z_right_after_takes_the_capture_and_the_mark_back(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")
        await finish_line(app, pilot, "todo: Priya sends the draft by fri")
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert notes(app).text == "todo: Priya sends the draft by fri\n"
        assert "Action items (0)" in captured(app)
        assert "Capture taken back" in told(app)
        # Once something else is typed, ctrl+z is the notes' own undo again.
        await finish_line(app, pilot, "decided: keep it")
        await type_text(pilot, "more")
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert "Decisions (1)\n- keep it" in captured(app)
        assert notes(app).text == "todo: Priya sends the draft by fri\ndecided✓: keep it\n"
        await saved(app, pilot)
    pair = store.load(demo_slug)
    meeting = unfinished_meeting(pair)
    assert not [a for a in pair.action_items if a.meeting_id == meeting.id]
    assert meeting.decisions == ("keep it",)


async def test_switched_off_a_prefixed_line_stays_plain_notes(make_app, store, demo_slug, monkeypatch):
    monkeypatch.setenv("MENTORTUI_QUICK_CAPTURE", "off")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")
        await finish_line(app, pilot, "todo: Priya sends the draft by fri")
        assert notes(app).text == "todo: Priya sends the draft by fri\n"
        assert "Action items (0)" in captured(app)


async def test_private_notes_are_never_captured(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")
        await pilot.press("f2")
        await finish_line(app, pilot, "todo: ask Priya about her workload")
        assert notes(app, "#private-notes").text == "todo: ask Priya about her workload\n"
        assert "Action items (0)" in captured(app)


async def test_hostile_text_is_captured_and_told_literally(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")
        await finish_line(app, pilot, f"todo: {HOSTILE}")
        await finish_line(app, pilot, f"park: {HOSTILE}")
        assert f"- {HOSTILE.strip()}\n  mentee, NO DATE" in captured(app)
        assert f"Parked for next time (1)\n- {HOSTILE.strip()}" in captured(app)
        assert f"Parked for the next meeting: {HOSTILE.strip()} (ctrl+z takes it back)" in told(app)
        await saved(app, pilot)
    pair = store.load(demo_slug)
    assert [a.text for a in pair.action_items if a.meeting_id == unfinished_meeting(pair).id] == [HOSTILE.strip()]


async def test_a_captured_line_is_not_captured_again_after_reopening(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")
        await finish_line(app, pilot, "todo: Priya sends the draft by fri")
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("up", "end", "enter")
        await settle(app, pilot)
        assert notes(app).text == "todo✓: Priya sends the draft by fri\n\n"
        assert "Action items (1)" in captured(app)
        await saved(app, pilot)
    pair = store.load(demo_slug)
    assert len([a for a in pair.action_items if a.meeting_id == unfinished_meeting(pair).id]) == 1


async def test_the_help_panel_lists_the_prefixes(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")
        await pilot.press("f1")
        await settle(app, pilot)
        shown = app.screen.query_one("#widget-help", Markdown).source
        assert all(prefix in shown for prefix in ("`todo:`", "`ai:`", "`decided:`", "`park:`"))
        assert "MENTORTUI_QUICK_CAPTURE=off" in shown
