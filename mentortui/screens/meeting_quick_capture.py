"""Quick capture in the live meeting: a finished line of the shared notes that starts with
``todo:``/``ai:``, ``decided:`` or ``park:`` becomes a capture, as ctrl+t, ctrl+r and ctrl+l
make them, and ctrl+z right after takes it back. Private notes are never captured."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mentortui.core import live_meeting, quick_capture
from mentortui.core.dates import due_label
from mentortui.storage.preferences import quick_capture_on
from mentortui.widgets.notes import NotesArea, NotesHeld
from mentortui.widgets.notes_panes import NotesPanes

if TYPE_CHECKING:
    from mentortui.screens.meeting import MeetingScreen


@dataclass(frozen=True)
class CaptureUndo:
    """How to take back the last quick capture: forget the item and unmark its line,
    as long as the shared notes still hold ``held`` and read ``notes_after`` (nothing typed since)."""

    forget: Callable[[], None]
    held: NotesHeld
    row: int
    line: str
    notes_after: str


class QuickCapture:
    """The meeting screen's quick captures and the one that can still be taken back."""

    def __init__(self, screen: MeetingScreen) -> None:
        self.screen = screen
        self.enabled = quick_capture_on() and screen.app.config.quick_capture
        self.prefixes = screen.app.config.capture_prefixes
        self._undo: CaptureUndo | None = None

    def line_finished(self, event: NotesArea.LineFinished) -> None:
        """Capture and mark a finished line that starts with a capture prefix."""
        screen, notes = self.screen, event.notes
        if (not self.enabled or event.row >= notes.document.line_count
                or notes.document.get_line(event.row) != event.line):
            return
        capture = quick_capture.read_line(event.line, screen.pair, screen.app.today(), self.prefixes,
                                          day_first=screen.app.day_first)
        if capture is None:
            return
        forget, said = self._record(capture)
        notes.replace(capture.marked, (event.row, 0), (event.row, len(event.line)))
        self._undo = CaptureUndo(forget, notes.held, event.row, capture.marked, notes.text)
        self._edited(notes, f"{said} (ctrl+z takes it back)", title="Captured")

    def _record(self, capture: quick_capture.Capture) -> tuple[Callable[[], None], str]:
        """Record the capture as ctrl+t, ctrl+r and ctrl+l do; how to forget it, and what to say."""
        pair, meeting, today = self.screen.pair, self.screen.meeting, self.screen.app.today()
        if capture.kind == "action":
            item = live_meeting.capture_action(pair, meeting, capture.text, capture.owner, capture.due, None)
            when = due_label(capture.due, today) if capture.due else "no delivery date yet"

            def forget_action() -> None:
                pair.action_items[:] = [action for action in pair.action_items if action is not item]

            return forget_action, f"Action item for the {capture.owner}, {when}: {capture.text}"
        lines: live_meeting.LineField = "decisions" if capture.kind == "decision" else "parked"
        index = live_meeting.add_line(meeting, lines, capture.text)

        def forget_line() -> None:
            live_meeting.remove_line(meeting, lines, index, capture.text)

        said = "Decision" if capture.kind == "decision" else "Parked for the next meeting"
        return forget_line, f"{said}: {capture.text}"

    def undoable(self) -> CaptureUndo | None:
        """The last quick capture, while nothing was typed in the shared notes since."""
        undo = self._undo
        notes = self.screen.query_one(NotesPanes).shared
        if (undo is None or self.screen.focused is not notes or notes.held != undo.held
                or notes.text != undo.notes_after):
            return None
        return undo

    def undo(self) -> None:
        """Forget the last quick capture and put its line back as typed."""
        undo = self.undoable()
        if undo is None:
            return
        self._undo = None
        undo.forget()
        screen = self.screen
        notes = screen.query_one(NotesPanes).shared
        notes.replace(quick_capture.unmarked(undo.line, self.prefixes), (undo.row, 0), (undo.row, len(undo.line)))
        self._edited(notes, "Capture taken back")

    def _edited(self, notes: NotesArea, message: str, title: str = "") -> None:
        """After the capture changed a line: store the notes, save, show it and say so."""
        screen = self.screen
        notes.settle()
        screen.notes.store_shared(notes)
        screen.changed()
        screen.refresh_bindings()
        screen.notify(message, title=title, markup=False)
