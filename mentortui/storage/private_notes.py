"""Private notes: what each person writes about a meeting for themselves, never shared.

They live in ``<data>/private/<slug>.json`` (0600, in a 0700 folder), never beside a
shared pair file: ``{"meetings": {meeting_id: text}}``. Notes typed in a live meeting go
through a ``NotesJournal`` in that same private folder, so that a kill -9 loses no more
of them than of the shared notes (see ``journal``).
"""

from __future__ import annotations

import json
from pathlib import Path

from mentortui.core.models import clean_text
from mentortui.storage.errors import PairFileError, StoreError, describe_os_error
from mentortui.storage.files import atomic_write, ensure_private_dir
from mentortui.storage.journal import NotesJournal, read_newest
from mentortui.storage.paths import PAIR_SUFFIX, check_slug
from mentortui.storage.tinydb_storage import read_pair_bytes

PRIVATE_FOLDER = "private"

PrivateSnapshot = tuple[dict[str, str], int]
"""The private notes as they were when a save was asked for, and the journal's sequence
number then."""


class PrivateNotesError(StoreError):
    """A private notes file that cannot be read."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


def private_notes_path(data: Path, slug: str) -> Path:
    return data / PRIVATE_FOLDER / f"{check_slug(slug)}{PAIR_SUFFIX}"


def read_private_notes(path: Path) -> dict[str, str]:
    """The private notes by meeting id; none when there is no file."""
    try:
        data = read_pair_bytes(path)
    except PairFileError as error:
        raise PrivateNotesError(path, error.problem) from None
    if data is None:
        return {}
    try:
        meetings = json.loads(data.decode("utf-8"))["meetings"]
    except (UnicodeDecodeError, ValueError, RecursionError, TypeError, KeyError):
        raise PrivateNotesError(path, 'is not a private notes file: {"meetings": {...}} was expected') from None
    if not isinstance(meetings, dict) or not all(isinstance(text, str) for text in meetings.values()):
        raise PrivateNotesError(path, "meetings: must map each meeting's id to its notes")
    return {meeting_id: clean_text(text) for meeting_id, text in meetings.items()}


def load_private_notes(data: Path, slug: str) -> dict[str, str]:
    """Every private note of the pair ``slug`` on this machine, by meeting id: the private
    file's, with what its journal holds that the file does not yet."""
    return PrivateNotes.open(data, slug, read_only=True).notes


def write_private_notes(path: Path, notes: dict[str, str]) -> None:
    """Write the private notes atomically (0600, in a 0700 folder); empty ones are left out."""
    ensure_private_dir(path.parent)
    document = {"meetings": {meeting_id: text for meeting_id, text in sorted(notes.items()) if text}}
    atomic_write(path, json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"))


class PrivateNotes:
    """One pair's private notes on this machine, with their journal when the pair is open
    for writing. ``set`` runs on the UI thread; ``sync`` and ``write`` on the save thread."""

    def __init__(self, path: Path, notes: dict[str, str], journal: NotesJournal | None) -> None:
        self.path = path
        self.notes = notes
        self.written = dict(notes)
        """The notes as the private file holds them."""
        self.recovered = False
        """True when the journal held notes the file lacked (a killed run)."""
        self._journal = journal

    @classmethod
    def open(cls, data: Path, slug: str, read_only: bool = False) -> PrivateNotes:
        """Read the pair's private notes and fold in what a killed run left in the journal."""
        path = private_notes_path(data, slug)
        notes = read_private_notes(path)
        journal: NotesJournal | None = None
        if read_only:
            newest = read_newest(path)
        else:
            try:
                ensure_private_dir(path.parent)
            except OSError as error:
                raise PrivateNotesError(path.parent, f"cannot be made: {describe_os_error(error)}") from None
            journal = NotesJournal(path)
            newest = journal.resume()
        private = cls(path, notes, journal)
        for meeting_id, record in newest.items():
            if notes.get(meeting_id, "") != record.notes:
                notes[meeting_id] = record.notes
                private.recovered = True
        return private

    def get(self, meeting_id: str) -> str:
        return self.notes.get(meeting_id, "")

    def set(self, meeting_id: str, text: str) -> None:
        """Change one meeting's private notes and journal them."""
        text = clean_text(text)
        self.notes[meeting_id] = text
        if self._journal is not None:
            self._journal.record(meeting_id, text)

    def snapshot(self) -> PrivateSnapshot:
        sequence = self._journal.last_sequence if self._journal is not None else 0
        return dict(self.notes), sequence

    def sync(self) -> None:
        """The journal reaches the disk (before the pair file is written)."""
        if self._journal is not None:
            self._journal.sync()

    def write(self, snapshot: PrivateSnapshot) -> None:
        """Write the private file if the notes changed, then let the journal go."""
        notes, sequence = snapshot
        if notes != self.written:
            write_private_notes(self.path, notes)
            self.written = notes
        if self._journal is not None:
            self._journal.saved_through(sequence)

    def close(self, discard: bool = False) -> None:
        if self._journal is not None:
            if discard:
                self._journal.discard()
            else:
                self._journal.close()
