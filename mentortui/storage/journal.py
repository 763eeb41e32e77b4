"""The notes journal: the meeting notes typed since the pair file was last written.

Like an editor's swap file. While someone types, the meeting screen hands the notes to
the session about every 250 ms; each version is appended here as one record by a
background thread (written at once, fsynced at most every 250 ms), so a kill -9 loses
at most that long of typing. An fsync runs beside the writes on a copy of the file
descriptor and never holds them up: a busy disk can take a second to sync, and a record
waiting behind it would be lost to a kill -9 though the kernel would have kept it. The
whole pair file takes longer to write (13 ms and more for a ten-year pair) and is
written less often.

The file is ``.<pair file name>.journal`` beside the pair file, 0600, hidden so that
listings skip it. Each record is::

    b"MTJ1" | sequence (8 bytes) | payload length (4) | CRC-32 of the payload (4) | payload

with a JSON payload ``{"meeting": key, "notes": text}``; the key is a meeting's id for its
general notes and ``<meeting id>/<agenda item id>`` for an item's notes (the session
chooses it; here it is only a name). A record cut short by a crash,
or whose CRC does not match, ends the journal: it and anything after it are ignored.

The session keeps one invariant: for every meeting, the newest record on disk is at
least as new as that meeting's notes in the pair file (records reach the disk before
the pair file that holds them). So opening a pair folds the newest record of each
meeting in, and a successful save of the pair file lets the records it holds go.
"""

from __future__ import annotations

import contextlib
import json
import os
import struct
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from mentortui.storage.files import (
    PRIVATE_FILE_MODE,
    atomic_write,
    sweep_temp_files,
    write_all,
)

MAGIC = b"MTJ1"
_HEADER = struct.Struct(">4sQII")
SYNC_SECONDS = 0.25
# Past this size the journal is rewritten with only the newest record of each meeting
# (it grows while saves of the pair file keep failing).
COMPACT_BYTES = 1 << 20


@dataclass(frozen=True)
class Record:
    sequence: int
    meeting_id: str
    notes: str


def journal_path(pair_path: Path) -> Path:
    return pair_path.with_name(f".{pair_path.name}.journal")


def encode(record: Record) -> bytes:
    payload = json.dumps({"meeting": record.meeting_id, "notes": record.notes},
                         ensure_ascii=False).encode("utf-8")
    return _HEADER.pack(MAGIC, record.sequence, len(payload), zlib.crc32(payload)) + payload


def decode(data: bytes) -> tuple[list[Record], int]:
    """The whole records at the start of ``data``, and how many bytes they take."""
    records: list[Record] = []
    offset = 0
    while offset + _HEADER.size <= len(data):
        magic, sequence, length, crc = _HEADER.unpack_from(data, offset)
        start = offset + _HEADER.size
        payload = data[start:start + length]
        if magic != MAGIC or len(payload) != length or zlib.crc32(payload) != crc:
            break
        try:
            fields = json.loads(payload.decode("utf-8"))
            record = Record(sequence, fields["meeting"], fields["notes"])
        except (ValueError, KeyError, TypeError):
            break
        if not isinstance(record.meeting_id, str) or not isinstance(record.notes, str):
            break
        records.append(record)
        offset = start + length
    return records, offset


def newest(records: list[Record]) -> dict[str, Record]:
    """The newest record of each meeting, by meeting id."""
    latest: dict[str, Record] = {}
    for record in records:
        if record.meeting_id not in latest or record.sequence > latest[record.meeting_id].sequence:
            latest[record.meeting_id] = record
    return latest


def read_newest(pair_path: Path) -> dict[str, Record]:
    """The newest notes of each meeting in a pair's journal, without changing the file
    (for a pair opened read-only). An unreadable journal reads as empty."""
    try:
        data = journal_path(pair_path).read_bytes()
    except OSError:
        return {}
    return newest(decode(data)[0])


