"""The notes journal (``mentortui.storage.journal``) and how a session folds it in on open.

Real files in ``tmp_path``; a "kill" is simulated by leaving a session unclosed, or by
cutting the journal file short, which is what a kill -9 or a power cut leaves.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

from mentortui.storage.journal import (
    NotesJournal,
    Record,
    decode,
    encode,
    journal_path,
    read_newest,
)
from mentortui.storage.pair_file import PairFile
from mentortui.storage.session import PairSession

from .test_process import wait_until

WAIT_SECONDS = 5


def running_meeting_id(session: PairSession) -> str:
    return session.pair.meetings[-1].id


def abandon(session: PairSession) -> None:
    """What a kill -9 leaves: the journal and pair file as they are on disk, and the lock
    gone with the process. Only the lock is released here; nothing is flushed."""
    session.pair_file.close()


def test_a_torn_last_record_is_skipped_and_the_whole_ones_before_it_are_read():
    records = [Record(1, "m1", "first"), Record(2, "m1", "first and second"), Record(3, "m2", "other")]
    data = b"".join(encode(record) for record in records)
    whole, length = decode(data)
    assert whole == records and length == len(data)

    for cut in range(1, len(encode(records[-1]))):
        whole, length = decode(data[:-cut])
        assert whole == records[:2], cut
        assert length == len(data) - len(encode(records[-1]))


def test_a_record_with_a_flipped_byte_ends_the_journal():
    first, second = encode(Record(1, "m1", "kept")), bytearray(encode(Record(2, "m1", "damaged")))
    second[-3] ^= 0x20
    assert decode(first + bytes(second))[0] == [Record(1, "m1", "kept")]


def test_notes_typed_and_never_saved_come_back_when_the_pair_is_opened(store, demo_slug):
    session = PairSession.open(store, demo_slug)
    meeting = session.pair.meetings[-1]
    session.set_notes(meeting, "first words")
    session.set_notes(meeting, "first words, then more")
    assert session._journal.sync()
    abandon(session)  # killed: the pair file was never written

    assert store.load(demo_slug).meetings[-1].notes != "first words, then more"
    path = journal_path(store.path_for(demo_slug))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.name.startswith(".")
    assert store.slugs() == [demo_slug]  # listings do not see it

    again = PairSession.open(store, demo_slug)
    try:
        assert again.pair.meetings[-1].notes == "first words, then more"
        assert [m.id for m in again.recovered] == [meeting.id]
        assert again.flush()
        # Folded in and saved at once: the pair file holds the notes, the journal is empty.
        assert store.load(demo_slug).meetings[-1].notes == "first words, then more"
        assert path.stat().st_size == 0
    finally:
        again.close()
    assert not path.exists()


def test_a_read_only_open_shows_the_journaled_notes_and_changes_no_file(store, demo_slug):
    session = PairSession.open(store, demo_slug)
    session.set_notes(session.pair.meetings[-1], "typed before the crash")
    assert session._journal.sync()
    abandon(session)
    pair_path = store.path_for(demo_slug)
    before = (pair_path.read_bytes(), journal_path(pair_path).read_bytes())

    viewer = PairSession.open(store, demo_slug, read_only=True)
    try:
        assert viewer.pair.meetings[-1].notes == "typed before the crash"
    finally:
        viewer.close()
    assert (pair_path.read_bytes(), journal_path(pair_path).read_bytes()) == before


def test_the_journal_is_emptied_after_a_save_and_removed_on_close(store, demo_slug):
    session = PairSession.open(store, demo_slug)
    path = journal_path(store.path_for(demo_slug))
    try:
        session.set_notes(session.pair.meetings[-1], "saved notes")
        assert session._journal.sync()
        assert decode(path.read_bytes())[0][-1].notes == "saved notes"
        session.save()
        assert session.flush()
        assert path.read_bytes() == b""
        assert store.load(demo_slug).meetings[-1].notes == "saved notes"
    finally:
        session.close()
    assert not path.exists()


def test_notes_journaled_after_the_snapshot_of_a_save_stay_in_the_journal(store, demo_slug):
    session = PairSession.open(store, demo_slug)
    meeting = session.pair.meetings[-1]
    session.set_notes(meeting, "in the save")
    session.save()
    session.set_notes(meeting, "in the save, and typed after it")
    assert session.flush()
    assert session._journal.sync()
    abandon(session)

    assert store.load(demo_slug).meetings[-1].notes == "in the save"
    assert read_newest(store.path_for(demo_slug))[meeting.id].notes == "in the save, and typed after it"
    again = PairSession.open(store, demo_slug)
    try:
        assert again.pair.meetings[-1].notes == "in the save, and typed after it"
    finally:
        again.close()


def test_a_torn_journal_tail_is_cut_so_later_records_are_read(store, demo_slug, monkeypatch):
    session = PairSession.open(store, demo_slug)
    meeting_id = running_meeting_id(session)
    session.set_notes(session.pair.meetings[-1], "whole record")
    assert session._journal.sync()
    abandon(session)
    path = journal_path(store.path_for(demo_slug))
    torn = encode(Record(99, meeting_id, "torn record, never finished"))[:-5]
    path.write_bytes(path.read_bytes() + torn)

    monkeypatch.setattr(PairFile, "write_snapshot", FailingWrites())  # the records stay in the journal
    again = PairSession.open(store, demo_slug)
    try:
        assert again.pair.meetings[-1].notes == "whole record"
        assert again.flush() and again.save_error is not None
        again.set_notes(again.pair.meetings[-1], "written after the torn one")
        assert again._journal.sync()
    finally:
        abandon(again)
    assert read_newest(store.path_for(demo_slug))[meeting_id].notes == "written after the torn one"


class FailingWrites:
    """A pair file write that fails as on a full disk."""

    def __call__(self, *args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "pair.json")


def test_closing_after_a_failed_save_keeps_the_journal_with_the_last_notes(store, demo_slug):
    session = PairSession.open(store, demo_slug)
    session.pair_file.write_snapshot = FailingWrites()
    meeting = session.pair.meetings[-1]
    session.set_notes(meeting, "typed while the disk was full")
    session.save()
    assert session.flush()
    assert isinstance(session.save_error, OSError)
    assert session.unsaved_characters() >= len("typed while the disk was full")
    session.close()  # what SIGTERM and SIGHUP do

    path = journal_path(store.path_for(demo_slug))
    assert path.exists()
    again = PairSession.open(store, demo_slug)
    try:
        assert again.pair.meetings[-1].notes == "typed while the disk was full"
    finally:
        again.close()
    assert store.load(demo_slug).meetings[-1].notes == "typed while the disk was full"
    assert not path.exists()


def test_discarding_removes_the_journal(store, demo_slug):
    session = PairSession.open(store, demo_slug)
    session.pair_file.write_snapshot = FailingWrites()
    session.set_notes(session.pair.meetings[-1], "to be lost on purpose")
    session.save()
    session.close(discard=True)
    assert not journal_path(store.path_for(demo_slug)).exists()
    assert store.load(demo_slug).meetings[-1].notes != "to be lost on purpose"


def test_a_journal_the_disk_refuses_keeps_the_records_and_writes_them_later(tmp_path, monkeypatch):
    journal = NotesJournal(tmp_path / "pair.json")
    real_writev = os.writev
    full = {"on": True}

    def writev(fd, buffers):
        if full["on"]:
            real_writev(fd, [bytes(buffers[0])[:7]])  # the disk takes a few bytes, then is full
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_writev(fd, buffers)

    monkeypatch.setattr("mentortui.storage.files.os.writev", writev)
    journal.record("m1", "kept in memory")
    assert journal.sync() is False
    assert isinstance(journal.error, OSError)
    assert journal.path.read_bytes() == b""  # the partial record was cut off again

    full["on"] = False
    assert journal.sync() is True
    assert decode(journal.path.read_bytes())[0] == [Record(1, "m1", "kept in memory")]
    journal.close()
    assert journal.path.exists()  # never saved in a pair file: kept


def test_a_slow_fsync_holds_up_no_record_written_after_it(tmp_path: Path, monkeypatch):
    """A busy disk can take a second to fsync. Records typed meanwhile still reach the
    file at once, where a kill -9 cannot take them, and a save's sync still returns only
    once its own fsync has finished."""
    monkeypatch.setattr("mentortui.storage.journal.SYNC_SECONDS", 0.0)  # a sync due at every write
    journal = NotesJournal(tmp_path / "pair.json")
    disk_done = threading.Event()
    syncing = threading.Semaphore(0)
    real_fsync = os.fsync

    def slow_fsync(fd):
        syncing.release()
        disk_done.wait(4 * WAIT_SECONDS)  # longer than a check waits
        real_fsync(fd)

    monkeypatch.setattr("mentortui.storage.journal.os.fsync", slow_fsync)

    def on_disk() -> list[str]:
        return [record.notes for record in decode(journal.path.read_bytes())[0]]

    journal.record("m1", "one")
    assert syncing.acquire(timeout=10), "the writer never synced"  # the periodic fsync hangs
    for notes in ("one two", "one two three"):
        journal.record("m1", notes)
        wait_until(lambda notes=notes: on_disk()[-1] == notes, WAIT_SECONDS, "a record written beside the hung fsync")
    # The writer waits for the hung fsync instead of starting one more at each record (a
    # thread is running once start() returns, and the writer starts it before the next write).
    assert [thread.name for thread in threading.enumerate()].count("mentortui-journal-sync") == 1

    saved = []
    save = threading.Thread(target=lambda: saved.append(journal.sync()))
    save.start()
    assert syncing.acquire(timeout=10), "the save never synced"
    journal.record("m1", "one two three four")
    wait_until(lambda: on_disk()[-1] == "one two three four", WAIT_SECONDS, "a record written beside the save's fsync")
    assert save.is_alive() and saved == []  # the save waits for its fsync

    disk_done.set()
    save.join(10)
    assert saved == [True]
    journal.close()
    assert on_disk() == ["one", "one two", "one two three", "one two three four"]


def test_a_failed_fsync_is_reported_and_the_next_sync_tries_again(tmp_path: Path, monkeypatch):
    journal = NotesJournal(tmp_path / "pair.json")
    failing = {"on": True}
    synced = []
    real_fsync = os.fsync

    def fsync(fd):
        if failing["on"]:
            raise OSError(errno.EIO, "Input/output error")
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr("mentortui.storage.journal.os.fsync", fsync)
    journal.record("m1", "words")
    assert journal.sync() is False
    assert isinstance(journal.error, OSError)
    failing["on"] = False
    assert journal.sync() is True and synced
    journal.close()


def test_a_growing_journal_is_compacted_to_the_newest_notes(tmp_path: Path):
    size = 300_000
    journal = NotesJournal(tmp_path / "pair.json")
    for number in range(8):
        journal.record("m1", f"{number}" * size)
        assert journal.sync()
    records = decode(journal.path.read_bytes())[0]
    assert records[-1].notes == "7" * size
    assert journal.path.stat().st_size < 4 * size
    journal.close()



async def test_the_app_says_when_it_brought_notes_back_from_the_journal(store, demo_slug, make_app):
    session = PairSession.open(store, demo_slug)
    session.set_notes(session.pair.meetings[-1], "words typed just before the kill")
    assert session._journal.sync()
    abandon(session)

    app = make_app(open_pair=demo_slug)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        recovered = [n.message for n in app._notifications if n.title == "Notes recovered"]
        assert recovered == ["Brought back notes typed just before mentortui was stopped (1 meeting)."]
        await pilot.press("q")
    assert store.load(demo_slug).meetings[-1].notes == "words typed just before the kill"
