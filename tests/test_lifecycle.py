"""The relationship's life as rules: where a pair is in its programme, the review point, the
stage the manuals' signs point to, closing and reopening, and what the next meeting's kind
means for the questions to prepare."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from mentortui.core.builtin_content import load_content
from mentortui.core.demo import demo_pair
from mentortui.core.export import pair_markdown
from mentortui.core.lifecycle import (
    add_review_starters,
    close_pair,
    continue_after_review,
    programme_position,
    reopen_pair,
    review_due,
    review_talk,
    suggested_stage,
)
from mentortui.core.models import AskedStarter, CheckIn, ClosingSummary, Goal, Meeting, Pair, Person
from mentortui.core.preparation import questions_to_prepare

from .conftest import TODAY


def new_pair(started_days_ago: int = 49, **fields) -> Pair:
    return Pair(mentor=Person(name="Dana"), mentee=Person(name="Priya"),
                started_on=TODAY - timedelta(days=started_days_ago), **fields)


def held(kind: str, days_ago: int) -> Meeting:
    start = datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time()).replace(hour=18)
    return Meeting(kind=kind, scheduled=start, started_at=start, ended_at=start + timedelta(minutes=45))


def planned(kind: str, days_ahead: int) -> Meeting:
    return Meeting(kind=kind, scheduled=datetime.combine(TODAY + timedelta(days=days_ahead),
                                                         datetime.min.time()).replace(hour=18))


def test_position_names_the_week_the_review_point_and_the_end():
    pair = new_pair(49, review_on=TODAY + timedelta(days=38), ends_on=date(2027, 5, 1))
    assert programme_position(pair, TODAY) == (
        "week 8 since the match on Wed 7 Oct · review point Sat 2 Jan 2027 (in 5 weeks) · "
        "ends Sat 1 May 2027 (in 5 months)")


def test_position_before_the_match_and_after_closing():
    assert programme_position(new_pair(-3), TODAY) == "matched from Sat 28 Nov (in 3 days)"
    pair = new_pair(70)
    close_pair(pair, ClosingSummary(), TODAY)
    assert programme_position(pair, TODAY) == "closed on Wed 25 Nov, after 11 weeks since the match on Wed 16 Sep"


def test_review_is_due_two_weeks_ahead_and_after_until_decided():
    assert not review_due(new_pair(review_on=TODAY + timedelta(days=15)), TODAY)
    assert review_due(new_pair(review_on=TODAY + timedelta(days=14)), TODAY)
    late = new_pair(review_on=TODAY - timedelta(days=20))
    assert review_due(late, TODAY)
    assert continue_after_review(late, TODAY) == date(2027, 2, 25)
    assert not review_due(late, TODAY)
    closing = new_pair(review_on=TODAY)
    close_pair(closing, ClosingSummary(), TODAY)
    assert not review_due(closing, TODAY)
    assert not review_due(new_pair(), TODAY)


def test_a_planned_closing_meeting_is_the_review_decided():
    pair = new_pair(review_on=TODAY, meetings=[planned("closing", 7)])
    assert not review_due(pair, TODAY)
    assert review_talk(pair, TODAY, load_content()) is None


def test_the_review_talk_is_open_then_on_the_next_agenda_then_asked():
    content = load_content()
    pair = new_pair(review_on=TODAY + timedelta(days=5))
    assert review_talk(pair, TODAY, content) == ("open", None)
    meeting = planned("regular", 3)
    pair.meetings.append(meeting)
    add_review_starters(pair, meeting, content)
    assert review_talk(pair, TODAY, content) == ("planned", TODAY + timedelta(days=3))
    meeting.agenda = []
    pair.asked = [AskedStarter(starter_id="review_point-01", on=TODAY - timedelta(days=1))]
    assert review_talk(pair, TODAY, content) == ("asked", TODAY - timedelta(days=1))


def test_questions_asked_at_an_earlier_review_point_are_asked_again_at_the_next():
    content = load_content()
    pair = new_pair(review_on=TODAY + timedelta(days=5))
    pair.asked = [AskedStarter(starter_id="review_point-01", on=TODAY - timedelta(days=90))]
    assert review_talk(pair, TODAY, content) == ("open", None)
    meeting = planned("regular", 3)
    pair.meetings.append(meeting)
    group = next(g for g in content.groups if g.id == "review_point")
    assert add_review_starters(pair, meeting, content) == len(group.questions)


def test_continuing_never_sets_a_review_point_past_the_programme_end():
    pair = new_pair(review_on=TODAY, ends_on=TODAY + timedelta(days=30))
    assert continue_after_review(pair, TODAY) == TODAY + timedelta(days=30)


def test_stage_two_needs_the_first_meeting_held_and_the_agreement_recorded():
    pair = new_pair(meetings=[held("first", 7)])
    assert suggested_stage(pair) is None
    pair.expectations.agreed_on = TODAY - timedelta(days=7)
    assert suggested_stage(pair) == (2, "the first meeting was held and the agreement recorded")
    pair.stage = 2
    assert suggested_stage(pair) is None


def test_needs_meetings_held_stay_in_stage_two_until_goals_are_worked():
    pair = new_pair(stage=2, meetings=[held("first", 35), held("needs_1", 21), held("needs_2", 7)])
    goal = Goal(title="Portfolio")
    pair.goals.append(goal)
    assert suggested_stage(pair) is None
    goal.checkins = (*goal.checkins, CheckIn(on=TODAY, progress=20))
    assert suggested_stage(pair) == (3, "goals are being worked, with check-ins")
    goal.status = "dropped"
    assert suggested_stage(pair) is None


def test_a_planned_closing_meeting_points_to_stage_four_and_a_closed_pair_to_nothing():
    pair = new_pair(stage=3, meetings=[planned("closing", 7)])
    assert suggested_stage(pair) == (4, "a closing meeting is planned")
    close_pair(pair, ClosingSummary(), TODAY)
    assert suggested_stage(pair) is None


def test_close_and_reopen_keep_the_answers():
    pair = new_pair(meetings=[held("closing", 0), planned("regular", 14)])
    close_pair(pair, ClosingSummary(takes_forward="Asking for feedback early"), TODAY)
    assert pair.is_closed and pair.closed_on == TODAY and pair.stage == 4
    assert [m.kind for m in pair.meetings] == ["closing"]  # nothing planned after the closure
    reopen_pair(pair)
    assert not pair.is_closed
    assert pair.closing is not None and pair.closing.takes_forward == "Asking for feedback early"


def test_review_starters_go_on_the_agenda_once():
    content = load_content()
    pair = new_pair(stage=3)
    meeting = planned("regular", 7)
    pair.meetings.append(meeting)
    group = next(g for g in content.groups if g.id == "review_point")
    assert 5 <= len(group.questions) <= 8
    assert add_review_starters(pair, meeting, content) == len(group.questions)
    assert add_review_starters(pair, meeting, content) == 0
    assert {item.ref for item in meeting.agenda if item.source == "starter"} == {q.id for q in group.questions}


def test_a_stage_one_pair_preparing_needs_two_gets_that_meetings_questions():
    content = load_content()
    pair = new_pair(meetings=[held("first", 28), held("needs_1", 14)])
    found = questions_to_prepare(pair, content, "mentor", planned("needs_2", 3), limit=100)
    needs_2 = {q.id for q in next(g for g in content.groups if g.id == "needs_2").questions if q.asker != "mentee"}
    assert needs_2 <= {q.id for q in found}
    assert len(needs_2) >= 13


def test_the_pair_report_of_a_closed_pair_has_its_closing_summary():
    pair = demo_pair(TODAY)
    close_pair(pair, ClosingSummary(goals_reached="- Portfolio\n- Interviews", eval_recommend="Yes | <b>x</b>"),
               TODAY)
    report = pair_markdown(pair, TODAY)
    section = report.split("## Closing summary", 1)[1].split("\n## ", 1)[0]
    assert "Closed on Wed 25 Nov 2026." in section
    assert "### Which goals were reached, and what moved on the others?\n\n- Portfolio\n- Interviews" in section
    assert "<b>" not in section
    assert section.count("Not answered.") == 6
    assert "## Closing summary" not in pair_markdown(demo_pair(TODAY), TODAY)
