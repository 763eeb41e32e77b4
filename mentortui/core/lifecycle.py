"""A relationship's life from the match to closure: where the pair is in its programme, the
review point, the stage the manuals' signs point to, and closing (no Textual here)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from mentortui.core.builtin_content import BuiltinContent
from mentortui.core.dates import add_months, relative_day, short_day
from mentortui.core.models import STAGE_NAMES, AgendaItem, ClosingSummary, Goal, Meeting, Pair
from mentortui.core.planning import add_item
from mentortui.core.starter_bank import STARTER_MINUTES, last_asked

REVIEW_NOTICE_DAYS = 14
"""How long before the review point the pair home starts suggesting the conversation."""
REVIEW_GROUP = "review_point"
"""The starter group for the continue-or-end conversation."""

ReviewTalk = Literal["open", "planned", "asked"]


def distance(day: date, today: date) -> str:
    """How far a day is, coarse once it is weeks away: "in 3 days", "in 3 weeks", "2 months ago"."""
    days = (day - today).days
    if abs(days) < 14:
        return relative_day(day, today)
    count, unit = (round(abs(days) / 7), "week") if abs(days) < 60 else (round(abs(days) / 30.4), "month")
    amount = f"{count} {unit}{'s' if count != 1 else ''}"
    return f"in {amount}" if days > 0 else f"{amount} ago"


def programme_position(pair: Pair, today: date) -> str:
    """One line: "week 7 since the match on Fri 2 Oct · review point Sat 2 Jan 2027 (in 5 weeks) ·
    ends Sat 1 May 2027"; a closed pair says when it closed."""
    if pair.closed_on is not None:
        weeks = (pair.closed_on - pair.started_on).days // 7 + 1
        return (f"closed on {short_day(pair.closed_on, today)}, after {weeks} week{'s' if weeks != 1 else ''} "
                f"since the match on {short_day(pair.started_on, today)}")
    match = short_day(pair.started_on, today)
    if today < pair.started_on:
        parts = [f"matched from {match} ({distance(pair.started_on, today)})"]
    else:
        parts = [f"week {(today - pair.started_on).days // 7 + 1} since the match on {match}"]
    if pair.review_on is not None:
        parts.append(f"review point {short_day(pair.review_on, today)} ({distance(pair.review_on, today)})")
    if pair.ends_on is not None:
        parts.append(f"ends {short_day(pair.ends_on, today)} ({distance(pair.ends_on, today)})")
    return " · ".join(parts)


def review_due(pair: Pair, today: date) -> bool:
    """The review point is within two weeks or past, and nothing was decided yet.

    Deciding is recorded by the pair itself: going on moves ``review_on`` forward
    (``continue_after_review`` or the pair form), ending plans a closing meeting or closes the pair."""
    if pair.is_closed or pair.review_on is None or closing_planned(pair):
        return False
    return (pair.review_on - today).days <= REVIEW_NOTICE_DAYS


def closing_planned(pair: Pair) -> bool:
    """A closing meeting is planned and not held yet."""
    return any(m.kind == "closing" and m.ended_at is None and not m.not_held for m in pair.meetings)


def _asked_for_review(pair: Pair, content: BuiltinContent) -> dict[str, date]:
    """The continue-or-end questions asked for the current review point (from two weeks before
    it), each with the day it was last asked; those asked at an earlier review point do not count."""
    if pair.review_on is None:
        return {}
    since = pair.review_on - timedelta(days=REVIEW_NOTICE_DAYS)
    ids = _review_ids(content)
    return {starter: record.on for starter, record in last_asked(pair).items()
            if starter in ids and record.on >= since}


def _review_ids(content: BuiltinContent) -> set[str]:
    group = next(g for g in content.groups if g.id == REVIEW_GROUP)
    return {question.id for question in group.questions}


