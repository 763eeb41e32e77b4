"""Goal review as the manuals define it (issue 14, point 12): a Measurable may name evidence
instead of a number, the Time-bound text must agree with the complete-by date, a
short-term goal names the long-term goal it serves, and a moved complete-by date offers
to spread the check-ins again. TODAY is Wed 25 Nov 2026."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.widgets import Static

from mentortui.core.demo import demo_pair
from mentortui.core.export import pair_markdown
from mentortui.core.models import Goal, Pair, Person
from mentortui.core.smart_goals import Finding, respread_checkins, review_goal
from mentortui.core.time_bound import disagreement
from mentortui.dialogs.confirm import ConfirmScreen

from .conftest import TODAY
from .test_app import settle, type_text
from .test_prepare_screens import open_pair, saved


def goal_rules(**overrides) -> list[str]:
    fields = dict(title="Speak at the team meeting", specific="Present one project to the whole team",
                  measurable="3 people give written feedback", achievable="One rehearsal with the mentor first",
                  relevant="Presenting is half the analyst job", time_bound="Given by the end of February",
                  complete_by=date(2027, 2, 26))
    goal = Goal(**(fields | overrides))
    pair = Pair(mentor=Person(name="Ada"), mentee=Person(name="Ben"), started_on=date(2026, 9, 1), goals=[goal])
    return [finding.rule for finding in review_goal(goal, pair, TODAY)]


@pytest.mark.parametrize("measurable", [
    "Feedback from the team lead after the talk",
    "The write-up reviewed by Dana and published",
    "Able to run the weekly stand-up alone",
    "Certificate passed at the first try",
])
def test_measurable_naming_evidence_is_enough(measurable):
    assert "measurable:no-evidence" not in goal_rules(measurable=measurable)


@pytest.mark.parametrize("measurable", ["Feel more confident in meetings", "Understand SQL much better"])
def test_measurable_with_neither_number_nor_evidence_is_flagged(measurable):
    assert "measurable:no-evidence" in goal_rules(measurable=measurable)


@pytest.mark.parametrize(("text", "complete_by"), [
    ("All three by the end of February", date(2027, 2, 26)),
    ("Talk given on 12 March", date(2027, 3, 12)),
    ("Done by Mar 12th, 2027", date(2027, 3, 12)),
    ("Finished 2027-01-15 at the latest", date(2027, 1, 15)),
    ("Draft in January, all three by mid-February", date(2027, 2, 14)),
    ("Before March, whatever happens", date(2027, 2, 20)),
    ("As soon as we may, no month named", date(2027, 5, 3)),
])
def test_time_bound_agreeing_with_the_complete_by_date(text, complete_by):
    assert disagreement(text, complete_by) is None


@pytest.mark.parametrize(("text", "complete_by", "words"), [
    ("All three online by the end of February.", date(2027, 2, 9), "end of February"),
    ("Talk given on 12 March", date(2027, 3, 19), "12 March"),
    ("Finished in April", date(2027, 5, 1), "April"),
    ("Early June", date(2027, 6, 20), "Early June"),
])
def test_time_bound_disagreeing_names_its_words(text, complete_by, words):
    assert disagreement(text, complete_by) == words


def test_review_says_what_the_time_bound_says_against_the_date():
    assert "time-bound:disagrees" not in goal_rules()
    goal = Goal(title="Portfolio", time_bound="All three online by the end of February.",
                complete_by=date(2027, 2, 9), measurable="3 projects")
    pair = Pair(mentor=Person(name="Ada"), mentee=Person(name="Ben"), started_on=date(2026, 9, 1), goals=[goal])
    assert Finding("time-bound:disagrees", "Time-bound says \u201cend of February\u201d but the complete-by date "
                   "is Tue 9 Feb: make them agree.") in review_goal(goal, pair, TODAY)


@pytest.mark.parametrize("today", [TODAY, TODAY + timedelta(days=100), date(2027, 6, 30)])
def test_the_demo_goals_agree_with_their_dates_whatever_the_day(today):
    pair = demo_pair(today)
    for goal in pair.goals:
        assert goal.complete_by is not None and disagreement(goal.time_bound, goal.complete_by) is None


def test_respread_keeps_past_checkins_and_spreads_the_rest():
    planned = [date(2026, 10, 28), date(2026, 12, 5), date(2027, 1, 9)]
    assert respread_checkins(planned, TODAY, date(2027, 4, 30)) == [
        date(2026, 10, 28), date(2027, 2, 11), date(2027, 4, 30)]
    # Every planned one already past: one more, on the new date.
    assert respread_checkins([date(2026, 11, 1)], TODAY, date(2026, 12, 25)) == [
        date(2026, 11, 1), date(2026, 12, 25)]


def details(app) -> str:
    return str(app.screen.query_one("#details", Static).render())


async def test_short_term_goal_serves_a_long_term_one(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "g")
        assert "serves:" not in details(app)
        await pilot.press("e")  # the portfolio goal, short term
        await settle(app, pilot)
        await pilot.click("#serves")
        await pilot.press("down", "down", "enter")  # past "no long-term goal" to the talk
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "serves: Present to a non-technical audience" in details(app)
        await saved(app, pilot)
    pair = store.load(demo_slug)
    assert pair.goals[0].serves == pair.goals[2].id
    assert "- Serves: Present to a non-technical audience" in pair_markdown(pair, TODAY)


async def test_moving_complete_by_offers_to_spread_the_checkins_again(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "g")
        await pilot.press("e")
        await settle(app, pilot)
        await pilot.click("#complete-by")
        await pilot.press("home", "shift+end")
        await type_text(pilot, "2027-04-30")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Those already past stay" in str(app.screen.query_one("#message", Static).render())
        await pilot.press("enter")
        await settle(app, pilot)
        assert "planned: Wed 28 Oct, Thu 11 Feb 2027, Fri 30 Apr 2027" in details(app)
        await saved(app, pilot)
    goal = store.load(demo_slug).goals[0]
    assert goal.complete_by == date(2027, 4, 30)
    assert goal.checkin_dates == (date(2026, 10, 28), date(2027, 2, 11), date(2027, 4, 30))
