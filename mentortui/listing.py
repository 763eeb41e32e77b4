"""The plain-text pair list that `mentortui list` prints: the table for standard output,
and the lines about files that could not be read (or only in part) for standard error.
Columns are padded by terminal cells, so a name in wide characters (CJK) keeps them aligned."""

from __future__ import annotations

from datetime import date, datetime

from rich.cells import cell_len

from mentortui.core.dates import short_day, short_moment
from mentortui.storage.store import PairListing

HEADERS = ("PAIR", "MENTEE", "MENTOR", "STAGE", "LAST MEETING", "NEXT MEETING", "OPEN", "OVERDUE")


def _when(moment: datetime | None, today: date) -> str:
    return short_moment(moment, today) if moment else "-"


def format_listings(listings: list[PairListing], today: date) -> str:
    """The open pairs, then the closed ones under their own heading line, then each
    pair's contact warning; the files that could not be read are left to ``listing_problems``."""
    rows: list[tuple[str, ...]] = []
    closed: list[tuple[str, ...]] = []
    notes: list[str] = []
    for listing in listings:
        summary = listing.summary
        if summary is None:
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
        if summary.warning:
            notes.append(f"! {summary.slug}: {summary.warning}")
    widths = [max(cell_len(row[i]) for row in [HEADERS, *rows, *closed]) for i in range(len(HEADERS))]

    def line(row: tuple[str, ...]) -> str:
        cells = (cell + " " * (width - cell_len(cell)) for cell, width in zip(row, widths, strict=True))
        return "  ".join(cells).rstrip()

    lines = [line(row) for row in [HEADERS, *rows]]
    if closed:
        lines += ["", "Closed:", *(line(row) for row in closed)]
    return "\n".join(lines + notes)


def listing_problems(listings: list[PairListing]) -> list[str]:
    """One line for each file that could not be read, and for each read only in part."""
    return [f"! {listing.path}: {listing.problem}" if listing.summary is None else f"! {listing.slug}: {listing.notice}"
            for listing in listings if listing.summary is None or listing.notice]


def same_pair(listings: list[PairListing], mentee: str, mentor: str) -> str | None:
    """The short name of a pair of these two people (names compared without case), if any."""
    wanted = (mentee.casefold(), mentor.casefold())
    for listing in listings:
        summary = listing.summary
        if summary is not None and (summary.mentee.casefold(), summary.mentor.casefold()) == wanted:
            return summary.slug
    return None