def review_talk(pair: Pair, today: date, content: BuiltinContent) -> tuple[ReviewTalk, date | None] | None:
    """Where the continue-or-end conversation is while the review is due: ("planned", the day of
    the next meeting, whose agenda holds its questions), ("asked", the last day one was asked), or
    ("open", None) when neither; None when no review is due."""
    if not review_due(pair, today):
        return None
    ids = _review_ids(content)
    upcoming = pair.next_meeting(today)
    if upcoming is not None and any(item.source == "starter" and item.ref in ids for item in upcoming.agenda):
        return "planned", upcoming.scheduled.date()
    asked = _asked_for_review(pair, content)
    if asked:
        return "asked", max(asked.values())
    return "open", None


def continue_after_review(pair: Pair, today: date, months: int = 3) -> date:
    """The pair goes on: the next review point is ``months`` after the later of today and the
    old review point (never past the programme's end). Returns the new review point."""
    start = max(today, pair.review_on or today)
    new = add_months(start, months)
    if pair.ends_on is not None and new > pair.ends_on:
        new = pair.ends_on
    pair.review_on = new
    return new


def add_review_starters(pair: Pair, meeting: Meeting, content: BuiltinContent) -> int:
    """Put the continue-or-end questions not yet asked for this review point on ``meeting``'s
    agenda, each once. Returns how many were added."""
    group = next(g for g in content.groups if g.id == REVIEW_GROUP)
    asked = _asked_for_review(pair, content)
    present = {item.ref for item in meeting.agenda if item.source == "starter"}
    added = 0
    for question in group.questions:
        if question.id not in present and question.id not in asked:
            add_item(meeting, AgendaItem(title=question.text, minutes=STARTER_MINUTES, source="starter",
                                         ref=question.id))
            added += 1
    return added


_KIND_STAGES: dict[str, int] = {"first": 1, "needs_1": 2, "needs_2": 2, "closing": 4}


def stage_for(kind: str | None, stage: int) -> int:
    """The stage a meeting of ``kind`` belongs to: the guide's meetings belong to theirs
    whatever stage the pair was last moved to by hand; a regular meeting to the pair's."""
    return _KIND_STAGES.get(kind or "", stage)


def _has_checkin(goal: Goal) -> bool:
    return goal.is_active and bool(goal.checkins)


def suggested_stage(pair: Pair) -> tuple[int, str] | None:
    """The stage the manuals' signs point to, with the sign, when it is ahead of the pair's stage.

    Stage 4 once a closing meeting is planned; stage 3 once an active goal has a check-in (goals
    being worked); stage 2 once the first meeting was held and the agreement recorded (the needs
    meetings and goal setting that follow belong to stage 2 as well)."""
    if pair.is_closed:
        return None
    signs: list[tuple[int, str]] = []
    if closing_planned(pair):
        signs.append((4, "a closing meeting is planned"))
    if any(_has_checkin(goal) for goal in pair.goals):
        signs.append((3, "goals are being worked, with check-ins"))
    first_held = any(m.kind == "first" for m in pair.held_meetings())
    if first_held and pair.expectations.agreed_on is not None:
        signs.append((2, "the first meeting was held and the agreement recorded"))
    ahead = [sign for sign in signs if sign[0] > pair.stage]
    return max(ahead) if ahead else None


def stage_label(stage: int) -> str:
    """"Stage 3, working towards goals"."""
    return f"Stage {stage}, {STAGE_NAMES[stage].lower()}"


def close_pair(pair: Pair, summary: ClosingSummary, today: date) -> None:
    """End the relationship: it is kept, read-only, with what the closing meeting settled.
    Meetings planned from today on and never started are dropped: nothing comes after the
    closure. A missed one (its day gone by) stays: it is part of the pair's record."""
    pair.meetings = [m for m in pair.meetings
                     if m.started_at is not None or m.ended_at is not None or m.is_missed(today)]
    pair.closing = summary
    pair.closed_on = today
    pair.stage = 4


def reopen_pair(pair: Pair) -> None:
    """Take back a closure; the closing answers stay, ready for the next time it closes."""
    pair.closed_on = None


def goals_reached_text(pair: Pair) -> str:
    """The achieved goals, one a line, to start the closing summary's first answer."""
    return "\n".join(f"- {goal.title}" for goal in pair.goals if goal.status == "achieved")
