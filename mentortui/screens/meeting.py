"""The live meeting: agenda with the clock, notes saved while you type, one-key captures."""

from __future__ import annotations

import textwrap
import time
from collections.abc import Callable, Iterable
from datetime import date, datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Static, TextArea

from mentortui.core import live_meeting
from mentortui.core.action_items import mark
from mentortui.core.dates import due_label
from mentortui.core.models import MEETING_KIND_NAMES, ActionItem, AgendaItem, Meeting
from mentortui.core.planning import CARRIED_SOURCES
from mentortui.dialogs.capture import ActionDraft, ActionItemScreen, DateScreen
from mentortui.dialogs.confirm import ConfirmScreen
from mentortui.dialogs.end_meeting import EndChoice, EndMeetingScreen
from mentortui.dialogs.prompt import PromptAnswer, PromptScreen
from mentortui.screens.base import PairScreen
from mentortui.storage.session import PairSession
from mentortui.widgets.editor import EditorFailed, edit_externally
from mentortui.widgets.notes import NotesArea

ITEM_WIDTH = 24
NOTES_DEBOUNCE_SECONDS = 0.5
# While typing never pauses, still save the pair file at least this often.
NOTES_MAX_UNSAVED_SECONDS = 3.0
# The notes go to the journal this soon after a change: the most a kill -9 can lose.
NOTES_JOURNAL_SECONDS = 0.25


