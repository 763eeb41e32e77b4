"""The "before the meeting" checklist for one person of a pair: each line ticked only
where the app knows it is done, marked open where it knows it is not, and left as a
reminder where it cannot know (no Textual here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from mentortui.core.builtin_content import Checklist
from mentortui.core.dates import short_day, short_moment
from mentortui.core.models import Meeting, Pair, Role
from mentortui.core.preparation import other_role, owed_by, person_name

CheckState = Literal["done", "open", "reminder"]


@dataclass(frozen=True)
class CheckLine:
    text: str
    state: CheckState
    note: str = ""


@dataclass(frozen=True)
class Sharing:
    """What the app knows about sharing the pair: whether it is shared, and how many of
    my changes the other person has not got yet."""

    shared: bool
    unshared: int = 0


def before_meeting(checklist: Checklist, pair: Pair, role: Role, upcoming: Meeting | None, today: date,
                   sharing: Sharing) -> list[CheckLine]:
    """The checklist's lines as they stand for ``role`` before ``upcoming``."""
    checks = checklist.checks or ("",) * len(checklist.items)
    return [CheckLine(text, *_state(check, pair, role, upcoming, today, sharing))
            for text, check in zip(checklist.items, checks, strict=True)]


def _state(check: str, pair: Pair, role: Role, upcoming: Meeting | None, today: date,
           sharing: Sharing) -> tuple[CheckState, str]:
    if check == "last_notes":
        return _last_notes(pair, today)
    if check == "owed":
        return _owed(pair, role, today)
    if check == "update":
        return _update(pair, role, upcoming)
    if check == "topics":
        raised = [item for item in upcoming.agenda if item.raised_by == role] if upcoming else []
        if raised:
            return "done", f"{len(raised)} topic{'s' if len(raised) > 1 else ''} raised for the agenda"
        return "reminder", "none raised on the agenda yet"
    if check == "agenda_shared":
        return _shared(upcoming, sharing)
    if check == "time_place":
        if upcoming is None:
            return "open", "no next meeting is set"
        return "reminder", f"planned for {short_moment(upcoming.scheduled, today)}"
    return "reminder", ""


def _last_notes(pair: Pair, today: date) -> tuple[CheckState, str]:
    # The app cannot know the notes were reread; it only says whether there are any.
    last = pair.last_meeting()
    if last is None:
        return "done", "no meeting held yet"
    day = short_day(last.scheduled.date(), today)
    if last.notes.strip() or any(item.notes.strip() for item in last.agenda):
        return "reminder", f"notes of {day} are saved"
    return "reminder", f"no notes were taken on {day}"


def _owed(pair: Pair, role: Role, today: date) -> tuple[CheckState, str]:
    owed = owed_by(pair, role, today)
    late = [item for item in owed if item.is_overdue(today)]
    if late:
        return "open", f"{len(late)} of yours overdue"
    if not owed:
        return "done", "nothing of yours open"
    return "done", f"{len(owed)} open, none overdue"


def _update(pair: Pair, role: Role, upcoming: Meeting | None) -> tuple[CheckState, str]:
    written = upcoming is not None and bool(upcoming.mentee_update.strip())
    if role == "mentee":
        return ("done", "your update is written") if written else ("open", "your update is not written yet")
    mentee = person_name(pair, other_role(role))
    return "reminder", f"{mentee}'s update is in" if written else f"{mentee}'s update is not in yet"


def _shared(upcoming: Meeting | None, sharing: Sharing) -> tuple[CheckState, str]:
    if upcoming is None:
        return "open", "no next meeting is planned"
    if not sharing.shared:
        return "reminder", "this pair is not shared: send the agenda yourself"
    if sharing.unshared:
        return "open", f"{sharing.unshared} change{'s' if sharing.unshared > 1 else ''} not shared yet"
    return "done", "shared: every change of yours is synced"


def ticked(lines: list[CheckLine]) -> int:
    return sum(line.state == "done" for line in lines)
