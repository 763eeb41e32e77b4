"""An open pair: its file (and lock), the pair as loaded, its background saves, the
journal that keeps the notes typed since the last save (see ``journal``), and this
machine's private notes of the pair (see ``private_notes``)."""

from __future__ import annotations

import errno
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from mentortui.core.meeting_notes import GENERAL, notes_of, set_notes_of
from mentortui.core.models import Meeting, Pair, Role
from mentortui.storage import files
from mentortui.storage.decoding import Raw
from mentortui.storage.journal import NotesJournal, Record, read_newest
from mentortui.storage.pair_file import PairFile
from mentortui.storage.pair_settings import PairSettings
from mentortui.storage.private_notes import PrivateNotes, PrivateSnapshot
from mentortui.storage.save_queue import SaveQueue
from mentortui.storage.snapshots import PairSnapshot
from mentortui.storage.stamping import BOOKKEEPING_KEYS, Stamp
from mentortui.storage.store import PairStore
from mentortui.storage.tinydb_storage import encode_raw

FLUSH_TIMEOUT_SECONDS = 10.0
EXPORTS_FOLDER = "exports"


@dataclass(frozen=True)
class _Save:
    """What one save writes: the pair's snapshot, the journal's sequence number when it
    was taken, and the private notes."""

    pair: PairSnapshot | None
    journaled: int
    private: PrivateSnapshot