class MeetingScreen(PairScreen):
    CSS_PATH = "meeting.tcss"
    BINDINGS = [
        Binding("ctrl+n", "next_item", "Next", id="next_item", priority=True),
        Binding("ctrl+b", "previous_item", "Prev", id="previous_item", priority=True),
        Binding("ctrl+t", "capture_action", "Action item", id="capture_action", priority=True),
        Binding("ctrl+r", "capture_decision", "Decision", id="capture_decision", priority=True),
        Binding("ctrl+l", "park_topic", "Park topic", id="park_topic", priority=True),
        Binding("ctrl+o", "open_editor", "Edit in $EDITOR", id="open_editor", priority=True, show=False),
        Binding("f9", "export", "Export", id="export", priority=True, show=False),
        Binding("f10", "end_meeting", "End meeting", id="end_meeting", priority=True),
        Binding("f8", "cancel_meeting", "Cancel meeting", id="cancel_meeting", priority=True, show=False),
        Binding("escape", "leave_notes", "Agenda / back", id="back"),
        Binding("d", "review('done')", "Done", id="review_done"),
        Binding("x", "review('dropped')", "Drop", id="review_drop"),
        Binding("p", "push_date", "Push date", id="review_push"),
    ]
    # Keys that act on a carried action item only while the agenda list has the focus.
    REVIEW_ACTIONS = ("review", "push_date")

    def __init__(self, session: PairSession, meeting: Meeting) -> None:
        super().__init__(session)
        self.meeting = meeting
        self._save_timer: Timer | None = None
        self._journal_timer: Timer | None = None
        self._unsaved_since: float | None = None  # time.monotonic() of the first unsaved change

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="status-bar"):
            yield Static(id="clock")
            yield Static(id="saved")
        with Horizontal(id="body"):
            yield DataTable(id="items", cursor_type="row")
            with Vertical(id="notes-pane"):
                yield Static(id="hint")
                yield NotesArea(self.meeting.notes, id="notes", soft_wrap=True, tab_behavior="indent")
            yield Static(id="captured")
        yield Footer()

    def on_mount(self) -> None:
        live_meeting.start(self.pair, self.meeting, self.app.now(), self.app.content)
        self.app.save_pair()
        self.sub_title = f"{MEETING_KIND_NAMES[self.meeting.kind]} · {self.pair.title}"
        table = self.query_one("#items", DataTable)
        table.add_column("Item", key="item", width=ITEM_WIDTH)
        table.add_column("Time", key="time", width=11)
        self._show_items()
        self._show_captured()
        self._tick()
        self.set_interval(1.0, self._tick)
        self.watch(self.app, "saved_at", self._show_saved)
        notes = self.query_one("#notes", NotesArea)
        notes.focus()
        notes.move_cursor(notes.document.end)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.REVIEW_ACTIONS:
            return isinstance(self.focused, DataTable)
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    # Showing -----------------------------------------------------------------------

    def _show_items(self) -> None:
        table = self.query_one("#items", DataTable)
        # While the list has the focus its highlight is the user's (d, x and p act on it),
        # so it stays on the item it was on; otherwise it follows the current item.
        kept = self._highlighted_item_id() if self.focused is table else None
        table.clear()
        now = self.app.now()
        for item in self.meeting.agenda:
            title = self._item_title(item)
            # A fixed height per row lets the clock update one cell without re-measuring the table.
            height = max(1, len(textwrap.wrap(title.plain, ITEM_WIDTH)))
            table.add_row(title, self._item_time(item, now), key=item.id, height=height)
        current = live_meeting.current_index(self.meeting)
        if kept is not None and kept in table.rows:
            table.move_cursor(row=table.get_row_index(kept))
        elif current is not None:
            table.move_cursor(row=current)
        self._show_hint()

    def _highlighted_item_id(self) -> str | None:
        table = self.query_one("#items", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _item_title(self, item: AgendaItem) -> Text:
        current = item.id == self.meeting.current_item
        title = Text("> " if current else "  ", style="bold" if current else "")
        if item.source == "action_item":
            action = self.pair.action_item(item.ref)
            if action is not None:
                title.append(f"Review: {action.text}")
                if action.status != "open":
                    title.append(f" ({action.status})", style="bold")
                return title
        title.append(item.title, style="bold" if current else "")
        return title

    def _item_time(self, item: AgendaItem, now: datetime) -> Text:
        used = live_meeting.item_seconds(self.meeting, item, now)
        planned = item.minutes * 60
        if planned and used > planned:
            return Text(f"OVER {live_meeting.clock(used - planned)}", style="bold red")
        return Text(f"{live_meeting.clock(used)}/{item.minutes}:00")

    def _tick(self) -> None:
        now = self.app.now()
        elapsed = live_meeting.meeting_seconds(self.meeting, now)
        planned = self.meeting.planned_minutes * 60
        text = Text(f"{MEETING_KIND_NAMES[self.meeting.kind]}  {live_meeting.clock(elapsed)} of "
                    f"{self.meeting.planned_minutes}:00")
        if elapsed > planned:
            text.append(f"  OVER by {live_meeting.clock(elapsed - planned)}", style="bold red")
        index = live_meeting.current_index(self.meeting)
        if index is not None:
            text.append(f"  ·  item {index + 1} of {len(self.meeting.agenda)}")
            item = self.meeting.agenda[index]
            table = self.query_one("#items", DataTable)
            if item.id in table.rows:
                table.update_cell(item.id, "time", self._item_time(item, now))
        self.query_one("#clock", Static).update(text)

    def _show_saved(self, when: datetime | None) -> None:
        self.query_one("#saved", Static).update(f"saved {when:%H:%M:%S}" if when else "")

    def _show_hint(self) -> None:
        index = live_meeting.current_index(self.meeting)
        hint = Text()
        if index is not None:
            item = self.meeting.agenda[index]
            hint.append(f"{item.title}", style="bold")
            if item.hint:
                hint.append(f": {item.hint}")
            if item.source in CARRIED_SOURCES:
                hint.append("  (escape, then d done, x drop, p push the date)", style="dim")
        self.query_one("#hint", Static).update(hint)

    def _show_captured(self) -> None:
        today = self.app.today()
        text = Text()
        actions = live_meeting.meeting_actions(self.pair, self.meeting)
        text.append(f"Action items ({len(actions)})\n", style="bold")
        for action in actions:
            text.append(f"- {action.text}\n")
            when = due_label(action.due, today) if action.due else "NO DATE"
            text.append(f"  {action.owner}, {when}\n", style="dim" if action.due else "bold")
        text.append(f"\nDecisions ({len(self.meeting.decisions)})\n", style="bold")
        for decision in self.meeting.decisions:
            text.append(f"- {decision}\n")
        text.append(f"\nParked for next time ({len(self.meeting.parked)})\n", style="bold")
        for topic in self.meeting.parked:
            text.append(f"- {topic}\n")
        self.query_one("#captured", Static).update(text)

    # Notes -----------------------------------------------------------------------------

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self) -> None:
        """Journal the notes within 0.25 s; write the pair file half a second after the
        last key, and at least every three seconds while typing goes on."""
        now = time.monotonic()
        if self._unsaved_since is None:
            self._unsaved_since = now
        if self._save_timer is not None:
            self._save_timer.stop()
        if now - self._unsaved_since >= NOTES_MAX_UNSAVED_SECONDS:
            self._save_notes()
            return
        self._save_timer = self.set_timer(NOTES_DEBOUNCE_SECONDS, self._save_notes)
        if self._journal_timer is None:
            self._journal_timer = self.set_timer(NOTES_JOURNAL_SECONDS, self._journal_notes)

    def _journal_notes(self) -> None:
        self._journal_timer = None
        self.session.set_notes(self.meeting, self.query_one("#notes", NotesArea).text)

    def _save_notes(self) -> None:
        for timer in (self._save_timer, self._journal_timer):
            if timer is not None:
                timer.stop()
        self._save_timer = self._journal_timer = None
        self._unsaved_since = None
        self.session.set_notes(self.meeting, self.query_one("#notes", NotesArea).text)
        self.app.save_pair()

    @on(NotesArea.Trimmed)
    def _trimmed(self, event: NotesArea.Trimmed) -> None:
        self.notify(f"{event.source} the first {event.kept:,} of {event.offered:,} characters: "
                    "one meeting's notes are kept to a size that stays fast to type in.",
                    severity="warning", timeout=8, markup=False)

    def flush_pending(self) -> None:
        """Save notes typed since the last save now (on leaving, ending, or a signal)."""
        self._flush_notes()

    def _flush_notes(self) -> None:
        # The text is compared too: keys handled just now may not have posted Changed yet.
        pending = self._save_timer is not None or self._journal_timer is not None
        if pending or self.query_one("#notes", NotesArea).text != self.meeting.notes:
            self._save_notes()

    def action_open_editor(self) -> None:
        """Hand the notes to $VISUAL or $EDITOR; what comes back is one edit (ctrl+z takes
        it back) and the cursor stays with the text it was in."""
        self._flush_notes()
        notes = self.query_one("#notes", NotesArea)
        try:
            text = edit_externally(self.app, notes.text)
        except EditorFailed as error:
            self.notify(str(error), severity="warning", timeout=12, markup=False)
            return
        notes.replace_keeping_cursor(text)
        self.set_focus(notes)
        self._save_notes()
        self.notify("Notes back from the editor and saved", markup=False)

    # Moving through the agenda ---------------------------------------------------------

    def _go_to(self, index: int) -> None:
        live_meeting.go_to(self.pair, self.meeting, index, self.app.now())
        self.app.save_pair()
        self._back_to_notes()
        self._show_items()
        self._tick()

    def _back_to_notes(self) -> None:
        """Give the notes the focus now, not after the keys already on their way (as
        focus() would), so letters typed next are notes and never reach d, x or p."""
        self.set_focus(self.query_one("#notes", NotesArea))

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
            self._flush_notes()
            self.query_one("#items", DataTable).focus()
        else:
            self._flush_notes()
            self.dismiss()

    # Captures --------------------------------------------------------------------------

    def _current_line(self) -> str:
        notes = self.query_one("#notes", NotesArea)
        text = notes.selected_text or notes.document.get_line(notes.cursor_location[0])
        return " ".join(text.lstrip("-*+# ").split())

    def _after_typing(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the notes have handled every key already sent to them, so
        a capture pressed right after typing sees the line as typed."""
        self.query_one("#notes", NotesArea).call_later(callback)

    def action_capture_action(self) -> None:
        self._after_typing(self._capture_action)

    def _capture_action(self) -> None:
        text = self._current_line()
        owner = live_meeting.guess_owner(text, self.pair)
        goals = [goal for goal in self.pair.goals if goal.is_active]

        def captured(draft: ActionDraft | None) -> None:
            if draft is not None:
                live_meeting.capture_action(self.pair, self.meeting, draft.text, draft.owner, draft.due, draft.goal_id)
                self._changed()
            self._back_to_notes()

        self.app.push_screen(ActionItemScreen(text, owner, goals, self.app.today()), captured)

    def _capture_line(self, title: str, target: list[str]) -> None:
        def captured(answer: PromptAnswer | None) -> None:
            if answer is not None:
                target.append(answer.text)
                self._changed()
            self._back_to_notes()

        self.app.push_screen(PromptScreen(title, self._current_line()), captured)

    def action_capture_decision(self) -> None:
        self._after_typing(lambda: self._capture_line("Decision", self.meeting.decisions))

    def action_park_topic(self) -> None:
        self._after_typing(lambda: self._capture_line("Park a topic for the next meeting", self.meeting.parked))

    def _changed(self) -> None:
        self.app.save_pair()
        self._show_items()
        self._show_captured()

    # Reviewing carried action items ------------------------------------------------------

    def _highlighted_action(self) -> ActionItem | None:
        table = self.query_one("#items", DataTable)
        if self.focused is not table or not table.row_count:
            return None
        item = self.meeting.agenda[table.cursor_row]
        action = self.pair.action_item(item.ref) if item.source == "action_item" else None
        if action is None:
            self.notify("Highlight a carried action item (marked Review) to do that.", markup=False)
        return action

    def action_review(self, status: str) -> None:
        action = self._highlighted_action()
        if action is not None:
            mark(action, status, self.app.today())
            self.notify(f"Marked {status}: {action.text}", markup=False)
            self._changed()

    def action_push_date(self) -> None:
        action = self._highlighted_action()
        if action is None:
            return

        def pushed(day: date | None) -> None:
            if day is not None:
                action.due = day
                self._changed()

        self.app.push_screen(DateScreen(f"New delivery date for: {action.text}", self.app.today(),
                                        action.due), pushed)

    def action_export(self) -> None:
        self._flush_notes()
        self.preview_meeting_summary(self.meeting)

    # Ending ------------------------------------------------------------------------------

    def action_end_meeting(self) -> None:
        self._flush_notes()
        today = self.app.today()
        template = self.app.content.templates.get(self.meeting.kind)
        screen = EndMeetingScreen(
            suggested=live_meeting.suggest_next_start(self.pair, self.meeting, today),
            assignment=self.meeting.assignment or (template.assignment if template else ""),
            stage=self.pair.stage,
            missing=live_meeting.missing_dates(self.pair, self.meeting),
            notes=self.meeting.notes,
            today=today,
        )
        self.app.push_screen(screen, self._ended)

    def _ended(self, choice: EndChoice | None) -> None:
        if choice is None:
            self._back_to_notes()
            return
        for action in live_meeting.missing_dates(self.pair, self.meeting):
            action.due = choice.due_dates.get(action.id, action.due)
        upcoming = live_meeting.end(self.pair, self.meeting, self.app.now(), choice.next_start, choice.assignment,
                            choice.stage, self.app.content)
        self.app.save_pair()
        self.notify(f"Meeting ended. Next: {upcoming.scheduled:%a %d %b %H:%M}", markup=False)
        self.dismiss()

    def action_cancel_meeting(self) -> None:
        """Take back a start made by mistake, while nothing was typed or captured."""
        self._flush_notes()
        refusal = live_meeting.cancel_refusal(self.pair, self.meeting)
        if refusal is not None:
            self.notify(f"{refusal} in this meeting, so it cannot be cancelled. End it (F10); if it "
                        "did not really happen, press h on the pair home to mark it not held.",
                        severity="warning", timeout=10, markup=False)
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                self._back_to_notes()
                return
            live_meeting.cancel_start(self.pair, self.meeting)
            self.app.save_pair()
            self.notify(f"Meeting cancelled: planned again for {self.meeting.scheduled:%a %d %b %H:%M}.",
                        markup=False)
            self.dismiss()

        question = ("Cancel this meeting? It goes back to planned, and nothing of it is recorded "
                    "(no start, no time, no questions asked).")
        self.app.push_screen(ConfirmScreen(question, confirm="Cancel meeting", cancel="Keep it running",
                                           focus_cancel=True), answered)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Next agenda item", "Move the meeting on", self.action_next_item)
        yield SystemCommand("Previous agenda item", "Go back one item", self.action_previous_item)
        yield SystemCommand("Capture action item", "From the current line of the notes",
                            self.action_capture_action)
        yield SystemCommand("Record a decision", "From the current line of the notes",
                            self.action_capture_decision)
        yield SystemCommand("Park a topic", "For the next meeting's agenda", self.action_park_topic)
        yield SystemCommand("Edit notes in $EDITOR", "Open the notes in your editor", self.action_open_editor)
        yield SystemCommand("End meeting", "Checklist, next meeting, assignment", self.action_end_meeting)
        yield SystemCommand("Cancel meeting", "Started by mistake: back to planned, nothing recorded",
                            self.action_cancel_meeting)
        yield SystemCommand("Export meeting", "This meeting's summary as Markdown", self.action_export)
