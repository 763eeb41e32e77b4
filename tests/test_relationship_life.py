"""A pair's whole life, driven only with keys and clicks as a mentor would (issue 14, "Done
when"): the match, the first meeting with the agreement recorded, the two needs meetings with
their assignments received, a goal with its GROW worksheet, regular meetings with an e-mail
check-in and a missed meeting, the review point and closure. The final report (``export
--all``) is a golden file; regenerate it after an intended change with
``UPDATE_GOLDEN=1 python -m pytest tests/test_relationship_life.py`` and read the diff.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from textual.widgets import Static, TextArea

from mentortui.app import MentorApp
from mentortui.cli import main
from mentortui.dialogs.closing import ClosingScreen
from mentortui.dialogs.end_meeting import EndMeetingScreen
from mentortui.dialogs.pair_form import PairFormScreen
from mentortui.screens.agenda import AgendaScreen
from mentortui.screens.goals import GoalsScreen
from mentortui.screens.meeting import MeetingScreen
from mentortui.screens.pair_home import PairHomeScreen
from mentortui.screens.pair_list import PairListScreen

from .conftest import Clock
from .test_accountability_screens import replace
from .test_app import screen_text, settle, type_text
from .test_closure import closed_home_refuses_a_meeting, told
from .test_contacts_attendance import log_email
from .test_export import check_golden
from .test_pair_form import fill as fill_field
from .test_prepare_screens import rows
from .test_worksheets import fill as fill_worksheet

MATCH = datetime(2026, 9, 1, 17, 0)  # a Tuesday
CLOSED = date(2026, 12, 2)


class ClosingDay(date):
    """The command line's ``date``, with today the day the pair closed."""

    @classmethod
    def today(cls) -> date:
        return CLOSED


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def at(clock: Clock, days: int, hour: int = 18) -> None:
    """Move the clock to ``days`` after the match, at ``hour``."""
    clock.moment = datetime.combine(MATCH.date() + timedelta(days=days), time(hour))


async def record_check_in(app, pilot, progress: int, note: str) -> None:
    """From the pair home: g, then c on the (only) goal with its progress and a note; stays
    on the goals screen."""
    await pilot.press("g")
    await settle(app, pilot)
    await pilot.press("c")
    await pilot.pause()
    await replace(pilot, "#progress", str(progress))
    await pilot.click("#note")
    await type_text(pilot, note)
    await pilot.press("enter")
    await settle(app, pilot)


async def open_home(app, pilot) -> None:
    """From the pair list, open the (only) pair, as on a new day."""
    await settle(app, pilot)
    assert isinstance(app.screen, PairListScreen)
    await pilot.press("enter")
    await settle(app, pilot)
    assert isinstance(app.screen, PairHomeScreen)


async def close_home(app, pilot) -> None:
    """Close the pair and go back to the list, as at the end of a day."""
    await pilot.press("escape")
    await settle(app, pilot)
    assert isinstance(app.screen, PairListScreen)


