"""Dates as people read them: "Fri 4 Dec", "in 3 days", "2 days overdue"."""

from __future__ import annotations

from datetime import date, datetime


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


def due_phrase(due: date, today: date) -> str:
    """A delivery date relative to today, where past means overdue: "2 days overdue"."""
    delta = (due - today).days
    if delta < 0:
        return f"{days_word(-delta)} overdue"
    if delta == 0:
        return "due today"
    return f"due {relative_day(due, today)}"
