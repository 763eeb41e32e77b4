"""Big pairs for the benchmarks and for tests of big files: weekly meetings with notes.

``pair_with_meetings(count, today)`` is the demo pair with ``count`` weekly meetings held
before ``today`` in place of the demo's own (its next meeting, in three days, stays), each
with 12 lines (about 1.9 kB) of notes and three done action items; the demo's nine action
items and three goals stay too. 520 meetings are ten years of weekly meetings (1.6 MB on
disk), 2,000 are almost forty. ``SIZES`` are the sizes the suite measures.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from mentortui.core.demo import demo_pair
from mentortui.core.models import ActionItem, AgendaItem, Meeting, Pair

SIZES = (10, 100, 520, 2000)


def _evening(day: date) -> datetime:
    return datetime.combine(day, time(18, 0))


def pair_with_meetings(count: int, today: date) -> Pair:
    """The demo pair with ``count`` weekly held meetings (the last a week before ``today``)."""
    pair = demo_pair(today)
    first = today - timedelta(weeks=count)
    meetings = [meeting for meeting in pair.meetings if not meeting.is_held]
    items = []
    for week in range(count):
        start = _evening(first + timedelta(weeks=week))
        notes = "\n".join(
            f"- week {week}, point {line}: {'talked about the portfolio and the next steps ' * 3}"
            for line in range(12)
        )
        meeting = Meeting(kind="regular", scheduled=start, planned_minutes=45, notes=notes,
                          started_at=start, ended_at=start + timedelta(minutes=45),
                          agenda=[AgendaItem(title="Check-in", minutes=5, source="template"),
                                  AgendaItem(title="Priority topics", minutes=40, source="template")])
        meetings.append(meeting)
        for number in range(3):
            items.append(ActionItem(text=f"Follow-up {number} from week {week}", owner="mentee",
                                    due=start.date() + timedelta(days=7), status="done",
                                    meeting_id=meeting.id, done_on=start.date() + timedelta(days=6)))
    return pair.model_copy(update={"meetings": meetings, "action_items": items + pair.action_items,
                                   "started_on": first})
