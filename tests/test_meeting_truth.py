"""No silent changes (issue 10, points 11, 13 and 14): a meeting is recorded when it really
happened, a mistaken start can be taken back, a kind change never throws edits away, and a
pushed date never moves earlier without saying so."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from textual.widgets import DataTable, Select, Static

from mentortui.cli import main
from mentortui.core.demo import demo_pair
from mentortui.core.models import AgendaItem
from mentortui.core.planning import suggest_start
from mentortui.dialogs.capture import DateScreen
from mentortui.dialogs.choice import ChoiceScreen
from mentortui.dialogs.confirm import ConfirmScreen
from mentortui.screens.action_list import ActionItemsScreen
from mentortui.screens.agenda import AgendaScreen
from mentortui.screens.meeting import MeetingScreen
from mentortui.screens.pair_home import PairHomeScreen
from mentortui.screens.pair_list import PairListScreen

from .conftest import TODAY
from .test_app import settle, type_text
from .test_prepare_screens import rows, saved

PLANNED = datetime(2026, 12, 8, 15, 0)  # Tue 8 Dec 15:00, thirteen days after TODAY


def pair_with_next_meeting(store, scheduled: datetime = PLANNED, agenda: list[AgendaItem] | None = None) -> str:
    pair = demo_pair(TODAY)
    upcoming = next(m for m in pair.meetings if not m.is_held)
    upcoming.scheduled = scheduled
    upcoming.agenda = agenda or []
    return store.create(pair)


async def to_pair_home(app, pilot) -> None:
    await settle(app, pilot)
    await pilot.press("enter")
    await settle(app, pilot)
    assert isinstance(app.screen, PairHomeScreen)


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def messages(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


# Point 11: the meeting's date is when it was held ------------------------------------------


async def test_a_meeting_started_early_asks_first_and_is_recorded_when_it_really_started(
        make_app, store, clock):
    slug = pair_with_next_meeting(store)
    clock.moment = datetime.combine(TODAY, time(14, 21))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await to_pair_home(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = text_of(app, "#message")
        assert "planned for Tue 8 Dec 15:00 (in 13 days)" in question
        assert "recorded as held on Wed 25 Nov at 14:21" in question
        await pilot.press("escape")  # not yet
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        assert not app.screen.query("#running")

        await pilot.press("a")
        await settle(app, pilot)
        await pilot.press("f5")  # the agenda's F5 asks too
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)

        await type_text(pilot, "We met early")
        clock.advance(minutes=40)
        await pilot.press("f10")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        assert "Last: Wed 25 Nov 14:21 (today), regular meeting" in text_of(app, "#meetings-text")
        await saved(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, PairListScreen)
        assert rows(app, "#pairs")[0][5] == "Wed 25 Nov 14:21"

    pair = store.load(slug)
    held = pair.last_meeting()
    assert held.scheduled == held.started_at == datetime(2026, 11, 25, 14, 21)
    assert held.planned_for == PLANNED
    assert held.duration_minutes == 40
    # The next one is the agreed two weeks after the day it was held, at the usual time.
    assert pair.next_meeting(TODAY).scheduled == datetime(2026, 12, 9, 15, 0)


async def test_a_meeting_a_day_ahead_or_less_starts_without_asking_and_keeps_its_real_start(
        make_app, store, clock):
    tomorrow = datetime.combine(TODAY + timedelta(days=1), time(16, 0))
    slug = pair_with_next_meeting(store, scheduled=tomorrow)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await to_pair_home(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        await saved(app, pilot)
    running = store.load(slug).meetings[-1]
    assert running.scheduled == running.started_at == clock.moment  # not "today at 16:00"
    assert running.planned_for == tomorrow


async def test_with_nothing_planned_m_starts_at_once_and_the_next_keeps_the_usual_time(make_app, store, clock):
    pair = demo_pair(TODAY)
    pair.meetings = [m for m in pair.meetings if m.is_held]
    slug = store.create(pair)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await to_pair_home(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        await saved(app, pilot)
    pair = store.load(slug)
    running = pair.meetings[-1]
    assert running.scheduled == clock.moment == datetime(2026, 11, 25, 17, 0)
    assert suggest_start(pair.model_copy(update={"meetings": [
        running.model_copy(update={"ended_at": clock.moment})]}), TODAY) == datetime(2026, 12, 9, 18, 0)


async def test_a_meeting_started_by_mistake_is_cancelled_and_nothing_is_recorded(make_app, store, clock):
    starter = AgendaItem(title="When you get a free weekend with nothing planned, what do you do?",
                         source="starter", ref="personal-03")
    slug = pair_with_next_meeting(store, agenda=[starter])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await to_pair_home(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        await pilot.press("enter")  # start it now
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        clock.advance(minutes=3)
        await pilot.press("ctrl+n")
        await saved(app, pilot)
        running = store.load(slug).meetings[-1]
        assert running.started_at is not None and running.agenda[0].used_seconds == 180
        assert [a.starter_id for a in store.load(slug).asked] == ["personal-03"]

        await pilot.press("f8")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # the focus is on "Keep it running"
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)

        await pilot.press("f8")
        await settle(app, pilot)
        await pilot.click("#yes")
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        assert not app.screen.query("#running")
        assert "Next: Tue 8 Dec 15:00" in text_of(app, "#meetings-text")
        await saved(app, pilot)

    pair = store.load(slug)
    meeting = next(m for m in pair.meetings if m.id == running.id)
    assert (meeting.started_at, meeting.ended_at, meeting.current_item) == (None, None, None)
    assert meeting.scheduled == PLANNED and meeting.planned_for is None
    assert all(item.used_seconds == 0 for item in meeting.agenda)
    assert pair.asked == []


async def test_a_meeting_with_notes_cannot_be_cancelled_and_says_what_to_do(make_app, store, clock):
    slug = pair_with_next_meeting(store)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await to_pair_home(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await type_text(pilot, "x")
        await pilot.press("f8")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert "Notes were taken in this meeting, so it cannot be cancelled" in messages(app)
        await saved(app, pilot)
    assert store.load(slug).meetings[-1].started_at is not None


async def test_a_held_meeting_that_did_not_happen_is_marked_not_held_everywhere(
        make_app, store, demo_slug, capsys):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await to_pair_home(app, pilot)
        meetings = text_of(app, "#meetings-text")
        assert "Last: Wed 11 Nov 18:00" in meetings and "6 meetings held" in meetings
        await pilot.press("h")
        await settle(app, pilot)
        assert "Mark the regular meeting of Wed 11 Nov 18:00 as not held?" in text_of(app, "#message")
        await pilot.click("#yes")
        await settle(app, pilot)
        meetings = text_of(app, "#meetings-text")
        assert "Last: Wed 28 Oct 18:00" in meetings and "5 meetings held" in meetings
        await saved(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert rows(app, "#pairs")[0][5] == "Wed 28 Oct 18:00"

    assert main(["export", demo_slug, "--all", "--data-dir", str(store.folder)]) == 0
    report = capsys.readouterr().out
    assert "Meetings held: 5" in report
    assert "Meeting 5: Wed 28 Oct 2026" in report and "Meeting 6:" not in report


# Point 13: changing the kind keeps edits -------------------------------------------------


async def pick_kind(app, pilot, downs: int) -> None:
    await pilot.click("#kind")
    await pilot.press("home", *(["down"] * downs), "enter")
    await settle(app, pilot)


def agenda_titles(app) -> list[str]:
    return [row[1] for row in rows(app, "#agenda")]


async def test_changing_the_kind_asks_before_replacing_edited_items_and_never_doubles(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await to_pair_home(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, AgendaScreen)
        await pilot.press("e")  # Check-in, the first row
        await pilot.pause()
        await pilot.press("end")
        await type_text(pilot, " about interviews")
        await pilot.press("enter")
        await settle(app, pilot)
        table = app.screen.query_one("#agenda", DataTable)
        table.move_cursor(row=table.row_count - 1)
        await pilot.press("plus")  # Next steps: 5 -> 10 min
        await pilot.press("n")
        await type_text(pilot, "Salary talk")
        await pilot.press("enter")
        await settle(app, pilot)
        before = agenda_titles(app)
        assert before[0] == "Check-in about interviews"
        carried = [title for title in before if title.startswith("Review: ")]
        assert len(carried) == 4

        await pick_kind(app, pilot, 0)  # First meeting
        assert isinstance(app.screen, ChoiceScreen)
        question = text_of(app, "#message")
        assert "- Check-in about interviews (5 min)" in question and "- Next steps (10 min)" in question
        await pilot.press("escape")  # changed my mind: nothing changes
        await settle(app, pilot)
        assert app.screen.query_one("#kind", Select).value == "regular"
        assert agenda_titles(app) == before

        await pick_kind(app, pilot, 0)
        await pilot.press("enter")  # "Keep my items" has the focus
        await settle(app, pilot)
        table = rows(app, "#agenda")
        titles = [row[1] for row in table]
        assert titles[:5] == ["Introductions", "Why we joined", "How we stay in touch", "Expectations",
                              "Confidentiality"]
        assert "Check-in about interviews" in titles and "Salary talk" in titles
        assert [title for title in titles if title.startswith("Review: ")] == carried
        assert titles.count("Next steps") == 1 and titles[-1] == "Next steps"
        assert table[-1][2] == "10"

        await pick_kind(app, pilot, 3)  # back to Regular: the edits differ from it, so it asks again
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#replace")
        await settle(app, pilot)
        titles = agenda_titles(app)
        assert "Check-in about interviews" not in titles and titles[0] == "Check-in"
        assert "Salary talk" in titles and [t for t in titles if t.startswith("Review: ")] == carried
        assert titles.count("Next steps") == 1 and titles.count("Review action items") == 1
        await saved(app, pilot)
    upcoming = store.load(demo_slug).next_meeting(TODAY)
    assert upcoming.kind == "regular"
    assert [item.title for item in upcoming.agenda].count("Next steps") == 1


# Point 14: pushing a date ------------------------------------------------------------------


def date_reading(app) -> str:
    return text_of(app, "#day-read")


async def test_push_refuses_a_past_day_and_asks_before_moving_a_date_earlier(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await to_pair_home(app, pilot)
        await pilot.press("i")
        await settle(app, pilot)
        assert isinstance(app.screen, ActionItemsScreen)
        table = app.screen.query_one("#items", DataTable)
        row = next(i for i, r in enumerate(rows(app, "#items")) if r[0] == "Outline the lightning talk together")
        table.move_cursor(row=row)
        assert rows(app, "#items")[row][2] == "Mon 7 Dec"

        await pilot.press("p")
        await pilot.pause()
        await type_text(pilot, "2026-11-20")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DateScreen)
        assert "that day has gone by" in date_reading(app)

        await pilot.press("ctrl+u")
        await type_text(pilot, "12/1")
        await pilot.pause()
        assert "(earlier than now: Mon 7 Dec, due in 12 days)" in date_reading(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DateScreen)
        assert "earlier than the delivery date now, Mon 7 Dec" in date_reading(app)
        await pilot.press("enter")  # yes, earlier
        await settle(app, pilot)
        assert isinstance(app.screen, ActionItemsScreen)
        assert "Tue 1 Dec 1×" in [r[2] for r in rows(app, "#items")]

        await pilot.press("p")
        await pilot.pause()
        await type_text(pilot, "12/10")  # later: no question
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ActionItemsScreen)
        await saved(app, pilot)
    item = next(a for a in store.load(demo_slug).action_items if a.text == "Outline the lightning talk together")
    assert item.due.isoformat() == "2026-12-10"


async def test_push_in_the_meeting_says_so_before_moving_a_carried_date_earlier(make_app, store, clock):
    slug = pair_with_next_meeting(store, scheduled=datetime.combine(TODAY, time(18, 0)))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await to_pair_home(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        titles = [row[0].strip() for row in rows(app, "#items")]
        row = titles.index("Review: Outline the lightning talk together")
        await pilot.press("escape")
        app.screen.query_one("#items", DataTable).move_cursor(row=row)
        await pilot.press("p")
        await pilot.pause()
        await type_text(pilot, "11/30")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DateScreen)
        assert "earlier than the delivery date now, Mon 7 Dec" in date_reading(app)
        await pilot.press("escape")
        await settle(app, pilot)
        await saved(app, pilot)
    item = next(a for a in store.load(slug).action_items if a.text == "Outline the lightning talk together")
    assert item.due.isoformat() == "2026-12-07"
