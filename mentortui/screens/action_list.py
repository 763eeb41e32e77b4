"""Every action item of the pair: filter, sort, mark done, drop, reopen, push, edit, add.
Rows are one line each and the table holds one page of them, so thousands of items
filter as fast as a few; the highlighted item's whole text is shown under the table."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Label, Select, Static

from mentortui.core import action_items
from mentortui.core.dates import due_phrase, short_day
from mentortui.core.models import OWNER_NAMES, ActionItem, ActionStatus
from mentortui.dialogs.capture import ActionDraft, ActionItemScreen, DateScreen
from mentortui.screens.kept_screens import KeptScreen
from mentortui.storage.session import PairSession
from mentortui.widgets.fields import chosen
from mentortui.widgets.keys_footer import KeysFooter
from mentortui.widgets.tables import Column, ColumnPlan, FittedRow, FittedTable, LazyRows, cursor_key
from mentortui.widgets.title_header import TitleHeader
from mentortui.widgets.tones import tone

OWNER_FILTERS = ((action_items.ANY, "Anyone"), ("mentee", "Mentee"), ("mentor", "Mentor"), ("both", "Both"))
COLUMNS = ColumnPlan(
    (Column("what", "What", 20), Column("who", "Who", 6), Column("due", "Delivery", 13), Column("when", "When", 16),
     Column("status", "Status", 7), Column("meeting", "Meeting", 10), Column("goal", "Goal", 22)),
    flexible="what", drop_order=("meeting", "goal", "status", "due"), wrap=False,
)
# Rows the table holds at once: adding a row costs a DataTable about a third of a
# millisecond, so a page stays well inside a frame's budget at any pair size.
PAGE_SIZE = 100


class ActionItemsScreen(KeptScreen):
    BINDINGS = [
        # The footer shows what fits in 80 columns; the rest are in the palette and help (?).
        Binding("escape", "back", "Back", id="back", show=False),
        Binding("space", "mark('done')", "Done", id="done"),
        Binding("x", "mark('dropped')", "Drop", id="drop", show=False),
        Binding("r", "mark('open')", "Reopen", id="reopen", show=False),
        Binding("p", "push", "Push date", id="push"),
        Binding("e", "edit", "Edit", id="edit"),
        Binding("n", "new", "New", id="new"),
        Binding("f", "cycle('status')", "Filter", id="cycle_status"),
        Binding("o", "cycle('owner')", "Owner", id="cycle_owner", show=False),
        Binding("g", "cycle('goal')", "Goal", id="cycle_goal", show=False),
        Binding("s", "cycle('sort')", "Sort", id="cycle_sort", show=False),
    ]

    def __init__(self, session: PairSession, status: str = "open") -> None:
        super().__init__(session)
        self._initial_status = status
        self._filters_shown: tuple[str, ...] | None = None

    def compose(self) -> ComposeResult:
        self._choices: dict[str, list[tuple[str | Text, str]]] = {
            "status": [(name, key) for key, name in action_items.STATUS_FILTERS.items()],
            "owner": [(name, key) for key, name in OWNER_FILTERS],
            "goal": self._goal_choices(),
            "sort": [(name, key) for key, name in action_items.SORTS.items()],
        }
        initial = self._initial_filters()
        yield TitleHeader()
        yield Static(id="summary")
        with Horizontal(id="filters"):
            for select_id, label in (("status", "Show"), ("owner", "Who"), ("goal", "Goal"), ("sort", "Sort")):
                yield Label(label)
                yield Select(self._choices[select_id], value=initial[select_id], allow_blank=False,
                             id=select_id, compact=True)
        yield FittedTable(COLUMNS, id="items", page_size=PAGE_SIZE)
        yield Static(id="detail")
        yield KeysFooter()

    def first_show(self) -> None:
        self.sub_title = f"Action items · {self.pair.title}"
        self._show()
        self.query_one("#items", FittedTable).focus()

    def _initial_filters(self) -> dict[str, str]:
        return {"status": self._initial_status, "owner": action_items.ANY, "goal": action_items.ANY, "sort": "due"}

    def _goal_choices(self) -> list[tuple[str | Text, str]]:
        return [("Any goal", action_items.ANY)] + [(Text(goal.title), goal.id) for goal in self.pair.goals]

    def revisit(self) -> None:
        """Open again as it first opened: the first filters, the first row, the pair's goals
        as they are now."""
        self.sub_title = f"Action items · {self.pair.title}"
        goals = self._goal_choices()
        if [(str(title), key) for title, key in goals] != [(str(title), key) for title, key in self._choices["goal"]]:
            self._choices["goal"] = goals
            self.query_one("#goal", Select).set_options(goals)
        for select_id, value in self._initial_filters().items():
            self.query_one(f"#{select_id}", Select).value = value
        self._show(row=0)
        self.query_one("#items", FittedTable).focus()

    def _value(self, select_id: str) -> str:
        return str(self.query_one(select_id, Select).value)

    def _filters(self) -> tuple[str, ...]:
        return tuple(self._value(f"#{select_id}") for select_id in ("status", "owner", "goal", "sort"))

    def _show(self, keep: str | None = None, row: int | None = None) -> None:
        today = self.app.today()
        self.query_one("#summary", Static).update(
            Text(action_items.summarize_actions(self.pair, today).line()))
        self._filters_shown = self._filters()
        items = action_items.select_actions(self.pair, today, *self._filters_shown)
        meetings = {m.id: m for m in self.pair.meetings}
        goals = {g.id: g.title for g in self.pair.goals}

        late, slipped = tone(self.app, "error"), tone(self.app, "warning")

        def row_of(item: ActionItem) -> FittedRow:
            meeting = meetings.get(item.meeting_id or "")
            return FittedRow({
                "what": Text(item.text),
                "who": Text(OWNER_NAMES[item.owner]),
                "due": _delivery(item, today, slipped),
                "when": _when(item, today, late),
                "status": Text(item.status),
                "meeting": Text(short_day(meeting.scheduled.date(), today) if meeting else "-"),
                "goal": Text(goals.get(item.goal_id or "", "")),
            }, key=item.id)

        self.query_one("#items", FittedTable).show_rows(LazyRows(items, lambda item: item.id, row_of), keep, row)
        self._show_detail()

    @on(DataTable.RowHighlighted, "#items")
    def _show_detail(self) -> None:
        """The highlighted item's whole text and slips, and which page of rows is shown."""
        table = self.query_one("#items", FittedTable)
        item = self._current()
        detail = Text()
        if item is not None:
            detail.append(item.text, style="bold")
            slips = action_items.slips(item)
            if slips:
                today = self.app.today()
                detail.append(f"\nslipped {slips}×: " + " → ".join(
                    short_day(day, today) for day in action_items.due_dates(item)), style=tone(self.app, "warning"))
        if table.total_rows > table.row_count:
            last = table.page_start + table.row_count
            detail.append(f"\nRows {table.page_start + 1}–{last} of {table.total_rows} "
                          "(↓ past the last row turns the page)", style="dim")
        self.query_one("#detail", Static).update(detail)

    @on(Select.Changed)
    def _filter_changed(self) -> None:
        # Each Select says it changed as it mounts, and when revisit() sets it: show once.
        if self._filters() != self._filters_shown:
            self._show()

    def _current(self) -> ActionItem | None:
        key = cursor_key(self.query_one("#items", FittedTable))
        return self.pair.action_item(key)

    def _changed(self, keep: str | None = None) -> None:
        self.save()
        self._show(keep)

    def action_back(self) -> None:
        self.dismiss()

    def action_cycle(self, select_id: str) -> None:
        """Step a filter to its next choice from the keyboard."""
        select = self.query_one(f"#{select_id}", Select)
        values = [value for _, value in self._choices[select_id]]
        select.value = values[(values.index(chosen(select)) + 1) % len(values)]

    def action_mark(self, status: ActionStatus) -> None:
        if self.refuse_if_closed():
            return
        item = self._current()
        if item is not None and item.status != status:
            action_items.mark(item, status, self.app.today())
            self.notify(f"{'Reopened' if status == 'open' else status.capitalize()}: {item.text}", markup=False)
            self._changed(item.id)

    def action_push(self) -> None:
        if self.refuse_if_closed():
            return
        item = self._current()
        if item is None:
            return

        def pushed(day: date | None) -> None:
            if day is not None:
                action_items.push_due(item, day)
                self._changed(item.id)

        self.app.push_screen(DateScreen(f"New delivery date for: {item.text}", self.app.today(), item.due,
                                        day_first=self.app.day_first), pushed)

    def action_edit(self) -> None:
        if self.refuse_if_closed():
            return
        item = self._current()
        if item is None:
            return

        def edited(draft: ActionDraft | None) -> None:
            if draft is not None:
                item.text, item.owner, item.due, item.goal_id = draft.text, draft.owner, draft.due, draft.goal_id
                self._changed(item.id)

        self.app.push_screen(ActionItemScreen(item.text, item.owner, self.pair.goals, self.app.today(),
                                              due=item.due, goal_id=item.goal_id, title="Edit action item",
                                              day_first=self.app.day_first),
                             edited)

    def action_new(self) -> None:
        if self.refuse_if_closed():
            return
        def added(draft: ActionDraft | None) -> None:
            if draft is not None:
                item = ActionItem(text=draft.text, owner=draft.owner, due=draft.due, goal_id=draft.goal_id)
                self.pair.action_items.append(item)
                self._changed(item.id)

        goals = [goal for goal in self.pair.goals if goal.is_active]
        self.app.push_screen(ActionItemScreen("", "mentee", goals, self.app.today(), day_first=self.app.day_first),
                             added)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Mark action item done", "Records today as the day it was done",
                            lambda: self.action_mark("done"))
        yield SystemCommand("Drop action item", "No longer needed", lambda: self.action_mark("dropped"))
        yield SystemCommand("Reopen action item", "Back to open", lambda: self.action_mark("open"))
        yield SystemCommand("Push delivery date", "Give the item a new date", self.action_push)
        yield SystemCommand("Edit action item", "Text, owner, date, goal", self.action_edit)
        yield SystemCommand("New action item", "Outside a meeting", self.action_new)
        yield SystemCommand("Back to the pair", "Leave the action items (escape)", self.action_back)


def _delivery(item: ActionItem, today: date, slipped: Style) -> Text:
    """The delivery date, and after it how often it slipped (styled ``slipped``), when it did."""
    cell = Text(short_day(item.due, today) if item.due else "no date")
    slips = action_items.slips(item)
    if slips:
        cell.append(f" {slips}×", style=slipped)
    return cell


def _when(item: ActionItem, today: date, overdue: Style) -> Text:
    if item.status == "done":
        late = item.due is not None and item.done_on is not None and item.done_on > item.due
        return Text(f"done {short_day(item.done_on, today)}" + (" (late)" if late else "")
                    if item.done_on else "done")
    if item.status == "dropped" or item.due is None:
        return Text("")
    return Text(due_phrase(item.due, today), style=overdue if item.is_overdue(today) else "")
