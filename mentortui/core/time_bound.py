"""Whether a goal's Time-bound text agrees with its complete-by date.

The text is read for the dates it names: an ISO date (``2027-02-26``), a day and a month
(``26 February``, ``Feb 26th``), or a month, alone or as part of it (``end of February``,
``mid-March``, ``early April``, ``before May``). The start of a month is its days 1-10,
the middle 11-20, the end or late part 21 on; ``before <month>`` is the month before.
The text agrees when the complete-by date falls in any of them (a Time-bound names its
steps on the way too, so one of its dates being the deadline is enough); a text that
names no date at all is not checked. "May" and "March" count only with a capital letter
or a day beside them, so "you may" and "march on" are not months.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_PART = r"(?:(?P<before>before)\s+)?(?:(?P<part>end|start|beginning|middle|mid|early|late)(?:\s+of)?(?:\s+the)?[\s-]+)?"
_DAY_FIRST = r"(?:(?P<day1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
_DAY_AFTER = r"(?:\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?\b)?"
_YEAR = r"(?:,?\s+(?P<year>\d{4})\b)?"
_WRITTEN = re.compile(rf"\b{_PART}{_DAY_FIRST}{_MONTH}(?![a-z]){_DAY_AFTER}{_YEAR}", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_PART_DAYS = {"start": (1, 10), "beginning": (1, 10), "early": (1, 10), "middle": (11, 20), "mid": (11, 20),
              "end": (21, 31), "late": (21, 31)}
# Month words that are also ordinary English words.
_AMBIGUOUS = {"may", "mar", "march"}


@dataclass(frozen=True)
class Stated:
    """A date or stretch of days the text names, and the words that named it."""

    words: str
    month: int
    first_day: int = 1
    last_day: int = 31
    year: int | None = None

    def covers(self, day: date) -> bool:
        return (day.month == self.month and self.first_day <= day.day <= self.last_day
                and (self.year is None or self.year == day.year))


def stated_dates(text: str) -> list[Stated]:
    """Every date, or part of a month, that ``text`` names, in the order written."""
    found: list[tuple[int, Stated]] = []
    for match in _ISO.finditer(text):
        year, month, day = (int(group) for group in match.groups())
        if 1 <= month <= 12:
            found.append((match.start(), Stated(match.group(0), month, day, day, year)))
    for match in _WRITTEN.finditer(text):
        stated = _read_written(match)
        if stated is not None:
            found.append((match.start(), stated))
    return [stated for _, stated in sorted(found, key=lambda pair: pair[0])]


def _read_written(match: re.Match[str]) -> Stated | None:
    month_word = match.group("month")
    day_text = match.group("day1") or match.group("day2")
    if month_word.lower() in _AMBIGUOUS and not day_text and not month_word[0].isupper():
        return None
    month = _MONTHS.index(month_word[:3].lower()) + 1
    year = int(match.group("year")) if match.group("year") else None
    words = " ".join(match.group(0).split()).rstrip(".")
    if day_text:
        day = int(day_text)
        return Stated(words, month, day, day, year) if 1 <= day <= 31 else None
    if match.group("before") and not match.group("part"):
        return Stated(words, 12 if month == 1 else month - 1, year=None)
    first, last = _PART_DAYS.get((match.group("part") or "").lower(), (1, 31))
    return Stated(words, month, first, last, year)


def disagreement(text: str, complete_by: date) -> str | None:
    """The words of the text that disagree with ``complete_by`` when none of the dates it
    names does agree; None when one does, or when it names none."""
    stated = stated_dates(text)
    if not stated or any(one.covers(complete_by) for one in stated):
        return None
    return stated[-1].words
