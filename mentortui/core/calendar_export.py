"""A pair's plans as an iCalendar file: the next meeting and the delivery dates of the open
action items, for a calendar app to import.

Every event's UID is its record's id (``<id>@mentortui``), so importing the file again
updates the events rather than adding copies. DTSTAMP and LAST-MODIFIED are when the
records an event shows last changed (RFC 5545 asks for that in a file without a METHOD),
and SEQUENCE counts the seconds from 2020 to then: it grows with every change and stays
the same while nothing changes, so two exports of an unchanged pair are the same bytes.

Delivery dates are all-day events rather than to-dos (VTODO with DUE): the common calendar
apps (Google Calendar, Outlook) drop to-dos on import, and an all-day event shows on its
day everywhere. They are marked free (TRANSP:TRANSPARENT) so they never block time.

Meeting times are written as floating local times (no time zone), as the pair file keeps
them: the meeting is at 18:00 wherever the calendar is.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Calendar, Event

from mentortui.core.models import ActionItem, Meeting, Pair, Stamped
from mentortui.core.planning import planned_agenda

UID_DOMAIN = "mentortui"
PRODUCT_ID = "-//mentortui//mentortui//EN"
SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
ALL_PAIRS_NAME = "Mentoring"


def event_uid(record_id: str) -> str:
    """The UID of the event showing the record ``record_id``."""
    return f"{record_id}@{UID_DOMAIN}"


def meeting_summary(pair: Pair) -> str:
    return f"Mentoring: {pair.title}"


def pair_calendar(pairs: Iterable[Pair], today: date, *, all_pairs: bool = False) -> bytes:
    """The iCalendar file (UTF-8) of ``pairs`` as of ``today``: each pair's next meeting
    (planned today or later) and the delivery dates of its open action items. The calendar
    is named for its one pair, or generically when it is ``all_pairs`` of a folder."""
    pairs = list(pairs)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", ALL_PAIRS_NAME if all_pairs or len(pairs) != 1 else meeting_summary(pairs[0]))
    for pair in pairs:
        meeting = pair.next_meeting(today)
        if meeting is not None:
            calendar.add_component(meeting_event(pair, meeting))
        for item in sorted(pair.open_action_items(), key=lambda item: (item.due or date.max, item.id)):
            if item.due is not None:
                calendar.add_component(delivery_event(pair, item, item.due))
    return bytes(calendar.to_ical())


def meeting_event(pair: Pair, meeting: Meeting) -> Event:
    """The meeting at its planned time and length; its agenda, an item a line with its
    minutes, is the description."""
    event = Event()
    event.add("uid", event_uid(meeting.id))
    # The agenda carries the open action items and due goal check-ins, so they revise it too.
    _stamp(event, pair, [pair, meeting, *pair.action_items, *pair.goals])
    event.add("summary", meeting_summary(pair))
    event.add("dtstart", meeting.scheduled)
    event.add("dtend", meeting.scheduled + timedelta(minutes=meeting.planned_minutes))
    agenda = planned_agenda(pair, meeting)
    if agenda:
        event.add("description", "\n".join(f"{item.title} ({item.minutes} min)" for item in agenda))
    event.add("status", "CONFIRMED")
    return event


def delivery_event(pair: Pair, item: ActionItem, due: date) -> Event:
    """An all-day event on the action item's delivery date ``due``, free time."""
    event = Event()
    event.add("uid", event_uid(item.id))
    _stamp(event, pair, [pair, item])
    event.add("summary", f"Due: {item.text} ({owner_names(pair, item)})")
    event.add("dtstart", due)
    event.add("dtend", due + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("description", f"Action item of {pair.title}, owned by {owner_names(pair, item)}")
    return event


def owner_names(pair: Pair, item: ActionItem) -> str:
    if item.owner == "both":
        return f"{pair.mentee.name} and {pair.mentor.name}"
    return pair.mentee.name if item.owner == "mentee" else pair.mentor.name


def _stamp(event: Event, pair: Pair, records: list[Stamped]) -> None:
    """DTSTAMP, LAST-MODIFIED and SEQUENCE from the latest change of ``records``; a pair
    with no stamps yet counts from its start."""
    changes = [record.updated_at for record in records if record.updated_at is not None]
    revised = max(changes) if changes else datetime.combine(pair.started_on, time())
    moment = revised.astimezone(UTC)  # the stamps are local times, as the clock gave them
    event.add("dtstamp", moment)
    event.add("last-modified", moment)
    event.add("sequence", max(0, int((moment - SEQUENCE_EPOCH).total_seconds())))
