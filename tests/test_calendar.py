"""Calendars: `mentortui ics` and the end-of-meeting offer write an iCalendar file that a
calendar app reads back as the next meeting and the delivery dates, with UIDs that stay
put so importing it again updates the same events."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar
from textual.widgets import Checkbox

from mentortui.cli import main
from mentortui.core.calendar_export import pair_calendar
from mentortui.core.models import ActionItem, AgendaItem, Meeting, Pair, Person, revised
from mentortui.dialogs.end_meeting import CALENDAR_LABEL
from mentortui.screens.pair_home import PairHomeScreen
from mentortui.storage.stamping import Stamp
from mentortui.storage.store import PairStore

from .conftest import TODAY
from .test_app import settle
from .test_prepare_screens import open_end_meeting

HOSTILE = "Budget; costs, risks \\n [@click=app.quit]x[/] [bold]b[/] <b>&amp;</b> \u202eRTL"


def events(ics: bytes) -> dict[str, dict[str, object]]:
    """The calendar's events by UID: summary, description, start, end, sequence, stamp."""
    calendar = Calendar.from_ical(ics)
    return {
        str(event["uid"]): {
            "summary": str(event["summary"]),
            "description": str(event.get("description", "")),
            "start": event.decoded("dtstart"),
            "end": event.decoded("dtend"),
            "sequence": int(event["sequence"]),
            "stamp": event.decoded("dtstamp"),
            "transp": str(event.get("transp", "")),
        }
        for event in calendar.walk("VEVENT")
    }


def ics(capsysbinary, *args: str) -> tuple[int, bytes, bytes]:
    code = main(["ics", *args, "--today", TODAY.isoformat()])
    captured = capsysbinary.readouterr()
    return code, captured.out, captured.err


def test_ics_gives_the_next_meeting_with_its_agenda_and_open_delivery_dates(store: PairStore, demo_slug, capsysbinary):
    pair = store.load(demo_slug)
    code, out, err = ics(capsysbinary, demo_slug, "--data-dir", str(store.folder))
    assert code == 0, err
    found = events(out)
    upcoming = pair.next_meeting(TODAY)
    meeting = found[f"{upcoming.id}@mentortui"]
    assert meeting["summary"] == "Mentoring: Priya Raman with Dana Okafor"
    assert meeting["start"] == datetime(2026, 11, 28, 18, 0)
    assert meeting["end"] == datetime(2026, 11, 28, 18, 45)  # the planned 45 minutes
    assert meeting["description"].splitlines() == [
        "Rewrite the forecast README to lead with the question (2 min)",
        "Share the team's slide template (2 min)",
        "Book interviews five and six (2 min)",
        "Outline the lightning talk together (2 min)",
    ]
    open_items = [item for item in pair.action_items if item.status == "open"]
    assert set(found) == {f"{upcoming.id}@mentortui"} | {f"{item.id}@mentortui" for item in open_items}
    for item in open_items:  # done and dropped items are left out
        due = found[f"{item.id}@mentortui"]
        assert (due["start"], due["end"]) == (item.due, item.due + timedelta(days=1))  # all day
        assert due["transp"] == "TRANSPARENT"
    assert found[f"{open_items[-1].id}@mentortui"]["summary"] == (
        "Due: Outline the lightning talk together (Priya Raman and Dana Okafor)")
    code, dashed, _ = ics(capsysbinary, demo_slug, "-o", "-", "--data-dir", str(store.folder))
    assert (code, dashed) == (0, out)
    assert not (Path.cwd() / "-").exists()


