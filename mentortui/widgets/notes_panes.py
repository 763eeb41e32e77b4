"""The live meeting's two notes panes, one shown at a time: the shared notes, which go
into the pair file and every summary, and my private notes, which never leave this
machine. Each pane is a :class:`NotesArea` of its own, so each keeps its text, cursor,
undo history and save timers while the other is shown; a border title says which one is
showing, so a screen shared on a call never leaves it in doubt."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content

from mentortui.widgets.notes import NotesArea, NotesHeld

SHARED_TITLE = "Shared notes"
PRIVATE_TITLE = "Private notes — only on this machine"


class NotesPanes(Vertical):
    DEFAULT_CSS = """
    NotesPanes NotesArea { height: 1fr; }
    NotesPanes #private-notes, NotesPanes #private-notes:focus {
        border: tall $warning;
        border-title-color: $warning;
        border-title-style: bold;
    }
    """

    def __init__(self, shared: str, private: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shared = NotesArea(shared, id="notes", soft_wrap=True, tab_behavior="indent")
        self._private = NotesArea(private, id="private-notes", soft_wrap=True, tab_behavior="indent")

    def compose(self) -> ComposeResult:
        self._shared.border_title = SHARED_TITLE
        self._shared.border_subtitle = "F2 private · F3 whole · ^g general"
        self._private.border_title = PRIVATE_TITLE
        self._private.border_subtitle = "F2 shared notes"
        self._private.display = False
        yield self._shared
        yield self._private

    @property
    def shared(self) -> NotesArea:
        return self._shared

    @property
    def private(self) -> NotesArea:
        return self._private

    @property
    def showing_private(self) -> bool:
        return bool(self._private.display)

    @property
    def active(self) -> NotesArea:
        """The pane on show: where captures take their line from and the focus returns."""
        return self._private if self.showing_private else self._shared

    def hold_shared(self, text: str, held: NotesHeld, name: str) -> None:
        """Show ``held``'s notes in the shared pane, its border title naming whose they are
        (``name``, an item's title as typed: never read as markup)."""
        self._shared.hold(text, held)
        self._shared.border_title = Content(f"{SHARED_TITLE} · {name}")

    def show(self, private: bool) -> NotesArea:
        """Show the private pane or the shared one and return it (the caller focuses it)."""
        self._private.display = private
        self._shared.display = not private
        return self.active
