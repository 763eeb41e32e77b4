"""Which notes the live meeting's panes hold and how their text gets back to the meeting:
the shared pane shows the current item's notes, the general notes or the whole meeting as
one document (each section going back to its item); $EDITOR edits the same document."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from mentortui.core import meeting_notes
from mentortui.widgets.editor import EditorFailed, edit_externally
from mentortui.widgets.notes import GENERAL_NOTES, NotesArea, NotesHeld
from mentortui.widgets.notes_panes import NotesPanes

if TYPE_CHECKING:
    from mentortui.screens.meeting import MeetingScreen


class MeetingNotes:
    """The meeting screen's notes panes: what the shared one holds, and saving both."""

    def __init__(self, screen: MeetingScreen) -> None:
        self.screen = screen
        self.meeting = screen.meeting
        self.session = screen.session

    @property
    def panes(self) -> NotesPanes:
        return self.screen.query_one(NotesPanes)

    def current_held(self) -> NotesHeld:
        """The current agenda item's notes (the general notes while no item is current)."""
        return NotesHeld(self.meeting.current_item) if self.meeting.current_item else GENERAL_NOTES

    def hold(self, held: NotesHeld) -> None:
        """Save what the shared pane holds, then show ``held``'s notes in it."""
        self.flush()
        shared = self.panes.shared
        if held == shared.held and not held.whole:
            return  # still the same notes: the cursor and the undo history stay
        if shared.held.whole:
            self.tell_unmatched(meeting_notes.split_document(self.meeting, shared.text).unmatched)
        if held.whole:
            name = "whole meeting"
        elif held.item_id is None:
            name = "general notes"
        else:
            name = next((item.title for item in self.meeting.agenda if item.id == held.item_id), "")
        self.panes.hold_shared(self.stored(held), held, name)

    def toggle(self, other: NotesHeld) -> None:
        """Show ``other`` in the shared pane, or back to the current item's if it is on show."""
        self.hold(self.current_held() if self.panes.shared.held == other else other)
        self.screen.action_notes_pane("shared")

    def tell_unmatched(self, titles: Iterable[str]) -> None:
        """Say which items' headings the whole document lost (their text was kept elsewhere)."""
        named = ", ".join(f'"{title}"' for title in titles)
        if named:
            self.screen.notify(f"The heading of {named} was changed or removed: the text under a changed "
                               "heading is now in the general notes, the text under a removed one in the "
                               "section above.", severity="warning", timeout=10, markup=False)

    def stored(self, held: NotesHeld) -> str:
        """The saved text of ``held``'s notes."""
        if held.whole:
            return meeting_notes.whole_document(self.meeting)
        return meeting_notes.notes_of(self.meeting, held.item_id)

    def store_shared(self, notes: NotesArea) -> None:
        """Hand the shared pane's text to the notes it holds now. A message about the pane
        may arrive after it moved to another item: whose text it is is read here, with it."""
        held = notes.held
        if not held.whole:
            self.session.set_notes(self.meeting, notes.text, held.item_id)
            return
        self.store_document(notes.text)

    def store_document(self, document: str) -> list[str]:
        """Put each section of the whole-meeting document back in its notes; returns the
        titles of items whose heading was changed or removed."""
        split = meeting_notes.split_document(self.meeting, document)
        for item_id, text in meeting_notes.changes(self.meeting, split):
            self.session.set_notes(self.meeting, text, item_id)
        return split.unmatched

    def store(self, notes: NotesArea) -> None:
        """Hand either pane's text to the session (not yet saved to disk)."""
        if notes.id == "private-notes":
            self.session.set_private_notes(self.meeting, notes.text)
        else:
            self.store_shared(notes)

    def save(self, notes: NotesArea) -> None:
        self.store(notes)
        self.screen.save()

    def flush(self) -> None:
        # The text is compared too: keys handled just now may not have posted Changed yet.
        panes = self.panes
        if panes.shared.settle() or panes.shared.text != self.stored(panes.shared.held):
            self.save(panes.shared)
        if panes.private.settle() or panes.private.text != self.session.private_notes(self.meeting.id):
            self.save(panes.private)

    def open_editor(self, notes: NotesArea) -> None:
        """Hand ``notes`` to $VISUAL or $EDITOR: the shared notes as the whole meeting's
        Markdown document, each section going back to its item when the editor closes, or
        the private notes as they are. What comes back is one edit of the pane (ctrl+z takes
        it back) and the cursor stays with the text it was in."""
        self.flush()
        shared = notes is self.panes.shared
        try:
            text = edit_externally(self.screen.app,
                                   meeting_notes.whole_document(self.meeting) if shared else notes.text)
        except EditorFailed as error:
            self.screen.notify(str(error), severity="warning", timeout=12, markup=False)
            return
        if shared:
            self.tell_unmatched(self.store_document(text))
            text = self.stored(notes.held)
        notes.replace_keeping_cursor(text)
        self.screen.set_focus(notes)
        notes.settle()
        self.save(notes)
        self.screen.notify("Notes back from the editor and saved", markup=False)
