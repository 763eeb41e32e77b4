"""Dates as people read them: "Fri 4 Dec", "in 3 days", "2 days overdue"."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, tzinfo


def short_day(day: date, today: date) -> str:
    """"Fri 4 Dec", with the year added when it is not this year."""
    text = f"{day:%a} {day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def short_moment(moment: datetime, today: date) -> str:
    return f"{short_day(moment.date(), today)} {moment:%H:%M}"


def days_word(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def relative_day(day: date, today: date) -> str:
    """How far a day is from today: "today", "tomorrow", "in 3 days", "2 days ago"."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    return f"in {days_word(delta)}" if delta > 0 else f"{days_word(-delta)} ago"


def due_label(due: date, today: date) -> str:
    """A delivery date and how far it is: "Fri 4 Dec, due in 3 days", "Sun 15 Nov, 10 days overdue"."""
    return f"{short_day(due, today)}, {due_phrase(due, today)}"


def clock(seconds: int) -> str:
    """Minutes and seconds, with hours once past an hour: 4:05, 1:02:03."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def due_phrase(due: date, today: date) -> str:
    """A delivery date relative to today, where past means overdue: "2 days overdue"."""
    delta = (due - today).days
    if delta < 0:
        return f"{days_word(-delta)} overdue"
    if delta == 0:
        return "due today"
    return f"due {relative_day(due, today)}"


# --- Reading dates people type: "fri", "12/4", "dec 4th", "in two weeks", "tue at 3pm" -----


class DateParseError(ValueError):
    """The text is not a date we understand; str() is a one-line message for a person, e.g.
    "couldn't read 'frday' as a date: try 2026-12-04, 12/4, fri, tomorrow, +2w or end of month"."""


_DAY_EXAMPLES = "2026-12-04, 12/4, fri, tomorrow, +2w or end of month"
_TIME_EXAMPLES = "17:30, 5pm or 5:30pm"
_LONGEST = 64  # nothing we read is longer; longer text fails at once, keeping regex work bounded

_MONTHS: dict[str, int] = {"sept": 9} | {
    name: number
    for number, full in enumerate(
        ("january", "february", "march", "april", "may", "june", "july",
         "august", "september", "october", "november", "december"), start=1)
    for name in (full, full[:3])
}
_WEEKDAYS: dict[str, int] = {
    name: number
    for number, names in enumerate((
        ("mon", "monday"), ("tue", "tues", "tuesday"), ("wed", "wednesday"),
        ("thu", "thurs", "thursday"), ("fri", "friday"), ("sat", "saturday"), ("sun", "sunday")))
    for name in names
}
_MONTH = "(?P<month>" + "|".join(_MONTHS) + ")"
_WEEKDAY = "(?P<weekday>" + "|".join(_WEEKDAYS) + ")"
_NUMBER_WORDS: dict[str, int] = {"a": 1} | {
    word: number for number, word in enumerate(
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"), start=1)
}
_COUNT = "(?P<count>" + "|".join(["\\d+", *_NUMBER_WORDS]) + ")"
# "4th", "22nd": the suffix is checked against the number in _calendar_day.
_DATE_OF_MONTH = r"(?P<day>\d{1,2})(?P<suffix>st|nd|rd|th)?"
_TIME = r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?(?: ?(?P<half>am|pm))?"
# A time in a moment has a colon, am/pm or the French "15h"/"15h30", or is noon.
_TIME_WORD = r"(?P<time>\d{1,2}:\d{2}(?: ?[ap]m)?|\d{1,2} ?[ap]m|\d{1,2}h(?:\d{2})?|noon|midday)"
# A moment is a day then a time ("tue 3pm", "tue at 3pm", ISO "2026-12-04T17:30"), a time alone,
# or a time then a day ("3pm tue", "noon on fri").
_TIME_LAST = re.compile(rf"(?:(?P<day>.+?)(?: (?:at )?|(?<=\d)t))?{_TIME_WORD}", re.ASCII)
_TIME_FIRST = re.compile(rf"{_TIME_WORD} (?:on )?(?P<day>.+)", re.ASCII)

_Rule = Callable[[re.Match[str], date], date]


def _words(text: str) -> str:
    """Lower case, one space between words, surrounding whitespace gone."""
    return " ".join(text.lower().split())


def _error(text: str, what: str, examples: str) -> DateParseError:
    shown = " ".join(text.split())
    if len(shown) > 40:
        shown = shown[:39] + "…"
    return DateParseError(f"couldn't read '{shown}' as {what}: try {examples}")


def add_months(day: date, count: int) -> date:
    """Calendar months later, clamped to the month's end: Jan 31 + 1 month = Feb 28 (or 29)."""
    year, month = divmod(day.month - 1 + count, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _ordinal_suffix(number: int) -> str:
    """"st" for 1 and 21, "nd" for 2 and 22, "rd" for 3 and 23, "th" for the rest (11th to 13th too)."""
    return "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def _calendar_day(match: re.Match[str], today: date) -> date:
    """A month name and a day ("dec 4th"), with a year or else the next one on or after today."""
    day = int(match["day"])
    if match["suffix"] not in (None, _ordinal_suffix(day)):
        raise ValueError(f"{day}{match['suffix']}")
    return _month_day(_MONTHS[match["month"]], day, match["year"], today)


def _numeric_day(match: re.Match[str], today: date, day_first: bool) -> date:
    """"12/4" in the order asked for; when only the other order makes a date ("25/12" month
    first) that one, since no one types a month 25. Neither: ValueError."""
    first, second = int(match["first"]), int(match["second"])
    orders = [(second, first), (first, second)] if day_first else [(first, second), (second, first)]
    for month, day in orders:
        try:
            return _month_day(month, day, match["year"], today)
        except ValueError:
            continue
    raise ValueError(match[0])


def _month_day(month: int, day: int, year: str | None, today: date) -> date:
    """Month and day, with a year (two digits mean 20xx) or else the next one on or after today."""
    if year is not None:
        return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
    for candidate_year in range(today.year, today.year + 9):  # Feb 29 can be 8 years away
        try:
            candidate = date(candidate_year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise ValueError(f"no {month}/{day} after {today}")


def _later(match: re.Match[str], today: date) -> date:
    """"+3d", "in 2 weeks", "two weeks", "in a month": a whole number (at least 1, in digits or
    a word up to twelve) of days, weeks, months or years."""
    count = _NUMBER_WORDS.get(match["count"]) or int(match["count"])
    if count < 1:
        raise ValueError("a count of zero")
    unit = match["unit"][0]
    if unit in "dw":
        return today + timedelta(days=count * (7 if unit == "w" else 1))
    return add_months(today, count * (12 if unit == "y" else 1))


def _rule(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.ASCII)


# Each pattern must match the whole (normalised) text; they never overlap, so order is free.
_DAY_RULES: list[tuple[re.Pattern[str], _Rule]] = [
    (_rule(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"),
     lambda m, today: date(int(m["year"]), int(m["month"]), int(m["day"]))),
    (_rule(rf"{_DATE_OF_MONTH}(?: of)? {_MONTH}(?: (?P<year>\d{{4}}))?"), _calendar_day),
    (_rule(rf"{_MONTH} {_DATE_OF_MONTH}(?:,? (?P<year>\d{{4}}))?"), _calendar_day),
    (_rule(r"today|tomorrow|yesterday"),
     lambda m, today: today + timedelta(days={"today": 0, "tomorrow": 1, "yesterday": -1}[m[0]])),
    # "fri" is the next Friday strictly after today; "next fri" is deliberately the same day.
    (_rule(rf"(?:next )?{_WEEKDAY}"),
     lambda m, today: today + timedelta(days=(_WEEKDAYS[m["weekday"]] - today.weekday() - 1) % 7 + 1)),
    (_rule(r"\+(?P<count>\d+)(?P<unit>[dwmy])"), _later),
    (_rule(rf"(?:in )?{_COUNT} (?P<unit>day|week|month|year)s?(?: from (?:now|today))?"), _later),
    (_rule(r"end of month|eom"),
     lambda m, today: today.replace(day=calendar.monthrange(today.year, today.month)[1])),
    (_rule(r"end of week|eow"), lambda m, today: today + timedelta(days=(4 - today.weekday()) % 7)),
    (_rule(r"next week"), lambda m, today: today + timedelta(days=7 - today.weekday())),
    (_rule(r"next month"), lambda m, today: add_months(today.replace(day=1), 1)),
]


_NUMERIC = _rule(r"(?P<first>\d{1,2})/(?P<second>\d{1,2})(?:/(?P<year>\d{4}|\d{2}))?")


def parse_day(text: str, today: date, *, day_first: bool = False) -> date:
    """Read a day as a person types it, relative to ``today``.

    Accepts (any case): 2026-12-04; 12/4, 12/4/2027, 12/4/27 (month first, or day first with
    ``day_first``; a date only the other order makes is read that way; without a year the next
    such day on or after today); 4 dec, dec 4, dec 4th, 4th of december, 4 december 2026; today,
    tomorrow, yesterday; fri, friday, next fri (all the next Friday strictly after today); +3d,
    +2w, +1m, +1y, in 3 days, in a week, in two weeks, two weeks, 3 months from now (numbers in
    digits or words up to twelve); end of month / eom, end of week / eow (Friday), next week
    (Monday), next month (the 1st). Anything else raises DateParseError.
    """
    words = _words(text)
    if len(words) <= _LONGEST:
        if numeric := _NUMERIC.fullmatch(words):
            try:
                return _numeric_day(numeric, today, day_first)
            except (ValueError, OverflowError):
                raise _error(text, "a date", _DAY_EXAMPLES) from None
        for pattern, build in _DAY_RULES:
            if match := pattern.fullmatch(words):
                try:
                    return build(match, today)
                except (ValueError, OverflowError):  # 2026-02-30, 13/45, +99999y, ...
                    break
    raise _error(text, "a date", _DAY_EXAMPLES)


def _clock(text: str, zone: tzinfo | None) -> time:
    """"17:30", "5pm", "5:30 pm", "15h", "15h30", "noon"; 12am is midnight and 12pm is noon."""
    if text in ("noon", "midday"):
        return time(12, 0, tzinfo=zone)
    french = re.fullmatch(r"(\d{1,2})h(\d{2})?", text, re.ASCII)
    match = re.fullmatch(_TIME, f"{french[1]}:{french[2] or '00'}" if french else text, re.ASCII)
    try:
        if match is None:
            raise ValueError(text)
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        if match["half"]:
            if not 1 <= hour <= 12:
                raise ValueError(f"{hour}{match['half']}")
            hour = hour % 12 + (12 if match["half"] == "pm" else 0)
        return time(hour, minute, tzinfo=zone)
    except ValueError:
        raise _error(text, "a time", _TIME_EXAMPLES) from None


def parse_moment(text: str, today: date, default_time: time, *, day_first: bool = False) -> datetime:
    """Read a day (as parse_day does) and a time, either way round: "fri 5pm", "tue at 3pm",
    "3pm tue", "noon on fri", "tomorrow noon", "+1w 18:00", "2026-12-04T17:30". A time alone
    ("17:30", "at 3pm", "noon") means today; a day alone means ``default_time`` on that day.
    Anything else raises DateParseError naming the part it could not read.
    """
    words = _words(text).removeprefix("at ")
    match = None
    if len(words) <= _LONGEST:
        match = _TIME_LAST.fullmatch(words) or _TIME_FIRST.fullmatch(words)
    if match is None:
        return datetime.combine(parse_day(text, today, day_first=day_first), default_time)
    clock = _clock(match["time"], default_time.tzinfo)
    day = today if match["day"] is None else parse_day(match["day"], today, day_first=day_first)
    return datetime.combine(day, clock)


def day_readings(text: str, today: date, *, day_first: bool = False) -> tuple[date, date | None]:
    """The day typed, read in the order asked for, and the other order's day when that differs:
    "8/12" is (12 Aug, 8 Dec) month first. Raises DateParseError as parse_day does."""
    chosen = parse_day(text, today, day_first=day_first)
    other = parse_day(text, today, day_first=not day_first)
    return chosen, None if other == chosen else other


def moment_readings(text: str, today: date, default_time: time, *,
                    day_first: bool = False) -> tuple[datetime, datetime | None]:
    """As day_readings, for a moment (parse_moment): "8/12 3pm" reads two ways."""
    chosen = parse_moment(text, today, default_time, day_first=day_first)
    other = parse_moment(text, today, default_time, day_first=not day_first)
    return chosen, None if other == chosen else other


def read_typed_day(text: str, today: date, *, day_first: bool = False) -> tuple[date, str | None]:
    """The day typed (in the order asked for) and, when a numeric date reads two ways, both
    readings spelled out for the form's read-back. Raises DateParseError as parse_day does."""
    day, other = day_readings(text, today, day_first=day_first)
    if other is None:
        return day, None
    return day, both_readings(short_day(day, today), short_day(other, today), day_first=day_first)


def both_readings(chosen: str, other: str, *, day_first: bool) -> str:
    """Two readings of an ambiguous date, the one in use first: "Tue 8 Dec (day first) or
    Thu 12 Aug 2027 (month first)?"."""
    orders = ("day first", "month first") if day_first else ("month first", "day first")
    return f"{chosen} ({orders[0]}) or {other} ({orders[1]})?"
