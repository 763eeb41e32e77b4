"""Agenda building for the next meeting: kind, time, length, and the items in order."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import (
    Button,
    Input,
    Label,
    Select,
    Static,
)

from mentortui.core import planning, preparation
from mentortui.core.assignments import feedback_note, state_label
from mentortui.core.before_checklist import Sharing, before_meeting
from mentortui.core.dates import (
    DateParseError,
    due_phrase,
    parse_moment,
    relative_day,
    short_day,
    short_moment,
)
from mentortui.core.models import (
    MEETING_KIND_NAMES,
    AgendaItem,
    Meeting,
    MeetingKind,
    Pair,
)
from mentortui.dialogs.choice import ChoiceScreen
from mentortui.dialogs.early_start import confirm_start
from mentortui.dialogs.prompt import PromptAnswer, PromptScreen
from mentortui.screens.base import PairScreen
from mentortui.storage.session import PairSession
from mentortui.widgets.checklist_panel import ChecklistPanel
from mentortui.widgets.fields import Field, chosen
from mentortui.widgets.keys_footer import KeysFooter
from mentortui.widgets.tables import Column, ColumnPlan, FittedRow, FittedTable
from mentortui.widgets.title_header import TitleHeader
from mentortui.widgets.tones import tone
from mentortui.widgets.update_panel import UpdatePanel

SOURCE_NAMES = {"template": "template", "starter": "starter", "typed": "added"}
MINUTE_STEP = 5
COLUMNS = ColumnPlan(
    (Column("number", "#", 3), Column("item", "Item", 24), Column("minutes", "Min", 4),
     Column("from", "From", 35)),
    flexible="item", drop_order=("from",),
)


class AgendaScreen(PairScreen):
    BINDINGS = [
        # The footer shows what fits in 80 columns; the rest are in the palette and help (?).
        Binding("escape", "back", "Back", id="back", show=False),
        Binding("f5", "start_meeting", "Start meeting", id="start_meeting"),
        Binding("n", "focus_new_item", "New item", id="new_item"),
        Binding("e", "edit_item", "Edit", id="edit_item"),
        Binding("delete,d", "delete_item", "Delete", id="delete_item"),
        Binding("u", "undo_delete", "Undo delete", id="undo_delete", show=False),
        Binding("ctrl+up,K", "move_item(-1)", "Up", id="move_up", show=False),
        Binding("ctrl+down,J", "move_item(1)", "Down", id="move_down", show=False),
        Binding("plus,equals_sign", "change_minutes(5)", "+5", id="more_time", show=False),
        Binding("minus", "change_minutes(-5)", "-5", id="less_time", show=False),
        Binding("s", "starters", "Starters", id="starters", show=False),
        # The folded checklist's line names c; the footer keeps to 120 columns.
        Binding("c", "toggle_checklist", "Checklist", id="checklist", show=False),
    ]

    def __init__(self, session: PairSession) -> None:
        super().__init__(session)
        self._deleted: list[tuple[int, AgendaItem]] = []  # where each deleted item was, newest last

    def compose(self) -> ComposeResult:
        today = self.app.today()
        planned = self.pair.next_meeting(today) is not None
        self.meeting = planning.plan_next_meeting(self.pair, today, self.app.content)
        if not planned:
            self.notify("Planned the next meeting from the template; change anything below.",
                        markup=False)
        yield TitleHeader()
        with Horizontal(id="meeting-fields"):
            yield Label("Kind")
            yield Select([(name, kind) for kind, name in MEETING_KIND_NAMES.items()],
                         value=self.meeting.kind, allow_blank=False, id="kind", compact=True)
            yield Label("When")
            yield Field(f"{self.meeting.scheduled:%Y-%m-%d %H:%M}", id="when",
                        placeholder="2026-12-04 17:30, fri 5pm, +1w", compact=True)
            yield Label("Minutes")
            yield Field(str(self.meeting.planned_minutes), id="length", type="integer", compact=True)
        yield Static(id="when-read")
        yield Static(id="assignment")
        yield ChecklistPanel("Before the meeting", folded=True, key="c", id="checklist")
        yield UpdatePanel(self.pair, self.meeting, id="mentee-update")
        yield FittedTable(COLUMNS, id="agenda")
        yield Static(id="total")
        with Horizontal(id="toolbar"):
            yield Button("Up", id="up", compact=True)
            yield Button("Down", id="down", compact=True)
            yield Button("-5", id="less", compact=True)
            yield Button("+5", id="more", compact=True)
            yield Button("Edit", id="edit", compact=True)
            yield Button("Delete", id="delete", compact=True)
        yield Field(placeholder="Type an agenda item and press enter", id="new-item")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.save()
        self.sub_title = f"Agenda · {self.pair.title}"
        self._show_when()
        self._show_assignment()
        self._show_items()
        self.query_one("#agenda", FittedTable).focus()

    def _show_checklist(self) -> None:
        checklist = self.app.content.checklists["before_meeting"]
        sharing = Sharing(self.app.sync.shared, self.app.sync.unshared)
        lines = before_meeting(checklist, self.pair, self.session.role, self.meeting, self.app.today(), sharing)
        self.query_one(ChecklistPanel).show(lines)

    def action_toggle_checklist(self) -> None:
        self.query_one(ChecklistPanel).toggle()

    def on_screen_resume(self) -> None:
        """Back from another screen: carried items follow what changed there."""
        if self.is_shown:
            self._carry_in()
            self._show_items()

    def _carry_in(self) -> None:
        before = [(item.source, item.ref) for item in self.meeting.agenda]
        planning.carry_in(self.pair, self.meeting)
        if [(item.source, item.ref) for item in self.meeting.agenda] != before:
            self.save()

    # Showing -----------------------------------------------------------------------

    def _show_when(self, problem: str = "") -> None:
        today = self.app.today()
        when = self.query_one("#when-read", Static)
        if problem:
            when.update(Text(problem, style="bold"))
            return
        scheduled = self.meeting.scheduled
        when.update(Text(f"{short_moment(scheduled, today)}, {relative_day(scheduled.date(), today)}"))

    def _show_assignment(self) -> None:
        last = self.pair.last_meeting()
        text = Text()
        if last is not None and last.assignment:
            text.append("Assignment from last time: ", style="bold")
            text.append(last.assignment)
            text.append(f"  ({state_label(last, self.app.today())})", style="italic")
        self.query_one("#assignment", Static).update(text)

    def _show_items(self, select: int | None = None) -> None:
        today = self.app.today()
        rows = []
        for number, item in enumerate(self.meeting.agenda, start=1):
            title, origin = _describe(item, self.pair, self.meeting, today, tone(self.app, "error"))
            rows.append(FittedRow({"number": Text(str(number)), "item": title, "minutes": Text(str(item.minutes)),
                                   "from": origin}, key=item.id))
        self.query_one("#agenda", FittedTable).show_rows(rows, row=select)
        self._show_total()
        self._show_checklist()

    def _show_total(self) -> None:
        planned, length = planning.planned_total(self.meeting), self.meeting.planned_minutes
        text = Text(f"Planned {planned} of {length} min")
        if planned > length:
            text.append(f"  OVER by {planned - length} min", style=tone(self.app, "error"))
        else:
            text.append(f"  ({length - planned} min to spare)", style="dim")
        self.query_one("#total", Static).update(text)

    def _changed(self, select: int | None = None) -> None:
        self.save()
        self._show_items(select)

    # Meeting fields ----------------------------------------------------------------

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        select = self.query_one("#kind", Select)
        kind: MeetingKind = chosen(select)
        if kind == self.meeting.kind:
            return
        edited = planning.edited_items(self.meeting, self.app.content)
        if not edited:
            self._change_kind(kind, keep_edits=False)
            return

        def answered(answer: str | None) -> None:
            if answer is None:
                select.value = self.meeting.kind
            else:
                self._change_kind(kind, keep_edits=answer == "keep")

        listed = "\n".join(f"- {item.title} ({item.minutes} min)" for item in edited)
        question = (f"You changed {len(edited)} of this agenda's template items:\n{listed}\n\n"
                    f"The {MEETING_KIND_NAMES[kind].lower()} template replaces the template items. "
                    "Keep your changed items?")
        self.app.push_screen(ChoiceScreen(question, [("keep", "Keep my items"),
                                                     ("replace", "Use the template")]), answered)

    def _change_kind(self, kind: MeetingKind, keep_edits: bool) -> None:
        planning.change_kind(self.meeting, kind, self.app.content, keep_edits=keep_edits)
        self.notify(f"Agenda now follows the {MEETING_KIND_NAMES[kind].lower()} template",
                    markup=False)
        self._changed()

    @on(Input.Submitted, "#when")
    def _when_submitted(self, event: Input.Submitted) -> None:
        try:
            scheduled = parse_moment(event.value, self.app.today(), self.meeting.scheduled.time(),
                                     day_first=self.app.day_first)
        except DateParseError as error:
            self._show_when(str(error))
            return
        self.meeting.scheduled = scheduled
        event.input.value = f"{scheduled:%Y-%m-%d %H:%M}"
        self._show_when()
        planning.carry_in(self.pair, self.meeting)
        self._changed()
        self.query_one("#agenda", FittedTable).focus()

    @on(Input.Changed, "#length")
    def _length_changed(self, event: Input.Changed) -> None:
        value = event.value.strip()
        # The field reports its first value when the screen opens: nothing to save then.
        if value.isdigit() and 5 <= int(value) <= 480 and int(value) != self.meeting.planned_minutes:
            self.meeting.planned_minutes = int(value)
            self.save()
            self._show_total()

    # Items ---------------------------------------------------------------------------

    @on(Input.Submitted, "#new-item")
    def _new_item(self, event: Input.Submitted) -> None:
        title = " ".join(event.value.split())
        if not title:
            return
        item = planning.add_item(self.meeting, AgendaItem(title=title, source="typed"))
        event.input.value = ""
        self._changed(self.meeting.agenda.index(item))

    def _current_index(self) -> int | None:
        table = self.query_one("#agenda", FittedTable)
        return table.cursor_row if table.row_count else None

    def action_back(self) -> None:
        """Escape leaves a text field first, then the screen."""
        if isinstance(self.focused, Input):
            self.query_one("#agenda", FittedTable).focus()
        else:
            self.dismiss()

    def action_focus_new_item(self) -> None:
        self.query_one("#new-item", Input).focus()

    def action_move_item(self, offset: int) -> None:
        index = self._current_index()
        if index is not None:
            self._changed(planning.move_item(self.meeting, index, offset))

    def action_change_minutes(self, delta: int) -> None:
        index = self._current_index()
        if index is not None:
            item = self.meeting.agenda[index]
            self.meeting.change_item(item.id, minutes=max(0, item.minutes + delta))
            self._changed(index)

    def action_delete_item(self) -> None:
        index = self._current_index()
        if index is None:
            return
        item = planning.remove_item(self.meeting, index)
        self._deleted.append((index, item))
        message = f"Deleted “{item.title}” — press u to undo"
        if item.source in planning.CARRIED_SOURCES:
            message += " (it comes back on its own while the item stays open)"
        self.notify(message, markup=False)
        self._changed(index)

    def action_undo_delete(self) -> None:
        """Put the last deleted item back where it was, unless it came back meanwhile."""
        if not self._deleted:
            self.notify("Nothing deleted to undo", markup=False)
            return
        index, item = self._deleted.pop()
        if any(other.id == item.id or (item.ref and (other.source, other.ref) == (item.source, item.ref))
               for other in self.meeting.agenda):
            self.notify(f"“{item.title}” is already back on the agenda", markup=False)
            return
        index = min(index, len(self.meeting.agenda))
        planning.insert_item(self.meeting, index, item)
        self.notify(f"Restored “{item.title}”", markup=False)
        self._changed(index)

    def action_edit_item(self) -> None:
        index = self._current_index()
        if index is None:
            return
        item = self.meeting.agenda[index]

        def edited(answer: PromptAnswer | None) -> None:
            if answer is not None:
                minutes = answer.minutes if answer.minutes is not None else item.minutes
                self.meeting.change_item(item.id, title=answer.text, minutes=minutes)
                self._changed(index)

        self.app.push_screen(PromptScreen("Agenda item", item.title, item.minutes), edited)

    def action_start_meeting(self) -> None:
        if self.session.read_only:
            self.notify("Open read-only: a meeting cannot be run here.", severity="warning", markup=False)
            return

        def start() -> None:
            self.dismiss()
            self.app.run_meeting(self.meeting)

        confirm_start(self, self.meeting, start)

    def action_starters(self) -> None:
        from mentortui.screens.starters import StartersScreen

        self.app.push_screen(StartersScreen(self.session))

    @on(Button.Pressed)
    def _toolbar(self, event: Button.Pressed) -> None:
        actions = {
            "up": lambda: self.action_move_item(-1),
            "down": lambda: self.action_move_item(1),
            "less": lambda: self.action_change_minutes(-MINUTE_STEP),
            "more": lambda: self.action_change_minutes(MINUTE_STEP),
            "edit": self.action_edit_item,
            "delete": self.action_delete_item,
        }
        actions[event.button.id or ""]()
        self.query_one("#agenda", FittedTable).focus()

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("New agenda item", "Type a new item", self.action_focus_new_item)
        yield SystemCommand("Edit agenda item", "Change its text or time box", self.action_edit_item)
        yield SystemCommand("Delete agenda item", "Take it off the agenda", self.action_delete_item)
        yield SystemCommand("Undo delete", "Put the last deleted item back", self.action_undo_delete)
        yield SystemCommand("Move item up", "Earlier in the meeting", lambda: self.action_move_item(-1))
        yield SystemCommand("Move item down", "Later in the meeting", lambda: self.action_move_item(1))
        yield SystemCommand("Conversation starters", "Add questions to this agenda", self.action_starters)
        yield SystemCommand("Start meeting", "Run this agenda with the clock", self.action_start_meeting)
        yield SystemCommand("Before-the-meeting checklist", "Show or fold it (c)", self.action_toggle_checklist)
        yield SystemCommand("Back to the pair", "Leave the agenda (escape)", self.action_back)


def _describe(item: AgendaItem, pair: Pair, meeting: Meeting, today: date, late: Style) -> tuple[Text, Text]:
    """The item's title and where it came from; carried items show their live state (``late``
    styles an overdue date)."""
    if item.source == "action_item":
        action = pair.action_item(item.ref)
        if action is not None:
            origin = Text(action.owner)
            if action.due is not None:
                origin.append(f", {short_day(action.due, today)}, ")
                origin.append(due_phrase(action.due, today),
                              style=late if action.is_overdue(today) else "")
            return Text(f"Review: {action.text}"), origin
    if item.source == "goal_checkin":
        goal = pair.goal(item.ref)
        if goal is not None:
            origin = Text(f"goal at {goal.progress}%")
            due = planning.checkin_due(goal, meeting.scheduled.date())
            if due is not None:
                origin.append(f" · check-in due {short_day(due, today)}")
            return Text(item.title), origin
    if item.raised_by:
        return Text(item.title), Text(f"{preparation.raised_mark(pair, item)} ({item.raised_by})")
    if note := feedback_note(pair, meeting, item, today):
        return Text(item.title), Text(note)
    return Text(item.title), Text(SOURCE_NAMES.get(item.source, item.source))
