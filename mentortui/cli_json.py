"""The JSON that scripts read: `mentortui list --json` and `mentortui export --format json`.

Both shapes are documented in the README ("Scripting") and only grow: a key once there
keeps its name and meaning. Dates are ISO 8601 (``2026-12-04``), moments ISO 8601 local
time (``2026-12-04T17:30:00``), and a missing value is ``null``. The export is built from
the models field by field, so a field a newer version adds to a file never leaks into it,
and private notes are in it only when the caller passes them (``--for me``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from mentortui.core.export import held_meeting_number, pick_meeting
from mentortui.core.models import (
    STAGE_NAMES,
    WORKSHEET_SECTIONS,
    ActionItem,
    ClosingSummary,
    Contact,
    Goal,
    Meeting,
    Model,
    Pair,
    Person,
    Worksheet,
)
from mentortui.storage.store import PairListing

EXPORT_VERSION = 1

_LISTING_FIELDS = ("mentee", "mentor", "stage", "last_meeting", "next_meeting", "open_items", "overdue_items",
                   "warning", "closed_on")


def dumps(document: object) -> str:
    """The text written: indented, letters kept as they are, one line break at the end."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def listing_json(listing: PairListing) -> dict[str, Any]:
    """One pair of `list --json`; a file that could not be read has only its slug and
    ``problem``, the rest ``null``; a file read only in part has its ``problem`` too."""
    summary = listing.summary
    row: dict[str, Any] = {"slug": listing.slug, **dict.fromkeys(_LISTING_FIELDS)}
    if summary is not None:
        row.update(
            mentee=summary.mentee, mentor=summary.mentor, stage=summary.stage,
            last_meeting=_iso(summary.last_meeting), next_meeting=_iso(summary.next_meeting),
            open_items=summary.open_items, overdue_items=summary.overdue_items,
            warning=summary.warning or None, closed_on=_iso(summary.closed_on),
        )
    row["problem"] = listing.problem or listing.notice or None
    return row


def listings_json(listings: Sequence[PairListing]) -> str:
    return dumps([listing_json(listing) for listing in listings])


def _fields(model: Model, names: Sequence[str]) -> dict[str, Any]:
    dumped = model.model_dump(mode="json", include=set(names))
    return {name: dumped[name] for name in names}


def _person(person: Person) -> dict[str, Any]:
    return _fields(person, ("name", "pronouns", "contact"))


def pair_facts(pair: Pair) -> dict[str, Any]:
    """Who the two are, what they agreed and where the relationship stands."""
    return {
        "title": pair.title,
        "mentee": _person(pair.mentee),
        "mentor": _person(pair.mentor),
        "stage": pair.stage,
        "stage_name": STAGE_NAMES[pair.stage],
        "started_on": _iso(pair.started_on),
        "review_on": _iso(pair.review_on),
        "ends_on": _iso(pair.ends_on),
        "closed_on": _iso(pair.closed_on),
        "expectations": _fields(pair.expectations, (
            "frequency_days", "format", "length_minutes", "topics", "reschedule", "confidentiality_agreed",
            "measure", "reply_days", "style", "agreed_on")),
        "closing": _fields(pair.closing, tuple(ClosingSummary.model_fields)) if pair.closing is not None else None,
    }


def action_item_json(item: ActionItem, today: date) -> dict[str, Any]:
    return {**_fields(item, ("id", "text", "owner", "due", "status", "done_on", "due_history", "meeting_id",
                             "goal_id")),
            "overdue": item.is_overdue(today)}


def _status(meeting: Meeting, today: date) -> str:
    if meeting.not_held:
        return "not_held"
    if meeting.is_held:
        return "held"
    if meeting.is_running:
        return "running"
    return "missed" if meeting.is_missed(today) else "planned"


def meeting_json(pair: Pair, meeting: Meeting, today: date,
                 private_notes: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A meeting as held or planned: its agenda with each item's notes, the general
    notes, what was decided, parked and given, and the action items it created."""
    return {
        "id": meeting.id,
        "number": held_meeting_number(pair, meeting) if meeting.is_held else None,
        "status": _status(meeting, today),
        **_fields(meeting, ("kind", "scheduled", "planned_minutes", "started_at", "ended_at")),
        "duration_minutes": meeting.duration_minutes,
        **_fields(meeting, ("attended", "mentee_update")),
        "agenda": [_fields(item, ("title", "minutes", "used_seconds", "raised_by", "notes"))
                   for item in meeting.agenda],
        **_fields(meeting, ("notes", "decisions", "parked")),
        "assignment": ({"text": meeting.assignment, "due": _iso(meeting.assignment_due),
                        "state": meeting.assignment_state, "received_on": _iso(meeting.assignment_received_on)}
                       if meeting.assignment.strip() else None),
        "carried": [_fields(outcome, ("item_id", "outcome", "old_due", "new_due")) for outcome in meeting.carried],
        "action_items": [action_item_json(item, today) for item in pair.action_items
                         if item.meeting_id == meeting.id],
        "private_notes": private_notes.get(meeting.id, "") if private_notes is not None else None,
    }


def goal_json(goal: Goal) -> dict[str, Any]:
    wording = ("title", "specific", "measurable", "achievable", "relevant", "time_bound", "complete_by")
    return {
        **_fields(goal, ("id", "term", "status", *wording)),
        "progress": goal.progress,
        "checkin_dates": [day.isoformat() for day in goal.checkin_dates],
        "checkins": [_fields(checkin, ("on", "progress", "note")) for checkin in goal.checkins],
        "serves": goal.serves,
        "history": [_fields(version, (*wording, "revised_on")) for version in goal.history],
    }


def _contact(contact: Contact) -> dict[str, Any]:
    return _fields(contact, ("id", "on", "by", "way", "note"))


def _worksheet(sheet: Worksheet) -> dict[str, Any]:
    return {**_fields(sheet, ("id", "kind", "goal_id", "meeting_id", "created_on")),
            "sections": {field: getattr(sheet, field) for field, _, _ in WORKSHEET_SECTIONS[sheet.kind]}}


def meeting_export(pair: Pair, which: str, today: date, private_notes: Mapping[str, str] | None = None) -> str:
    """`export --format json` of one held meeting (a number or "latest"); raises
    ``ExportError`` when there is no such meeting, as the Markdown export does."""
    meeting = pick_meeting(pair, which)
    upcoming = pair.next_meeting(today)
    return dumps({
        "export_version": EXPORT_VERSION,
        "kind": "meeting",
        "generated_on": today.isoformat(),
        "pair": pair_facts(pair),
        "meeting": meeting_json(pair, meeting, today, private_notes),
        "next_meeting": _fields(upcoming, ("kind", "scheduled", "planned_minutes")) if upcoming else None,
    })


def pair_export(pair: Pair, today: date, private_notes: Mapping[str, str] | None = None) -> str:
    """`export --all --format json`: the whole pair, meetings in time order."""
    meetings = sorted(pair.meetings, key=lambda meeting: meeting.scheduled)
    return dumps({
        "export_version": EXPORT_VERSION,
        "kind": "pair",
        "generated_on": today.isoformat(),
        "pair": pair_facts(pair),
        "meetings": [meeting_json(pair, meeting, today, private_notes) for meeting in meetings],
        "action_items": [action_item_json(item, today) for item in pair.action_items],
        "goals": [goal_json(goal) for goal in pair.goals],
        "contacts": [_contact(contact) for contact in pair.contacts],
        "worksheets": [_worksheet(sheet) for sheet in pair.worksheets],
    })
