"""The notes editor: a TextArea that keeps one paste, and one meeting's notes, to a size
that stays fast to type in, drops control characters from what is pasted, never lets
undo or redo end the app, and keeps the cursor with the text it was in when the notes
come back from another editor."""

from __future__ import annotations

from collections.abc import Callable
from difflib import SequenceMatcher

from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea
from textual.widgets.text_area import EditResult, Location

from mentortui.core.models import clean_text

MAX_PASTE_CHARS = 100_000
MAX_NOTES_CHARS = 200_000


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

    def _replace_via_keyboard(self, insert: str, start: Location, end: Location) -> EditResult | None:
        if len(insert) > 1:
            offered = len(insert)
            insert = clean_text(insert)
            room = max(0, MAX_NOTES_CHARS - len(self.text))
            limit = min(MAX_PASTE_CHARS, room)
            if len(insert) > limit:
                insert = insert[:limit]
                self.post_message(self.Trimmed(len(insert), offered))
        return super()._replace_via_keyboard(insert, start, end)

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
    for a, b in zip(first, second):
        if a != b:
            break
        length += 1
    return length
