"""Action items across a pair: the summary line, filters, sort orders and marking
(``mentortui.core.action_items``). TODAY is Wed 25 Nov 2026; its week ends on Sun 29 Nov."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from mentortui.core.action_items import (
    ANY,
    ActionSummary,
    mark,
    select_actions,
    summarize_actions,
)
from mentortui.core.models import ActionItem, Goal, Meeting, Pair, Person
from tests.conftest import TODAY

# Listed out of date order on purpose: the meeting sort must use the dates, not the list.
OCT_01 = Meeting(id="m-oct01", kind="first", scheduled=datetime(2026, 10, 1, 17, 0))
NOV_12 = Meeting(id="m-nov12", scheduled=datetime(2026, 11, 12, 17, 0))
NOV_05 = Meeting(id="m-nov05", scheduled=datetime(2026, 11, 5, 17, 0))


def item(text: str, owner: str, due: date | None, status: str = "open", meeting: str | None = None,
         goal: str | None = None, done_on: date | None = None) -> ActionItem:
    return ActionItem(id=text, text=text, owner=owner, due=due, status=status, meeting_id=meeting,
                      goal_id=goal, done_on=done_on)


def make_pair(items: list[ActionItem] | None = None, meetings: list[Meeting] | None = None) -> Pair:
    return Pair(
        mentor=Person(name="Ada Mentor"),
        mentee=Person(name="Ben Mentee"),
        started_on=date(2026, 9, 1),
        meetings=[OCT_01, NOV_12, NOV_05] if meetings is None else meetings,
        goals=[Goal(id="g1", title="Portfolio"), Goal(id="g2", title="Interviews")],
        action_items=standard_items() if items is None else items,
    )


def standard_items() -> list[ActionItem]:
    return [
        item("overdue", "mentee", date(2026, 11, 20), meeting="m-nov12", goal="g1"),
        item("friday", "mentor", date(2026, 11, 27), meeting="m-oct01", goal="g2"),
        item("today", "both", TODAY, meeting="m-nov05"),
        item("sunday", "mentee", date(2026, 11, 29), goal="g1"),
        item("next-monday", "mentor", date(2026, 11, 30), meeting="m-nov12"),
        item("undated", "mentee", None, meeting="m-oct01"),
        item("done-early", "mentee", date(2026, 11, 10), "done", "m-oct01", "g1",
             done_on=date(2026, 11, 9)),
        item("done-on-day", "mentor", date(2026, 11, 15), "done", "m-nov12",
             done_on=date(2026, 11, 15)),
        item("done-late", "mentee", date(2026, 11, 1), "done", "m-nov05", "g2",
             done_on=date(2026, 11, 3)),
        item("done-undated", "both", None, "done", done_on=date(2026, 11, 20)),
        item("dropped", "mentee", date(2026, 11, 2), "dropped", "m-oct01"),
    ]


def texts(items: list[ActionItem]) -> list[str]:
    return [i.text for i in items]


def select(pair: Pair | None = None, today: date = TODAY, **options) -> list[str]:
    return texts(select_actions(pair or make_pair(), today, **options))


# --- Summary -------------------------------------------------------------------------------------


def test_summary_counts_open_overdue_done_on_time_and_late():
    summary = summarize_actions(make_pair(), TODAY)
    assert summary == ActionSummary(open=6, overdue=1, done_on_time=3, done_late=1)
    assert summary.line() == "6 open, 1 overdue, 3 done on time, 1 done late"


def test_summary_of_a_pair_without_items():
    assert summarize_actions(make_pair([]), TODAY).line() == (
        "0 open, 0 overdue, 0 done on time, 0 done late")


def test_done_on_the_due_date_is_on_time():
    pair = make_pair([item("a", "mentee", date(2026, 11, 20), "done", done_on=date(2026, 11, 20))])
    assert summarize_actions(pair, TODAY).line() == "0 open, 0 overdue, 1 done on time, 0 done late"


def test_done_a_day_after_the_due_date_is_late():
    pair = make_pair([item("a", "mentee", date(2026, 11, 20), "done", done_on=date(2026, 11, 21))])
    assert summarize_actions(pair, TODAY).line() == "0 open, 0 overdue, 0 done on time, 1 done late"


def test_done_without_a_due_date_is_on_time():
    pair = make_pair([item("a", "mentee", None, "done", done_on=date(2026, 11, 21))])
    assert summarize_actions(pair, TODAY) == ActionSummary(0, 0, 1, 0)


def test_due_today_is_open_but_not_overdue():
    pair = make_pair([item("a", "mentee", TODAY), item("b", "mentor", date(2026, 11, 24))])
    assert summarize_actions(pair, TODAY).line() == "2 open, 1 overdue, 0 done on time, 0 done late"


def test_dropped_items_are_not_counted_even_when_past_due():
    pair = make_pair([item("a", "mentee", date(2026, 11, 1), "dropped")])
    assert summarize_actions(pair, TODAY).line() == "0 open, 0 overdue, 0 done on time, 0 done late"


def test_summary_follows_marking_an_overdue_item_done_today():
    pair = make_pair()
    overdue = next(i for i in pair.action_items if i.text == "overdue")
    mark(overdue, "done", TODAY)
    assert summarize_actions(pair, TODAY).line() == "5 open, 0 overdue, 3 done on time, 2 done late"


# --- Status filters -----------------------------------------------------------------------------


def test_all_lists_every_item_by_due_date_with_undated_last():
    assert select(status="all") == [
        "done-late", "dropped", "done-early", "done-on-day", "overdue", "today", "friday",
        "sunday", "next-monday", "undated", "done-undated",
    ]


def test_open_is_the_default_filter():
    assert select() == ["overdue", "today", "friday", "sunday", "next-monday", "undated"]
    assert select(status="open") == select()


def test_overdue_lists_open_items_due_before_today_only():
    assert select(status="overdue") == ["overdue"]


def test_week_lists_open_items_due_from_today_to_sunday():
    assert select(status="week") == ["today", "friday", "sunday"]


def test_week_on_a_sunday_is_just_that_day():
    sunday = date(2026, 11, 29)
    assert select(today=sunday, status="week") == ["sunday"]


def test_week_on_a_monday_runs_to_the_next_sunday():
    monday = date(2026, 11, 30)
    pair = make_pair(standard_items() + [item("dec-6", "mentee", date(2026, 12, 6)),
                                         item("dec-7", "mentee", date(2026, 12, 7))])
    assert select(pair, today=monday, status="week") == ["next-monday", "dec-6"]


def test_week_leaves_out_done_items_due_this_week():
    pair = make_pair([item("a", "mentee", date(2026, 11, 27), "done", done_on=TODAY),
                      item("b", "mentee", date(2026, 11, 27))])
    assert select(pair, status="week") == ["b"]


def test_done_lists_done_items():
    assert select(status="done") == ["done-late", "done-early", "done-on-day", "done-undated"]


def test_dropped_lists_dropped_items():
    assert select(status="dropped") == ["dropped"]


# --- Owner and goal filters --------------------------------------------------------------------


def test_owner_filter_mentee():
    assert select(owner="mentee") == ["overdue", "sunday", "undated"]


def test_owner_filter_mentor_over_all_statuses():
    assert select(status="all", owner="mentor") == ["done-on-day", "friday", "next-monday"]


def test_owner_filter_both_is_only_items_owned_by_both():
    assert select(status="all", owner="both") == ["today", "done-undated"]


def test_owner_any_keeps_everyone():
    assert select(owner=ANY) == select()


def test_goal_filter():
    assert select(status="all", goal="g1") == ["done-early", "overdue", "sunday"]
    assert select(goal="g2") == ["friday"]


def test_goal_filter_without_items_is_empty():
    assert select(status="all", goal="g-none") == []


def test_status_owner_and_goal_combined():
    assert select(status="open", owner="mentee", goal="g1") == ["overdue", "sunday"]
    assert select(status="week", owner="mentee") == ["sunday"]
    assert select(status="done", owner="mentee", goal="g2") == ["done-late"]
    assert select(status="overdue", owner="mentor") == []


# --- Sort orders ---------------------------------------------------------------------------------


def test_sort_by_due_puts_dated_first_ascending_and_undated_last():
    pair = make_pair([
        item("none-1", "mentee", None),
        item("dec", "mentee", date(2026, 12, 10)),
        item("nov", "mentor", date(2026, 11, 2)),
        item("none-2", "both", None),
        item("jan", "both", date(2027, 1, 5)),
    ])
    assert select(pair, sort="due") == ["nov", "dec", "jan", "none-1", "none-2"]


def test_sort_by_meeting_uses_the_meetings_dates_and_puts_items_without_one_last():
    pair = make_pair([
        item("no-meeting", "mentee", date(2026, 11, 1)),
        item("nov12", "mentee", date(2026, 11, 20), meeting="m-nov12"),
        item("oct01", "mentee", date(2026, 12, 20), meeting="m-oct01"),
        item("nov05", "mentee", date(2026, 11, 10), meeting="m-nov05"),
    ])
    assert select(pair, sort="meeting") == ["oct01", "nov05", "nov12", "no-meeting"]


def test_sort_by_meeting_uses_the_time_of_day():
    evening = Meeting(id="evening", scheduled=datetime(2026, 11, 5, 18, 0))
    morning = Meeting(id="morning", scheduled=datetime(2026, 11, 5, 9, 30))
    pair = make_pair([item("at-evening", "mentee", None, meeting="evening"),
                      item("at-morning", "mentee", None, meeting="morning")],
                     meetings=[evening, morning])
    assert select(pair, sort="meeting") == ["at-morning", "at-evening"]


def test_sort_by_meeting_puts_an_unknown_meeting_last():
    pair = make_pair([item("gone", "mentee", None, meeting="deleted-meeting"),
                      item("nov05", "mentee", None, meeting="m-nov05")])
    assert select(pair, sort="meeting") == ["nov05", "gone"]


def test_sort_by_meeting_on_the_standard_pair_groups_by_meeting_date():
    items = select_actions(make_pair(), TODAY, status="open", sort="meeting")
    assert [i.meeting_id for i in items] == [
        "m-oct01", "m-oct01", "m-nov05", "m-nov12", "m-nov12", None]


def test_sort_by_owner_is_mentee_mentor_both_then_due():
    assert select(sort="owner") == ["overdue", "sunday", "undated", "friday", "next-monday", "today"]


def test_sort_by_owner_orders_each_owner_by_due_with_undated_last():
    pair = make_pair([
        item("both-dec", "both", date(2026, 12, 1)),
        item("mentor-none", "mentor", None),
        item("mentee-none", "mentee", None),
        item("mentor-nov", "mentor", date(2026, 11, 26)),
        item("mentee-dec", "mentee", date(2026, 12, 3)),
        item("mentee-nov", "mentee", date(2026, 11, 27)),
    ])
    assert select(pair, sort="owner") == [
        "mentee-nov", "mentee-dec", "mentee-none", "mentor-nov", "mentor-none", "both-dec"]


# --- Marking -----------------------------------------------------------------------------------


def test_mark_done_records_today():
    action = item("a", "mentee", date(2026, 11, 20))
    mark(action, "done", TODAY)
    assert (action.status, action.done_on) == ("done", TODAY)
    assert not action.is_overdue(TODAY)


def test_reopening_clears_the_done_date():
    action = item("a", "mentee", date(2026, 11, 20), "done", done_on=date(2026, 11, 19))
    mark(action, "open", TODAY)
    assert (action.status, action.done_on) == ("open", None)
    assert action.is_overdue(TODAY)


def test_dropping_clears_the_done_date():
    action = item("a", "mentee", date(2026, 11, 20), "done", done_on=date(2026, 11, 19))
    mark(action, "dropped", TODAY)
    assert (action.status, action.done_on) == ("dropped", None)


@pytest.mark.parametrize("status, listed_under", [("done", "done"), ("dropped", "dropped"),
                                                  ("open", "open")])
def test_marked_item_moves_between_filters(status, listed_under):
    pair = make_pair([item("a", "mentee", date(2026, 11, 27))])
    mark(pair.action_items[0], status, TODAY)
    found = {name: select(pair, status=name) for name in ("open", "done", "dropped")}
    assert found == {name: (["a"] if name == listed_under else []) for name in found}
