"""Quick capture while typing: a finished line of the shared notes that starts with
``todo:`` or ``ai:`` (an action item), ``decided:`` (a decision) or ``park:`` (a topic
for the next meeting) is captured, and the line is marked so that it never is again."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from mentortui.core.capture_prefixes import PREFIXES, CaptureKind
from mentortui.core.dates import DateParseError, parse_day
from mentortui.core.live_meeting import guess_owner
from mentortui.core.models import Owner, Pair

MARK = "✓"
# Leading spaces, an optional list bullet ("- ", "* ", "+ ", "1. ", "2) "), then a prefix
# and its colon, in any case. A marked prefix ("todo✓:") no longer matches.
_LEAD = r"(?P<lead>\s*(?:(?:[-*+]|\d{1,9}[.)])\s+)?)"
_BY = re.compile(r"\s+by\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Capture:
    """What a finished line captures: ``text`` is the item; an action item also has an
    owner and a delivery date (None when the line names none). ``marked`` is the line as
    it stays in the notes."""

    kind: CaptureKind
    text: str
    marked: str
    owner: Owner = "mentee"
    due: date | None = None


@lru_cache(maxsize=8)
def _patterns(prefixes: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The line that starts with one of ``prefixes`` and its colon, and the one marked captured."""
    words = "|".join(re.escape(prefix) for prefix in sorted(prefixes, key=len, reverse=True))
    return (re.compile(_LEAD + rf"(?P<prefix>{words}):", re.IGNORECASE | re.ASCII),
            re.compile(_LEAD + rf"(?P<prefix>{words}){MARK}:", re.IGNORECASE | re.ASCII))


def read_line(line: str, pair: Pair, today: date,
              prefixes: Mapping[str, CaptureKind] = PREFIXES, day_first: bool = False) -> Capture | None:
    """The capture a finished line asks for, or None when it starts with no capture
    prefix (or is already marked, or has nothing after its prefix).

    An action item's owner is guessed as ctrl+t guesses it, and a trailing "by <day>"
    that reads as a day ("by fri", "by 12/4", "by end of month") is its delivery date,
    taken off the item's text; ``day_first`` reads "8/12" as 8 December.
    """
    match = _patterns(tuple(prefixes))[0].match(line)
    if match is None:
        return None
    text = " ".join(line[match.end():].split())
    if not text:
        return None
    kind = prefixes[match["prefix"].lower()]
    marked = f"{match['lead']}{match['prefix']}{MARK}:{line[match.end():]}"
    if kind != "action":
        return Capture(kind, text, marked)
    text, due = _split_due(text, today, day_first)
    return Capture(kind, text, marked, guess_owner(text, pair), due)


def unmarked(line: str, prefixes: Mapping[str, CaptureKind] = PREFIXES) -> str:
    """The line as typed, before :func:`read_line`'s mark: what undo puts back."""
    match = _patterns(tuple(prefixes))[1].match(line)
    return line if match is None else f"{match['lead']}{match['prefix']}:{line[match.end():]}"


def _split_due(text: str, today: date, day_first: bool) -> tuple[str, date | None]:
    """The text without its trailing "by <day>", and that day; the longest such day wins,
    so "by email by end of month" reads as "end of month"."""
    for by in _BY.finditer(text):
        head = text[:by.start()]
        if not head:
            continue
        try:
            return head, parse_day(text[by.end():].rstrip(" ."), today, day_first=day_first)
        except DateParseError:
            continue
    return text, None
