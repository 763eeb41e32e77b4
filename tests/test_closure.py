"""A relationship's end and its stages, driven as a mentor does: the closing meeting ends with the
closing summary and closes the pair; a closed pair is read-only, listed apart and reopened from
the palette; the stage is changed from the pair home; the review point's questions go on the
agenda; and the Before next questions follow the next meeting's kind."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from textual.widgets import Static, TextArea

from mentortui.core.builtin_content import load_content
from mentortui.core.demo import demo_pair
from mentortui.core.lifecycle import close_pair
from mentortui.core.models import AskedStarter, ClosingSummary, Meeting, Pair, Person
from mentortui.core.planning import template_items
from mentortui.dialogs.choice import ChoiceScreen
from mentortui.dialogs.closing import ClosingScreen
from mentortui.listing import format_listings
from mentortui.screens.before_next import BeforeNextScreen
from mentortui.screens.pair_home import PairHomeScreen

from .conftest import TODAY
from .test_app import settle, type_text
from .test_prepare_screens import open_end_meeting, open_pair, rows, saved


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def told(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def run_command(app, pilot, words: str) -> None:
    await pilot.press("ctrl+p")
    await settle(app, pilot)
    await type_text(pilot, words)
    await settle(app, pilot)
    await pilot.press("enter")
    await settle(app, pilot)


def closing_demo() -> Pair:
    """The demo pair, its next meeting the closing one and its portfolio goal reached."""
    pair = demo_pair(TODAY)
    upcoming = pair.next_meeting(TODAY)
    upcoming.kind = "closing"
    upcoming.agenda = template_items(load_content().templates["closing"])
    pair.goals[0].status = "achieved"
    return pair


async def closed_home_refuses_a_meeting(app, pilot, closed_on: str) -> None:
    """On the pair home of a pair closed on ``closed_on``: said prominently, no warning, and
    m starts nothing."""
    assert isinstance(app.screen, PairHomeScreen)
    assert shown(app, "#closed").startswith(f"Closed on {closed_on}: read-only")
    assert not app.screen.query("#warning")
    await pilot.press("m")
    await settle(app, pilot)
    assert isinstance(app.screen, PairHomeScreen)
    assert "This pair is closed: reopen it" in told(app)


async def test_the_closing_meeting_ends_with_the_summary_and_closes_the_pair(make_app, store):
    slug = store.create(closing_demo())
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_end_meeting(app, pilot)
        assert not app.screen.query("#next")
        assert "this is the closing meeting" in shown(app, "#no-next")
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        assert isinstance(app.screen, ClosingScreen)
        assert app.screen.query_one("#goals_reached", TextArea).text == "- Build a portfolio of three data projects"
        await pilot.press("tab")
        await type_text(pilot, "Lead with the question, not the method")
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        await closed_home_refuses_a_meeting(app, pilot, "Wed 25 Nov")
        await pilot.press("g", "n")
        await settle(app, pilot)
        assert not isinstance(app.screen, PairHomeScreen) and app.screen.pair.goals == store.load(slug).goals
        await pilot.press("escape")
        await saved(app, pilot)

        pair = store.load(slug)
        assert pair.closed_on == TODAY and pair.closing.takes_forward == "Lead with the question, not the method"
        assert [m for m in pair.meetings if not m.is_held] == []  # no next closing meeting planned

        store.create(demo_pair(TODAY).model_copy(update={"mentee": Person(name="Alex Open")}))
        await pilot.press("escape")
        await settle(app, pilot)
        listed = rows(app, "#pairs")
        assert [row[0] for row in listed] == ["Alex Open", "Priya Raman"]
        assert listed[1][-1] == "closed Wed 25 Nov"
        text = format_listings(store.listings(TODAY), TODAY)
        assert text.split("Closed:")[1].strip().startswith(slug)
        assert "closed Wed 25 Nov" in text and f"! {slug}" not in text

        await pilot.press("down", "enter")
        await settle(app, pilot)
        await run_command(app, pilot, "Reopen pair")
        assert not app.screen.query("#closed") and app.screen.query("#programme")
        await saved(app, pilot)
    assert not store.load(slug).is_closed


async def test_stage_changed_from_the_pair_home_and_a_suggestion_accepted(make_app, store):
    pair = demo_pair(TODAY)
    pair.next_meeting(TODAY).kind = "closing"
    slug = store.create(pair)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "t")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#stage-2")
        await settle(app, pilot)
        assert "Stage: 2 of 4" in shown(app, "#facts-text")
        assert "Move to stage 4? A closing meeting is planned" in shown(app, "#stage-suggestion")
        await pilot.press("p")
        await settle(app, pilot)
        assert "Stage: 4 of 4" in shown(app, "#facts-text")
        assert not app.screen.query("#stage-suggestion")
        await run_command(app, pilot, "Change stage")
        await pilot.click("#stage-3")
        await settle(app, pilot)
        await saved(app, pilot)
    assert store.load(slug).stage == 3


async def test_near_the_review_point_its_questions_go_on_the_next_agenda(make_app, store):
    pair = demo_pair(TODAY)
    pair.review_on = TODAY + timedelta(days=10)
    slug = store.create(pair)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "v")
        assert "Review point in 10 days: time to talk about going on or ending" in shown(app, "#review-point")
        assert "review point Sat 5 Dec (in 10 days)" in shown(app, "#programme")
        assert "questions for the continue-or-end conversation are on the agenda of Sat 28 Nov" in told(app)
        # Once on the agenda, the line says where they are instead of offering v again.
        assert shown(app, "#review-point") == ("Review point in 10 days: time to talk about going on or ending; "
                                               "its questions are on the agenda of Sat 28 Nov")
        await saved(app, pilot)
    upcoming = store.load(slug).next_meeting(TODAY)
    added = [item.ref for item in upcoming.agenda if item.source == "starter"]
    group = next(g for g in load_content().groups if g.id == "review_point")
    assert added == [q.id for q in group.questions]


async def test_a_stage_one_pair_preparing_needs_two_sees_that_meetings_questions(make_app, store):
    at = datetime.combine(TODAY, time(18))
    meetings = [Meeting(kind=kind, scheduled=at - timedelta(days=days), started_at=at - timedelta(days=days),
                        ended_at=at - timedelta(days=days, minutes=-45)) for kind, days in (("first", 28),
                                                                                          ("needs_1", 14))]
    meetings.append(Meeting(kind="needs_2", scheduled=at + timedelta(days=3)))
    store.create(Pair(mentor=Person(name="Dana"), mentee=Person(name="Priya"), started_on=TODAY - timedelta(days=35),
                      meetings=meetings))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "b")
        assert isinstance(app.screen, BeforeNextScreen)
        questions = shown(app, "#questions")
        # Five, the screen's limit, of the needs_2 meeting's questions (one, before, for a stage-1 pair).
        assert questions.count("\n- ") == 5
        assert "- Which one skill, if you got better at it" in questions


async def test_the_review_line_says_the_questions_were_asked_and_goes_once_a_closing_meeting_is_planned(
        make_app, store):
    pair = demo_pair(TODAY)
    pair.review_on = TODAY - timedelta(days=1)
    group = next(g for g in load_content().groups if g.id == "review_point")
    pair.asked = [AskedStarter(starter_id=q.id, on=TODAY - timedelta(days=2)) for q in group.questions[:3]]
    slug = store.create(pair)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "a")
        await pilot.press("escape")
        await settle(app, pilot)
        assert shown(app, "#review-point") == (
            'Review point yesterday: the continue-or-end questions were asked on Mon 23 Nov. Going on: palette '
            '"We continue". Ending: make the next meeting a closing one (a)')
        await pilot.press("a")
        await settle(app, pilot)
        await pilot.click("#kind")
        await pilot.press("end", "enter")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert "closing meeting" in shown(app, "#meetings-text")
        assert not app.screen.query("#review-point")  # ending is decided: no review line
        await saved(app, pilot)
    assert store.load(slug).next_meeting(TODAY).kind == "closing"


async def test_a_closed_pair_home_offers_no_keys(make_app, store):
    pair = closing_demo()
    pair.review_on = TODAY - timedelta(days=1)
    pair.contacts = []
    pair.expectations.agreed_on = None
    pair.last_meeting().assignment = "Bring the portfolio link"
    running = pair.next_meeting(TODAY)
    running.started_at = datetime.combine(TODAY, time(9))
    close_pair(pair, ClosingSummary(), TODAY)
    store.create(pair)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "g")
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        assert shown(app, "#closed").startswith("Closed on Wed 25 Nov: read-only")
        meetings = shown(app, "#meetings-text")
        assert "Assignment: Bring the portfolio link  (not received yet)" in meetings
        assert shown(app, "#facts-text").endswith("Agreement: not yet agreed")
        assert shown(app, "#contacts-text").endswith("No check-in logged between meetings.")
        for hint in ("#running", "#stage-suggestion", "#review-point"):
            assert not app.screen.query(hint), hint


async def test_one_meeting_held_and_every_goal_achieved_read_right_on_the_pair_home(make_app, store):
    pair = demo_pair(TODAY)
    first = next(m for m in pair.meetings if m.is_held)
    pair.meetings = [first]
    for goal in pair.goals:
        goal.status = "achieved"
    pair.goals[-1].status = "dropped"
    store.create(pair)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "g")
        await pilot.press("escape")
        await settle(app, pilot)
        assert shown(app, "#meetings-text").endswith("\n1 meeting held")
        achieved = len(pair.goals) - 1
        assert shown(app, "#goals-text") == f"No active goals ({achieved} achieved, 1 dropped)"
