"""A pair with one review item of each kind, built by hand as a merge would leave it."""

from __future__ import annotations

from datetime import date, datetime

from mentortui.core.demo import demo_pair
from mentortui.core.models import Pair, ReviewItem, ReviewOption, Tombstone

MENTOR_NOTES = "## Interviews\nFour done. [bold]Ask about pacing[/bold]"
MENTEE_NOTES = "## Interviews\nFour done, two more booked."
KEPT_BOTH = f"{MENTOR_NOTES}\n\n--- Priya Raman's version ---\n{MENTEE_NOTES}"
FOUND = datetime(2026, 11, 24, 9, 30)


def pair_with_review(today: date) -> Pair:
    """The demo pair after a merge that kept both notes of the last meeting, kept an action
    item the mentor deleted and the mentee edited, and put the mentee's later due date on
    another item."""
    pair = demo_pair(today)
    meeting = pair.last_meeting()
    assert meeting is not None
    meeting.notes = KEPT_BOTH
    kept, dated = pair.action_items[0], pair.action_items[1]
    dated.due = date(2026, 12, 9)
    pair.deleted.append(Tombstone(table="action_items", id=kept.id, deleted_at=FOUND, deleted_by="mentor"))
    pair.review = [
        ReviewItem(id="notes1", kind="notes", table="meetings", record_id=meeting.id, field="notes",
                   title="Meeting notes", found_at=FOUND,
                   options=[ReviewOption(by="mentor", value=MENTOR_NOTES),
                            ReviewOption(by="mentee", value=MENTEE_NOTES)]),
        ReviewItem(id="deleted1", kind="deleted_edited", table="action_items", record_id=kept.id,
                   title=kept.text, found_at=FOUND,
                   options=[ReviewOption(by="mentor", value=None),
                            ReviewOption(by="mentee", value=kept.model_dump(mode="json"))]),
        ReviewItem(id="field1", kind="field", table="action_items", record_id=dated.id, field="due",
                   title=dated.text, found_at=FOUND,
                   options=[ReviewOption(by="mentor", value="2026-12-02"),
                            ReviewOption(by="mentee", value="2026-12-09")]),
    ]
    return pair
