"""What happened to last time's items (issue 13, point 6): a meeting records what it did
with each carried action item, a pushed date keeps the dates it had, and the action items
screen shows how often an item slipped."""

from __future__ import annotations

from datetime import date

from mentortui.core.action_items import carried_outcomes, due_dates, push_due, slipped_most
from mentortui.core.demo import demo_pair
from mentortui.core.live_meeting import review_carried
from mentortui.core.models import ActionItem
from mentortui.core.planning import carry_in
from mentortui.dialogs.end_meeting import EndMeetingScreen
from mentortui.screens.action_list import ActionItemsScreen
from mentortui.screens.meeting import MeetingScreen
from mentortui.screens.pair_home import PairHomeScreen

from .conftest import TODAY
from .test_app import settle, type_text
from .test_narrow_tables import screen_lines
from .test_prepare_screens import open_pair, rows, saved


async def push(app, pilot, day: str) -> None:
    await pilot.press("p")
    await pilot.pause()
    await type_text(pilot, day)
    await pilot.press("enter")
    await settle(app, pilot)


def outcomes(pair, meeting) -> list[tuple[str, str, str | None, str | None]]:
    return [(result.item.text, result.outcome, result.old_due and result.old_due.isoformat(),
             result.new_due and result.new_due.isoformat()) for result in carried_outcomes(pair, meeting)]


async def test_a_meeting_records_what_it_did_with_each_carried_item(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert rows(app, "#items")[3][0].strip() == "Review: Share the team's slide template"
        await pilot.press("escape", "down", "down", "d")  # the forecast README: done
        await pilot.pause()
        await pilot.press("down")  # the slide template, due Sat 21 Nov: pushed twice
        await push(app, pilot, "12/1")
        await push(app, pilot, "12/4")
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, EndMeetingScreen)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        await saved(app, pilot)

    pair = store.load(demo_slug)
    held = pair.last_meeting()
    assert outcomes(pair, held) == [
        ("Rewrite the forecast README to lead with the question", "done", "2026-11-15", None),
        ("Share the team's slide template", "pushed", "2026-11-21", "2026-12-04"),
        ("Book interviews five and six", "open", "2026-11-30", None),
        ("Outline the lightning talk together", "open", "2026-12-07", None),
    ]
    template = next(a for a in pair.action_items if a.text == "Share the team's slide template")
    assert [day.isoformat() for day in due_dates(template)] == ["2026-11-21", "2026-12-01", "2026-12-04"]
    assert slipped_most(pair, 5) == [template]


async def test_the_action_items_screen_shows_how_often_an_item_slipped_at_80_columns(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pair(app, pilot, "i")
        assert isinstance(app.screen, ActionItemsScreen)
        row = next(i for i, r in enumerate(rows(app, "#items")) if r[0] == "Book interviews five and six")
        app.screen.query_one("#items").move_cursor(row=row)
        await push(app, pilot, "12/3")
        await push(app, pilot, "12/9")
        await saved(app, pilot)
        shown = next(r for r in rows(app, "#items") if r[0] == "Book interviews five and six")
        assert shown[2] == "Wed 9 Dec 2×"
        assert any("slipped 2×" in line for line in screen_lines(app))
    item = next(a for a in store.load(demo_slug).action_items if a.text == "Book interviews five and six")
    assert [day.isoformat() for day in item.due_history] == ["2026-11-30", "2026-12-03"]


def test_a_meeting_under_way_lists_the_carried_items_it_has_not_taken_up_as_they_are_now():
    pair = demo_pair(TODAY)
    meeting = pair.next_meeting(TODAY)
    carry_in(pair, meeting)
    meeting.started_at = meeting.scheduled
    book = next(a for a in pair.action_items if a.text == "Book interviews five and six")
    review_carried(meeting, book, "dropped", TODAY)
    assert [(text, outcome) for text, outcome, _, _ in outcomes(pair, meeting)] == [
        ("Rewrite the forecast README to lead with the question", "open"),
        ("Share the team's slide template", "open"),
        ("Book interviews five and six", "dropped"),
        ("Outline the lightning talk together", "open"),
    ]


def test_only_a_changed_date_counts_as_a_slip_and_the_most_slipped_come_first():
    pair = demo_pair(TODAY)
    undated = ActionItem(text="Read the style guide", owner="mentee")
    once = ActionItem(text="Send the deck", owner="mentor", due=date(2026, 11, 20))
    twice = ActionItem(text="Book a mock interview", owner="mentee", due=date(2026, 11, 16))
    pair.action_items += [undated, once, twice]
    push_due(undated, date(2026, 12, 1))  # a first date is no slip
    push_due(once, date(2026, 11, 20))  # the same date is no slip
    push_due(once, date(2026, 11, 27))
    push_due(twice, date(2026, 11, 23))
    push_due(twice, date(2026, 12, 1))
    assert undated.due_history == () and once.due_history == (date(2026, 11, 20),)
    assert due_dates(twice) == [date(2026, 11, 16), date(2026, 11, 23), date(2026, 12, 1)]
    assert slipped_most(pair, 5) == [twice, once]
    assert slipped_most(pair, 1) == [twice]
