"""The notes editor: a TextArea that keeps one paste, and one meeting's notes, to a size
that stays fast to type in, drops control characters from what is pasted, never lets
undo or redo end the app, keeps the cursor with the text it was in when the notes
come back from another editor, and says when the text is due for the journal and for
the pair file (the screen that owns the notes does the saving) and when enter finishes a
line (the screen may capture it)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.timer import Timer
from textual.widgets import TextArea
from textual.widgets.text_area import Document, EditResult, Location

from mentortui.core.models import clean_text

MAX_PASTE_CHARS = 100_000
MAX_NOTES_CHARS = 200_000
# The notes go to the journal this soon after a change: the most a kill -9 can lose.
JOURNAL_SECONDS = 0.25
# The pair file is written this long after the last key...
SETTLE_SECONDS = 0.5
# ... and, while typing never pauses, at least this often.
MAX_UNSETTLED_SECONDS = 3.0


@dataclass(frozen=True)
class NotesHeld:
    """Whose notes a pane holds: one agenda item's (``item_id``), the meeting's general
    notes (``item_id`` None), or the whole meeting as one document (``whole``)."""

    item_id: str | None = None
    whole: bool = False


GENERAL_NOTES = NotesHeld()
WHOLE_MEETING = NotesHeld(whole=True)


class NotesDue(Message):
    """The notes are due to be saved. Read ``notes.text`` when handling it: keys typed
    since the timer fired belong in the save too, and a text carried in the message could
    be older than one the screen has already saved."""

    def __init__(self, notes: NotesArea) -> None:
        super().__init__()
        self.notes = notes

    @property
    def control(self) -> NotesArea:
        return self.notes


class NotesArea(TextArea):
    BINDINGS = [
        Binding("ctrl+end", "notes_end", "End of notes", show=False),
        Binding("ctrl+home", "notes_start", "Start of notes", show=False),
    ]

    class Trimmed(Message):
        """Posted when a paste, or the notes back from another editor, were cut short;
        ``kept`` and ``offered`` are character counts, ``source`` says which."""

        def __init__(self, kept: int, offered: int, source: str = "Pasted") -> None:
            super().__init__()
            self.kept = kept
            self.offered = offered
            self.source = source

    class LineFinished(Message):
        """Posted when enter ends line ``row``, which read ``line`` then: a screen may act
        on that one line (it checks the line still reads so before changing it)."""

        def __init__(self, notes: NotesArea, row: int, line: str) -> None:
            super().__init__()
            self.notes = notes
            self.row = row
            self.line = line

        @property
        def control(self) -> NotesArea:
            return self.notes

    class JournalDue(NotesDue):
        """Posted 0.25 s after the first change not yet journalled: time to hand the notes
        to the journal."""

    class Settled(NotesDue):
        """Posted 0.5 s after the last key, or 3 s into typing that never pauses: time to
        write the notes to the pair file."""

    _settle_timer: Timer | None = None
    _journal_timer: Timer | None = None
    _unsettled_since: float | None = None  # time.monotonic() of the first change not settled
    # Whose notes the text is: the screen reads it when it saves, never earlier.
    held: NotesHeld = GENERAL_NOTES
    _loads_unseen = 0  # Changed messages still to come from hold(): nothing typed, nothing to save

    def hold(self, text: str, held: NotesHeld) -> None:
        """Show ``held``'s notes ``text`` instead, cursor at the end and a fresh undo
        history. The caller has saved the text shown before: nothing is pending after this."""
        self.settle()
        self.held = held
        self._loads_unseen += 1
        self.load_text(text)
        self.move_cursor(self.document.end)

    @on(TextArea.Changed)
    def _debounce(self) -> None:
        if self._loads_unseen:
            self._loads_unseen -= 1
            return
        now = time.monotonic()
        if self._unsettled_since is None:
            self._unsettled_since = now
        if self._settle_timer is not None:
            self._settle_timer.stop()
        if now - self._unsettled_since >= MAX_UNSETTLED_SECONDS:
            self._settle()
            return
        self._settle_timer = self.set_timer(SETTLE_SECONDS, self._settle)
        if self._journal_timer is None:
            self._journal_timer = self.set_timer(JOURNAL_SECONDS, self._journal)

    def _journal(self) -> None:
        self._journal_timer = None
        self.post_message(self.JournalDue(self))

    def _settle(self) -> None:
        self.settle()
        self.post_message(self.Settled(self))

    def settle(self) -> bool:
        """Stop waiting, because the caller saves the text now; True when a change was
        still waiting for the journal or the pair file."""
        pending = self._settle_timer is not None or self._journal_timer is not None
        for timer in (self._settle_timer, self._journal_timer):
            if timer is not None:
                timer.stop()
        self._settle_timer = self._journal_timer = None
        self._unsettled_since = None
        return pending

    def _replace_via_keyboard(self, insert: str, start: Location, end: Location) -> EditResult | None:
        if len(insert) > 1:
            offered = len(insert)
            insert = clean_text(insert)
            room = max(0, MAX_NOTES_CHARS - len(self.text))
            limit = min(MAX_PASTE_CHARS, room)
            if len(insert) > limit:
                insert = insert[:limit]
                self.post_message(self.Trimmed(len(insert), offered))
        result = super()._replace_via_keyboard(insert, start, end)
        if insert == "\n" and result is not None:
            row = min(start, end)[0]
            self.post_message(self.LineFinished(self, row, self.document.get_line(row)))
        return result

    def _recompute_cursor_offset(self) -> None:
        # Undo and redo change the document first and put the selection back only at the
        # end, and in between a scrollbar that appears or goes away scrolls to the cursor:
        # after undoing a long paste the cursor still points past the last line, and
        # Textual 8.2.8 raises "The document line index ... is out of bounds" (textual
        # issue #6686). Measure a clamped copy; the selection itself is restored afterwards.
        self._cursor_offset = self.wrapped_document.location_to_offset(
            self.clamp_visitable(self.cursor_location)
        )

    def undo(self) -> None:
        """Undo the last batch of edits; should Textual still fail part-way, keep the app."""
        self._guarded(super().undo, "Undo")

    def redo(self) -> None:
        """Redo the last undone batch of edits; should Textual still fail part-way, keep the app."""
        self._guarded(super().redo, "Redo")

    def _guarded(self, step: Callable[[], None], name: str) -> None:
        try:
            step()
        except (ValueError, IndexError):
            # The document may be half undone, so the history no longer matches it: drop
            # the history, show the text as it is and let the screen save it.
            self.history.clear()
            self._rewrap_and_refresh_virtual_size()
            self.selection = self.selection  # the validator clamps it into the text
            self.refresh()
            self.post_message(self.Changed(self))
            self.notify(f"{name} could not finish. The notes are as shown and are saved; "
                        "the undo history was cleared.", severity="warning", markup=False)

    def action_notes_end(self) -> None:
        """Move the cursor to the end of the notes, where the next words usually go."""
        self.move_cursor(self.document.end)

    def action_notes_start(self) -> None:
        """Move the cursor to the start of the notes."""
        self.move_cursor(self.document.start)

    def current_line(self) -> str:
        """The selection, or else the cursor's line, without list or heading marks: the
        text a capture starts from."""
        text = self.selected_text or self.document.get_line(self.cursor_location[0])
        return " ".join(text.lstrip("-*+# ").split())

    def replace_keeping_cursor(self, text: str) -> None:
        """Make ``text`` the notes as one edit that ctrl+z takes back, changing only the
        part that differs, and put the cursor where :func:`follow_cursor` says. Notes
        longer than one meeting's limit are cut there, with a Trimmed message."""
        if len(text) > MAX_NOTES_CHARS:
            self.post_message(self.Trimmed(MAX_NOTES_CHARS, len(text), source="Kept"))
            text = text[:MAX_NOTES_CHARS]
        old = self.text
        if text == old:
            return
        cursor = follow_cursor(old, text, self.cursor_location)
        start = _common_prefix_length(old, text)
        tail = _common_prefix_length(old[start:][::-1], text[start:][::-1])
        document = self.document
        assert isinstance(document, Document), "a TextArea always edits a Document"
        self.replace(
            text[start:len(text) - tail],
            document.get_location_from_index(start),
            document.get_location_from_index(len(old) - tail),
            maintain_selection_offset=False,
        )
        self.move_cursor(cursor)


def follow_cursor(old: str, new: str, cursor: Location) -> Location:
    """Where the cursor belongs once the notes ``old`` became ``new`` in another editor.

    At the end of the notes, where live notes are typed, it stays at the end (after
    anything the editor added there). On a line the editor left alone it stays on that
    line at the same column, wherever the line moved. On a line the editor changed or
    removed it goes to the end of what replaced that part, so the next words follow it.
    """
    old_lines = old.split("\n")
    new_lines = new.split("\n")
    row, column = cursor
    if (row, column) == (len(old_lines) - 1, len(old_lines[-1])):
        return len(new_lines) - 1, len(new_lines[-1])
    opcodes = SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes()
    tag, old_start, _, new_start, new_end = next(
        opcode for opcode in opcodes if opcode[1] <= row < opcode[2]
    )
    if tag == "equal":
        return new_start + row - old_start, column
    if new_end > new_start:
        return new_end - 1, len(new_lines[new_end - 1])
    if new_start < len(new_lines):
        return new_start, 0
    return new_start - 1, len(new_lines[new_start - 1])


def _common_prefix_length(first: str, second: str) -> int:
    length = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        length += 1
    return length
