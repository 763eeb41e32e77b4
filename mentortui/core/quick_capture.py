"""Quick capture while typing: a finished line of the shared notes that starts with
``todo:`` or ``ai:`` (an action item), ``decided:`` (a decision) or ``park:`` (a topic
for the next meeting) is captured, and the line is marked so that it never is again."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from mentortui.core.dates import DateParseError, parse_day
from mentortui.core.live_meeting import guess_owner
from mentortui.core.models import Owner, Pair

CaptureKind = Literal["action", "decision", "parked"]

MARK = "✓"
PREFIXES: dict[str, CaptureKind] = {"todo": "action", "ai": "action", "decided": "decision", "park": "parked"}
# Leading spaces, an optional list bullet ("- ", "* ", "+ ", "1. ", "2) "), then a prefix
# and its colon, in any case. A marked prefix ("todo✓:") no longer matches.
_LEAD = r"(?P<lead>\s*(?:(?:[-*+]|\d{1,9}[.)])\s+)?)"
_PREFIXED = re.compile(_LEAD + r"(?P<prefix>todo|ai|decided|park):", re.IGNORECASE | re.ASCII)
_MARKED = re.compile(_LEAD + rf"(?P<prefix>todo|ai|decided|park){MARK}:", re.IGNORECASE | re.ASCII)
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


def read_line(line: str, pair: Pair, today: date) -> Capture | None:
    """The capture a finished line asks for, or None when it starts with no capture
    prefix (or is already marked, or has nothing after its prefix).

    An action item's owner is guessed as ctrl+t guesses it, and a trailing "by <day>"
    that reads as a day ("by fri", "by 12/4", "by end of month") is its delivery date,
    taken off the item's text.
    """
    match = _PREFIXED.match(line)
    if match is None:
        return None
    text = " ".join(line[match.end():].split())
    if not text:
        return None
    kind = PREFIXES[match["prefix"].lower()]
    marked = f"{match['lead']}{match['prefix']}{MARK}:{line[match.end():]}"
    if kind != "action":
        return Capture(kind, text, marked)
    text, due = _split_due(text, today)
    return Capture(kind, text, marked, guess_owner(text, pair), due)


def unmarked(line: str) -> str:
    """The line as typed, before :func:`read_line`'s mark: what undo puts back."""
    match = _MARKED.match(line)
    return line if match is None else f"{match['lead']}{match['prefix']}:{line[match.end():]}"


def _split_due(text: str, today: date) -> tuple[str, date | None]:
    """The text without its trailing "by <day>", and that day; the longest such day wins,
    so "by email by end of month" reads as "end of month"."""
    for by in _BY.finditer(text):
        head = text[:by.start()]
        if not head:
            continue
        try:
            return head, parse_day(text[by.end():].rstrip(" ."), today)
        except DateParseError:
            continue
    return text, None
