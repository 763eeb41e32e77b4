"""The live meeting: agenda with the clock, notes saved while you type, one-key captures."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static

from mentortui.core import live_meeting
from mentortui.core.agreement import is_agreement_item
from mentortui.core.assignments import feedback_note
from mentortui.core.models import MEETING_KIND_NAMES, ActionStatus, Meeting, WorksheetKind
from mentortui.core.planning import CARRIED_SOURCES
from mentortui.core.starter_bank import item_questions
from mentortui.dialogs.worksheet import edit_worksheet
from mentortui.screens.base import PairScreen
from mentortui.screens.meeting_agreement import edit_agreement, on_agreement_item
from mentortui.screens.meeting_captures import capture_action, capture_line
from mentortui.screens.meeting_carried import push_carried_date, review_carried
from mentortui.screens.meeting_ending import cancel_meeting, end_meeting
from mentortui.screens.meeting_item_starters import offer_item_starters
from mentortui.screens.meeting_quick_capture import QuickCapture
from mentortui.screens.meeting_shared_notes import MeetingNotes
from mentortui.storage.session import PairSession
from mentortui.widgets.captured import CapturedItems, CapturedToggle
from mentortui.widgets.keys_footer import KeysFooter
from mentortui.widgets.meeting_agenda import MeetingAgenda, MeetingClock
from mentortui.widgets.notes import GENERAL_NOTES, WHOLE_MEETING, NotesArea
from mentortui.widgets.notes_panes import NotesPanes
from mentortui.widgets.title_header import TitleHeader
from mentortui.widgets.update_panel import UpdatePanel


class MeetingScreen(PairScreen):
    HELP = """
    **Quick capture** in the shared notes: a line you finish with enter that starts with
    `todo:` or `ai:` becomes an action item (owner and "by fri" read from the line),
    `decided:` a decision, `park:` a topic for the next meeting. The line is marked
    `todo✓:` and `ctrl+z` right after takes the capture back.
    `MENTORTUI_QUICK_CAPTURE=off` in the environment switches this off.
    """
    # The notes have the focus from the first frame: a typist's first letters must never
    # land on the agenda list, where d, x and p act on carried items.
    AUTO_FOCUS = "#notes"
    # From 116 columns the captured panel fits beside notes of at least 40 columns and shows
    # by default; narrower, F4 shows it in the agenda's place; under 80 the agenda narrows.
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (80, "-narrow"), (116, "-wide")]
    # The footer shows only what fits in 80 columns; the other keys are named where they
    # apply (the notes' border, the hint line, the status line) and in the palette and help.
    BINDINGS = [
        Binding("ctrl+n", "next_item", "Next", id="next_item", priority=True, show=False),
        Binding("ctrl+b", "previous_item", "Prev", id="previous_item", priority=True, show=False),
        Binding("ctrl+t", "capture_action", "Action", id="capture_action", priority=True,
                tooltip="Capture an action item from the current line"),
        Binding("ctrl+r", "capture_decision", "Decision", id="capture_decision", priority=True),
        Binding("ctrl+l", "park_topic", "Park", id="park_topic", priority=True, show=False,
                tooltip="Park a topic for the next meeting"),
        # The capture's message names it.
        Binding("ctrl+z", "undo_capture", "Undo capture", id="undo_capture", priority=True, show=False,
                tooltip="Take back the capture a todo:, decided: or park: line just made"),
        Binding("f2", "notes_pane('private')", "Private", id="show_private", priority=True, show=False,
                tooltip="My private notes of this meeting, only on this machine"),
        Binding("f2", "notes_pane('shared')", "Shared", id="show_shared", priority=True, show=False,
                tooltip="The meeting's shared notes"),
        Binding("f3", "whole_notes", "Whole meeting", id="whole_notes", priority=True, show=False,
                tooltip="The whole meeting's notes as one document, each item's under its title"),
        Binding("f4", "toggle_captured", "Captured", id="toggle_captured", priority=True, show=False,
                tooltip="Show or hide the action items, decisions and parked topics captured so far"),
        Binding("ctrl+g", "general_notes", "General notes", id="general_notes", priority=True, show=False,
                tooltip="The notes not tied to an agenda item"),
        Binding("ctrl+o", "open_editor", "Edit in $EDITOR", id="open_editor", priority=True, show=False),
        Binding("f9", "export", "Export", id="export", priority=True, show=False),
        Binding("f10", "end_meeting", "End meeting", id="end_meeting", priority=True),
        Binding("f8", "cancel_meeting", "Cancel meeting", id="cancel_meeting", priority=True, show=False),
        # The hint line names it on items that offer questions.
        Binding("ctrl+k", "item_starters", "Questions", id="item_starters", priority=True, show=False),
        # Only on the first meeting's agreement items (see check_action): elsewhere ctrl+e
        # stays the notes' end of line. The hint line names it.
        Binding("ctrl+e", "edit_agreement", "Agreement", id="edit_agreement", priority=True, show=False),
        # A priority key: the notes would take escape as "focus the next widget", which with
        # the captured panel in the agenda's place is the notes themselves.
        Binding("escape", "leave_notes", "Back", id="back", show=False, priority=True,
                tooltip="From the notes to the agenda, then back"),
        # Quitting stays on q (and in the palette); the footer's room goes to the agenda's keys.
        Binding("q", "app.quit", "Quit", id="meeting_quit", show=False),
        Binding("d", "review('done')", "Done", id="review_done"),
        Binding("x", "review('dropped')", "Drop", id="review_drop"),
        Binding("p", "push_date", "Push", id="review_push", show=False, tooltip="Push the delivery date"),
    ]
    # Keys that act on a carried action item only while the agenda list has the focus.
    REVIEW_ACTIONS = ("review", "push_date")

    def __init__(self, session: PairSession, meeting: Meeting) -> None:
        super().__init__(session)
        self.meeting = meeting
        self.quick_capture = QuickCapture(self)
        self.notes = MeetingNotes(self)
        # The captured panel as the user last asked for it; None: as the width suits.
        self.captured_choice: bool | None = None

    def compose(self) -> ComposeResult:
        yield TitleHeader()
        with Horizontal(id="status-bar"):
            yield MeetingClock(id="clock")
            yield CapturedToggle("F4", id="captured-toggle")
            yield Static(id="saved")
        with Horizontal(id="body"):
            yield MeetingAgenda(self.pair, self.meeting, id="items")
            with Vertical(id="notes-pane"):
                yield Static(id="hint")
                yield UpdatePanel(self.pair, self.meeting, id="mentee-update")
                # The shared pane starts on the general notes; on_mount moves it to the current item.
                yield NotesPanes(self.meeting.notes, self.session.private_notes(self.meeting.id), id="panes")
            yield CapturedItems(id="captured")
        yield KeysFooter()

    def on_mount(self) -> None:
        live_meeting.start(self.pair, self.meeting, self.app.now(), self.app.content)
        self.save()
        self.sub_title = f"{MEETING_KIND_NAMES[self.meeting.kind]} · {self.pair.title}"
        self._show_items()
        self._show_captured()
        self._tick()
        self.set_interval(1.0, self._tick)
        self.watch(self.app, "saved_at", self._show_saved)
        panes = self.query_one(NotesPanes)
        self.notes.hold(self.notes.current_held())
        panes.private.move_cursor(panes.private.document.end)
        self.set_focus(panes.shared)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.REVIEW_ACTIONS:
            return isinstance(self.focused, DataTable)
        if action == "undo_capture":
            return self.quick_capture.undoable() is not None
        if action == "notes_pane":
            return (parameters == ("private",)) != self.query_one(NotesPanes).showing_private
        if action == "edit_agreement":
            return on_agreement_item(self)
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    # Showing -----------------------------------------------------------------------

    def _show_items(self) -> None:
        self.query_one(MeetingAgenda).show(self.app.now())
        self._show_hint()

    def _tick(self) -> None:
        now = self.app.now()
        self.query_one(MeetingClock).show(self.meeting, now)
        self.query_one(MeetingAgenda).show_time(now)

    def _show_saved(self, when: datetime | None) -> None:
        # Its width is fixed (see meeting.tcss), so the screen is not laid out again per save.
        self.query_one("#saved", Static).update(f"saved {when:%H:%M:%S}" if when else "", layout=False)

    def _show_hint(self) -> None:
        index = live_meeting.current_index(self.meeting)
        hint = Text()
        if index is not None:
            item = self.meeting.agenda[index]
            hint.append(f"{item.title}", style="bold")
            if item.hint:
                hint.append(f": {item.hint}")
            if note := feedback_note(self.pair, self.meeting, item, self.app.today()):
                hint.append(f"  ({note})", style="italic")
            if item.source in CARRIED_SOURCES:
                hint.append("  (escape, then d done, x drop, p push the date)", style="dim")
            if item_questions(self.app.content, self.pair, self.meeting.kind, item):
                hint.append("  (ctrl+k: questions for this item)", style="dim")
            if is_agreement_item(item, self.app.content):
                hint.append("  (ctrl+e: write down what you agree on)", style="dim")
        self.query_one("#hint", Static).update(hint)
        self.refresh_bindings()

    def _show_captured(self) -> None:
        panel = self.query_one(CapturedItems)
        panel.show(live_meeting.meeting_actions(self.pair, self.meeting),
                   self.meeting.decisions, self.meeting.parked, self.app.today())
        self.query_one(CapturedToggle).count = len(panel.actions) + len(panel.decisions) + len(panel.parked)

    # The captured panel ---------------------------------------------------------------

    @property
    def captured_shown(self) -> bool:
        """Whether the captured panel shows: as last toggled, else only on a wide terminal."""
        return self.has_class("-wide") if self.captured_choice is None else self.captured_choice

    def action_toggle_captured(self) -> None:
        """Show the captured panel or hide it; below 116 columns it takes the agenda's place."""
        self.captured_choice = not self.captured_shown
        self._lay_out_captured()
        if not self.captured_shown or self.has_class("-wide"):
            return
        # Shown in the agenda's place: the focus cannot stay on a list that has gone.
        if self.focused is self.query_one(MeetingAgenda):
            self.back_to_notes()

    @on(CapturedToggle.Pressed)
    def _toggle_clicked(self) -> None:
        self.action_toggle_captured()

    def on_resize(self) -> None:
        # The width's classes change after this handler: the label follows them then.
        self.call_after_refresh(self._show_toggle)

    def _lay_out_captured(self) -> None:
        # Without a choice, meeting.tcss shows the panel by the width alone.
        self.set_class(self.captured_choice is True, "-captured-on")
        self.set_class(self.captured_choice is False, "-captured-off")
        self._show_toggle()

    def _show_toggle(self) -> None:
        self.query_one(CapturedToggle).panel_shown = self.captured_shown

    # Notes -----------------------------------------------------------------------------

    @property
    def notes_on_show(self) -> NotesArea:
        """The notes pane on show, shared or private."""
        return self.query_one(NotesPanes).active

    def action_notes_pane(self, pane: str) -> None:
        """Show the private notes or the shared ones; each keeps its own cursor."""
        self.set_focus(self.query_one(NotesPanes).show(pane == "private"))
        self.refresh_bindings()

    def action_general_notes(self) -> None:
        """The general notes in the shared pane, or back to the current item's."""
        self.notes.toggle(GENERAL_NOTES)

    def action_whole_notes(self) -> None:
        """The whole meeting's notes as one document in the shared pane, or back to the
        current item's."""
        self.notes.toggle(WHOLE_MEETING)

    @on(NotesArea.JournalDue, "#notes")
    def _journal_notes(self, event: NotesArea.JournalDue) -> None:
        self.notes.store_shared(event.notes)

    @on(NotesArea.JournalDue, "#private-notes")
    def _journal_private_notes(self, event: NotesArea.JournalDue) -> None:
        self.session.set_private_notes(self.meeting, event.notes.text)

    @on(NotesArea.Settled)
    def _notes_settled(self, event: NotesArea.Settled) -> None:
        self.notes.save(event.notes)

    @on(NotesArea.Trimmed)
    def _trimmed(self, event: NotesArea.Trimmed) -> None:
        self.notify(f"{event.source} the first {event.kept:,} of {event.offered:,} characters: "
                    "one meeting's notes are kept to a size that stays fast to type in.",
                    severity="warning", timeout=8, markup=False)

    def flush_pending(self) -> None:
        """Save notes typed since the last save now (on leaving, ending, or a signal)."""
        self.notes.flush()

    def action_open_editor(self) -> None:
        """The notes on show in $VISUAL or $EDITOR (see MeetingNotes.open_editor)."""
        self.notes.open_editor(self.notes_on_show)

    # Moving through the agenda ---------------------------------------------------------

    def _go_to(self, index: int) -> None:
        # The notes typed so far belong to the item they were typed under: saved before it changes.
        self.notes.flush()
        live_meeting.go_to(self.pair, self.meeting, index, self.app.now())
        self.save()
        self.notes.hold(self.notes.current_held())
        self.back_to_notes()
        self._show_items()
        self._tick()

    def back_to_notes(self) -> None:
        """Give the notes the focus now, not after the keys already on their way (as
        focus() would), so letters typed next are notes and never reach d, x or p."""
        self.set_focus(self.notes_on_show)

    def action_next_item(self) -> None:
        index = live_meeting.current_index(self.meeting)
        self._go_to(0 if index is None else index + 1)

    def action_previous_item(self) -> None:
        index = live_meeting.current_index(self.meeting)
        self._go_to(0 if index is None else index - 1)

    @on(DataTable.RowSelected, "#items")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self._go_to(event.cursor_row)

    def action_leave_notes(self) -> None:
        """Escape moves from the notes to the agenda, and from the agenda back to the pair;
        the meeting keeps running and the pair home offers to come back to it."""
        if isinstance(self.focused, NotesArea):
            self.notes.flush()
            if self.captured_shown and not self.has_class("-wide"):
                self.action_toggle_captured()  # the agenda comes back in the panel's place
            self.query_one("#items", DataTable).focus()
        else:
            self.leave_meeting()

    def leave_meeting(self) -> None:
        """Back to the pair home, the notes saved; the meeting keeps running."""
        self.notes.flush()
        self.dismiss()

    # Captures --------------------------------------------------------------------------

    def _after_typing(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the notes have handled every key already sent to them, so
        a capture pressed right after typing sees the line as typed."""
        self.notes_on_show.call_later(callback)

    def action_capture_action(self) -> None:
        self._after_typing(lambda: capture_action(self))

    def action_capture_decision(self) -> None:
        self._after_typing(lambda: capture_line(self, "Decision", "decisions"))

    def action_park_topic(self) -> None:
        self._after_typing(lambda: capture_line(self, "Park a topic for the next meeting", "parked"))

    @on(NotesArea.LineFinished, "#notes")
    def _line_finished(self, event: NotesArea.LineFinished) -> None:
        self.quick_capture.line_finished(event)

    def action_undo_capture(self) -> None:
        self.quick_capture.undo()

    def changed(self) -> None:
        self.save()
        self._show_items()
        self._show_captured()

    # Reviewing carried action items (screens/meeting_carried.py) -------------------------

    def action_review(self, status: ActionStatus) -> None:
        review_carried(self, status)

    def action_push_date(self) -> None:
        push_carried_date(self)

    def action_export(self) -> None:
        self.notes.flush()
        self.preview_meeting_summary(self.meeting)

    def action_edit_agreement(self) -> None:
        edit_agreement(self)

    # Ending (the flows are in screens/meeting_ending.py) ---------------------------------

    def action_end_meeting(self) -> None:
        end_meeting(self)

    def action_cancel_meeting(self) -> None:
        cancel_meeting(self)

    def action_item_starters(self) -> None:
        offer_item_starters(self)

    def action_worksheet(self, kind: WorksheetKind) -> None:
        """The pair's GROW or personal SWOT worksheet, filled in during this meeting."""
        edit_worksheet(self, self.pair, kind, None, self.app.today(), self.save, meeting_id=self.meeting.id)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Next agenda item", "Move the meeting on", self.action_next_item)
        yield SystemCommand("Previous agenda item", "Go back one item", self.action_previous_item)
        yield SystemCommand("Capture action item", "From the current line of the notes",
                            self.action_capture_action)
        yield SystemCommand("Record a decision", "From the current line of the notes",
                            self.action_capture_decision)
        yield SystemCommand("Park a topic", "For the next meeting's agenda", self.action_park_topic)
        yield SystemCommand("Show or hide captured items", "The action items, decisions and parked topics so far (F4)",
                            self.action_toggle_captured)
        notes_pane = "shared" if self.query_one(NotesPanes).showing_private else "private"
        yield SystemCommand(f"{notes_pane.capitalize()} notes", "Switch between the shared and my private notes (F2)",
                            lambda: self.action_notes_pane(notes_pane))
        yield SystemCommand("Leave the meeting", "Back to the pair home; the meeting keeps running (escape)",
                            self.leave_meeting)
        yield SystemCommand("Whole meeting's notes", "Every item's notes under its title, as one document (F3)",
                            self.action_whole_notes)
        yield SystemCommand("General notes", "The notes not tied to an agenda item (ctrl+g)",
                            self.action_general_notes)
        yield SystemCommand("Edit notes in $EDITOR", "Open the notes in your editor", self.action_open_editor)
        yield SystemCommand("Questions for this item", "The agenda item's conversation starters not yet asked (ctrl+k)",
                            self.action_item_starters)
        if on_agreement_item(self):
            yield SystemCommand("Write down our agreement", "The pair form on what you agree on (ctrl+e)",
                                self.action_edit_agreement)
        yield SystemCommand("GROW worksheet", "Goal, reality, options, will: for the pair, in this meeting",
                            lambda: self.action_worksheet("grow"))
        yield SystemCommand("Personal SWOT", "Strengths, weaknesses, opportunities, threats: for the pair",
                            lambda: self.action_worksheet("swot"))
        yield SystemCommand("End meeting", "Checklist, next meeting, assignment", self.action_end_meeting)
        yield SystemCommand("Cancel meeting", "Started by mistake: back to planned, nothing recorded",
                            self.action_cancel_meeting)
        yield SystemCommand("Export meeting", "This meeting's summary as Markdown", self.action_export)
