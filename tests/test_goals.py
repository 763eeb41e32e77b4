"""SMART goal review rules, proposed check-in dates, check-ins and revisions
(``mentortui.core.smart_goals``). TODAY is Wed 25 Nov 2026."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mentortui.core.models import ActionItem, CheckIn, Goal, GoalVersion, Pair, Person
from mentortui.core.smart_goals import (
    Finding,
    missed_checkins,
    next_checkin,
    propose_checkins,
    record_checkin,
    review_goal,
    review_pair,
    revise,
)
from tests.conftest import TODAY

GOOD_FIELDS = {
    "specific": "Publish three data projects with a write-up each",
    "measurable": "3 projects online, each reviewed once",
    "achievable": "One project a month, two evenings a week",
    "relevant": "Employers in analytics ask to see work",
    "time_bound": "All three by the end of February",
}

HINTS = {
    "specific": "What exactly will be done?",
    "measurable": "How will you both know it is done? Give a number or a result you can see.",
    "achievable": "With what time, help and resources?",
    "relevant": "Why does it matter for the path you are on?",
    "time_bound": "By when, and what are the steps on the way?",
}
NAMES = {
    "specific": "Specific",
    "measurable": "Measurable",
    "achievable": "Achievable",
    "relevant": "Relevant",
    "time_bound": "Time-bound",
}
# Two words each: too short, but the Measurable one has a number.
SHORT_FIELDS = {
    "specific": "Learn SQL",
    "measurable": "3 projects",
    "achievable": "Evenings free",
    "relevant": "Career change",
    "time_bound": "By February",
}
# Exactly three words: just long enough.
THREE_WORD_FIELDS = {
    "specific": "Learn SQL joins",
    "measurable": "3 projects online",
    "achievable": "Two evenings weekly",
    "relevant": "Analyst jobs need",
    "time_bound": "By end February",
}

NO_NUMBER_MESSAGE = (
    "Measurable names no number and no sign you could see: say how much or how many, "
    "or what will show it (feedback, a review, something published or passed), "
    "e.g. \u201c3 projects online, each reviewed once by the mentor\u201d."
)
# A Time-bound naming no date, so moving the complete-by date leaves it agreeing.
UNDATED = "All three, one step each month"
MISSING_DATE = Finding("complete-by:missing", "No complete-by date: agree when it should be done.")
PAST_DATE = Finding("complete-by:past",
                    "The complete-by date has passed: mark it achieved, or revise it with a new date.")
NO_ACTIONS = Finding("actions:none", "No open action item serves this goal: agree a next step.")


def make_goal(**overrides) -> Goal:
    """A goal with nothing to find on TODAY: every field filled, a check-in recorded the
    day before the planned one that has passed, and the later planned check-ins ahead."""
    fields = dict(
        id="g1",
        title="Build a portfolio of data projects",
        **GOOD_FIELDS,
        complete_by=date(2027, 2, 26),
        checkin_dates=[date(2026, 11, 18), date(2026, 12, 23), date(2027, 1, 27)],
        checkins=[CheckIn(on=date(2026, 11, 17), progress=30, note="First project online.")],
    )
    fields.update(overrides)
    return Goal(**fields)


def open_item(goal_id: str | None = "g1", **overrides) -> ActionItem:
    fields = dict(text="Write up the forecast project", owner="mentee", due=date(2026, 12, 2),
                  goal_id=goal_id)
    fields.update(overrides)
    return ActionItem(**fields)


def make_pair(goals: list[Goal] = (), items: list[ActionItem] | None = None) -> Pair:
    return Pair(
        mentor=Person(name="Ada Mentor"),
        mentee=Person(name="Ben Mentee"),
        started_on=date(2026, 9, 1),
        goals=list(goals),
        action_items=[open_item()] if items is None else items,
    )


def review(goal: Goal, items: list[ActionItem] | None = None, today: date = TODAY) -> list[Finding]:
    return review_goal(goal, make_pair([goal], items), today)


def rules(findings: list[Finding]) -> list[str]:
    return [finding.rule for finding in findings]


# --- A goal with nothing to find -------------------------------------------------------------


def test_today_is_a_wednesday():
    assert TODAY.strftime("%A") == "Wednesday"


def test_fully_filled_goal_with_open_item_and_fresh_checkins_is_ready():
    assert review(make_goal()) == []


def test_bare_goal_lists_every_missing_part_in_order():
    goal = Goal(id="g1", title="Get a job in data")
    assert rules(review(goal, items=[])) == [
        "empty:specific", "empty:measurable", "empty:achievable", "empty:relevant",
        "empty:time_bound", "complete-by:missing", "actions:none",
    ]


# --- Empty fields ------------------------------------------------------------------------------


@pytest.mark.parametrize("field", list(GOOD_FIELDS))
def test_empty_field_fires_naming_the_field_and_the_question_to_answer(field):
    findings = review(make_goal(**{field: ""}))
    assert findings == [Finding(f"empty:{field}", f"{NAMES[field]} is empty. {HINTS[field]}")]


@pytest.mark.parametrize("field", list(GOOD_FIELDS))
def test_whitespace_only_field_counts_as_empty(field):
    assert rules(review(make_goal(**{field: "  \n\t "}))) == [f"empty:{field}"]


@pytest.mark.parametrize("field", list(GOOD_FIELDS))
def test_empty_field_once_filled_no_longer_fires(field):
    broken = make_goal(**{field: ""})
    assert rules(review(broken)) == [f"empty:{field}"]
    setattr(broken, field, GOOD_FIELDS[field])
    assert review(broken) == []


# --- Very short fields -------------------------------------------------------------------------


@pytest.mark.parametrize("field", list(GOOD_FIELDS))
def test_two_word_field_fires_as_very_short(field):
    findings = review(make_goal(**{field: SHORT_FIELDS[field]}))
    assert findings == [Finding(f"short:{field}", f"{NAMES[field]} is very short. {HINTS[field]}")]


@pytest.mark.parametrize("field", list(GOOD_FIELDS))
def test_one_word_field_fires_as_very_short(field):
    word = "5" if field == "measurable" else "Soon"
    assert rules(review(make_goal(**{field: word}))) == [f"short:{field}"]


@pytest.mark.parametrize("field", list(GOOD_FIELDS))
def test_short_field_grown_to_three_words_no_longer_fires(field):
    goal = make_goal(**{field: SHORT_FIELDS[field]})
    assert rules(review(goal)) == [f"short:{field}"]
    setattr(goal, field, THREE_WORD_FIELDS[field])
    assert review(goal) == []


# --- Measurable without a number ------------------------------------------------------------


def test_measurable_without_a_number_fires_with_an_example():
    findings = review(make_goal(measurable="get better at SQL"))
    assert findings == [Finding("measurable:no-evidence", NO_NUMBER_MESSAGE)]


@pytest.mark.parametrize("text", [
    "get better at SQL",
    "someone reviews my work",   # "one" inside a word is not a count
    "review the code often",     # nor is "ten" inside "often"
    "Be much more confident presenting",
])
def test_measurable_texts_without_a_count_fire(text):
    assert "measurable:no-evidence" in rules(review(make_goal(measurable=text)))


@pytest.mark.parametrize("text", [
    "3 projects",
    "twice a week",
    "50%",
    "three projects published online",
    "Weekly practice with the mentor",
    "At least TEN interviews held",
    "half the chapters read",
    "one talk given to the team",
])
def test_measurable_texts_with_a_count_do_not_fire(text):
    assert "measurable:no-evidence" not in rules(review(make_goal(measurable=text)))


def test_measurable_given_a_number_no_longer_fires():
    goal = make_goal(measurable="get better at SQL")
    assert rules(review(goal)) == ["measurable:no-evidence"]
    goal.measurable = "get better at SQL: 20 exercises solved"
    assert review(goal) == []


def test_empty_measurable_is_only_reported_as_empty():
    assert rules(review(make_goal(measurable=""))) == ["empty:measurable"]


# --- Complete-by date -------------------------------------------------------------------------


def test_missing_complete_by_fires():
    assert review(make_goal(complete_by=None)) == [MISSING_DATE]


def test_missing_complete_by_once_set_no_longer_fires():
    goal = make_goal(complete_by=None)
    assert review(goal) == [MISSING_DATE]
    goal.complete_by = date(2027, 2, 26)
    assert review(goal) == []


def test_complete_by_yesterday_fires_for_active_goal():
    assert review(make_goal(time_bound=UNDATED, complete_by=date(2026, 11, 24))) == [PAST_DATE]


def test_complete_by_today_has_not_passed():
    assert review(make_goal(time_bound=UNDATED, complete_by=TODAY)) == []


def test_complete_by_past_fires_for_revised_goal():
    assert review(make_goal(time_bound=UNDATED, complete_by=date(2026, 11, 1), status="revised")) == [PAST_DATE]


@pytest.mark.parametrize("status", ["achieved", "dropped"])
def test_complete_by_past_does_not_fire_for_closed_goal(status):
    goal = make_goal(time_bound=UNDATED, complete_by=date(2026, 11, 1), status=status)
    assert "complete-by:past" not in rules(review(goal))
    assert review(goal) == []


def test_complete_by_past_moved_to_a_new_date_no_longer_fires():
    goal = make_goal(time_bound=UNDATED, complete_by=date(2026, 11, 20))
    assert review(goal) == [PAST_DATE]
    goal.complete_by = date(2027, 3, 31)
    assert review(goal) == []


def test_complete_by_past_goal_marked_achieved_no_longer_fires():
    goal = make_goal(time_bound=UNDATED, complete_by=date(2026, 11, 20))
    assert review(goal) == [PAST_DATE]
    goal.status = "achieved"
    assert review(goal) == []


# --- Missed check-ins -------------------------------------------------------------------------


def test_passed_checkin_without_any_checkin_fires_with_its_date():
    goal = make_goal(checkins=[])
    assert review(goal) == [Finding(
        "checkin:missed",
        "The check-in planned for Wed 18 Nov has no progress recorded: record a check-in.",
    )]
    assert missed_checkins(goal, TODAY) == [date(2026, 11, 18)]


def test_missed_checkin_once_recorded_after_the_planned_date_no_longer_fires():
    goal = make_goal(checkins=[])
    assert rules(review(goal)) == ["checkin:missed"]
    record_checkin(goal, date(2026, 11, 20), 35, "Caught up.")
    assert review(goal) == []


def test_checkin_exactly_a_week_before_the_planned_date_counts():
    goal = make_goal(checkins=[CheckIn(on=date(2026, 11, 11), progress=20)])
    assert review(goal) == []


def test_checkin_eight_days_before_the_planned_date_does_not_count():
    goal = make_goal(checkins=[CheckIn(on=date(2026, 11, 10), progress=20)])
    assert rules(review(goal)) == ["checkin:missed"]


def test_checkin_on_the_planned_date_counts():
    goal = make_goal(checkins=[CheckIn(on=date(2026, 11, 18), progress=20)])
    assert review(goal) == []


def test_checkin_long_after_the_planned_date_counts():
    goal = make_goal(checkin_dates=[date(2026, 10, 1), date(2027, 1, 27)],
                     checkins=[CheckIn(on=date(2026, 11, 24), progress=20)])
    assert review(goal) == []


def test_each_passed_checkin_without_progress_fires_in_date_order():
    goal = make_goal(checkin_dates=[date(2026, 11, 4), date(2026, 11, 18), date(2027, 1, 27)],
                     checkins=[CheckIn(on=date(2026, 10, 1), progress=10)])
    findings = review(goal)
    assert rules(findings) == ["checkin:missed", "checkin:missed"]
    assert "Wed 04 Nov" in findings[0].message
    assert "Wed 18 Nov" in findings[1].message


def test_checkin_planned_for_today_does_not_fire_yet():
    goal = make_goal(checkin_dates=[TODAY, date(2027, 1, 27)], checkins=[])
    assert review(goal) == []
    assert missed_checkins(goal, TODAY) == []


def test_future_planned_checkins_do_not_fire():
    goal = make_goal(checkin_dates=[date(2026, 11, 26), date(2026, 12, 23)], checkins=[])
    assert review(goal) == []


@pytest.mark.parametrize("status", ["achieved", "dropped"])
def test_missed_checkin_does_not_fire_for_closed_goal(status):
    goal = make_goal(checkins=[], status=status)
    assert missed_checkins(goal, TODAY) == []
    assert review(goal) == []


def test_missed_checkin_fires_for_revised_goal():
    goal = make_goal(checkins=[], status="revised")
    assert rules(review(goal)) == ["checkin:missed"]


# --- No open action item -------------------------------------------------------------------


def test_active_goal_without_any_action_item_fires():
    assert review(make_goal(), items=[]) == [NO_ACTIONS]


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_closed_action_items_of_the_goal_do_not_count(status):
    items = [open_item(status=status, done_on=date(2026, 11, 20) if status == "done" else None)]
    assert review(make_goal(), items=items) == [NO_ACTIONS]


def test_open_item_of_another_goal_does_not_count():
    assert review(make_goal(), items=[open_item(goal_id="g2")]) == [NO_ACTIONS]


def test_open_item_without_a_goal_does_not_count():
    assert review(make_goal(), items=[open_item(goal_id=None)]) == [NO_ACTIONS]


def test_goal_given_an_open_item_no_longer_fires():
    goal = make_goal()
    pair = make_pair([goal], items=[open_item(status="done", done_on=date(2026, 11, 20))])
    assert review_goal(goal, pair, TODAY) == [NO_ACTIONS]
    pair.action_items.append(open_item(text="Start the second project"))
    assert review_goal(goal, pair, TODAY) == []


def test_revised_goal_without_open_item_fires():
    assert review(make_goal(status="revised"), items=[]) == [NO_ACTIONS]


@pytest.mark.parametrize("status", ["achieved", "dropped"])
def test_closed_goal_needs_no_open_item(status):
    assert review(make_goal(status=status), items=[]) == []


# --- Too many active goals -------------------------------------------------------------------


def goals_with(*statuses: str) -> list[Goal]:
    return [make_goal(id=f"g{n}", title=f"Goal {n}", status=status)
            for n, status in enumerate(statuses, start=1)]


def test_four_active_goals_fire():
    pair = make_pair(goals_with("active", "active", "active", "active"))
    assert review_pair(pair) == [
        Finding("goals:too-many", "4 active goals: one to three keep the work focused.")]


def test_five_active_goals_say_five():
    pair = make_pair(goals_with(*["active"] * 5))
    assert [f.message for f in review_pair(pair)] == [
        "5 active goals: one to three keep the work focused."]


def test_three_active_goals_do_not_fire():
    assert review_pair(make_pair(goals_with("active", "active", "active"))) == []


def test_no_goals_do_not_fire():
    assert review_pair(make_pair([])) == []


def test_a_revised_goal_counts_as_active():
    pair = make_pair(goals_with("active", "active", "active", "revised"))
    assert rules(review_pair(pair)) == ["goals:too-many"]
    assert "4 active goals" in review_pair(pair)[0].message


def test_achieved_and_dropped_goals_do_not_count():
    pair = make_pair(goals_with("active", "active", "active", "achieved", "dropped"))
    assert review_pair(pair) == []


def test_too_many_goals_fixed_by_dropping_one():
    pair = make_pair(goals_with("active", "revised", "active", "active"))
    assert rules(review_pair(pair)) == ["goals:too-many"]
    pair.goals[1].status = "dropped"
    assert review_pair(pair) == []


# --- Proposed check-in dates -----------------------------------------------------------------


def test_three_checkins_spread_evenly_to_the_complete_by_date():
    assert propose_checkins(TODAY, date(2027, 2, 23)) == [
        date(2026, 12, 25), date(2027, 1, 24), date(2027, 2, 23)]


def test_proposed_checkins_over_an_uneven_span_round_and_end_on_complete_by():
    proposed = propose_checkins(TODAY, date(2026, 12, 5))
    assert proposed == [date(2026, 11, 28), date(2026, 12, 2), date(2026, 12, 5)]


@pytest.mark.parametrize("complete_by", [date(2026, 12, 1), date(2027, 1, 31), date(2027, 11, 25)])
def test_proposed_checkins_are_three_ascending_after_today_ending_on_complete_by(complete_by):
    proposed = propose_checkins(TODAY, complete_by)
    assert len(proposed) == 3
    assert proposed[-1] == complete_by
    assert TODAY < proposed[0] < proposed[1] < proposed[2]


def test_proposed_checkins_with_another_count():
    assert propose_checkins(TODAY, date(2027, 1, 4), count=4) == [
        date(2026, 12, 5), date(2026, 12, 15), date(2026, 12, 25), date(2027, 1, 4)]


def test_complete_by_today_proposes_today_once():
    assert propose_checkins(TODAY, TODAY) == [TODAY]


def test_complete_by_in_the_past_proposes_today_once():
    assert propose_checkins(TODAY, date(2026, 10, 1)) == [TODAY]


def test_a_short_span_proposes_no_date_twice():
    assert propose_checkins(TODAY, TODAY + timedelta(days=2)) == [
        TODAY + timedelta(days=1), TODAY + timedelta(days=2)]


# --- Next check-in -----------------------------------------------------------------------------


def test_next_checkin_is_the_earliest_planned_from_today_on():
    goal = make_goal(checkin_dates=[date(2027, 1, 27), date(2026, 11, 18), date(2026, 12, 23)])
    assert next_checkin(goal, TODAY) == date(2026, 12, 23)


def test_next_checkin_planned_for_today_is_today():
    goal = make_goal(checkin_dates=[date(2026, 11, 18), TODAY, date(2026, 12, 23)])
    assert next_checkin(goal, TODAY) == TODAY


def test_no_next_checkin_when_all_have_passed():
    goal = make_goal(checkin_dates=[date(2026, 11, 4), date(2026, 11, 24)])
    assert next_checkin(goal, TODAY) is None


def test_no_next_checkin_when_none_planned():
    assert next_checkin(make_goal(checkin_dates=[]), TODAY) is None


# --- Recording check-ins ---------------------------------------------------------------------


def test_record_checkin_returns_it_and_keeps_checkins_sorted_by_date():
    goal = make_goal(checkins=[CheckIn(on=date(2026, 11, 10), progress=20),
                               CheckIn(on=date(2026, 11, 24), progress=50)])
    recorded = record_checkin(goal, date(2026, 11, 17), 35, "Second dataset found.")
    assert (recorded.on, recorded.progress, recorded.note) == (date(2026, 11, 17), 35,
                                                               "Second dataset found.")
    assert [c.on for c in goal.checkins] == [date(2026, 11, 10), date(2026, 11, 17),
                                             date(2026, 11, 24)]
    assert [c.progress for c in goal.checkins] == [20, 35, 50]
    assert goal.progress == 50
    assert goal.status == "active"


def test_progress_is_the_latest_checkins():
    goal = make_goal(checkins=[CheckIn(on=date(2026, 11, 10), progress=20)])
    record_checkin(goal, TODAY, 60, "Two projects up.")
    assert goal.progress == 60
    assert goal.checkins[-1].note == "Two projects up."


def test_progress_after_a_setback_is_the_latest_not_the_highest():
    goal = make_goal(checkins=[CheckIn(on=date(2026, 11, 10), progress=50)])
    record_checkin(goal, date(2026, 11, 24), 40, "One project taken down to redo.")
    assert goal.progress == 40


def test_backdated_checkin_goes_before_later_ones_and_leaves_progress_alone():
    goal = make_goal(checkins=[CheckIn(on=date(2026, 11, 24), progress=40)])
    record_checkin(goal, date(2026, 11, 3), 70, "Forgot to record this one.")
    assert [(c.on, c.progress) for c in goal.checkins] == [(date(2026, 11, 3), 70),
                                                           (date(2026, 11, 24), 40)]
    assert goal.progress == 40


def test_progress_without_checkins_is_zero():
    assert make_goal(checkins=[]).progress == 0


def test_progress_below_100_leaves_the_goal_active():
    goal = make_goal()
    record_checkin(goal, TODAY, 99, "Nearly there.")
    assert goal.status == "active"
    assert goal.is_active


def test_checkin_at_100_marks_the_goal_achieved():
    goal = make_goal()
    record_checkin(goal, TODAY, 100, "All three online.")
    assert goal.status == "achieved"
    assert not goal.is_active
    assert goal.progress == 100


def test_checkin_at_100_marks_a_revised_goal_achieved():
    goal = make_goal(status="revised")
    record_checkin(goal, TODAY, 100, "Done.")
    assert goal.status == "achieved"


def test_checkin_at_100_leaves_a_dropped_goal_dropped():
    goal = make_goal(status="dropped")
    record_checkin(goal, TODAY, 100, "Done after all.")
    assert goal.status == "dropped"


# --- Revising ------------------------------------------------------------------------------


def test_revise_keeps_the_old_wording_and_date_in_history():
    goal = make_goal()
    revise(goal, TODAY)
    assert list(goal.history) == [GoalVersion(
        revised_on=TODAY, title="Build a portfolio of data projects",
        complete_by=date(2027, 2, 26), **GOOD_FIELDS,
    )]
    assert goal.status == "revised"
    assert goal.is_active


def test_history_keeps_the_old_wording_after_the_goal_is_edited():
    goal = make_goal()
    revise(goal, TODAY)
    goal.title = "Build a portfolio of two data projects"
    goal.measurable = "2 projects online"
    goal.complete_by = date(2027, 3, 31)
    old = goal.history[0]
    assert old.title == "Build a portfolio of data projects"
    assert old.measurable == "3 projects online, each reviewed once"
    assert old.complete_by == date(2027, 2, 26)
    assert goal.measurable == "2 projects online"


def test_revising_twice_appends_a_second_version():
    goal = make_goal()
    revise(goal, date(2026, 11, 11))
    goal.complete_by = date(2027, 3, 31)
    revise(goal, TODAY)
    assert [(v.revised_on, v.complete_by) for v in goal.history] == [
        (date(2026, 11, 11), date(2027, 2, 26)), (TODAY, date(2027, 3, 31))]
    assert goal.status == "revised"


def test_revised_goal_is_still_reviewed_as_active():
    goal = make_goal()
    revise(goal, TODAY)
    assert review(goal) == []
    assert review(goal, items=[]) == [NO_ACTIONS]
