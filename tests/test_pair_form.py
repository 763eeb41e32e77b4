"""The pair form: a pair is created with its whole agreement and programme dates, edited
afterwards from its home, and its agreement written down during the first meeting, each
time recorded with the day it was agreed. An interval the manuals do not advise is kept,
with a note; dates that cannot be read or do not fit are refused under their field."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import Checkbox, Input

from mentortui.core.agreement import (
    agreement_titles,
    date_problems,
    default_review,
    frequency_note,
    is_agreement_item,
    update_pair,
)
from mentortui.core.builtin_content import load_content
from mentortui.core.demo import demo_pair
from mentortui.core.models import AgendaItem, Expectations, Pair, Person
from mentortui.core.planning import template_items
from mentortui.dialogs.pair_form import PairFormScreen
from mentortui.screens.meeting import MeetingScreen
from mentortui.screens.pair_home import PairHomeScreen
from mentortui.widgets.notes import NotesArea

from .conftest import TODAY
from .test_app import screen_text, settle, type_text
from .test_prepare_screens import open_pair, saved

LESS_OFTEN = "Meeting every 60 days is less often than the manuals advise"


# The rules ------------------------------------------------------------------------------

def test_frequency_note_is_silent_from_two_to_four_weeks_and_says_what_the_manuals_advise_outside():
    assert frequency_note(Expectations(frequency_days=14)) == ""
    assert frequency_note(Expectations(frequency_days=31)) == ""
    assert frequency_note(Expectations(frequency_days=60)) == (
        f"{LESS_OFTEN}: every two to four weeks, and at least monthly.")
    assert frequency_note(Expectations(frequency_days=7)).startswith(
        "Meeting every 7 days is more often than the manuals advise")
    assert frequency_note(Expectations(frequency_days=1)).startswith("Meeting every 1 day is more often")


def test_programme_dates_must_follow_the_match():
    match = TODAY
    assert default_review(date(2026, 11, 30)) == date(2027, 2, 28)
    assert date_problems(match, default_review(match), None) == []
    assert date_problems(match, match, None) == [("review_on", "The review point comes after the match date.")]
    assert date_problems(match, None, match - timedelta(days=1)) == [
        ("ends_on", "The end date comes after the match date.")]
    assert date_problems(match, match + timedelta(days=200), match + timedelta(days=100)) == [
        ("review_on", "The review point comes before the end date.")]


def test_the_first_meetings_agreement_items_are_found_by_their_template():
    content = load_content()
    assert agreement_titles(content) == {"How we stay in touch", "Expectations", "Confidentiality"}
    first = template_items(content.templates["first"])
    assert [item.title for item in first if is_agreement_item(item, content)] == [
        "How we stay in touch", "Expectations", "Confidentiality"]
    # Each carries no ref of its own: a ref names the one item of a role on an agenda.
    assert all(item.ref is None for item in first if is_agreement_item(item, content))
    assert not is_agreement_item(AgendaItem(title="Expectations", source="typed"), content)


def test_an_edit_records_the_agreement_only_when_it_changed_or_was_settled():
    pair = Pair(mentor=Person(name="Dana"), mentee=Person(name="Priya"), started_on=TODAY)
    edited = pair.model_copy(deep=True)
    edited.mentee.name = "Priya Raman"
    assert not update_pair(pair, edited, TODAY)
    assert pair.mentee.name == "Priya Raman" and pair.expectations.agreed_on is None
    assert update_pair(pair, edited, TODAY, agreeing=True)
    assert pair.expectations.agreed_on == TODAY
    edited.expectations.reply_days = 3
    later = TODAY + timedelta(days=20)
    assert update_pair(pair, edited, later)
    assert pair.expectations.reply_days == 3 and pair.expectations.agreed_on == later


# The form in the app ----------------------------------------------------------------------

async def fill(pilot, field_id: str, text: str) -> None:
    """Click into the field, select what is there and type over it (or delete it)."""
    await pilot.click(f"#{field_id}")
    await pilot.press("home", "shift+end", "backspace")
    if text:
        await type_text(pilot, text)
    await pilot.pause()


async def test_create_a_pair_with_its_agreement_style_and_programme_dates(make_app, store):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PairFormScreen)
        assert form.query_one("#review_on", Input).value == "2027-02-25"  # the match + 3 months
        await type_text(pilot, "Dana Okafor")
        for field_id, text in (("mentee-name", "Priya Raman"), ("mentee-pronouns", "she/her"),
                               ("frequency", "21"), ("length", "45"), ("topics", "Portfolio, interviews"),
                               ("measure", "One project shipped a month"), ("reschedule", "A day ahead"),
                               ("reply", "3"), ("started_on", "2026-11-20"), ("ends_on", "2027-05-31")):
            await fill(pilot, field_id, text)
        # The review point followed the match date while it was the default.
        assert form.query_one("#review_on", Input).value == "2027-02-20"
        assert "Fri 20 Nov" in str(form.query_one("#started_on-read").render())
        await pilot.click("#style")
        await pilot.pause()
        await pilot.press("down", "down", "down", "down", "enter")  # not chosen, Advisor, Protector, Developer
        await pilot.pause()
        await pilot.click("#confidential")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, PairFormScreen)
    [slug] = store.slugs()
    pair = store.load(slug)
    assert (pair.mentor.name, pair.mentee.name, pair.mentee.pronouns) == ("Dana Okafor", "Priya Raman", "she/her")
    expect = pair.expectations
    assert (expect.frequency_days, expect.length_minutes, expect.topics, expect.measure, expect.reschedule,
            expect.reply_days, expect.style, expect.confidentiality_agreed) == (
        21, 45, "Portfolio, interviews", "One project shipped a month", "A day ahead", 3, "developer", True)
    assert expect.agreed_on == TODAY
    assert (pair.started_on, pair.review_on, pair.ends_on) == (date(2026, 11, 20), date(2027, 2, 20),
                                                               date(2027, 5, 31))


async def test_edit_the_pair_from_its_home_keeps_an_unusual_interval_with_a_note(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "e")
        form = app.screen
        assert isinstance(form, PairFormScreen)
        assert form.query_one("#mentor-name", Input).value == "Dana Okafor"
        assert form.query_one("#confidential", Checkbox).value
        assert not form.query_one("#frequency-note").display
        await fill(pilot, "mentee-name", "Priya R.")
        await fill(pilot, "frequency", "60")
        assert form.query_one("#frequency-note").display
        assert LESS_OFTEN in str(form.query_one("#frequency-note").render())
        await fill(pilot, "measure", "Interviews landed")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        text = screen_text(app)
        assert "Mentee: Priya R. (she/her)" in text
        assert LESS_OFTEN in text
        assert "Measuring progress: Interviews landed" in text
        assert "Reply within: 2 days" in text
        assert "Agreement: agreed on Wed 25 Nov" in text
        await saved(app, pilot)
    assert store.load(demo_slug).expectations.agreed_on == TODAY

    reopened = make_app()
    async with reopened.run_test(size=(120, 40)) as pilot:
        await open_pair(reopened, pilot, "e")
        assert reopened.screen.query_one("#mentee-name", Input).value == "Priya R."
        assert reopened.screen.query_one("#frequency", Input).value == "60"
        await pilot.press("escape")
        await settle(reopened, pilot)
        assert "every 60 days, 45 min, video call" in screen_text(reopened)


async def test_dates_that_cannot_be_read_or_do_not_fit_are_refused_under_their_field(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "e")
        await fill(pilot, "review_on", "someday")
        await fill(pilot, "ends_on", "2026-01-01")
        await fill(pilot, "started_on", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PairFormScreen)
        assert str(form.query_one("#review_on-error").render()).startswith("Couldn't read 'someday' as a date")
        assert str(form.query_one("#started_on-error").render()).startswith("Give the match date")
        await fill(pilot, "started_on", "2026-08-27")
        await fill(pilot, "review_on", "2026-12-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert str(form.query_one("#ends_on-error").render()) == "The end date comes after the match date."
        assert app.focused.id == "ends_on"
    kept = store.load(demo_slug)
    assert (kept.review_on, kept.ends_on) == (demo_pair(TODAY).review_on, None)


async def test_the_first_meetings_expectations_item_opens_the_agreement_and_records_its_date(make_app, store):
    slug = store.create(Pair(mentor=Person(name="Dana Okafor"), mentee=Person(name="Priya Raman"),
                             started_on=TODAY - timedelta(days=3)))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")  # no meeting planned: the first one starts now
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("ctrl+e")  # on "Introductions" it is the notes' end of line
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        await pilot.pause()
        hint = str(app.screen.query_one("#hint").render())
        assert hint.startswith("Expectations: ") and "ctrl+e: write down what you agree on" in hint
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, PairFormScreen)
        assert app.focused.id == "frequency"
        await pilot.press("ctrl+s")  # nothing changed from the defaults: agreed as it is
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert isinstance(app.focused, NotesArea)
        await saved(app, pilot)
    assert store.load(slug).expectations.agreed_on == TODAY
