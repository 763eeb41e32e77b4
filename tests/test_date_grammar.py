"""The date grammar for what people type in a call (issue 16, point 3): times either side of
the day, "noon", ordinals, number words, and day-first numeric dates; an ambiguous "8/12"
shows both readings in the live preview.

Every table uses a fixed "today": TODAY is Wednesday 25 November 2026, and a day typed
without a time is at NINE.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from textual.widgets import Static

from mentortui.core.dates import (
    DateParseError,
    both_readings,
    day_readings,
    moment_readings,
    parse_day,
    parse_moment,
)
from mentortui.dialogs.capture import read_day
from mentortui.dialogs.contact_log import read_contact_day
from mentortui.dialogs.end_meeting import EndMeetingScreen
from mentortui.storage.config import Config, LoadedConfig

from .conftest import TODAY
from .test_app import settle, type_text
from .test_prepare_screens import open_end_meeting

NINE = time(9, 0)


def at(month: int, day: int, hour: int = 9, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute)


def test_today_is_a_wednesday():
    assert TODAY.weekday() == 2


GRAMMAR = [
    # a weekday and a time, either way round, with "at" or "on"
    ("tue at 3pm", at(12, 1, 15)),
    ("Tue at 3pm", at(12, 1, 15)),
    ("3pm tue", at(12, 1, 15)),
    ("3 pm tuesday", at(12, 1, 15)),
    ("3pm on tue", at(12, 1, 15)),
    ("fri 5pm", at(11, 27, 17)),
    ("fri at 17:30", at(11, 27, 17, 30)),
    # tomorrow, noon
    ("tomorrow at 9am", at(11, 26, 9)),
    ("tomorrow at 9:30am", at(11, 26, 9, 30)),
    ("9am tomorrow", at(11, 26, 9)),
    ("tomorrow noon", at(11, 26, 12)),
    ("tomorrow at noon", at(11, 26, 12)),
    ("noon tomorrow", at(11, 26, 12)),
    ("noon", at(11, 25, 12)),
    ("midday", at(11, 25, 12)),
    ("fri at noon", at(11, 27, 12)),
    ("noon on fri", at(11, 27, 12)),
    # a time alone is today
    ("at 3pm", at(11, 25, 15)),
    ("at 17:30", at(11, 25, 17, 30)),
    ("17:30", at(11, 25, 17, 30)),
    ("15h", at(11, 25, 15)),
    ("fri 15h30", at(11, 27, 15, 30)),
    # month names with ordinals
    ("Dec 4th", at(12, 4)),
    ("dec 1st", at(12, 1)),
    ("dec 2nd", at(12, 2)),
    ("dec 3rd", at(12, 3)),
    ("dec 11th", at(12, 11)),
    ("dec 22nd", at(12, 22)),
    ("jan 31st", at(1, 31, year=2027)),
    ("4th dec", at(12, 4)),
    ("4th of December", at(12, 4)),
    ("21st jan 2027", at(1, 21, year=2027)),
    ("december 4th, 2027", at(12, 4, year=2027)),
    ("dec 4th at 3pm", at(12, 4, 15)),
    ("3pm dec 4th", at(12, 4, 15)),
    ("4 dec", at(12, 4)),
    # counts, in digits or words, with or without "in"
    ("in two weeks", at(12, 9)),
    ("two weeks", at(12, 9)),
    ("2 weeks", at(12, 9)),
    ("in 2 weeks", at(12, 9)),
    ("in one week", at(12, 2)),
    ("a week", at(12, 2)),
    ("three days", at(11, 28)),
    ("in twelve days", at(12, 7)),
    ("six months", at(5, 25, year=2027)),
    ("two weeks from now", at(12, 9)),
    ("in a month", at(12, 25)),
    ("two weeks at 10am", at(12, 9, 10)),
    ("10am in two weeks", at(12, 9, 10)),
    ("+2w", at(12, 9)),
    # numeric dates, month first by default; a date only the other order makes reads that way
    ("12/4", at(12, 4)),
    ("8/12", at(8, 12, year=2027)),
    ("25/12", at(12, 25)),
    ("13/1", at(1, 13, year=2027)),
    ("8/12/2027", at(8, 12, year=2027)),
    ("12/4 12pm", at(12, 4, 12)),
    # what it read before
    ("2026-12-04T17:30", at(12, 4, 17, 30)),
    ("tomorrow", at(11, 26)),
    ("eom", at(11, 30)),
    ("next week", at(11, 30)),
]


@pytest.mark.parametrize(("text", "expected"), GRAMMAR)
def test_what_people_type_reads_as(text: str, expected: datetime):
    assert parse_moment(text, TODAY, NINE) == expected


REJECTED = [
    ("midnight", "a date"),        # which night is ambiguous: we do not guess
    ("tue at 3", "a date"),        # a bare number is not a time
    ("3 tue", "a date"),
    ("4st dec", "a date"),         # the suffix must fit the number
    ("2th dec", "a date"),
    ("11st dec", "a date"),
    ("dec 4nd", "a date"),
    ("dec 32nd", "a date"),
    ("thirteen days", "a date"),   # number words stop at twelve
    ("in zero weeks", "a date"),
    ("in 0 weeks", "a date"),
    ("in a fortnight", "a date"),
    ("13/13", "a date"),           # no order makes a date
    ("31/2", "a date"),
    ("0/12", "a date"),
    ("noon noon", "a date"),
    ("at", "a date"),
    ("tomorrow at", "a date"),
    ("25h", "a time"),
    ("tue at 25:00", "a time"),
    ("13pm tue", "a time"),
]


@pytest.mark.parametrize(("text", "what"), REJECTED)
def test_what_is_not_a_moment_is_refused_with_a_reason(text: str, what: str):
    with pytest.raises(DateParseError) as caught:
        parse_moment(text, TODAY, NINE)
    assert f"as {what}: try " in str(caught.value)


def test_the_tables_hold_at_least_sixty_inputs():
    assert len(GRAMMAR) + len(REJECTED) >= 60


@pytest.mark.parametrize(("text", "expected"), [
    ("8/12", date(2026, 12, 8)),        # 8 December for a UK user
    ("12/8", date(2027, 8, 12)),
    ("4/12", date(2026, 12, 4)),
    ("25/12", date(2026, 12, 25)),
    ("12/25", date(2026, 12, 25)),      # only month first makes a date
    ("8/12/2027", date(2027, 12, 8)),
    ("1/2/27", date(2027, 2, 1)),
    ("25/11", TODAY),
    ("dec 4th", date(2026, 12, 4)),     # names read the same either way
    ("in two weeks", date(2026, 12, 9)),
])
def test_day_first(text: str, expected: date):
    assert parse_day(text, TODAY, day_first=True) == expected


def test_day_first_reaches_the_day_in_a_moment():
    assert parse_moment("4/12 at 3pm", TODAY, NINE, day_first=True) == at(12, 4, 15)


@pytest.mark.parametrize("text", ["31/2", "13/13", "0/5"])
def test_day_first_still_refuses_what_no_order_makes(text: str):
    with pytest.raises(DateParseError):
        parse_day(text, TODAY, day_first=True)


@pytest.mark.parametrize(("text", "day_first", "expected"), [
    ("8/12", False, (date(2027, 8, 12), date(2026, 12, 8))),
    ("8/12", True, (date(2026, 12, 8), date(2027, 8, 12))),
    ("25/12", False, (date(2026, 12, 25), None)),
    ("5/5", True, (date(2027, 5, 5), None)),
    ("dec 4th", False, (date(2026, 12, 4), None)),
    ("fri", True, (date(2026, 11, 27), None)),
])
def test_day_readings_give_the_other_order_only_when_it_differs(text: str, day_first: bool, expected: tuple):
    assert day_readings(text, TODAY, day_first=day_first) == expected


def test_moment_readings_of_an_ambiguous_date():
    assert moment_readings("8/12 3pm", TODAY, NINE, day_first=True) == (at(12, 8, 15), at(8, 12, 15, year=2027))
    assert moment_readings("tue at 3pm", TODAY, NINE) == (at(12, 1, 15), None)


def test_both_readings_put_the_configured_order_first():
    assert both_readings("8 Dec", "12 Aug", day_first=True) == "8 Dec (day first) or 12 Aug (month first)?"
    assert both_readings("12 Aug", "8 Dec", day_first=False) == "12 Aug (month first) or 8 Dec (day first)?"


# --- the live preview ------------------------------------------------------------------------


@pytest.mark.parametrize(("read", "day_first", "expected"), [
    (read_day, False, "Thu 12 Aug 2027 (month first) or Tue 8 Dec (day first)?"),
    (read_day, True, "Tue 8 Dec (day first) or Thu 12 Aug 2027 (month first)?"),
    (read_contact_day, False, "Thu 12 Aug 2027 (month first) or Tue 8 Dec (day first)?"),
])
def test_a_date_field_reads_back_both_readings_of_8_12(read, day_first: bool, expected: str):
    day, reading = read("8/12", TODAY, day_first=day_first)
    assert reading == expected
    assert day == (date(2026, 12, 8) if day_first else date(2027, 8, 12))


def test_a_date_field_reads_back_one_reading_when_there_is_one():
    assert read_day("25/12", TODAY) == (date(2026, 12, 25), "Fri 25 Dec, due in 30 days")


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_a_uk_mentor_sees_both_readings_of_the_next_meeting_and_gets_8_december(make_app, store, demo_slug):
    app = make_app(config=LoadedConfig(Config(date_order="day_first")))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_end_meeting(app, pilot)
        await pilot.press("ctrl+u")
        await type_text(pilot, "8/12 at 3pm")
        assert shown(app, "#next-read") == (
            "Tue 8 Dec 15:00 (day first) or Thu 12 Aug 2027 15:00 (month first)?")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, EndMeetingScreen)
        await app.workers.wait_for_complete()
    upcoming = store.load(demo_slug).next_meeting(TODAY)
    assert upcoming is not None and upcoming.scheduled == at(12, 8, 15)
