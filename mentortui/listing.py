"""The plain-text pair list that `mentortui list` prints."""

from __future__ import annotations

from datetime import date, datetime

from mentortui.core.dates import short_day, short_moment
from mentortui.storage.store import PairListing

HEADERS = ("PAIR", "MENTEE", "MENTOR", "STAGE", "LAST MEETING", "NEXT MEETING", "OPEN", "OVERDUE")


def _when(moment: datetime | None, today: date) -> str:
    return short_moment(moment, today) if moment else "-"


def format_listings(listings: list[PairListing], today: date) -> str:
    """The open pairs, then the closed ones under their own heading line."""
    rows: list[tuple[str, ...]] = []
    closed: list[tuple[str, ...]] = []
    notes: list[str] = []
    for listing in listings:
        summary = listing.summary
        if summary is None:
            notes.append(f"! {listing.path}: {listing.problem}")
            continue
        (rows if summary.closed_on is None else closed).append((
            summary.slug,
            summary.mentee,
            summary.mentor,
            str(summary.stage) if summary.closed_on is None else f"closed {short_day(summary.closed_on, today)}",
            _when(summary.last_meeting, today),
            _when(summary.next_meeting, today),
            str(summary.open_items),
            str(summary.overdue_items),
        ))
        if listing.notice:
            notes.append(f"! {summary.slug}: {listing.notice}")
        if summary.warning:
            notes.append(f"! {summary.slug}: {summary.warning}")
    widths = [max(len(row[i]) for row in [HEADERS, *rows, *closed]) for i in range(len(HEADERS))]

    def line(row: tuple[str, ...]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()

    lines = [line(row) for row in [HEADERS, *rows]]
    if closed:
        lines += ["", "Closed:", *(line(row) for row in closed)]
    return "\n".join(lines + notes)
