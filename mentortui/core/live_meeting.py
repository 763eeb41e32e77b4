"""Running a meeting: the clock, the current agenda item, quick captures, reviewing
carried action items, and ending with the checklist (no Textual here)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Literal

from mentortui.core.action_items import mark, outcome_now, push_due
from mentortui.core.assignments import settle_feedback
from mentortui.core.builtin_content import BuiltinContent
from mentortui.core.meeting_notes import meeting_text
from mentortui.core.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Attendance,
    CarriedOutcome,
    Meeting,
    Owner,
    Pair,
    revised,
)
from mentortui.core.planning import add_item, carry_in, suggest_kind, template_items
from mentortui.core.starter_bank import record_reached

LineField = Literal["decisions", "parked"]
"""A meeting's lists of one-line captures."""
_FIRST_WORD = re.compile(r"\w+", re.UNICODE)
EARLY_START = timedelta(days=1)


def unfinished_meeting(pair: Pair) -> Meeting | None:
    """A meeting that was started and never ended, say because the app was killed."""
    running = [m for m in pair.meetings if m.is_running]
    return max(running, key=lambda m: m.started_at or datetime.min) if running else None


def starts_early(meeting: Meeting, now: datetime) -> bool:
    """Starting now would be more than a day before the meeting's planned moment."""
    return meeting.started_at is None and meeting.scheduled - now > EARLY_START


def start(pair: Pair, meeting: Meeting, now: datetime, content: BuiltinContent) -> None:
    """Start the clock; with no agenda the meeting runs the regular template. The meeting
    is recorded as held when it really starts; the planned moment is kept beside it."""
    if not meeting.agenda:
        meeting.agenda = tuple(template_items(content.templates["regular"]))
    if meeting.started_at is None:
        carry_in(pair, meeting)
        meeting.started_at = now
        if meeting.scheduled != now:
            meeting.planned_for = meeting.scheduled
            meeting.scheduled = now
    if meeting.current_item is None:
        go_to(pair, meeting, 0, now)


def cancel_refusal(pair: Pair, meeting: Meeting) -> str | None:
    """Why a started meeting can no longer be cancelled, or None while nothing was typed."""
    if meeting_text(meeting).strip():  # the general notes or any item's
        return "Notes were taken"
    if meeting.decisions or meeting.parked or meeting_actions(pair, meeting):
        return "Something was captured"
    return None


def cancel_start(pair: Pair, meeting: Meeting) -> None:
    """Undo a start made by mistake: the meeting is planned again as it was, and nothing
    it recorded (its clock, the starters it reached) is kept."""
    meeting.started_at = None
    meeting.current_item = None
    meeting.current_since = None
    if meeting.planned_for is not None:
        meeting.scheduled = meeting.planned_for
        meeting.planned_for = None
    meeting.agenda = tuple(revised(item, used_seconds=0) for item in meeting.agenda)
    meeting.carried = ()
    _forget_asked(pair, meeting)


def mark_not_held(pair: Pair, meeting: Meeting) -> None:
    """A held meeting that did not really happen stays in the file but counts nowhere,
    and the starters it reached no longer count as asked."""
    meeting.not_held = True
    _forget_asked(pair, meeting)


def _forget_asked(pair: Pair, meeting: Meeting) -> None:
    pair.asked = [record for record in pair.asked if record.meeting_id != meeting.id]


def current_index(meeting: Meeting) -> int | None:
    for index, item in enumerate(meeting.agenda):
        if item.id == meeting.current_item:
            return index
    return None


def go_to(pair: Pair, meeting: Meeting, index: int, now: datetime) -> None:
    """Make the item at ``index`` current, banking the time spent on the one before."""
    if not meeting.agenda:
        return
    index = max(0, min(len(meeting.agenda) - 1, index))
    _bank_time(meeting, now)
    item = meeting.agenda[index]
    meeting.current_item = item.id
    meeting.current_since = now
    record_reached(pair, meeting, item, now.date())


def _bank_time(meeting: Meeting, now: datetime) -> None:
    index = current_index(meeting)
    if index is not None and meeting.current_since is not None:
        spent = max(0, int((now - meeting.current_since).total_seconds()))
        item = meeting.agenda[index]
        meeting.change_item(item.id, used_seconds=item.used_seconds + spent)
        meeting.current_since = now


def item_seconds(meeting: Meeting, item: AgendaItem, now: datetime) -> int:
    seconds = item.used_seconds
    if item.id == meeting.current_item and meeting.current_since is not None and meeting.ended_at is None:
        seconds += max(0, int((now - meeting.current_since).total_seconds()))
    return seconds


def meeting_seconds(meeting: Meeting, now: datetime) -> int:
    if meeting.started_at is None:
        return 0
    end = meeting.ended_at or now
    return max(0, int((end - meeting.started_at).total_seconds()))


