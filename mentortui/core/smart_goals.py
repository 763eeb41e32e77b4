"""SMART goals: the review that says what is weak and how to fix it, proposed check-in
dates, check-ins and status changes (no Textual here)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from mentortui.core.models import (
    ActionItem,
    CheckIn,
    Goal,
    GoalVersion,
    Pair,
    SmartWording,
)
from mentortui.core.time_bound import disagreement

SMART_FIELDS = ("specific", "measurable", "achievable", "relevant", "time_bound")
SMART_NAMES = {
    "specific": "Specific",
    "measurable": "Measurable",
    "achievable": "Achievable",
    "relevant": "Relevant",
    "time_bound": "Time-bound",
}
# One line of guidance and an example for each field, in our own words.
SMART_HINTS = {
    "specific": ("What exactly will be done?", "Publish three data projects with a write-up each"),
    "measurable": ("How will you both know it is done? Give a number or a result you can see.",
                   "3 projects online, each reviewed once by the mentor"),
    "achievable": ("With what time, help and resources?", "One project a month, two evenings a week"),
    "relevant": ("Why does it matter for the path you are on?", "Employers in analytics ask to see work"),
    "time_bound": ("By when, and what are the steps on the way?", "All three by the end of February"),
}
MIN_FIELD_WORDS = 3
MAX_ACTIVE_GOALS = 3
PLANNED_CHECKINS = 3
CHECKIN_GRACE_DAYS = 7
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|hundred|"
    "once|twice|half|dozen|weekly|monthly|daily"
)
_MEASURE = re.compile(rf"\d|%|\b(?:{_NUMBER_WORDS})\b", re.IGNORECASE)
# A Measurable may name, instead of a number, a sign of progress one can see: something
# done and out in the world, a judgement by someone else, or a skill shown. "reviewed"
# counts and "reviews" does not: the evidence is the review had, not one to come.
_EVIDENCE_WORDS = (
    "feedback|reviewed|approved|signed off|sign-off|accepted|endorsed|rated|rating|score|grade|"
    "completed|finished|published|submitted|presented|delivered|launched|shipped|released|merged|"
    "passed|certified|certificate|offer|hired|promoted|"
    "able to|can now|demonstrated|shown|observed|confirmed|in use"
)
_EVIDENCE = re.compile(rf"\b(?:{_EVIDENCE_WORDS})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """Something weak about a goal, and how to fix it."""

    rule: str
    message: str


def propose_checkins(today: date, complete_by: date, count: int = PLANNED_CHECKINS) -> list[date]:
    """Up to ``count`` different dates spread evenly between today and the complete-by
    date (the last falls on it); fewer when the span is too short, just today when the
    date is not in the future."""
    span = max(0, (complete_by - today).days)
    return sorted({today + timedelta(days=round(span * step / count)) for step in range(1, count + 1)})


def respread_checkins(planned: list[date], today: date, complete_by: date) -> list[date]:
    """The planned check-ins after the complete-by date moved: those already past stay,
    the ones still ahead (at least one) are spread again between today and the new date."""
    past = [day for day in planned if day < today]
    ahead = max(1, len(planned) - len(past))
    return sorted({*past, *propose_checkins(today, complete_by, ahead)})


def review_goal(goal: Goal, pair: Pair, today: date) -> list[Finding]:
    findings = []
    for field in SMART_FIELDS:
        words = getattr(goal, field).split()
        name = SMART_NAMES[field]
        if not words:
            findings.append(Finding(f"empty:{field}", f"{name} is empty. {SMART_HINTS[field][0]}"))
        elif len(words) < MIN_FIELD_WORDS:
            findings.append(Finding(f"short:{field}",
                                    f"{name} is very short. {SMART_HINTS[field][0]}"))
    if goal.measurable.split() and not shows_progress(goal.measurable):
        findings.append(Finding("measurable:no-evidence",
                                "Measurable names no number and no sign you could see: say how much or how many, "
                                "or what will show it (feedback, a review, something published or passed), "
                                f"e.g. \u201c{SMART_HINTS['measurable'][1]}\u201d."))
    if goal.complete_by is not None and (words := disagreement(goal.time_bound, goal.complete_by)):
        findings.append(Finding("time-bound:disagrees",
                                f"Time-bound says \u201c{words}\u201d but the complete-by date is "
                                f"{goal.complete_by:%a} {goal.complete_by.day} {goal.complete_by:%b}: "
                                "make them agree."))
    if goal.complete_by is None:
        findings.append(Finding("complete-by:missing", "No complete-by date: agree when it should be done."))
    elif goal.is_active and goal.complete_by < today:
        findings.append(Finding("complete-by:past",
                                "The complete-by date has passed: mark it achieved, or revise it with a new date."))
    for planned in missed_checkins(goal, today):
        findings.append(Finding("checkin:missed",
                                f"The check-in planned for {planned:%a %d %b} has no progress recorded: "
                                "record a check-in."))
    if goal.is_active and not open_items(pair, goal):
        findings.append(Finding("actions:none", "No open action item serves this goal: agree a next step."))
    return findings


def shows_progress(measurable: str) -> bool:
    """A Measurable is enough when it names a number or count, or evidence one can see
    (feedback, a review, something completed, published, presented or passed, a skill
    one is able to show)."""
    return bool(_MEASURE.search(measurable) or _EVIDENCE.search(measurable))


def open_items(pair: Pair, goal: Goal) -> list[ActionItem]:
    """The open action items that serve ``goal``."""
    return [item for item in pair.open_action_items() if item.goal_id == goal.id]


def missed_checkins(goal: Goal, today: date) -> list[date]:
    """Planned check-ins that passed with no check-in recorded from a week before them on."""
    if not goal.is_active:
        return []
    return [
        planned for planned in goal.checkin_dates
        if planned < today
        and not any(c.on >= planned - timedelta(days=CHECKIN_GRACE_DAYS) for c in goal.checkins)
    ]


def review_pair(pair: Pair) -> list[Finding]:
    """Findings about the pair's goals as a whole."""
    active = sum(goal.is_active for goal in pair.goals)
    if active > MAX_ACTIVE_GOALS:
        return [Finding("goals:too-many", f"{active} active goals: one to three keep the work focused.")]
    return []


def next_checkin(goal: Goal, today: date) -> date | None:
    upcoming = [planned for planned in goal.checkin_dates if planned >= today]
    return min(upcoming) if upcoming else None


def record_checkin(goal: Goal, on: date, progress: int, note: str) -> CheckIn:
    checkin = CheckIn(on=on, progress=progress, note=note)
    goal.checkins = tuple(sorted([*goal.checkins, checkin], key=lambda c: c.on))
    if progress == 100 and goal.is_active:
        goal.status = "achieved"
    return checkin


def revise(goal: Goal, today: date) -> None:
    """Keep the goal as it stands in its history before it is edited into a new version."""
    wording = goal.model_dump(include=set(SmartWording.model_fields))
    goal.history = (*goal.history, GoalVersion(revised_on=today, **wording))
    goal.status = "revised"
