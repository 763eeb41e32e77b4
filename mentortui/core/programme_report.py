"""The coordinator's report: every pair of a programme on one page (no Textual, no files).

A coordinator reads it before a checkpoint, so it holds what a coordinator may see and
nothing else: who the pair is, its stage, match date, last contact (a held meeting or a
logged check-in), next meeting, the contact rules it breaks (``contact_rules.warnings``),
how many meetings were held and missed, its goals with their progress, and its overdue
action items. Nothing that people wrote for each other is read: no notes of any kind,
mentee updates, assignments, decisions, parked topics, worksheets, closing answers or
the one-line notes of logged contacts. A closed pair is listed apart and never chased:
no warnings and no overdue items.

Three renderings: Markdown (a table of pairs, then one section per pair), the same as a
complete HTML page (``export.html_document``), and JSON. User text in Markdown and HTML
goes through ``export.escape_text``, so a name cannot split a table or become markup.

The JSON (``report_json``) is stable; its version is ``REPORT_VERSION``::

    {"report_version": 1, "generated_on": "YYYY-MM-DD",
     "pairs": [{"slug", "mentee", "mentor", "stage", "stage_name", "matched_on",
                "closed_on" (null while open), "last_contact", "next_meeting" (date and time),
                "meetings_held", "meetings_missed", "warnings": [text],
                "goals": [{"title", "term", "status", "progress", "complete_by"}],
                "overdue_action_items": [{"text", "owner" (mentee/mentor/both), "due"}]}],
     "unreadable": [{"path", "problem"}]}

Dates are ISO (``2026-11-25``, ``2026-11-30T17:00:00``); a date not known is null.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from mentortui.core.contact_rules import last_contact, missed_meetings, warnings
from mentortui.core.export import escape_text, html_document
from mentortui.core.models import STAGE_NAMES, Goal, Pair

REPORT_VERSION = 1


@dataclass(frozen=True)
class GoalProgress:
    title: str
    term: str
    status: str
    progress: int
    complete_by: date | None


@dataclass(frozen=True)
class OverdueItem:
    text: str
    owner: str
    due: date


@dataclass(frozen=True)
class PairRecord:
    """What the report says about one pair."""

    slug: str
    mentee: str
    mentor: str
    stage: int
    matched_on: date
    closed_on: date | None
    last_contact: date | None
    next_meeting: datetime | None
    meetings_held: int
    meetings_missed: int
    warnings: tuple[str, ...]
    goals: tuple[GoalProgress, ...]
    overdue: tuple[OverdueItem, ...]

    @property
    def stage_name(self) -> str:
        return STAGE_NAMES[self.stage]

    def owner_name(self, owner: str) -> str:
        return {"mentee": self.mentee, "mentor": self.mentor}.get(owner, "Both")


@dataclass(frozen=True)
class Unreadable:
    """A file that looked like a pair file but could not be read, and why."""

    path: str
    problem: str


def _goal(goal: Goal) -> GoalProgress:
    return GoalProgress(goal.title, goal.term, goal.status, goal.progress, goal.complete_by)


def pair_record(slug: str, pair: Pair, today: date) -> PairRecord:
    closed = pair.is_closed
    upcoming = None if closed else pair.next_meeting(today)
    overdue = () if closed else tuple(
        OverdueItem(item.text, item.owner, item.due)
        for item in sorted(pair.overdue_action_items(today), key=lambda item: item.due or date.min)
        if item.due is not None
    )
    return PairRecord(
        slug=slug,
        mentee=pair.mentee.name,
        mentor=pair.mentor.name,
        stage=pair.stage,
        matched_on=pair.started_on,
        closed_on=pair.closed_on,
        last_contact=last_contact(pair),
        next_meeting=upcoming.scheduled if upcoming else None,
        meetings_held=len(pair.held_meetings()),
        meetings_missed=len(missed_meetings(pair, today)),
        warnings=tuple(warnings(pair, today)),
        goals=tuple(_goal(goal) for goal in pair.goals),
        overdue=overdue,
    )


def programme_records(pairs: Iterable[tuple[str, Pair]], today: date) -> list[PairRecord]:
    """One record per pair, by short name."""
    return sorted((pair_record(slug, pair, today) for slug, pair in pairs), key=lambda record: record.slug)


# --- Markdown and HTML -------------------------------------------------------------------

def _day(day: date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else "-"


def _moment(moment: datetime | None) -> str:
    return f"{_day(moment.date())} {moment:%H:%M}" if moment else "-"


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _title(record: PairRecord) -> str:
    return escape_text(f"{record.mentee} with {record.mentor}")


def _active_table(records: list[PairRecord]) -> str:
    header = ("Pair", "Mentee", "Mentor", "Stage", "Matched", "Last contact", "Next meeting",
              "Held", "Missed", "Overdue items", "Warnings")
    rows = ((escape_text(r.slug), escape_text(r.mentee), escape_text(r.mentor), str(r.stage), _day(r.matched_on),
             _day(r.last_contact), _moment(r.next_meeting), str(r.meetings_held), str(r.meetings_missed),
             str(len(r.overdue)), escape_text("; ".join(r.warnings)) or "none")
            for r in records)
    return _table(header, rows)


def _closed_table(records: list[PairRecord]) -> str:
    header = ("Pair", "Mentee", "Mentor", "Matched", "Closed", "Last contact", "Held", "Goals achieved")
    rows = ((escape_text(r.slug), escape_text(r.mentee), escape_text(r.mentor), _day(r.matched_on),
             _day(r.closed_on), _day(r.last_contact), str(r.meetings_held),
             f"{sum(goal.status == 'achieved' for goal in r.goals)} of {len(r.goals)}")
            for r in records)
    return _table(header, rows)


def _goals(record: PairRecord) -> str:
    if not record.goals:
        return "No goals yet."
    return _table(("Goal", "Term", "Status", "Progress", "Complete by"),
                  ((escape_text(goal.title), goal.term, goal.status, f"{goal.progress}%", _day(goal.complete_by))
                   for goal in record.goals))


def _overdue(record: PairRecord) -> str:
    if not record.overdue:
        return "None."
    return _table(("Action item", "Owner", "Due"),
                  ((escape_text(item.text), escape_text(record.owner_name(item.owner)), _day(item.due))
                   for item in record.overdue))


def _section(record: PairRecord) -> str:
    facts = [
        f"Short name: {escape_text(record.slug)}",
        f"Stage: {record.stage} of 4, {record.stage_name.lower()}",
        f"Matched: {_day(record.matched_on)}",
    ]
    if record.closed_on:
        facts.append(f"Closed: {_day(record.closed_on)}")
    else:
        facts.append(f"Next meeting: {_moment(record.next_meeting) if record.next_meeting else 'none planned'}")
    facts += [
        f"Last contact: {_day(record.last_contact) if record.last_contact else 'none yet'}",
        f"Meetings: {record.meetings_held} held, {record.meetings_missed} missed",
    ]
    parts = [f"## {_title(record)}" + (" (closed)" if record.closed_on else ""), _bullets(facts)]
    if not record.closed_on:
        parts.append("### Warnings\n\n" + (_bullets(map(escape_text, record.warnings)) or "None."))
    parts.append("### Goals\n\n" + _goals(record))
    if not record.closed_on:
        parts.append("### Overdue action items\n\n" + _overdue(record))
    return "\n\n".join(parts)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def report_title(today: date) -> str:
    return f"Programme report, {_day(today)}"


def report_markdown(records: list[PairRecord], today: date, unreadable: Sequence[Unreadable] = ()) -> str:
    """The report: a count line, the open pairs' table, the closed pairs' table, the files
    that could not be read, then a section per pair (open pairs first)."""
    active = [record for record in records if record.closed_on is None]
    closed = [record for record in records if record.closed_on is not None]
    warned = sum(bool(record.warnings) for record in active)
    parts = [f"# {report_title(today)}",
             f"{_count(len(records), 'pair')}: {len(active)} open ({warned} with warnings), {len(closed)} closed. "
             "Notes of any kind are never part of this report."]
    parts.append("## Open pairs\n\n" + (_active_table(active) if active else "None."))
    if closed:
        parts.append("## Closed pairs\n\n" + _closed_table(closed))
    if unreadable:
        parts.append("## Files that could not be read\n\n"
                     + _bullets(f"{escape_text(item.path)}: {escape_text(item.problem)}" for item in unreadable))
    parts += [_section(record) for record in (*active, *closed)]
    return "\n\n".join(parts) + "\n"


def report_html(records: list[PairRecord], today: date, unreadable: Sequence[Unreadable] = ()) -> str:
    return html_document(report_markdown(records, today, unreadable), report_title(today))


# --- JSON --------------------------------------------------------------------------------

def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _record_json(record: PairRecord) -> dict[str, Any]:
    return {
        "slug": record.slug,
        "mentee": record.mentee,
        "mentor": record.mentor,
        "stage": record.stage,
        "stage_name": record.stage_name,
        "matched_on": _iso(record.matched_on),
        "closed_on": _iso(record.closed_on),
        "last_contact": _iso(record.last_contact),
        "next_meeting": _iso(record.next_meeting),
        "meetings_held": record.meetings_held,
        "meetings_missed": record.meetings_missed,
        "warnings": list(record.warnings),
        "goals": [{"title": goal.title, "term": goal.term, "status": goal.status, "progress": goal.progress,
                   "complete_by": _iso(goal.complete_by)} for goal in record.goals],
        "overdue_action_items": [{"text": item.text, "owner": item.owner, "due": _iso(item.due)}
                                 for item in record.overdue],
    }


def report_json(records: list[PairRecord], today: date, unreadable: Sequence[Unreadable] = ()) -> str:
    """The report as JSON (the structure in this module's docstring), indented, one final newline."""
    document = {
        "report_version": REPORT_VERSION,
        "generated_on": today.isoformat(),
        "pairs": [_record_json(record) for record in records],
        "unreadable": [{"path": item.path, "problem": item.problem} for item in unreadable],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