def guess_owner(text: str, pair: Pair) -> Owner:
    """Who owns a note like "Priya: send the CV" or "I will ...": the mentor types during
    the call, so "I" is the mentor and "we" is both; otherwise the mentee."""
    match = _FIRST_WORD.search(text)
    word = match.group(0).casefold() if match else ""
    if word in ("i", "i'll", "me"):
        return "mentor"
    if word in ("we", "both", "us"):
        return "both"
    if word == pair.mentor.name.split()[0].casefold():
        return "mentor"
    return "mentee"


def add_line(meeting: Meeting, lines: LineField, text: str) -> int:
    """Add a decision or a parked topic; returns its place, for ``remove_line``."""
    setattr(meeting, lines, (*getattr(meeting, lines), text))
    return len(getattr(meeting, lines)) - 1


def remove_line(meeting: Meeting, lines: LineField, index: int, text: str) -> None:
    """Take back the decision or parked topic ``add_line`` put at ``index``, if it is still there."""
    kept: tuple[str, ...] = getattr(meeting, lines)
    if index < len(kept) and kept[index] == text:
        setattr(meeting, lines, (*kept[:index], *kept[index + 1:]))


def capture_action(pair: Pair, meeting: Meeting, text: str, owner: Owner, due: date | None,
                   goal_id: str | None) -> ActionItem:
    item = ActionItem(text=text, owner=owner, due=due, meeting_id=meeting.id, goal_id=goal_id)
    pair.action_items.append(item)
    return item


def meeting_actions(pair: Pair, meeting: Meeting) -> list[ActionItem]:
    return [item for item in pair.action_items if item.meeting_id == meeting.id]


def missing_dates(pair: Pair, meeting: Meeting) -> list[ActionItem]:
    """This meeting's open action items that have no delivery date yet."""
    return [item for item in meeting_actions(pair, meeting) if item.status == "open" and item.due is None]


def _record_carried(meeting: Meeting, item: ActionItem, **changes: object) -> None:
    """Change the meeting's record of a carried item, made with the delivery date the
    item had when the meeting first took it up."""
    records = list(meeting.carried)
    index = next((index for index, outcome in enumerate(records) if outcome.item_id == item.id), None)
    if index is None:
        records.append(CarriedOutcome(item_id=item.id, old_due=item.due, **changes))
    else:
        records[index] = revised(records[index], **changes)
    meeting.carried = tuple(records)


def review_carried(meeting: Meeting, item: ActionItem, status: ActionStatus, today: date) -> None:
    """Mark a carried item done or dropped in the meeting, and record that it was."""
    mark(item, status, today)
    _record_carried(meeting, item, outcome=outcome_now(item))


def push_carried(meeting: Meeting, item: ActionItem, day: date) -> None:
    """Push a carried item's delivery date in the meeting, and record the old and new dates."""
    _record_carried(meeting, item, outcome="pushed", new_due=day)
    push_due(item, day)


def _record_still_open(pair: Pair, meeting: Meeting) -> None:
    """Carried items the meeting recorded nothing for: as they stand at its end."""
    for entry in meeting.agenda:
        item = pair.action_item(entry.ref) if entry.source == "action_item" else None
        if item is not None and all(outcome.item_id != item.id for outcome in meeting.carried):
            meeting.carried = (*meeting.carried,
                               CarriedOutcome(item_id=item.id, outcome=outcome_now(item), old_due=item.due))


def suggest_next_start(pair: Pair, meeting: Meeting, today: date) -> datetime:
    """The agreed interval after this meeting, at the pair's usual time, after today."""
    start = datetime.combine(meeting.scheduled.date() + timedelta(days=pair.expectations.frequency_days),
                             meeting.usual_time)
    while start.date() <= today:
        start += timedelta(days=1)
    return start


def end(pair: Pair, meeting: Meeting, now: datetime, next_start: datetime | None, assignment: str,
        stage: int, content: BuiltinContent, *, attended: Attendance = "both",
        assignment_due: date | None = None) -> Meeting | None:
    """Close the meeting and plan the next one, with this meeting's parked topics and the
    open action items on its agenda. Records who attended and the assignment with its due
    date; the last assignment is discussed if the meeting reached its feedback item.
    Returns the next meeting; with no ``next_start`` (a closing meeting) none is planned
    and None is returned."""
    _bank_time(meeting, now)
    _record_still_open(pair, meeting)
    settle_feedback(pair, meeting)
    meeting.ended_at = now
    meeting.current_since = None
    meeting.attended = attended
    meeting.assignment = assignment
    meeting.assignment_due = assignment_due if assignment.strip() else None
    pair.stage = stage
    if next_start is None:
        return None
    upcoming = next((m for m in pair.meetings if not m.is_held and m is not meeting
                     and m.started_at is None and m.scheduled >= meeting.scheduled), None)
    if upcoming is None:
        kind = suggest_kind(pair)
        upcoming = Meeting(kind=kind, scheduled=next_start, planned_minutes=pair.expectations.length_minutes,
                           agenda=template_items(content.templates[kind]))
        pair.meetings.append(upcoming)
    else:
        upcoming.scheduled = next_start
    for topic in meeting.parked:
        add_item(upcoming, AgendaItem(title=topic, source="parked", minutes=10))
    carry_in(pair, upcoming)
    return upcoming
