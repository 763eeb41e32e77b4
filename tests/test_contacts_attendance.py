"""Contacts between meetings, missed meetings, attendance, the assignment's life and the
end-of-meeting checklist, driven as the mentor drives them."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import Static

from mentortui.core.demo import demo_pair
from mentortui.core.export import meeting_markdown, pair_markdown
from mentortui.dialogs.confirm import ConfirmScreen
from mentortui.dialogs.contact_log import ContactLogScreen, ContactWayPicker
from mentortui.screens.pair_home import PairHomeScreen

from .conftest import TODAY
from .test_app import settle, type_text
from .test_prepare_screens import open_end_meeting, open_pair, saved


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def open_home(app, pilot) -> None:
    await settle(app, pilot)
    await pilot.press("enter")
    await settle(app, pilot)
    assert isinstance(app.screen, PairHomeScreen)


async def log_email(app, pilot, note: str) -> None:
    """From the pair home: c, e for e-mail, the line, enter; back on the pair home."""
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(app.screen, ContactLogScreen)
    await pilot.press("e")
    await type_text(pilot, note)
    await pilot.press("enter")
    await settle(app, pilot)
    assert isinstance(app.screen, PairHomeScreen)


def quiet_pair(store) -> str:
    """The demo ten days further on, without its check-in: the last meeting 24 days ago,
    the planned one missed."""
    pair = demo_pair(TODAY - timedelta(days=10))
    pair.contacts = []
    return store.create(pair)


async def test_an_email_check_in_in_two_keys_and_a_line_clears_the_quiet_warning(make_app, store):
    slug = quiet_pair(store)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_home(app, pilot)
        assert "last contact 24 days ago, nothing planned" in shown(app, "#warning")
        await log_email(app, pilot, "Sent Priya the [bold]job ad[/]")
        assert "last contact 24 days ago" not in shown(app, "#warning")
        contacts = shown(app, "#contacts-text")
        assert "Last contact: Wed 25 Nov (today)" in contacts
        assert "Wed 25 Nov  e-mail from Dana Okafor: Sent Priya the [bold]job ad[/]" in contacts
        await saved(app, pilot)

    logged = store.load(slug).contacts
    assert [(c.on, c.by, c.way, c.note) for c in logged] == [
        (TODAY, "mentor", "email", "Sent Priya the [bold]job ad[/]")]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_home(app, pilot)
        assert "Sent Priya the [bold]job ad[/]" in shown(app, "#contacts-text")


async def test_the_other_person_and_an_earlier_day_and_a_future_day_refused(make_app, store):
    slug = quiet_pair(store)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "c")
        await pilot.press("w", "p")  # Priya called
        await type_text(pilot, "Asked about the meetup")
        await pilot.press("tab")
        await type_text(pilot, "tomorrow")
        await pilot.press("enter")
        await pilot.pause()
        assert "has not come yet" in shown(app, "#on-error")
        await pilot.press("ctrl+u")
        await type_text(pilot, "yesterday")
        await pilot.press("enter")
        await settle(app, pilot)
        assert "Tue 24 Nov  phone from Priya Raman: Asked about the meetup" in shown(app, "#contacts-text")
        await saved(app, pilot)
    (contact,) = store.load(slug).contacts
    assert (contact.on, contact.by, contact.way) == (TODAY - timedelta(days=1), "mentee", "phone")


async def test_with_the_mouse_a_click_picks_the_way_and_another_switches_who(make_app, store):
    slug = quiet_pair(store)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "c")
        picker = app.screen.query_one(ContactWayPicker)
        phone = str(picker.render()).index("phone")
        await pilot.click(ContactWayPicker, offset=(phone, 0))
        await pilot.click(ContactWayPicker, offset=(10, 1))
        await pilot.click("#note")
        await type_text(pilot, "Called about the offer")
        await pilot.press("enter")
        await settle(app, pilot)
        assert "phone from Priya Raman: Called about the offer" in shown(app, "#contacts-text")
        await saved(app, pilot)
    (contact,) = store.load(slug).contacts
    assert (contact.by, contact.way, contact.note) == ("mentee", "phone", "Called about the offer")


async def test_a_planned_meeting_whose_day_passed_is_shown_missed_on_the_home_and_in_the_report(make_app, store):
    slug = quiet_pair(store)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_home(app, pilot)
        assert "Missed: Wed 18 Nov 18:00, regular meeting (planned, never held)" in shown(app, "#meetings-text")
    report = pair_markdown(store.load(slug), TODAY)
    assert "Missed (planned, never held): Wed 18 Nov 2026 (regular meeting)." in report


async def test_f10_ticks_the_checklist_records_attendance_and_the_assignments_due_date(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_end_meeting(app, pilot)
        checklist = shown(app, "#checklist")
        assert "[x] The date and time of the next meeting are set" in checklist
        assert "[x] Every action item has an owner and a delivery date" in checklist
        assert "[x] The assignment for the next meeting is clear to both of you" in checklist
        assert "[ ] Promised introductions or resources are written down" in checklist
        assert shown(app, "#assignment-due-read") == "at the next meeting, Wed 9 Dec"
        await pilot.press("ctrl+u")  # no next meeting typed: that line is no longer ticked
        await pilot.pause()
        assert "[ ] The date and time of the next meeting are set" in shown(app, "#checklist")
        await type_text(pilot, "2026-12-09 18:00")
        await pilot.press("tab", "tab", "tab", "tab")  # the calendar box, the assignment, its due date, who attended
        await pilot.press("enter", "down", "down", "enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        assert "(due Wed 9 Dec, not received yet: d when it arrives)" in shown(app, "#meetings-text")
        await saved(app, pilot)

    pair = store.load(demo_slug)
    held = pair.last_meeting()
    assert (held.attended, held.assignment_due, held.assignment_state) == ("mentee", date(2026, 12, 9), "given")
    summary = meeting_markdown(pair, held, TODAY)
    assert "- Attended: Priya Raman (mentee) only" in summary


async def test_an_assignment_is_received_shown_on_the_next_feedback_item_and_discussed_there(make_app, store):
    pair = demo_pair(TODAY)
    pair.last_meeting().assignment = "Send the rewritten README"
    slug = store.create(pair)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "d")
        assert "(received Wed 25 Nov)" in shown(app, "#meetings-text")
        await pilot.press("a")
        await settle(app, pilot)
        assert "(received Wed 25 Nov)" in shown(app, "#assignment")
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        if isinstance(app.screen, ConfirmScreen):
            await pilot.press("enter")
            await settle(app, pilot)
        await pilot.press("ctrl+n")  # to "Review action items", where a regular meeting follows it up
        await pilot.pause()
        assert "(assignment received Wed 25 Nov)" in shown(app, "#hint")
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await saved(app, pilot)
    followed_up = next(m for m in store.load(slug).meetings if m.assignment == "Send the rewritten README")
    assert (followed_up.assignment_state, followed_up.assignment_received_on) == ("discussed", TODAY)
