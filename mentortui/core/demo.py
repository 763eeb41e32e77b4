"""A realistic demo pair, dated relative to today, for `mentortui --demo`."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from mentortui.core.dates import add_months
from mentortui.core.models import (
    ActionItem,
    AgendaItem,
    CheckIn,
    Contact,
    Expectations,
    Goal,
    Meeting,
    Pair,
    Person,
)

_PAST_MEETINGS = [
    # (days before today, kind, notes, assignment)
    (
        84,
        "first",
        "## Getting acquainted\n"
        "- Priya is in her final year of a data science degree; Dana leads an analytics team.\n"
        "- Both prefer video calls; Slack for quick questions in between.\n"
        "- Agreed: every two weeks, 45 minutes, Thursday evenings. Reschedule at least a day ahead.\n"
        "- What we say here stays between us.\n",
        "Write down three strengths and three things you want to get better at.",
    ),
    (
        70,
        "needs_1",
        "## Strengths and gaps\n"
        "Strengths: statistics, curiosity, clear writing.\n"
        "Gaps: SQL at scale, presenting to non-technical people, *networking*.\n\n"
        "Priya wants a junior analyst role by the summer.\n",
        "Draft one or two goals for the next meeting and bring them rough.",
    ),
    (
        56,
        "needs_2",
        "## Goals agreed\n"
        "1. Portfolio of three projects by the end of February.\n"
        "2. Ten informational interviews.\n"
        "3. Present a project to a non-technical audience.\n\n"
        "Check-ins roughly monthly.\n",
        "Pick the first portfolio project and sketch its scope.",
    ),
    (
        42,
        "regular",
        "## Check-in\nExams went fine. First project: bike-share demand forecast.\n\n"
        "## Interviews\nDana will introduce Priya to two people on her team.\n",
        "",
    ),
    (
        28,
        "regular",
        "## Portfolio\nForecast notebook is done; README needs work.\n"
        "Tip from Dana: lead with the question, not the method.\n\n"
        "Note to self: the `[draft]` label stays until the review | nothing is final.\n",
        "",
    ),
    (
        14,
        "regular",
        "## Interviews so far\nFour done. The best question was *what would you do differently?*\n\n"
        "## Presentation\nLocal meetup accepted a 10-minute lightning talk in January.\n",
        "",
    ),
]


def _at(day: date, hour: int = 18) -> datetime:
    return datetime.combine(day, time(hour, 0))


def _meetings(today: date) -> list[Meeting]:
    meetings = []
    for days_ago, kind, notes, assignment in _PAST_MEETINGS:
        start = _at(today - timedelta(days=days_ago))
        meetings.append(
            Meeting(
                kind=kind,
                scheduled=start,
                planned_minutes=45,
                agenda=[
                    AgendaItem(title="Check-in", minutes=5, source="template"),
                    AgendaItem(title="Priority topics", minutes=30, source="template"),
                    AgendaItem(title="Next steps", minutes=10, source="template"),
                ],
                notes=notes,
                assignment=assignment,
                started_at=start,
                ended_at=start + timedelta(minutes=47),
            )
        )
        if assignment:
            # Due at the next meeting, it arrived the day before and was discussed there.
            meetings[-1].assignment_due = (start + timedelta(days=14)).date()
            meetings[-1].assignment_received_on = (start + timedelta(days=13)).date()
            meetings[-1].assignment_state = "discussed"
    meetings.append(
        Meeting(kind="regular", scheduled=_at(today + timedelta(days=3)), planned_minutes=45)
    )
    return meetings


def _goals(today: date) -> list[Goal]:
    portfolio_by = today + timedelta(days=75)
    interviews_by = today + timedelta(days=45)
    return [
        Goal(
            title="Build a portfolio of three data projects",
            specific="Three public projects, each with a clear question, code and a short write-up.",
            measurable="3 projects published, each reviewed by Dana.",
            achievable="One project a month, evenings and one weekend day.",
            relevant="Hiring managers ask for work they can see.",
            time_bound=f"All three online by {portfolio_by.day} {portfolio_by:%B}.",
            term="short",
            complete_by=portfolio_by,
            checkin_dates=[today - timedelta(days=28), today + timedelta(days=10), today + timedelta(days=45)],
            checkins=[CheckIn(on=today - timedelta(days=28), progress=40, note="Forecast project done.")],
        ),
        Goal(
            title="Hold ten informational interviews",
            specific="Talk to analysts and data scientists in three kinds of company.",
            measurable="10 conversations, notes kept for each.",
            achievable="Dana introduces the first few; alumni network for the rest.",
            relevant="To choose between analyst and engineering roles.",
            time_bound=f"Ten by {interviews_by.day} {interviews_by:%B}.",
            term="short",
            complete_by=interviews_by,
            checkin_dates=[today - timedelta(days=35), today - timedelta(days=14), today + timedelta(days=20)],
            checkins=[
                CheckIn(on=today - timedelta(days=35), progress=10, note="First interview booked."),
                CheckIn(on=today - timedelta(days=14), progress=40, note="Four done."),
            ],
        ),
        Goal(
            title="Present to a non-technical audience",
            specific="Give a talk about a project to people who do not write code.",
            measurable="One talk given; at least 3 pieces of written feedback collected.",
            achievable="Rehearse twice with Dana's team first.",
            relevant="Explaining results is half the analyst job.",
            time_bound="Before the end of the spring term.",
            term="long",
            complete_by=today + timedelta(days=160),
            checkin_dates=[today + timedelta(days=30), today + timedelta(days=90), today + timedelta(days=140)],
        ),
    ]


def _action_items(today: date, meetings: list[Meeting], goals: list[Goal]) -> list[ActionItem]:
    first, needs_1, needs_2, regular_1, regular_2, regular_3 = meetings[:6]
    portfolio, interviews, talk = goals

    def day(offset: int) -> date:
        return today + timedelta(days=offset)

    return [
        ActionItem(text="Send a calendar invite for every other Thursday", owner="mentor",
                   due=day(-82), status="done", meeting_id=first.id, done_on=day(-83)),
        ActionItem(text="List three strengths and three gaps", owner="mentee",
                   due=day(-71), status="done", meeting_id=first.id, done_on=day(-72)),
        ActionItem(text="Draft goals in SMART form", owner="mentee", due=day(-57),
                   status="done", meeting_id=needs_1.id, done_on=day(-58)),
        ActionItem(text="Introduce Priya to two analysts on the team", owner="mentor",
                   due=day(-35), status="done", meeting_id=needs_2.id, goal_id=interviews.id,
                   done_on=day(-33)),
        ActionItem(text="Rewrite the forecast README to lead with the question", owner="mentee",
                   due=day(-10), meeting_id=regular_2.id, goal_id=portfolio.id),
        ActionItem(text="Share the team's slide template", owner="mentor", due=day(-4),
                   meeting_id=regular_3.id, goal_id=talk.id),
        ActionItem(text="Book interviews five and six", owner="mentee", due=day(5),
                   meeting_id=regular_3.id, goal_id=interviews.id),
        ActionItem(text="Outline the lightning talk together", owner="both", due=day(12),
                   meeting_id=regular_3.id, goal_id=talk.id),
        ActionItem(text="Try a second project on public transport data", owner="mentee",
                   due=day(-20), status="dropped", meeting_id=regular_1.id, goal_id=portfolio.id),
    ]


def demo_pair(today: date) -> Pair:
    meetings = _meetings(today)
    goals = _goals(today)
    return Pair(
        mentor=Person(name="Dana Okafor", pronouns="she/her", contact="video; Slack in between"),
        mentee=Person(name="Priya Raman", pronouns="she/her", contact="email or Slack"),
        expectations=Expectations(
            frequency_days=14,
            format="video call",
            length_minutes=45,
            topics="Breaking into data analytics, portfolio, interviews, presenting",
            reschedule="Message at least a day ahead and propose a new time",
            confidentiality_agreed=True,
            measure="Projects finished and shown, interviews held, feedback on the talk",
            agreed_on=today - timedelta(days=84),
        ),
        stage=3,
        started_on=today - timedelta(days=90),
        review_on=add_months(today - timedelta(days=90), 3),
        contacts=[Contact(on=today - timedelta(days=7), by="mentee", way="email",
                          note="Sent the rewritten README for a first look")],
        meetings=meetings,
        goals=goals,
        action_items=_action_items(today, meetings, goals),
    )
