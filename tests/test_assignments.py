"""The assignment's rules (core/assignments.py) and the end-of-meeting checklist's ticks
(core/end_checklist.py), on plain objects."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from mentortui.core import live_meeting
from mentortui.core.assignments import (
    current_assignment,
    default_due,
    feedback_item,
    feedback_note,
    mark_received,
    settle_feedback,
    state_label,
)
from mentortui.core.builtin_content import load_content
from mentortui.core.demo import demo_pair
from mentortui.core.end_checklist import EndFacts, ticked
from mentortui.core.models import Meeting, Pair
from mentortui.core.planning import template_items

from .conftest import TODAY

NOW = datetime.combine(TODAY, datetime.min.time()).replace(hour=17)


def demo_with_assignment() -> Pair:
    """The demo pair, its last meeting having given an assignment."""
    pair = demo_pair(TODAY)
    pair.last_meeting().assignment = "Send the rewritten README"
    return pair


def planned(kind: str) -> Meeting:
    content = load_content()
    return Meeting(kind=kind, scheduled=NOW + timedelta(days=3), agenda=template_items(content.templates[kind]))


def test_the_current_assignment_is_the_last_held_meetings_and_only_if_it_gave_one():
    pair = demo_with_assignment()
    last = pair.last_meeting()
    assert current_assignment(pair) is last
    last.assignment = "  "
    assert current_assignment(pair) is None


def test_marking_received_records_the_day_once():
    pair = demo_with_assignment()
    given = current_assignment(pair)
    given.assignment_due = date(2026, 12, 9)
    assert state_label(given, TODAY) == "due Wed 9 Dec, not received yet"
    assert mark_received(given, TODAY)
    assert (given.assignment_state, given.assignment_received_on) == ("received", TODAY)
    assert not mark_received(given, TODAY + timedelta(days=1))
    assert given.assignment_received_on == TODAY
    assert state_label(given, TODAY) == "due Wed 9 Dec, received Wed 25 Nov"


def test_the_due_date_defaults_to_the_next_meetings_day():
    assert default_due(datetime(2026, 12, 9, 18, 0)) == date(2026, 12, 9)
    assert default_due(None) is None


def test_the_feedback_item_is_the_guides_feedback_item_or_the_review_of_action_items():
    assert feedback_item(planned("needs_1")).title == "Feedback on the mentee's note"
    assert feedback_item(planned("needs_2")).title == "Review the development summary"
    assert feedback_item(planned("regular")).title == "Review action items"
    assert feedback_item(planned("first")) is None


def test_the_next_agendas_feedback_item_says_whether_the_assignment_arrived():
    pair = demo_with_assignment()
    upcoming = planned("needs_1")
    pair.meetings.append(upcoming)
    item = feedback_item(upcoming)
    assert feedback_note(pair, upcoming, item, TODAY) == "assignment not received yet"
    mark_received(current_assignment(pair), TODAY - timedelta(days=2))
    assert feedback_note(pair, upcoming, item, TODAY) == "assignment received Mon 23 Nov"
    assert feedback_note(pair, upcoming, upcoming.agenda[0], TODAY) == ""


def test_the_assignment_is_discussed_only_when_the_meeting_reached_its_feedback_item():
    pair = demo_with_assignment()
    given = current_assignment(pair)
    meeting = planned("needs_1")
    pair.meetings.append(meeting)
    live_meeting.start(pair, meeting, NOW, load_content())
    settle_feedback(pair, meeting)  # still on the check-in
    assert given.assignment_state == "given"
    live_meeting.go_to(pair, meeting, 1, NOW)
    settle_feedback(pair, meeting)
    assert given.assignment_state == "discussed"
    assert state_label(given, TODAY) == "discussed"


def test_ending_records_attendance_the_due_date_and_settles_the_last_assignment():
    pair, content = demo_with_assignment(), load_content()
    given = current_assignment(pair)
    meeting = pair.next_meeting(TODAY)
    live_meeting.start(pair, meeting, NOW, content)
    live_meeting.go_to(pair, meeting, 2, NOW)
    live_meeting.end(pair, meeting, NOW + timedelta(minutes=40), NOW + timedelta(days=14), "Send the CV", 3,
                     content, attended="mentee", assignment_due=date(2026, 12, 7))
    assert (meeting.attended, meeting.assignment_due, meeting.assignment_state) == ("mentee", date(2026, 12, 7),
                                                                                     "given")
    assert given.assignment_state == "discussed"
    assert current_assignment(pair) is meeting


def test_no_assignment_no_due_date():
    pair, content = demo_pair(TODAY), load_content()
    meeting = pair.next_meeting(TODAY)
    live_meeting.start(pair, meeting, NOW, content)
    live_meeting.end(pair, meeting, NOW, NOW + timedelta(days=14), "", 3, content,
                     assignment_due=date(2026, 12, 7))
    assert (meeting.attended, meeting.assignment_due) == ("both", None)


def test_the_end_checklist_ticks_what_the_app_knows_and_leaves_the_rest_as_reminders():
    lines = load_content().checklists["end_of_meeting"].items
    facts = EndFacts(next_set=True, actions_dated=False, assignment_written=True)
    result = dict(ticked(lines, facts))
    assert result["The date and time of the next meeting are set"] is True
    assert result["Every action item has an owner and a delivery date"] is False
    assert result["The assignment for the next meeting is clear to both of you"] is True
    assert result["Promised introductions or resources are written down, with who will send them"] is None
    assert result["Check that the format, length and frequency of meetings still suit you both"] is None