class NotesJournal:
    """The journal of one pair, held by the process that holds the pair's lock.

    ``record`` is called on the UI thread and never waits for the disk; ``sync``,
    ``saved_through`` and ``close`` are called by the session around writes of the pair
    file. A failed write (a full disk) keeps the records in memory and is tried again
    with the next record; ``error`` holds the last such failure.
    """

    def __init__(self, pair_path: Path) -> None:
        self.path = journal_path(pair_path)
        self.error: OSError | None = None
        self._state = threading.Condition()  # guards the fields up to _running
        self._pending: dict[str, Record] = {}  # newest record not yet written, per meeting
        self._sequence = 0
        self._running = False
        self._closed = False
        self._io = threading.Lock()  # guards the file and the fields below
        self._kept: dict[str, Record] = {}  # newest record on disk not yet in the pair file
        self._fd: int | None = None
        self._size = 0
        # Writes are counted; an fsync started after write N makes writes up to N durable.
        self._written = 0
        self._claimed = 0  # the writes the newest fsync started covers
        self._synced = 0  # the writes a finished fsync covers
        self._last_sync = 0.0

    @property
    def last_sequence(self) -> int:
        return self._sequence

    def resume(self) -> dict[str, Record]:
        """Read what a previous run left, cut off a torn last record so new records
        follow whole ones, and return the newest record of each meeting."""
        sweep_temp_files(self.path)
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        records, length = decode(data)
        with self._io:
            self._kept = newest(records)
            try:
                fd = self._open()
                if length < len(data):
                    os.ftruncate(fd, length)
                    self._size = length
            except OSError as error:
                self.error = error  # recorded again on the next write that works
        self._sequence = max((record.sequence for record in records), default=0)
        return dict(self._kept)

    def record(self, meeting_id: str, notes: str) -> int:
        """Queue the notes of one meeting as they are now; returns the record's sequence."""
        with self._state:
            if self._closed:
                return self._sequence
            self._sequence += 1
            self._pending[meeting_id] = Record(self._sequence, meeting_id, notes)
            if self._running:
                self._state.notify_all()
                return self._sequence
            self._running = True
        threading.Thread(target=self._run, name="mentortui-journal", daemon=True).start()
        return self._sequence

    def sync(self) -> bool:
        """Write and fsync every queued record now; False if the disk refused. The writer
        thread goes on writing new records while the fsync runs."""
        with self._io:
            if not self._write_pending():
                return False
            claim = self._claim_sync(self._synced)
        return self._fsync(claim)

    def saved_through(self, sequence: int) -> None:
        """The pair file now holds every record up to ``sequence``: let them go."""
        with self._io:
            if self._closed:  # a save that outlived close (its flush timed out)
                return
            with self._state:
                for table in (self._pending, self._kept):
                    for meeting_id in [m for m, r in table.items() if r.sequence <= sequence]:
                        del table[meeting_id]
                waiting = bool(self._pending)
            if not self._kept and not waiting:
                self._truncate()
            elif self._size > COMPACT_BYTES:
                self._rewrite()

    def unsaved(self) -> dict[str, Record]:
        """The newest record of each meeting that no save of the pair file holds yet."""
        with self._io, self._state:
            return {**self._kept, **self._pending}

    def close(self) -> None:
        """Write what is queued; remove the file when the pair file holds it all."""
        self._finish(discard=False)

    def discard(self) -> None:
        """Forget every record and remove the file (the person chose to lose them)."""
        self._finish(discard=True)

    # The writer thread and file operations -----------------------------------------------

    def _run(self) -> None:
        while True:
            with self._state:
                if not self._pending:
                    unsynced = self._written > self._claimed
                    syncing = self._claimed > self._synced  # one fsync at a time
                    remaining = SYNC_SECONDS - (time.monotonic() - self._last_sync)
                    if unsynced and (remaining > 0 or syncing) and not self._closed:
                        # A new record, or the fsync finishing, wakes this at once.
                        self._state.wait(remaining if remaining > 0 else None)
                        continue
                    if not unsynced or self._closed:
                        self._running = False
                        return
            with self._io:
                written = self._write_pending()
                claim = None
                if (written and self._claimed == self._synced
                        and time.monotonic() - self._last_sync >= SYNC_SECONDS):
                    claim = self._claim_sync(self._claimed)
            if claim is not None:
                threading.Thread(target=self._fsync, args=(claim,), name="mentortui-journal-sync",
                                 daemon=True).start()
            if not written:  # the next record tries again
                with self._state:
                    self._running = False
                return

    def _write_pending(self) -> bool:
        with self._state:
            records = sorted(self._pending.values(), key=lambda record: record.sequence)
            self._pending.clear()
        if not records:
            return True
        data = b"".join(encode(record) for record in records)
        try:
            write_all(self._open(), [data])
        except OSError as error:
            self.error = error
            self._undo_partial_write()
            with self._state:
                for record in records:
                    if record.meeting_id not in self._pending:
                        self._pending[record.meeting_id] = record
            return False
        self._size += len(data)
        with self._state:
            self._written += 1
        self._kept.update(newest(records))
        self.error = None
        if self._size > COMPACT_BYTES:
            self._rewrite()
        return True

    def _claim_sync(self, covered: int) -> tuple[int | None, int] | None:
        """With the file lock held: a copy of the file descriptor (None if none could be
        made) and the writes an fsync of it covers, when writes past ``covered`` wait for
        one; None when none do."""
        with self._state:
            if self._fd is None or self._written <= covered:
                return None
            self._claimed = self._written
            self._last_sync = time.monotonic()
            try:
                return os.dup(self._fd), self._written
            except OSError as error:  # out of file descriptors
                self.error = error
                return None, self._written

    def _fsync(self, claim: tuple[int | None, int] | None) -> bool:
        """fsync a claimed copy of the file descriptor, without the file lock."""
        if claim is None:
            return True
        fd, through = claim
        synced = fd is not None and self._fsync_copy(fd)
        with self._state:
            if synced:
                self._synced = max(self._synced, through)
            else:
                self._claimed = min(self._claimed, self._synced)  # the next write tries again
            self._state.notify_all()
        return synced

    def _fsync_copy(self, fd: int) -> bool:
        try:
            os.fsync(fd)
        except OSError as error:
            self.error = error
            return False
        finally:
            os.close(fd)
        return True

    def _open(self) -> int:
        """The journal's file, opened for appending on first use."""
        if self._fd is None:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, PRIVATE_FILE_MODE)
            os.fchmod(self._fd, PRIVATE_FILE_MODE)
            self._size = os.fstat(self._fd).st_size
        return self._fd

    def _undo_partial_write(self) -> None:
        """A write the disk cut short must not leave half a record for new ones to follow."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, self._size)

    def _truncate(self) -> None:
        if self._fd is None and not self.path.exists():
            return
        try:
            os.ftruncate(self._open(), 0)
        except OSError as error:
            self.error = error
            return
        self._size = 0
        self._mark_all_synced()

    def _rewrite(self) -> None:
        """Replace the file with the newest record of each meeting (atomically)."""
        data = b"".join(encode(record) for record in sorted(self._kept.values(),
                                                             key=lambda record: record.sequence))
        try:
            atomic_write(self.path, data)
        except OSError as error:
            self.error = error  # the longer file is still whole and right
            return
        self._close_fd()
        self._open()
        self._mark_all_synced()  # the new file was synced before it took the old one's place

    def _mark_all_synced(self) -> None:
        with self._state:
            self._claimed = self._synced = self._written

    def _close_fd(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            with contextlib.suppress(OSError):
                os.close(fd)

    def _finish(self, discard: bool) -> None:
        with self._state:
            self._closed = True
            if discard:
                self._pending.clear()
            self._state.notify_all()
        with self._io:
            if discard:
                self._kept.clear()
            elif self._write_pending():
                self._fsync(self._claim_sync(self._synced))
            remove = not self._kept and not self._pending
            self._close_fd()
            if remove:
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
