"""An open pair: its file (and lock), the pair as loaded, its background saves, and the
journal that keeps the notes typed since the last save (see ``journal``)."""

from __future__ import annotations

import errno
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from mentortui.core.models import Meeting, Pair
from mentortui.storage import files
from mentortui.storage.decoding import Raw
from mentortui.storage.journal import NotesJournal, Record, read_newest
from mentortui.storage.save_queue import SaveQueue
from mentortui.storage.store import PairFile, PairStore

FLUSH_TIMEOUT_SECONDS = 10.0
EXPORTS_FOLDER = "exports"


class PairSession:
    """Changes are made to ``pair`` on the UI thread, then ``save()`` hands a snapshot to
    the save thread. The callbacks run on that thread and must not block.

    Meeting notes change through ``set_notes``, which also journals them, so that the
    journal on disk is always at least as new as the pair file (see ``journal``).
    """

    def __init__(
        self,
        pair_file: PairFile,
        pair: Pair,
        on_saved: Callable[[datetime], object] = lambda when: None,
        on_error: Callable[[Exception], object] = lambda error: None,
        journal: NotesJournal | None = None,
    ) -> None:
        self.pair_file = pair_file
        self.pair = pair
        self.save_error: Exception | None = None
        """Why the last save failed; None once a save works again."""
        self.recovered: list[Meeting] = []
        """Meetings whose notes came back from the journal when the pair was opened."""
        self._journal = journal
        self._on_saved = on_saved
        self._on_error = on_error
        self._saved_raw: Raw = {} if pair_file.read_only else pair_file.snapshot(pair)
        self._saves: SaveQueue[tuple[Raw, int]] = SaveQueue(self._write, self._saved, self._failed)

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
    ) -> PairSession:
        """Open and load a pair, with the notes a killed run left in its journal folded
        in (and saved at once); the lock is released again if loading fails."""
        pair_file = store.open(slug, read_only=read_only)
        try:
            pair = pair_file.load()
            if read_only:
                session = cls(pair_file, pair, on_saved, on_error)
                session.recovered = fold_in(pair, read_newest(pair_file.path))
            else:
                journal = NotesJournal(pair_file.path)
                session = cls(pair_file, pair, on_saved, on_error, journal)
                session.recovered = fold_in(pair, journal.resume())
                if session.recovered:
                    session.save()
            return session
        except BaseException:
            pair_file.close()
            raise

    def set_notes(self, meeting: Meeting, notes: str) -> None:
        """Change a meeting's notes and journal them; ``save()`` writes the pair file."""
        meeting.notes = notes
        if self._journal is not None:
            self._journal.record(meeting.id, meeting.notes)

    def save(self) -> None:
        """Queue the pair as it is now for writing; returns at once."""
        journaled = self._journal.last_sequence if self._journal is not None else 0
        self._saves.submit((self.pair_file.snapshot(self.pair), journaled))

    def _write(self, item: tuple[Raw, int]) -> None:
        raw, journaled = item
        if self._journal is not None:
            self._journal.sync()  # the journal reaches the disk before the pair file
        self.pair_file.write(raw)
        self._saved_raw = raw
        if self._journal is not None:
            self._journal.saved_through(journaled)

    def _saved(self, when: datetime) -> None:
        self.save_error = None
        self._on_saved(when)

    def _failed(self, error: Exception) -> None:
        self.save_error = error
        self._on_error(error)

    def flush(self) -> bool:
        return self._saves.flush(FLUSH_TIMEOUT_SECONDS)

    def unsaved_characters(self) -> int:
        """How many characters of the pair differ from what the pair file holds."""
        if self.read_only:
            return 0
        return changed_characters(self._saved_raw, self.pair_file.snapshot(self.pair))

    def export_path(self, file_stem: str) -> Path:
        """Where a summary of this pair called ``file_stem`` is written."""
        return self.pair_file.path.parent / EXPORTS_FOLDER / f"{file_stem}.md"

    def write_export(self, path: Path, text: str) -> None:
        """Write a summary (0600, atomically) into the exports folder (0700)."""
        files.ensure_private_dir(path.parent)
        files.atomic_write(path, text.encode("utf-8"))

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
        self.pair_file.close()


def fold_in(pair: Pair, newest: dict[str, Record]) -> list[Meeting]:
    """Give each meeting the notes its newest journal record holds; returns those changed."""
    changed = []
    for meeting in pair.meetings:
        record = newest.get(meeting.id)
        if record is not None and record.notes != meeting.notes:
            meeting.notes = record.notes
            changed.append(meeting)
    return changed


def write_copy(target: Path, raw: Raw, name: str) -> Path:
    """Write the pair, as a pair file, somewhere else (0600, atomically); into the folder
    ``target`` as ``name`` when it is one. An existing file is never replaced."""
    path = target / name if target.is_dir() else target
    if path.exists():
        raise FileExistsError(errno.EEXIST, "a file of that name exists already", str(path))
    files.atomic_write(path, json.dumps(raw, ensure_ascii=False).encode("utf-8"))
    return path


def changed_characters(old: object, new: object) -> int:
    """Characters added, removed or replaced between two snapshots, text by text."""
    if old == new:
        return 0
    if isinstance(old, str) and isinstance(new, str):
        return _edit_size(old, new)
    if isinstance(old, dict) and isinstance(new, dict):
        return sum(changed_characters(old.get(key), new.get(key)) for key in old.keys() | new.keys())
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