def test_uids_stay_put_across_runs_and_an_edit_updates_the_same_event(store: PairStore, demo_slug, capsysbinary,
                                                                       tmp_path):
    target = tmp_path / "priya.ics"
    args = (demo_slug, "-o", str(target), "--data-dir", str(store.folder))
    assert ics(capsysbinary, *args)[2] == f"Wrote {target}\n".encode()
    first = target.read_bytes()
    ics(capsysbinary, *args)
    assert target.read_bytes() == first  # nothing changed: the same file, DTSTAMP included

    with store.open(demo_slug) as pair_file:
        pair = pair_file.load()
        pair.mentee = revised(pair.mentee, name="Priya R. Raman")
        a_minute_later = Stamp.at(datetime.now() + timedelta(minutes=1), "mentor")
        pair_file.write_snapshot(pair_file.take_snapshot(pair, a_minute_later))
    ics(capsysbinary, *args)
    before, after = events(first), events(target.read_bytes())
    assert after.keys() == before.keys()
    meeting_uid = f"{pair.next_meeting(TODAY).id}@mentortui"
    assert after[meeting_uid]["summary"] == "Mentoring: Priya R. Raman with Dana Okafor"
    assert after[meeting_uid]["sequence"] > before[meeting_uid]["sequence"]
    assert after[meeting_uid]["stamp"] > before[meeting_uid]["stamp"]


def test_all_pairs_is_one_calendar_and_names_an_unreadable_file(store: PairStore, demo_slug, capsysbinary):
    second = store.create(Pair(mentor=Person(name="Ana Lima"), mentee=Person(name="Tom Berg"), started_on=TODAY,
                               meetings=[Meeting(scheduled=datetime(2026, 12, 2, 9, 30), planned_minutes=30)]))
    (store.folder / "broken.json").write_text("{not json")
    code, out, err = ics(capsysbinary, "--all-pairs", "--data-dir", str(store.folder))
    assert code == 1
    [line] = err.decode().splitlines()
    assert line.startswith(f"mentortui: could not read {store.folder / 'broken.json'}: not valid JSON")
    calendar = Calendar.from_ical(out)
    assert str(calendar["x-wr-calname"]) == "Mentoring"
    summaries = sorted(str(event["summary"]) for event in calendar.walk("VEVENT") if "dtend" in event
                       and str(event["summary"]).startswith("Mentoring"))
    assert summaries == ["Mentoring: Priya Raman with Dana Okafor", "Mentoring: Tom Berg with Ana Lima"]
    tom = store.load(second).meetings[0]
    assert events(out)[f"{tom.id}@mentortui"]["start"] == datetime(2026, 12, 2, 9, 30)


def test_hostile_text_round_trips_exactly():
    pair = Pair(
        mentor=Person(name=f"Dana, {HOSTILE}"), mentee=Person(name="Priya; R."), started_on=TODAY,
        meetings=[Meeting(scheduled=datetime(2026, 12, 1, 9, 30), planned_minutes=30,
                          agenda=(AgendaItem(title=HOSTILE, minutes=10), AgendaItem(title="a,b;c:d", minutes=5)))],
        action_items=[ActionItem(text=HOSTILE, owner="mentor", due=date(2026, 12, 3))],
    )
    found = events(pair_calendar([pair], TODAY))
    meeting, item = (found[f"{pair.meetings[0].id}@mentortui"], found[f"{pair.action_items[0].id}@mentortui"])
    assert meeting["summary"] == f"Mentoring: Priya; R. with Dana, {HOSTILE}"
    # The open action item is carried onto the agenda, as the app plans it.
    assert meeting["description"].split("\n") == [f"{HOSTILE} (10 min)", "a,b;c:d (5 min)", f"{HOSTILE} (2 min)"]
    assert item["summary"] == f"Due: {HOSTILE} (Dana, {HOSTILE})"


async def test_the_end_of_meeting_offer_writes_the_calendar_file(make_app, store: PairStore, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_end_meeting(app, pilot)
        box = app.screen.query_one("#calendar", Checkbox)
        assert str(box.label) == CALENDAR_LABEL and not box.value
        await pilot.click("#calendar")
        assert box.value
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        path = store.folder / "exports" / f"{demo_slug}.ics"
        assert any(str(n.message).startswith(f"Calendar file written: {path}.") for n in app._notifications)
        upcoming = app.session.pair.next_meeting(TODAY)
    found = events(path.read_bytes())
    meeting = found[f"{upcoming.id}@mentortui"]
    assert meeting["start"] == upcoming.scheduled
    assert meeting["summary"] == "Mentoring: Priya Raman with Dana Okafor"
    assert meeting["description"]  # the agenda planned for it
