"""The notes editor: a TextArea that keeps one paste, and one meeting's notes, to a size
that stays fast to type in, and drops control characters from what is pasted."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import TextArea
from textual.widgets.text_area import EditResult, Location

from ..models import clean_text

MAX_PASTE_CHARS = 100_000
MAX_NOTES_CHARS = 200_000


class NotesArea(TextArea):
    class Trimmed(Message):
        """Posted when a paste was cut short; ``kept`` and ``offered`` are character counts."""

        def __init__(self, kept: int, offered: int) -> None:
            super().__init__()
            self.kept = kept
            self.offered = offered

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
