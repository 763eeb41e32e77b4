"""The assignment a meeting gives for the next one: when it is due and how far it got.

An assignment is *given* when a meeting ends with one written, due by default on the next
meeting's day. The mentee (or the mentor) marks it *received* once it reached the mentor.
It is *discussed* when the next meeting, before it ended, got to its feedback item: the
agenda item whose role is "feedback" (in the guides, "Feedback on the mentee's note" and
"Review the development summary"), or else "Review action items", where a regular meeting
follows up what the last one asked for. The current assignment is always the last held
meeting's; an older one is settled or superseded.
"""

from __future__ import annotations

from datetime import date, datetime

from mentortui.core.dates import short_day
from mentortui.core.models import ASSIGNMENT_STATE_NAMES, AgendaItem, Meeting, Pair
from mentortui.core.planning import REVIEW_ACTIONS

FEEDBACK = "feedback"


def current_assignment(pair: Pair) -> Meeting | None:
    """The last held meeting, when it gave an assignment: the one the next meeting follows up."""
    last = pair.last_meeting()
    return last if last is not None and last.assignment.strip() else None


def default_due(next_start: datetime | None) -> date | None:
    """An assignment is due at the next meeting, when one is set."""
    return next_start.date() if next_start is not None else None


def mark_received(meeting: Meeting, today: date) -> bool:
    """Record that the assignment reached the other person today; False when it was
    already received or discussed (nothing changes)."""
    if meeting.assignment_state != "given":
        return False
    meeting.assignment_state = "received"
    meeting.assignment_received_on = today
    return True


def feedback_item(meeting: Meeting) -> AgendaItem | None:
    """The agenda item where the meeting follows up the last assignment, if it has one."""
    for role in (FEEDBACK, REVIEW_ACTIONS):
        item = next((item for item in meeting.agenda if item.source == "template" and item.ref == role), None)
        if item is not None:
            return item
    return None


def _reached(meeting: Meeting, item: AgendaItem) -> bool:
    """The meeting got to the item: time was spent on it, or it or a later item is current."""
    if item.used_seconds:
        return True
    ids = [entry.id for entry in meeting.agenda]
    return meeting.current_item in ids and ids.index(meeting.current_item) >= ids.index(item.id)


def settle_feedback(pair: Pair, meeting: Meeting) -> None:
    """As ``meeting`` ends: the assignment it follows up is discussed if it reached its
    feedback item. Call before the meeting is recorded as ended."""
    given = current_assignment(pair)
    item = feedback_item(meeting)
    if given is None or given is meeting or item is None or not _reached(meeting, item):
        return
    given.assignment_state = "discussed"


def received_label(meeting: Meeting, today: date) -> str:
    """"received Thu 3 Dec" or "not received yet" (or "discussed")."""
    if meeting.assignment_state == "given":
        return "not received yet"
    if meeting.assignment_state == "received" and meeting.assignment_received_on is not None:
        return f"received {short_day(meeting.assignment_received_on, today)}"
    return ASSIGNMENT_STATE_NAMES[meeting.assignment_state]


def due_label(meeting: Meeting, today: date) -> str:
    """"due Thu 10 Dec", or "" when no due date was recorded."""
    return f"due {short_day(meeting.assignment_due, today)}" if meeting.assignment_due else ""


def state_label(meeting: Meeting, today: date) -> str:
    """The assignment's state in a few words: "due Thu 10 Dec, not received yet"."""
    if meeting.assignment_state == "discussed":
        return "discussed"
    return ", ".join(part for part in (due_label(meeting, today), received_label(meeting, today)) if part)


def feedback_note(pair: Pair, meeting: Meeting, item: AgendaItem, today: date) -> str:
    """On the feedback item of the meeting that follows up the last assignment: whether
    it arrived ("assignment received Thu 3 Dec", "assignment not received yet"); else ""."""
    given = current_assignment(pair)
    if given is None or given is meeting or meeting.ended_at is not None or feedback_item(meeting) is not item:
        return ""
    return f"assignment {received_label(given, today)}"
