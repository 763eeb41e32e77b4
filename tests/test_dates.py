"""Reading dates people type (mentortui.core.dates.parse_day / parse_moment).

Every test uses a fixed "today": TODAY is Wednesday 25 November 2026.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentortui.core.dates import DateParseError, parse_day, parse_moment

TODAY = date(2026, 11, 25)  # a Wednesday
FRIDAY = date(2026, 11, 27)
NINE = time(9, 0)


def test_fixed_days_are_what_the_tests_assume():
    assert TODAY.weekday() == 2 and FRIDAY.weekday() == 4


@pytest.mark.parametrize(("text", "expected"), [
    # ISO
    ("2026-12-04", date(2026, 12, 4)),
    ("2025-01-01", date(2025, 1, 1)),
    ("  2026-12-04\t", date(2026, 12, 4)),
    # month/day, US order; without a year the next one on or after today
    ("12/4", date(2026, 12, 4)),
    ("11/25", TODAY),
    ("11/24", date(2027, 11, 24)),
    ("1/15", date(2027, 1, 15)),
    ("12/4/2027", date(2027, 12, 4)),
    ("12/4/27", date(2027, 12, 4)),
    ("2/29", date(2028, 2, 29)),
    # month names
    ("4 dec", date(2026, 12, 4)),
    ("dec 4", date(2026, 12, 4)),
    ("4 December 2026", date(2026, 12, 4)),
    ("december 4", date(2026, 12, 4)),
    ("Dec 4, 2027", date(2027, 12, 4)),
    ("15 jan", date(2027, 1, 15)),
    ("3 sept", date(2027, 9, 3)),
    # words
    ("today", TODAY),
    ("TOMORROW", date(2026, 11, 26)),
    ("yesterday", date(2026, 11, 24)),
    # weekdays: strictly after today
    ("thu", date(2026, 11, 26)),
    ("thurs", date(2026, 11, 26)),
    ("Thursday", date(2026, 11, 26)),
    ("fri", FRIDAY),
    ("friday", FRIDAY),
    ("next fri", FRIDAY),
    ("mon", date(2026, 11, 30)),
    ("tue", date(2026, 12, 1)),
    ("tues", date(2026, 12, 1)),
    ("wed", date(2026, 12, 2)),
    ("wednesday", date(2026, 12, 2)),
    ("next wed", date(2026, 12, 2)),
    ("sat", date(2026, 11, 28)),
    ("sun", date(2026, 11, 29)),
    # relative
    ("+3d", date(2026, 11, 28)),
    ("+2w", date(2026, 12, 9)),
    ("+1m", date(2026, 12, 25)),
    ("+2m", date(2027, 1, 25)),
    ("+1y", date(2027, 11, 25)),
    ("in 3 days", date(2026, 11, 28)),
    ("in 1 day", date(2026, 11, 26)),
    ("in 2 weeks", date(2026, 12, 9)),
    ("in a week", date(2026, 12, 2)),
    ("in 1 month", date(2026, 12, 25)),
    ("in  2   years", date(2028, 11, 25)),
    # ends and starts
    ("end of month", date(2026, 11, 30)),
    ("eom", date(2026, 11, 30)),
    ("end of week", FRIDAY),
    ("eow", FRIDAY),
    ("next week", date(2026, 11, 30)),
    ("next month", date(2026, 12, 1)),
])
def test_parse_day(text: str, expected: date):
    assert parse_day(text, TODAY) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("fri", date(2026, 12, 4)),       # on a Friday, "fri" is a week later
    ("next fri", date(2026, 12, 4)),
    ("sat", date(2026, 11, 28)),
    ("eow", FRIDAY),                  # ... but the end of the week is today
    ("end of week", FRIDAY),
    ("next week", date(2026, 11, 30)),
    ("today", FRIDAY),
])
def test_parse_day_on_a_friday(text: str, expected: date):
    assert parse_day(text, FRIDAY) == expected


@pytest.mark.parametrize(("today", "text", "expected"), [
    (date(2026, 11, 30), "eom", date(2026, 11, 30)),      # the last day is still this month
    (date(2026, 12, 31), "end of month", date(2026, 12, 31)),
    (date(2028, 2, 1), "eom", date(2028, 2, 29)),
    (date(2026, 12, 31), "next month", date(2027, 1, 1)),
    (date(2026, 12, 31), "1/1", date(2027, 1, 1)),
    (date(2026, 12, 31), "next week", date(2027, 1, 4)),
    (date(2027, 1, 31), "+1m", date(2027, 2, 28)),        # clamped to the month's end
    (date(2028, 1, 31), "+1m", date(2028, 2, 29)),
    (date(2026, 3, 31), "in 1 month", date(2026, 4, 30)),
    (date(2028, 2, 29), "+1y", date(2029, 2, 28)),
    (date(2026, 8, 31), "+6m", date(2027, 2, 28)),
    (date(2029, 3, 1), "2/29", date(2032, 2, 29)),        # the next Feb 29 is years away
])
def test_parse_day_at_month_ends(today: date, text: str, expected: date):
    assert parse_day(text, today) == expected


BAD_DAYS = [
    "", "   ", "frday", "2026-02-30", "2026-13-01", "13/45", "2/30", "0/1", "12/4/202",
    "+0", "+0d", "+-1d", "+1x", "+d", "-1d", "in 0 days", "in -1 days", "in a fortnight",
    "next", "next year", "end of", "32 dec", "dec", "4 decem", "tomorrow tomorrow",
    "2026-12-04 17:30", "fri 5pm", "+99999y", "\u0661\u0662/\u0664",  # Arabic-Indic digits
    "x" * 10_000, "1/1 " + "1" * 10_000,
    "+" + "0" * 70 + "1d",  # over 64 characters is never a date, however it reads
]


@pytest.mark.parametrize("text", BAD_DAYS)
def test_parse_day_rejects(text: str):
    with pytest.raises(DateParseError) as caught:
        parse_day(text, TODAY)
    message = str(caught.value)
    assert message.startswith("couldn't read '")
    assert "try 2026-12-04, 12/4, fri, tomorrow, +2w or end of month" in message
    assert "\n" not in message and len(message) < 200


def test_error_message_names_the_text():
    with pytest.raises(DateParseError) as caught:
        parse_day(" frday ", TODAY)
    assert str(caught.value) == (
        "couldn't read 'frday' as a date: try 2026-12-04, 12/4, fri, tomorrow, +2w or end of month")


def test_error_is_a_value_error():
    with pytest.raises(ValueError):
        parse_day("13/45", TODAY)


@pytest.mark.parametrize(("today", "text"), [
    (date.max, "tomorrow"), (date.min, "yesterday"), (date.max, "+1d"), (date.max, "next month"),
    (date.max, "1/1"), (date(9999, 12, 1), "+1y"), (TODAY, "+999999999999d"), (TODAY, "in 99999 years"),
])
def test_out_of_range_is_a_parse_error(today: date, text: str):
    with pytest.raises(DateParseError):
        parse_day(text, today)


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-12-04 17:30", datetime(2026, 12, 4, 17, 30)),
    ("2026-12-04T17:30", datetime(2026, 12, 4, 17, 30)),
    ("fri 5pm", datetime(2026, 11, 27, 17, 0)),
    ("Fri 5:30PM", datetime(2026, 11, 27, 17, 30)),
    ("fri 5 pm", datetime(2026, 11, 27, 17, 0)),
    ("tomorrow 9am", datetime(2026, 11, 26, 9, 0)),
    ("+1w 18:00", datetime(2026, 12, 2, 18, 0)),
    ("dec 4 8:15", datetime(2026, 12, 4, 8, 15)),
    ("12/4 12pm", datetime(2026, 12, 4, 12, 0)),
    ("in 2 weeks 07:05", datetime(2026, 12, 9, 7, 5)),
    ("17:30", datetime(2026, 11, 25, 17, 30)),             # a time alone is today
    ("5pm", datetime(2026, 11, 25, 17, 0)),
    ("12am", datetime(2026, 11, 25, 0, 0)),
    ("12pm", datetime(2026, 11, 25, 12, 0)),
    ("12:30am", datetime(2026, 11, 25, 0, 30)),
    ("0:00", datetime(2026, 11, 25, 0, 0)),
    ("23:59", datetime(2026, 11, 25, 23, 59)),
    ("fri", datetime(2026, 11, 27, 9, 0)),                 # no time: the default time
    ("2026-12-04", datetime(2026, 12, 4, 9, 0)),
    (" tomorrow ", datetime(2026, 11, 26, 9, 0)),
])
def test_parse_moment(text: str, expected: datetime):
    assert parse_moment(text, TODAY, NINE) == expected


def test_parse_moment_uses_the_given_default_time():
    assert parse_moment("eom", TODAY, time(18, 45)) == datetime(2026, 11, 30, 18, 45)


@pytest.mark.parametrize(("text", "named", "what"), [
    ("25:00", "25:00", "a time"),
    ("13pm", "13pm", "a time"),
    ("0am", "0am", "a time"),
    ("17:30pm", "17:30pm", "a time"),
    ("fri 12:60", "12:60", "a time"),
    ("frday 5pm", "frday", "a date"),
    ("2026-02-30T10:00", "2026-02-30", "a date"),
    ("", "", "a date"),
    ("fri 5", "fri 5", "a date"),
    ("5", "5", "a date"),
])
def test_parse_moment_rejects(text: str, named: str, what: str):
    with pytest.raises(DateParseError) as caught:
        parse_moment(text, TODAY, NINE)
    assert str(caught.value).startswith(f"couldn't read '{named}' as {what}: try ")


# --- properties ------------------------------------------------------------------------------

WORDS = st.sampled_from([
    "+", "-", "/", ":", " ", "t", "in", "a", "next", "end", "of", "month", "week", "day", "days",
    "year", "d", "w", "m", "y", "fri", "dec", "am", "pm", "0", "1", "12", "29", "31", "2026",
    "9999", "99999999999", "today", "eom",
])
TEXTS = st.one_of(st.text(), st.lists(WORDS, max_size=8).map("".join),
                  st.lists(WORDS, max_size=6).map(" ".join))


@given(TEXTS, st.dates())
def test_parse_day_returns_a_date_or_raises_parse_error(text: str, today: date):
    try:
        result = parse_day(text, today)
    except DateParseError as error:
        assert "\n" not in str(error)
    else:
        assert type(result) is date


@given(TEXTS, st.dates())
def test_parse_moment_returns_a_datetime_or_raises_parse_error(text: str, today: date):
    try:
        result = parse_moment(text, today, NINE)
    except DateParseError as error:
        assert "\n" not in str(error)
    else:
        assert type(result) is datetime


@given(st.dates(), st.dates())
def test_iso_round_trip(day: date, today: date):
    assert parse_day(day.isoformat(), today) == day


@given(st.integers(1, 500), st.dates(max_value=date(9000, 1, 1)))
def test_plus_days(count: int, today: date):
    assert parse_day(f"+{count}d", today) == today + timedelta(days=count)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_weekdays_are_strictly_ahead_within_a_week(today: date):
    for weekday, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun")):
        day = parse_day(name, today)
        assert 1 <= (day - today).days <= 7
        assert day.weekday() == weekday