async def test_a_pair_from_the_match_to_closure_and_its_final_report(store, capsys, monkeypatch):
    clock = Clock()
    clock.moment = MATCH
    app = MentorApp(open_store=lambda: store, today=lambda: clock().date(), now=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        # 1. The match: a new pair with its agreement.
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PairFormScreen)
        await type_text(pilot, "Dana Okafor")
        for field_id, text in (("mentee-name", "Priya Raman"), ("mentee-pronouns", "she/her"),
                               ("topics", "Portfolio, interviews"), ("measure", "One project shipped a month")):
            await fill_field(pilot, field_id, text)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, PairListScreen)
        await open_home(app, pilot)
        assert "Programme: week 1 since the match on Tue 1 Sep · review point Tue 1 Dec (in 3 months)" in (
            shown(app, "#programme"))
        await pilot.press("a")  # plan the first meeting: a week on, from the first meeting's template
        await settle(app, pilot)
        assert isinstance(app.screen, AgendaScreen)
        assert [row[1] for row in rows(app, "#agenda")][:3] == ["Introductions", "Why we joined",
                                                                "How we stay in touch"]
        await pilot.press("escape")
        await settle(app, pilot)
        assert "Next: Tue 8 Sep 18:00 (in 7 days), first meeting" in shown(app, "#meetings-text")
        await close_home(app, pilot)

        # 2. The first meeting, a week later: the agreement written down during it.
        at(clock, 7)
        await open_home(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        await pilot.pause()
        assert shown(app, "#hint").startswith("Expectations: ")
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, PairFormScreen)
        await fill_field(pilot, "reply", "3")
        await pilot.click("#confidential")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        await type_text(pilot, "Priya wants a first analyst job by summer; we meet every other Tuesday.")
        clock.advance(minutes=50)
        await pilot.press("f10")
        await settle(app, pilot)
        assert isinstance(app.screen, EndMeetingScreen)
        assert shown(app, "#next-read") == "Tue 22 Sep 18:00, in 14 days"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        assert "Agreement: agreed on Tue 8 Sep" in shown(app, "#facts-text")
        assert "Confidentiality: agreed" in shown(app, "#facts-text")
        meetings = shown(app, "#meetings-text")
        assert "Next: Tue 22 Sep 18:00 (in 14 days), defining needs 1" in meetings
        assert "(due Tue 22 Sep, not received yet: d when it arrives)" in meetings
        assert "The first meeting was held and the agreement recorded: press p" in shown(app, "#stage-suggestion")
        await pilot.press("p")
        await settle(app, pilot)
        assert "Stage: 2 of 4" in shown(app, "#facts-text")
        await close_home(app, pilot)

        # 3. and 4. The needs meetings, two weeks apart, each with the last assignment received.
        for days, kind, feedback, quick in ((21, "defining needs 1", "Feedback on the mentee's note",
                                              "todo: Priya lists three job ads she likes by fri"),
                                             (35, "defining needs 2", "Review the development summary",
                                              "decided: the first goal is the portfolio")):
            at(clock, days)
            await open_home(app, pilot)
            assert f"Next: {clock():%a %-d %b} 18:00 (today), {kind}" in shown(app, "#meetings-text")
            await pilot.press("d")
            await settle(app, pilot)
            assert f"received {clock():%a %-d %b})" in shown(app, "#meetings-text")
            await pilot.press("m")
            await settle(app, pilot)
            assert isinstance(app.screen, MeetingScreen)
            await pilot.press("ctrl+n")  # the feedback item follows up the assignment
            await pilot.pause()
            hint = shown(app, "#hint")
            assert hint.startswith(f"{feedback}: ") and f"(assignment received {clock():%a %-d %b})" in hint
            await type_text(pilot, quick)
            await pilot.press("enter")
            await settle(app, pilot)
            clock.advance(minutes=55)
            await pilot.press("f10")
            await settle(app, pilot)
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert isinstance(app.screen, PairHomeScreen)
            await close_home(app, pilot)

        # 5. A goal, with its GROW worksheet.
        at(clock, 37, hour=20)
        await open_home(app, pilot)
        await pilot.press("g")
        await settle(app, pilot)
        assert isinstance(app.screen, GoalsScreen)
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Build a portfolio of three data projects")
        await replace(pilot, "#specific", "Publish three data projects with a write-up each")
        await replace(pilot, "#measurable", "3 projects online, each reviewed once by Dana")
        await replace(pilot, "#achievable", "One project a month, two evenings a week")
        await replace(pilot, "#relevant", "Analyst job ads ask to see work")
        await replace(pilot, "#time_bound", "All three online by the end of November")
        await replace(pilot, "#complete-by", "2026-11-30")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "planned: Mon 26 Oct, Thu 12 Nov, Mon 30 Nov" in shown(app, "#details")
        await pilot.press("w")
        await settle(app, pilot)
        await pilot.press("g")
        await settle(app, pilot)
        await fill_worksheet(app, pilot, "Three projects online by November", "One half-done notebook, no write-up",
                             "A blog, GitHub pages, the team's wiki", "Write up the forecast project by Friday")
        assert "Worksheets: GROW" in shown(app, "#details")
        await pilot.press("escape")
        await settle(app, pilot)
        await close_home(app, pilot)

        # 6. Regular meetings: the first one clears the overdue action item.
        at(clock, 49)
        await open_home(app, pilot)
        await pilot.press("d")
        await settle(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert rows(app, "#items")[1][0] == "> Review action items"
        await pilot.press("escape", "down", "d")
        await pilot.pause()
        assert rows(app, "#items")[2][0] == "  Review: Priya lists three job ads she likes (done)"
        await pilot.press("tab")
        await type_text(pilot, "First write-up is live; Dana reviews it this week.")
        clock.advance(minutes=45)
        await pilot.press("f10")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        assert "Next: Tue 3 Nov 18:00 (in 14 days), regular meeting" in shown(app, "#meetings-text")
        assert "Nothing open." in screen_text(app)
        await close_home(app, pilot)

        # A week on, an e-mail check-in between meetings, and the goal's first check-in.
        at(clock, 56, hour=9)
        await open_home(app, pilot)
        await log_email(app, pilot, "Sent Priya two job ads and the review of her write-up")
        assert "Tue 27 Oct  e-mail from Dana Okafor: Sent Priya two job ads" in shown(app, "#contacts-text")
        await record_check_in(app, pilot, 35, "One project online with its write-up")
        assert "Tue 27 Oct   35%  One project online with its write-up" in shown(app, "#details")
        await pilot.press("escape")
        await settle(app, pilot)
        await close_home(app, pilot)

        # The meeting of Tue 3 Nov is not held: the next day the pair home shows it missed.
        at(clock, 64)
        await open_home(app, pilot)
        assert "! a meeting was missed (3 Nov): planned, never held" in shown(app, "#warning")
        meetings = shown(app, "#meetings-text")
        assert "Next: none planned" in meetings
        assert "Missed: Tue 3 Nov 18:00, regular meeting (planned, never held)" in meetings
        assert "Goals are being worked, with check-ins: press p" in shown(app, "#stage-suggestion")
        await pilot.press("p")
        await settle(app, pilot)
        # Nothing is planned any more: m plans the next meeting and starts it now.
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("ctrl+n")
        await type_text(pilot, "We talked about the missed meeting: Priya was ill, no harm done.")
        clock.advance(minutes=40)
        await pilot.press("f10")
        await settle(app, pilot)
        assert shown(app, "#next-read") == "Wed 18 Nov 18:00, in 14 days"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "Last: Wed 4 Nov 18:00 (today), regular meeting" in shown(app, "#meetings-text")
        assert not app.screen.query("#warning")
        await close_home(app, pilot)

        # 7. The review point, two weeks ahead: its questions go on today's agenda and are asked.
        at(clock, 78)
        await open_home(app, pilot)
        assert ("Review point in 13 days: time to talk about going on or ending (v puts the questions for it "
                "on the next agenda)") == shown(app, "#review-point")
        await pilot.press("v")
        await settle(app, pilot)
        assert "questions for the continue-or-end conversation are on the agenda of Wed 18 Nov" in told(app)
        assert shown(app, "#review-point").endswith("its questions are on the agenda of Wed 18 Nov")
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert "  Do we both want to go on? Let's each say it plainly, with no hard feelings either way." in [
            row[0] for row in rows(app, "#items")]
        for _ in rows(app, "#items"):
            await pilot.press("ctrl+n")
            clock.advance(minutes=5)
        await type_text(pilot, "We end at the review point: one more meeting, to close well.")
        await pilot.press("f10")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "Next: Wed 2 Dec 18:00 (in 14 days), regular meeting" in shown(app, "#meetings-text")

        # 8. Closure: the next meeting made the closing one, the goal reached, the closing meeting held.
        await pilot.press("a")
        await settle(app, pilot)
        await pilot.click("#kind")
        await pilot.press("end", "enter")
        await settle(app, pilot)
        assert [row[1] for row in rows(app, "#agenda")][:2] == ["Reflect on goals", "What comes next"]
        await pilot.press("escape")
        await settle(app, pilot)
        assert "Next: Wed 2 Dec 18:00 (in 14 days), closing meeting" in shown(app, "#meetings-text")
        assert "A closing meeting is planned: press p" in shown(app, "#stage-suggestion")
        await pilot.press("p")
        await settle(app, pilot)
        assert "Stage: 4 of 4, closing and planning ahead" in shown(app, "#facts-text")
        await close_home(app, pilot)

        at(clock, 90, hour=12)
        await open_home(app, pilot)
        await record_check_in(app, pilot, 100, "Third project online, all three reviewed")
        # A check-in at 100% marks the goal achieved.
        assert rows(app, "#goals")[0][2] == "achieved"
        await pilot.press("escape")
        await settle(app, pilot)
        await close_home(app, pilot)

        at(clock, 92)
        await open_home(app, pilot)
        assert not app.screen.query("#review-point")  # the closing meeting planned is the decision
        await pilot.press("d")
        await settle(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        await type_text(pilot, "Three projects online; Priya has two interviews lined up.")
        clock.advance(minutes=60)
        await pilot.press("f10")
        await settle(app, pilot)
        assert isinstance(app.screen, EndMeetingScreen)
        assert "this is the closing meeting" in shown(app, "#no-next")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ClosingScreen)
        assert app.screen.query_one("#goals_reached", TextArea).text == "- Build a portfolio of three data projects"
        for answer in ("Lead with the question, not the method", "Interviews for a first analyst job",
                       "A peer group for interview practice", "A call every couple of months",
                       "The two needs meetings: they set the goal", "Match pairs a week sooner",
                       "Yes: it gave Priya a plan and a deadline"):
            await pilot.press("tab")
            await type_text(pilot, answer)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await closed_home_refuses_a_meeting(app, pilot, "Wed 2 Dec")
        # The missed meeting stays in the record of a closed pair.
        assert "Missed: Tue 3 Nov 18:00, regular meeting (planned, never held)" in shown(app, "#meetings-text")
        await close_home(app, pilot)
        assert rows(app, "#pairs")[0][-1] == "closed Wed 2 Dec"

    # The final report, dated the day the pair closed.
    pair = store.load(store.slugs()[0])
    assert pair.closed_on == CLOSED
    monkeypatch.setattr("mentortui.cli.date", ClosingDay)
    capsys.readouterr()
    assert main(["export", store.slugs()[0], "--all", "--data-dir", str(store.folder)]) == 0
    report = capsys.readouterr().out
    check_golden("relationship_report.md", report)
