"""Planning the next meeting: its kind, its time and its agenda (``mentortui.core.planning``)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from mentortui.core.builtin_content import load_content
from mentortui.core.demo import demo_pair
from mentortui.core.models import (
    ActionItem,
    AgendaItem,
    CheckIn,
    Expectations,
    Goal,
    Meeting,
    Pair,
    Person,
)
from mentortui.core.planning import (
    add_item,
    carry_in,
    change_kind,
    checkin_due,
    move_item,
    plan_next_meeting,
    planned_total,
    suggest_kind,
    suggest_start,
)
from tests.conftest import TODAY

CONTENT = load_content()


def template_titles(kind: str) -> list[str]:
    return [item.title for item in CONTENT.templates[kind].items]


def held(kind: str, when: datetime) -> Meeting:
    return Meeting(kind=kind, scheduled=when, started_at=when,
                   ended_at=when + timedelta(minutes=50))


def make_pair(meetings: list[Meeting] = (), stage: int = 1, frequency_days: int = 14,
              length_minutes: int = 60, **fields) -> Pair:
    return Pair(
        mentor=Person(name="Ada Mentor"),
        mentee=Person(name="Ben Mentee"),
        expectations=Expectations(frequency_days=frequency_days, length_minutes=length_minutes),
        stage=stage,
        started_on=date(2026, 9, 1),
        meetings=list(meetings),
        **fields,
    )


def titles(meeting: Meeting) -> list[str]:
    return [item.title for item in meeting.agenda]


def sources(meeting: Meeting) -> list[str]:
    return [item.source for item in meeting.agenda]


def planned(kind: str, when: datetime = datetime(2026, 12, 2, 18, 0)) -> Meeting:
    """A meeting ahead with its template agenda, as plan_next_meeting leaves it."""
    meeting = Meeting(kind=kind, scheduled=when)
    change_kind(meeting, kind, CONTENT)
    return meeting


# --- suggest_kind -------------------------------------------------------------------


def test_a_pair_with_no_meetings_starts_with_the_first_meeting():
    assert suggest_kind(make_pair()) == "first"


@pytest.mark.parametrize(
    ("last_kind", "expected"),
    [("first", "needs_1"), ("needs_1", "needs_2"), ("needs_2", "regular"),
     ("regular", "regular")],
)
def test_the_kind_follows_the_last_held_meeting(last_kind, expected):
    pair = make_pair([held(last_kind, datetime(2026, 11, 20, 18, 0))], stage=2)
    assert suggest_kind(pair) == expected


def test_the_latest_held_meeting_decides_whatever_the_order_in_the_file():
    pair = make_pair([held("needs_1", datetime(2026, 11, 18, 18, 0)),
                      held("first", datetime(2026, 11, 4, 18, 0))])
    assert suggest_kind(pair) == "needs_2"


def test_a_planned_meeting_that_was_not_held_does_not_count():
    pair = make_pair([Meeting(kind="first", scheduled=datetime(2026, 11, 20, 18, 0))])
    assert suggest_kind(pair) == "first"


@pytest.mark.parametrize("last_kind", [None, "first", "needs_2", "regular"])
def test_the_closing_stage_suggests_the_closing_meeting(last_kind):
    meetings = [] if last_kind is None else [held(last_kind, datetime(2026, 11, 20, 18, 0))]
    assert suggest_kind(make_pair(meetings, stage=4)) == "closing"


# --- suggest_start ------------------------------------------------------------------


def test_no_meetings_means_a_week_from_today_at_six_in_the_evening():
    assert suggest_start(make_pair(), TODAY) == datetime(2026, 12, 2, 18, 0)


def test_the_agreed_interval_after_the_last_meeting_at_the_same_time():
    pair = make_pair([held("regular", datetime(2026, 11, 20, 17, 30))], frequency_days=14)
    assert suggest_start(pair, TODAY) == datetime(2026, 12, 4, 17, 30)


def test_the_interval_counts_from_the_latest_held_meeting_only():
    pair = make_pair([held("regular", datetime(2026, 11, 6, 9, 0)),
                      held("regular", datetime(2026, 11, 23, 12, 15)),
                      Meeting(scheduled=datetime(2026, 11, 24, 8, 0))],  # missed
                     frequency_days=7)
    assert suggest_start(pair, TODAY) == datetime(2026, 11, 30, 12, 15)


def test_an_interval_ending_today_moves_to_tomorrow():
    pair = make_pair([held("regular", datetime(2026, 11, 11, 18, 0))], frequency_days=14)
    assert suggest_start(pair, TODAY) == datetime(2026, 11, 26, 18, 0)


def test_an_interval_long_past_gives_tomorrow_at_the_same_time():
    pair = make_pair([held("regular", datetime(2026, 9, 1, 19, 15))], frequency_days=14)
    start = suggest_start(pair, TODAY)
    assert start == datetime(2026, 11, 26, 19, 15)
    assert start.date() > TODAY


# --- plan_next_meeting --------------------------------------------------------------


def test_a_new_pair_gets_one_first_meeting_with_the_first_template():
    pair = make_pair(length_minutes=50)
    meeting = plan_next_meeting(pair, TODAY, CONTENT)
    assert pair.meetings == [meeting]
    assert meeting.kind == "first"
    assert meeting.scheduled == datetime(2026, 12, 2, 18, 0)
    assert meeting.planned_minutes == 50
    assert titles(meeting) == template_titles("first")
    assert set(sources(meeting)) == {"template"}
    assert meeting.agenda[-1].ref == "next_steps"
    assert meeting.agenda[0].hint == CONTENT.templates["first"].items[0].hint


def test_planning_twice_gives_the_same_meeting_not_a_second_one():
    pair = make_pair()
    first = plan_next_meeting(pair, TODAY, CONTENT)
    again = plan_next_meeting(pair, TODAY, CONTENT)
    assert again.id == first.id
    assert len(pair.meetings) == 1


def test_after_needs_2_the_planned_meeting_is_regular_with_the_regular_template():
    pair = make_pair([held("first", datetime(2026, 10, 28, 18, 0)),
                      held("needs_1", datetime(2026, 11, 4, 18, 0)),
                      held("needs_2", datetime(2026, 11, 18, 18, 0))], stage=2,
                     frequency_days=14)
    meeting = plan_next_meeting(pair, TODAY, CONTENT)
    assert len(pair.meetings) == 4
    assert meeting.kind == "regular"
    assert meeting.scheduled == datetime(2026, 12, 2, 18, 0)
    assert titles(meeting) == template_titles("regular")


def test_an_existing_next_meeting_with_an_empty_agenda_is_filled_not_duplicated():
    ahead = Meeting(kind="needs_1", scheduled=datetime(2026, 11, 28, 17, 0))
    pair = make_pair([held("first", datetime(2026, 11, 14, 17, 0)), ahead])
    meeting = plan_next_meeting(pair, TODAY, CONTENT)
    assert meeting.id == ahead.id
    assert len(pair.meetings) == 2
    assert meeting.scheduled == datetime(2026, 11, 28, 17, 0)
    assert titles(meeting) == template_titles("needs_1")


def test_an_existing_agenda_is_kept_as_the_pair_left_it():
    ahead = Meeting(kind="regular", scheduled=datetime(2026, 11, 28, 17, 0),
                    agenda=[AgendaItem(title="Talk about the offer", minutes=30)])
    pair = make_pair([held("needs_2", datetime(2026, 11, 14, 17, 0)), ahead])
    meeting = plan_next_meeting(pair, TODAY, CONTENT)
    assert titles(meeting) == ["Talk about the offer"]


def test_a_missed_meeting_in_the_past_is_not_the_next_meeting():
    missed = Meeting(kind="first", scheduled=datetime(2026, 11, 20, 18, 0))
    pair = make_pair([missed])
    meeting = plan_next_meeting(pair, TODAY, CONTENT)
    assert meeting.id != missed.id
    assert len(pair.meetings) == 2
    assert meeting.scheduled.date() > TODAY
    assert missed.agenda == ()


def test_the_demo_pair_gets_its_open_action_items_on_the_next_agenda():
    pair = demo_pair(TODAY)
    meeting = plan_next_meeting(pair, TODAY, CONTENT)
    assert meeting.scheduled == datetime(2026, 11, 28, 18, 0)
    carried = [item.title for item in meeting.agenda if item.source == "action_item"]
    assert carried == [a.text for a in pair.action_items if a.status == "open"]
    assert len(carried) == 4
    review = titles(meeting).index("Review action items")
    assert titles(meeting)[review + 1:review + 5] == carried
    # no goal of the demo has a check-in due by the 28th that was not recorded
    assert "goal_checkin" not in sources(meeting)


# --- carrying in action items and goal check-ins ------------------------------------


def regular_pair_with_actions() -> tuple[Pair, Meeting, Meeting]:
    last = held("regular", datetime(2026, 11, 18, 18, 0))
    ahead = Meeting(kind="regular", scheduled=datetime(2026, 12, 2, 18, 0))
    pair = make_pair([last, ahead], stage=3, action_items=[
        ActionItem(text="Send the CV draft", owner="mentee", meeting_id=last.id),
        ActionItem(text="Introduce to Sam", owner="mentor", meeting_id=last.id, status="done",
                   done_on=date(2026, 11, 20)),
        ActionItem(text="Read the style guide", owner="mentee", meeting_id=last.id,
                   status="dropped"),
        ActionItem(text="Book a mock interview", owner="both", meeting_id=last.id),
        ActionItem(text="Agreed during the planning itself", owner="mentor",
                   meeting_id=ahead.id),
    ])
    return pair, last, ahead


def test_open_items_from_earlier_meetings_go_right_after_review_action_items():
    pair, _, ahead = regular_pair_with_actions()
    meeting = plan_next_meeting(pair, TODAY, CONTENT)
    assert meeting.id == ahead.id
    assert titles(meeting) == [
        "Check-in", "Review action items",
        "Send the CV draft", "Book a mock interview",
        "Priority topics", "Open conversation", "Next steps",
    ]
    carried = [item for item in meeting.agenda if item.source == "action_item"]
    assert [item.ref for item in carried] == [pair.action_items[0].id, pair.action_items[3].id]
    assert all(item.minutes == 2 for item in carried)


def test_done_dropped_and_the_meetings_own_items_are_not_carried():
    pair, _, _ = regular_pair_with_actions()
    meeting = plan_next_meeting(pair, TODAY, CONTENT)
    assert "Introduce to Sam" not in titles(meeting)
    assert "Read the style guide" not in titles(meeting)
    assert "Agreed during the planning itself" not in titles(meeting)


@pytest.mark.parametrize("kind", ["first", "needs_1", "needs_2", "closing"])
def test_without_a_review_item_carried_items_go_just_before_next_steps(kind):
    pair, _, ahead = regular_pair_with_actions()
    ahead.kind = kind
    meeting = plan_next_meeting(pair, TODAY, CONTENT)
    expected = template_titles(kind)
    expected[-1:-1] = ["Send the CV draft", "Book a mock interview"]
    assert titles(meeting) == expected


def goal(**fields) -> Goal:
    return Goal(**{"title": "Finish the portfolio", **fields})


@pytest.mark.parametrize(
    ("fields", "carried"),
    [
        ({"checkin_dates": [date(2026, 11, 20)]}, True),
        ({"checkin_dates": [date(2026, 12, 2)]}, True),  # on the meeting day itself
        ({"checkin_dates": [date(2026, 12, 3)]}, False),  # after the meeting
        ({"checkin_dates": []}, False),
        ({"checkin_dates": [date(2026, 11, 20)], "status": "achieved"}, False),
        ({"checkin_dates": [date(2026, 11, 20)], "status": "dropped"}, False),
        ({"checkin_dates": [date(2026, 11, 20)],
          "checkins": [CheckIn(on=date(2026, 11, 22), progress=30)]}, False),
        ({"checkin_dates": [date(2026, 11, 20)],
          "checkins": [CheckIn(on=date(2026, 11, 20), progress=30)]}, False),
        ({"checkin_dates": [date(2026, 11, 1), date(2026, 11, 20)],
          "checkins": [CheckIn(on=date(2026, 11, 3), progress=30)]}, True),
    ],
)
def test_a_goal_with_a_check_in_due_is_carried_in(fields, carried):
    target = goal(**fields)
    pair = make_pair([planned("regular")], stage=3, goals=[target])
    meeting = plan_next_meeting(pair, TODAY, CONTENT)
    checkins = [item for item in meeting.agenda if item.source == "goal_checkin"]
    if carried:
        assert [(i.title, i.ref, i.minutes) for i in checkins] == [
            ("Goal check-in: Finish the portfolio", target.id, 5)]
        assert titles(meeting).index("Goal check-in: Finish the portfolio") == 2
    else:
        assert checkins == []


def test_goal_check_ins_follow_the_carried_action_items_under_review():
    pair, _, _ = regular_pair_with_actions()
    pair.goals = [goal(checkin_dates=[date(2026, 11, 30)])]
    meeting = plan_next_meeting(pair, TODAY, CONTENT)
    assert titles(meeting)[1:6] == [
        "Review action items", "Send the CV draft", "Book a mock interview",
        "Goal check-in: Finish the portfolio", "Priority topics",
    ]


def test_carry_in_twice_gives_the_same_agenda():
    pair, _, ahead = regular_pair_with_actions()
    pair.goals = [goal(checkin_dates=[date(2026, 11, 30)])]
    plan_next_meeting(pair, TODAY, CONTENT)
    before = [item.model_dump() for item in ahead.agenda]
    carry_in(pair, ahead)
    carry_in(pair, ahead)
    assert [item.model_dump() for item in ahead.agenda] == before
    assert plan_next_meeting(pair, TODAY, CONTENT).agenda == ahead.agenda


def test_an_item_marked_done_since_is_taken_off_and_new_ones_come_in():
    pair, last, ahead = regular_pair_with_actions()
    plan_next_meeting(pair, TODAY, CONTENT)
    pair.action_items[0].status = "done"
    pair.action_items.append(ActionItem(text="Ask for a referral", owner="mentee",
                                        meeting_id=last.id))
    carry_in(pair, ahead)
    assert titles(ahead)[1:5] == [
        "Review action items", "Book a mock interview", "Ask for a referral", "Priority topics"]
    assert "Send the CV draft" not in titles(ahead)


def test_a_goal_checked_in_since_is_taken_off():
    target = goal(checkin_dates=[date(2026, 11, 20)])
    pair = make_pair([planned("regular")], stage=3, goals=[target])
    meeting = plan_next_meeting(pair, TODAY, CONTENT)
    assert "goal_checkin" in sources(meeting)
    target.checkins = [CheckIn(on=TODAY, progress=60)]
    carry_in(pair, meeting)
    assert "goal_checkin" not in sources(meeting)
    assert titles(meeting) == template_titles("regular")


def test_typed_items_survive_carry_in():
    pair, _, ahead = regular_pair_with_actions()
    plan_next_meeting(pair, TODAY, CONTENT)
    add_item(ahead, AgendaItem(title="Salary talk", minutes=10))
    pair.action_items[0].status = "done"
    carry_in(pair, ahead)
    assert "Salary talk" in titles(ahead)


# --- change_kind --------------------------------------------------------------------


def test_change_kind_swaps_the_template_and_keeps_everything_else():
    pair, _, ahead = regular_pair_with_actions()
    plan_next_meeting(pair, TODAY, CONTENT)
    typed = add_item(ahead, AgendaItem(title="Salary talk", minutes=10))
    starter = add_item(ahead, AgendaItem(title="What would you do differently?",
                                         source="starter", ref="closing-01"))
    change_kind(ahead, "closing", CONTENT)
    assert ahead.kind == "closing"
    assert [i.title for i in ahead.agenda if i.source == "template"] == template_titles("closing")
    assert titles(ahead)[-1] == "Next steps"
    kept = [i for i in ahead.agenda if i.source != "template"]
    assert [i.title for i in kept] == [
        "Send the CV draft", "Book a mock interview", "Salary talk",
        "What would you do differently?"]
    assert typed in kept and starter in kept
    assert ahead.agenda.index(kept[-1]) == len(ahead.agenda) - 2


def test_change_kind_back_to_regular_puts_carried_items_under_review_again():
    pair, _, ahead = regular_pair_with_actions()
    plan_next_meeting(pair, TODAY, CONTENT)
    add_item(ahead, AgendaItem(title="Salary talk", minutes=10))
    change_kind(ahead, "needs_2", CONTENT)
    change_kind(ahead, "regular", CONTENT)
    assert titles(ahead) == [
        "Check-in", "Review action items", "Send the CV draft", "Book a mock interview",
        "Priority topics", "Open conversation", "Salary talk", "Next steps"]


def test_change_kind_leaves_no_item_of_the_old_template():
    meeting = planned("needs_1")
    change_kind(meeting, "first", CONTENT)
    assert titles(meeting) == template_titles("first")


# --- add_item, move_item, planned_total ----------------------------------------------


def test_a_typed_item_goes_just_before_next_steps():
    meeting = planned("regular")
    first = add_item(meeting, AgendaItem(title="Salary talk", minutes=10))
    second = add_item(meeting, AgendaItem(title="Conference plans", minutes=5))
    assert titles(meeting)[-3:] == ["Salary talk", "Conference plans", "Next steps"]
    assert meeting.agenda[-3] is first and meeting.agenda[-2] is second


def test_without_next_steps_a_typed_item_goes_last():
    meeting = Meeting(scheduled=datetime(2026, 12, 2, 18, 0),
                      agenda=[AgendaItem(title="Only thing")])
    add_item(meeting, AgendaItem(title="Another"))
    assert titles(meeting) == ["Only thing", "Another"]


def test_move_item_moves_and_returns_the_new_index():
    meeting = planned("regular")
    assert move_item(meeting, 2, 1) == 3
    assert titles(meeting) == [
        "Check-in", "Review action items", "Open conversation", "Priority topics", "Next steps"]
    assert move_item(meeting, 3, -2) == 1
    assert titles(meeting) == [
        "Check-in", "Priority topics", "Review action items", "Open conversation", "Next steps"]


def test_move_item_clamps_at_the_top():
    meeting = planned("regular")
    assert move_item(meeting, 1, -5) == 0
    assert titles(meeting)[:2] == ["Review action items", "Check-in"]
    assert move_item(meeting, 0, -1) == 0
    assert titles(meeting)[:2] == ["Review action items", "Check-in"]


def test_move_item_clamps_at_the_bottom():
    meeting = planned("regular")
    last = len(meeting.agenda) - 1
    assert move_item(meeting, last, 1) == last
    assert titles(meeting) == template_titles("regular")
    assert move_item(meeting, 0, 99) == last
    assert titles(meeting)[-1] == "Check-in"
    assert len(meeting.agenda) == last + 1


def test_planned_total_sums_the_minutes():
    meeting = planned("regular")
    assert planned_total(meeting) == 45
    add_item(meeting, AgendaItem(title="Salary talk", minutes=12))
    assert planned_total(meeting) == 57
    assert planned_total(Meeting(scheduled=datetime(2026, 12, 2, 18, 0))) == 0


# --- checkin_due --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "by", "expected"),
    [
        ({}, date(2026, 12, 1), None),
        ({"checkin_dates": [date(2026, 12, 10)]}, date(2026, 12, 1), None),
        ({"checkin_dates": [date(2026, 12, 1)]}, date(2026, 12, 1), date(2026, 12, 1)),
        ({"checkin_dates": [date(2026, 12, 10), date(2026, 11, 10), date(2026, 11, 20)]},
         date(2026, 12, 1), date(2026, 11, 20)),
        ({"checkin_dates": [date(2026, 11, 20)],
          "checkins": [CheckIn(on=date(2026, 11, 20), progress=10)]}, date(2026, 12, 1), None),
        ({"checkin_dates": [date(2026, 11, 20)],
          "checkins": [CheckIn(on=date(2026, 11, 25), progress=10)]}, date(2026, 12, 1), None),
        ({"checkin_dates": [date(2026, 11, 20)],
          "checkins": [CheckIn(on=date(2026, 11, 19), progress=10)]},
         date(2026, 12, 1), date(2026, 11, 20)),
        ({"checkin_dates": [date(2026, 11, 1), date(2026, 11, 20)],
          "checkins": [CheckIn(on=date(2026, 11, 2), progress=10)]},
         date(2026, 12, 1), date(2026, 11, 20)),
        ({"checkin_dates": [date(2026, 11, 20)], "status": "achieved"}, date(2026, 12, 1), None),
        ({"checkin_dates": [date(2026, 11, 20)], "status": "revised"}, date(2026, 12, 1), date(2026, 11, 20)),
        ({"checkin_dates": [date(2026, 11, 20)], "status": "dropped"}, date(2026, 12, 1), None),
    ],
    ids=["no-dates", "only-later", "on-the-day", "latest-due", "checked-in-that-day",
         "checked-in-since", "checked-in-before", "earlier-checkin-only", "achieved",
         "revised-goes-on", "dropped"],
)
def test_checkin_due(fields, by, expected):
    assert checkin_due(goal(**fields), by) == expected
