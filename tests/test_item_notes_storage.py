"""Agenda items' notes on disk: journaled as typed, folded back in after a kill, and old
pair files (notes per meeting only) read with those notes as each meeting's general notes.

A "kill" is simulated as in test_journal: the session is left unclosed, its lock released."""

from __future__ import annotations

import json
from datetime import date

from benchmarks.pairs import pair_with_meetings
from mentortui.core.meeting_notes import meeting_text, split_document, whole_document
from mentortui.core.models import Meeting
from mentortui.storage.journal import journal_path
from mentortui.storage.session import PairSession
from mentortui.storage.store import PairStore


def with_agenda(session: PairSession) -> Meeting:
    return next(meeting for meeting in session.pair.meetings if len(meeting.agenda) >= 3)


def abandon(session: PairSession) -> None:
    """What a kill -9 leaves: files as they are on disk; only the lock goes."""
    session.pair_file.close()


def test_item_notes_typed_and_never_saved_come_back_when_the_pair_is_opened(store, demo_slug):
    session = PairSession.open(store, demo_slug)
    meeting = with_agenda(session)
    first, second = meeting.agenda[0], meeting.agenda[1]
    session.set_notes(meeting, "general words")
    session.set_notes(meeting, "tired but fine", first.id)
    session.set_notes(meeting, "CV goal", second.id)
    session.set_notes(meeting, "CV goal at 40%", second.id)
    assert session._journal is not None and session._journal.sync()
    abandon(session)  # killed: the pair file was never written

    on_disk = next(m for m in store.load(demo_slug).meetings if m.id == meeting.id)
    assert [on_disk.agenda[0].notes, on_disk.agenda[1].notes] == ["", ""]

    again = PairSession.open(store, demo_slug)
    try:
        restored = with_agenda(again)
        assert restored.notes == "general words"
        assert [restored.agenda[0].notes, restored.agenda[1].notes] == ["tired but fine", "CV goal at 40%"]
        assert [m.id for m in again.recovered] == [meeting.id]
        assert again.flush()
        saved = next(m for m in store.load(demo_slug).meetings if m.id == meeting.id)
        assert [saved.agenda[0].notes, saved.agenda[1].notes] == ["tired but fine", "CV goal at 40%"]
    finally:
        again.close()
    assert not journal_path(store.path_for(demo_slug)).exists()


def test_unsaved_item_notes_count_as_unsaved_characters(store, demo_slug):
    session = PairSession.open(store, demo_slug)
    try:
        meeting = with_agenda(session)
        session.set_notes(meeting, "twelve chars", meeting.agenda[2].id)
        assert session.unsaved_characters() == len("twelve chars")
        session.save()
        assert session.flush()
        assert session.unsaved_characters() == 0
    finally:
        session.close()


def test_a_ten_year_pair_from_a_version_2_file_keeps_every_meetings_notes_as_its_general_notes(tmp_path):
    store = PairStore(tmp_path / "data")
    pair = pair_with_meetings(520, date(2026, 11, 25))
    slug = store.create(pair)
    path = store.path_for(slug)
    raw = json.loads(path.read_text(encoding="utf-8"))
    for meeting in raw["meetings"].values():
        for item in meeting["agenda"]:
            del item["notes"]  # as version 2 wrote it, before items had notes
    assert raw["meta"]["1"]["schema_version"] == 2
    path.write_text(json.dumps(raw), encoding="utf-8")
    old_notes = {meeting.id: meeting.notes for meeting in pair.meetings}
    assert sum(1 for notes in old_notes.values() if notes) > 500

    session = PairSession.open(store, slug)
    try:
        loaded = session.pair
        assert {meeting.id: meeting.notes for meeting in loaded.meetings} == old_notes
        assert all(item.notes == "" for meeting in loaded.meetings for item in meeting.agenda)
        for meeting in loaded.meetings:
            assert meeting_text(meeting) == old_notes[meeting.id]
            assert split_document(meeting, whole_document(meeting)).general == old_notes[meeting.id]
        session.save()
        assert session.flush()
    finally:
        session.close()
    assert {meeting.id: meeting.notes for meeting in store.load(slug).meetings} == old_notes