class PairSession:
    """Changes are made to ``pair`` on the UI thread, then ``save()`` hands a snapshot to
    the save thread. The callbacks run on that thread and must not block.

    Meeting notes change through ``set_notes`` (private notes through
    ``set_private_notes``), which also journals them, so that the journal on disk is always
    at least as new as the file (see ``journal``). Every save stamps the records that
    changed since the save before it (see ``stamping``).
    """

    def __init__(
        self,
        pair_file: PairFile,
        pair: Pair,
        private: PrivateNotes,
        settings: PairSettings,
        on_saved: Callable[[datetime], object] = lambda when: None,
        on_error: Callable[[Exception], object] = lambda error: None,
        journal: NotesJournal | None = None,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.pair_file = pair_file
        self.pair = pair
        self.settings = settings
        """This machine's settings of the pair: whose machine it is and how it is shared."""
        self.role: Role = settings.role
        """Whose machine this is: the mentor's or the mentee's; saves are stamped with it."""
        self.now = now
        """The clock the stamps of saved changes read."""
        self.save_error: Exception | None = None
        """Why the last save failed; None once a save works again."""
        self.recovered: list[Meeting] = []
        """Meetings whose notes came back from the journal when the pair was opened."""
        self._journal = journal
        self._private = private
        self._on_saved = on_saved
        self._on_error = on_error
        self._on_disk: PairSnapshot | None = None if pair_file.read_only else pair_file.take_snapshot(pair, None)
        """The pair as its file holds it: as read, then as last written."""
        self._submitted = _Save(self._on_disk, 0, (dict(private.written), 0))
        self._saves: SaveQueue[_Save] = SaveQueue(self._write, self._saved, self._failed)

    @property
    def slug(self) -> str:
        return self.pair_file.slug

    @property
    def read_only(self) -> bool:
        return self.pair_file.read_only

    @classmethod
    def open(
        cls,
        store: PairStore,
        slug: str,
        read_only: bool = False,
        on_saved: Callable[[datetime], object] = lambda when: None,
        on_error: Callable[[Exception], object] = lambda error: None,
        now: Callable[[], datetime] = datetime.now,
    ) -> PairSession:
        """Open and load a pair and its private notes, with the notes a killed run left in
        their journals folded in (and saved at once); the lock is released again if
        loading fails."""
        pair_file = store.open(slug, read_only=read_only)
        try:
            pair = pair_file.load()
            settings = store.settings(slug)
            private = PrivateNotes.open(store.folder, slug, read_only)
            if read_only:
                session = cls(pair_file, pair, private, settings, on_saved, on_error, now=now)
                session.recovered = fold_in(pair, read_newest(pair_file.path))
            else:
                journal = NotesJournal(pair_file.path)
                session = cls(pair_file, pair, private, settings, on_saved, on_error, journal, now)
                session.recovered = fold_in(pair, journal.resume())
                if session.recovered or private.recovered:
                    session.save()
            return session
        except BaseException:
            pair_file.close()
            raise

    def set_notes(self, meeting: Meeting, notes: str, item_id: str | None = GENERAL) -> None:
        """Change a meeting's general notes, or one agenda item's notes, and journal them;
        ``save()`` writes the pair file."""
        set_notes_of(meeting, item_id, notes)
        if self._journal is not None:
            self._journal.record(journal_key(meeting, item_id), notes_of(meeting, item_id))

    def private_notes(self, meeting_id: str) -> str:
        """This machine's private notes of a meeting ("" when there are none)."""
        return self._private.get(meeting_id)

    def set_private_notes(self, meeting: Meeting, text: str) -> None:
        """Change a meeting's private notes and journal them; ``save()`` writes them to the
        private file, never to the pair file."""
        self._private.set(meeting.id, text)

    def save(self) -> None:
        """Stamp what changed since the last save, and queue the pair and the private notes
        as they are now for writing; returns at once."""
        journaled = self._journal.last_sequence if self._journal is not None else 0
        snapshot = self.pair_file.take_snapshot(self.pair, Stamp.at(self.now(), self.role))
        self._submitted = _Save(snapshot, journaled, self._private.snapshot())
        self._saves.submit(self._submitted)

    def _write(self, item: _Save) -> None:
        if self._journal is not None:
            self._journal.sync()  # the journals reach the disk before the files
        self._private.sync()
        if item.pair is not None:
            self.pair_file.write_snapshot(item.pair)
            self._on_disk = item.pair
        if self._journal is not None:
            self._journal.saved_through(item.journaled)
        self._private.write(item.private)

    def _saved(self, when: datetime) -> None:
        self.save_error = None
        self._on_saved(when)

    def _failed(self, error: Exception) -> None:
        self.save_error = error
        self._on_error(error)

    def flush(self) -> bool:
        """Wait until every save asked for is written (False on timeout); private notes
        changed since the last save are written too."""
        if not self.read_only and self._private.notes != self._submitted.private[0]:
            # The last pair snapshot again, so a save still waiting is not replaced by less.
            self._submitted = replace(self._submitted, private=self._private.snapshot())
            self._saves.submit(self._submitted)
        return self._saves.flush(FLUSH_TIMEOUT_SECONDS)

    def reload(self) -> None:
        """Read the pair file again after a sync rewrote it (the caller holds the lock and
        has flushed). Notes the journal holds that no save wrote yet (a save failed) are
        put back into the reloaded pair and saved, so nothing typed is lost."""
        pair = self.pair_file.load()
        self._on_disk = None if self.read_only else self.pair_file.take_snapshot(pair, None)
        self._submitted = replace(self._submitted, pair=self._on_disk, journaled=0)
        self.pair = pair
        if self._journal is not None and fold_in(pair, self._journal.unsaved()):
            self.save()

    def unsaved_characters(self) -> int:
        """How many characters of the pair and of the private notes differ from what their
        files hold."""
        if self._on_disk is None:
            return 0
        return (changed_characters(self._on_disk.raw(), self.pair_file.take_snapshot(self.pair, None).raw())
                + changed_characters(self._private.written, self._private.notes))

    def export_path(self, file_stem: str) -> Path:
        """Where a summary of this pair called ``file_stem`` is written: in the data
        folder, never in a shared pair's shared folder."""
        return self.pair_file.listed_path.parent / EXPORTS_FOLDER / f"{file_stem}.md"

    def write_export(self, path: Path, text: str) -> None:
        """Write a summary (0600, atomically) into the exports folder (0700)."""
        files.ensure_private_dir(path.parent)
        files.atomic_write(path, text.encode("utf-8"))

    def write_calendar(self, ics: bytes) -> Path:
        """Write the pair's iCalendar file (see ``core.calendar_export``) beside its summaries,
        replacing the last one; returns where it is."""
        path = self.export_path(self.slug).with_suffix(".ics")
        files.ensure_private_dir(path.parent)
        files.atomic_write(path, ics)
        return path

    def snapshot(self) -> Raw:
        """The pair as it is now, for ``write_copy`` on another thread."""
        return self.pair_file.snapshot(self.pair)

    def close(self, discard: bool = False) -> None:
        """Write what is pending and release the lock. The journal stays on disk while it
        holds notes the pair file lacks (a failed save), unless ``discard`` says the
        person chose to lose them."""
        self.flush()
        if self._journal is not None:
            if discard:
                self._journal.discard()
            else:
                self._journal.close()
        self._private.close(discard)
        self.pair_file.close()


def journal_key(meeting: Meeting, item_id: str | None) -> str:
    """The journal's key of a meeting's general notes, or of one agenda item's notes."""
    return meeting.id if item_id is GENERAL else f"{meeting.id}/{item_id}"


def fold_in(pair: Pair, newest: dict[str, Record]) -> list[Meeting]:
    """Give each meeting the general and item notes its newest journal records hold;
    returns the meetings changed."""
    changed = []
    for meeting in pair.meetings:
        touched = False
        for item_id in (GENERAL, *(item.id for item in meeting.agenda)):
            record = newest.get(journal_key(meeting, item_id))
            if record is not None and record.notes != notes_of(meeting, item_id):
                set_notes_of(meeting, item_id, record.notes)
                touched = True
        if touched:
            changed.append(meeting)
    return changed


def write_copy(target: Path, raw: Raw, name: str) -> Path:
    """Write the pair, as a pair file, somewhere else (0600, atomically); into the folder
    ``target`` as ``name`` when it is one. An existing file is never replaced."""
    path = target / name if target.is_dir() else target
    if path.exists():
        raise FileExistsError(errno.EEXIST, "a file of that name exists already", str(path))
    files.atomic_write(path, encode_raw(raw))
    return path


def changed_characters(old: object, new: object) -> int:
    """Characters added, removed or replaced between two snapshots, text by text; the
    stamps and tombstones a save adds are not what anyone typed, so they do not count."""
    if old == new:
        return 0
    if isinstance(old, str) and isinstance(new, str):
        return _edit_size(old, new)
    if isinstance(old, dict) and isinstance(new, dict):
        keys = (old.keys() | new.keys()) - BOOKKEEPING_KEYS
        return sum(changed_characters(old.get(key), new.get(key)) for key in keys)
    if isinstance(old, list) and isinstance(new, list):
        old_items = old + [None] * (len(new) - len(old))
        new_items = new + [None] * (len(old) - len(new))
        return sum(changed_characters(a, b) for a, b in zip(old_items, new_items, strict=True))
    return max(_text_size(old), _text_size(new))


def _text_size(value: object) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(_text_size(item) for item in value.values())
    if isinstance(value, list):
        return sum(_text_size(item) for item in value)
    return 0


def _edit_size(old: str, new: str) -> int:
    """The length of the changed middle once the common start and end are set aside."""
    shorter = min(len(old), len(new))
    start = _longest(shorter, lambda n: old[:n] == new[:n])
    rest = shorter - start
    end = _longest(rest, lambda n: n == 0 or old[-n:] == new[-n:])
    return max(len(old), len(new)) - start - end


def _longest(limit: int, same: Callable[[int], bool]) -> int:
    """The largest n <= limit with same(n), by halving (the string compares run in C)."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if same(middle):
            low = middle
        else:
            high = middle - 1
    return low
