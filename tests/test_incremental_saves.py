"""Saves cost what changed (issue 15): a save encodes again only the records assigned to
since the last one, and the file it writes is still exactly the whole pair."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from benchmarks.pairs import pair_with_meetings
from mentortui.core import action_items, live_meeting, planning, smart_goals
from mentortui.core.meeting_notes import set_notes_of
from mentortui.core.models import ActionItem, AgendaItem, Meeting, Pair
from mentortui.storage import snapshots
from mentortui.storage.pair_file import pair_to_raw
from mentortui.storage.pair_settings import PairSettings, save_pair_settings
from mentortui.storage.session import PairSession
from mentortui.storage.snapshots import PairSnapshots
from mentortui.storage.stamping import Stamp
from mentortui.storage.store import PairStore
from mentortui.storage.tinydb_storage import encode_raw

from .conftest import TODAY

NOW = datetime(2026, 11, 26, 18, 0)
HOSTILE = "[bold]x[/] \x1b[31m\u202e \"quote\" \\ back\nslash </script> 🙂 \u2028"


def open_big(store: PairStore, meetings: int = 100, shared: bool = False) -> PairSession:
    slug = store.create(pair_with_meetings(meetings, TODAY))
    if shared:
        save_pair_settings(store.folder, slug, PairSettings(role="mentor", share_mode="git", remote="x"))
    return PairSession.open(store, slug, now=lambda: NOW)


def whole_file(session: PairSession) -> bytes:
    """What a save of the whole pair, encoded in one piece, writes."""
    return encode_raw(session.pair_file.snapshot(session.pair), session.pair_file.canonical)


@pytest.mark.parametrize("shared", [False, True], ids=["compact", "canonical"])
def test_a_save_with_one_changed_meeting_encodes_only_that_meeting(store, monkeypatch, shared):
    session = open_big(store, shared=shared)
    try:
        before = session.pair_file.take_snapshot(session.pair, None)
        held = session.pair.held_meetings()
        changed = held[40]
        dumped: list[str] = []
        real_dump = Meeting.model_dump

        def counting_dump(meeting: Meeting, **options):
            dumped.append(meeting.id)
            return real_dump(meeting, **options)

        monkeypatch.setattr(Meeting, "model_dump", counting_dump)
        session.set_notes(changed, "A new line typed in meeting 41.")
        session.save()
        assert session.flush()
        assert dumped == [changed.id]

        after = session.pair_file.take_snapshot(session.pair, None)
        meetings_before, meetings_after = before.tables["meetings"], after.tables["meetings"]
        same = [old is new for old, new in zip(meetings_before.rows, meetings_after.rows, strict=True)]
        assert same.count(False) == 1 and not same[session.pair.meetings.index(changed)]
        assert after.tables["action_items"] is before.tables["action_items"]
        assert (session.pair_file.path.read_bytes()) == whole_file(session)
    finally:
        session.close()


def test_a_save_with_nothing_changed_reuses_every_table(store):
    session = open_big(store)
    try:
        first = session.pair_file.take_snapshot(session.pair, Stamp.at(NOW, "mentor"))
        second = session.pair_file.take_snapshot(session.pair, Stamp.at(NOW, "mentor"))
        assert all(second.tables[name] is table for name, table in first.tables.items())
    finally:
        session.close()


def test_parts_of_a_record_cannot_change_in_place_so_no_change_escapes_a_save(store):
    session = open_big(store, meetings=3)
    try:
        meeting = session.pair.held_meetings()[0]
        with pytest.raises(ValidationError):
            meeting.agenda[0].notes = "typed into the item directly"  # type: ignore[misc]
        assert isinstance(meeting.agenda, tuple) and isinstance(meeting.decisions, tuple)
        goal = session.pair.goals[0]
        assert isinstance(goal.checkins, tuple) and isinstance(session.pair.action_items[0].due_history, tuple)
    finally:
        session.close()


def every_kind_of_edit(pair: Pair, rng: random.Random) -> None:
    """One edit of the kinds the screens make, on a record picked at random."""
    meeting = rng.choice(pair.meetings)
    item = rng.choice(pair.action_items)
    goal = rng.choice(pair.goals)
    edit = rng.randrange(12)
    if edit == 0:
        meeting.notes = f"{meeting.notes}\nmore {rng.random()}"
    elif edit == 1 and meeting.agenda:
        set_notes_of(meeting, meeting.agenda[0].id, f"item notes {rng.random()}")
    elif edit == 2:
        live_meeting.add_line(meeting, "decisions", f"decided {rng.random()}")
    elif edit == 3:
        planning.add_item(meeting, AgendaItem(title=f"topic {rng.random()}"))
    elif edit == 4 and meeting.agenda:
        planning.remove_item(meeting, 0)
    elif edit == 5:
        action_items.mark(item, rng.choice(["open", "done", "dropped"]), TODAY)
    elif edit == 6:
        action_items.push_due(item, TODAY + timedelta(days=rng.randrange(1, 30)))
    elif edit == 7:
        smart_goals.record_checkin(goal, TODAY, rng.randrange(0, 99), "checked")
    elif edit == 8:
        pair.action_items.append(ActionItem(text=f"new {rng.random()}", owner="mentee", meeting_id=meeting.id))
    elif edit == 9 and len(pair.action_items) > 1:
        pair.action_items.remove(item)
    elif edit == 10:
        pair.mentee.pronouns = rng.choice(["she/her", "they/them"])
    else:
        live_meeting.push_carried(meeting, item, TODAY + timedelta(days=3))


@given(seed=st.integers(0, 10_000), edits=st.integers(1, 12))
@settings(max_examples=25, deadline=None)
def test_after_any_edits_the_file_is_the_whole_pair_and_reads_back_the_same(tmp_path_factory, seed, edits):
    store = PairStore(tmp_path_factory.mktemp("pairs"))
    session = open_big(store, meetings=12, shared=seed % 2 == 0)
    rng = random.Random(seed)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(snapshots, "CHUNK_ROWS", 4)  # pieces of a few rows, so that pieces are reused
        edit_and_save(store, session, rng, edits)


def edit_and_save(store: PairStore, session: PairSession, rng: random.Random, edits: int) -> None:
    try:
        for _ in range(edits):
            every_kind_of_edit(session.pair, rng)
            if rng.random() < 0.5:
                session.save()
        session.save()
        assert session.flush()
        assert session.pair_file.path.read_bytes() == whole_file(session)
        assert store.load(session.slug) == session.pair
    finally:
        session.close()


def test_only_the_changed_records_are_stamped_and_a_removed_one_leaves_a_tombstone(store):
    session = open_big(store, meetings=10)
    try:
        stamps_before = {item.id: item.updated_at for item in session.pair.action_items}
        done, gone = session.pair.action_items[2], session.pair.action_items[5]
        action_items.mark(done, "done", TODAY)
        session.pair.action_items.remove(gone)
        session.save()
        assert session.flush()
        saved = store.load(session.slug)
        changed = {item.id for item in saved.action_items if item.updated_at != stamps_before[item.id]}
        assert changed == {done.id}
        assert [(stone.table, stone.id) for stone in saved.deleted] == [("action_items", gone.id)]
        session.pair.action_items.append(gone)  # undone: the record is back, its tombstone goes
        session.save()
        assert session.flush()
        assert store.load(session.slug).deleted == []
    finally:
        session.close()


@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
@settings(max_examples=40, deadline=None)
def test_the_joined_rows_are_byte_for_byte_the_whole_document_whatever_the_text(text):
    pair = pair_with_meetings(30, TODAY)
    pair.meetings[0].notes = text + HOSTILE
    pair.action_items.append(ActionItem(text=f"x{text}", owner="both", due=date(2027, 1, 1)))
    unknown = {"future_table": {"1": {"big": 2**70, "text": text}}}
    for canonical in (False, True):
        snapshot = PairSnapshots(canonical, unknown).take(pair, Stamp.at(NOW, "mentee"))
        assert len(snapshot.tables["action_items"].rows) > snapshots.CHUNK_ROWS
        assert snapshot.encode() == encode_raw(pair_to_raw(pair, unknown), canonical)
        assert snapshot.raw() == pair_to_raw(pair, unknown)
