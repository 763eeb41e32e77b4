"""Quick modals used while a meeting runs: capture an action item, pick a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from mentortui.core.dates import DateParseError, due_label, read_typed_day
from mentortui.core.models import Goal, Owner
from mentortui.dialogs.form_dialog import FormDialog
from mentortui.widgets.fields import Field, chosen

MODAL_CSS = """
    {name} {{ align: center middle; }}
    {name} > Vertical {{
        width: 84; max-width: 100%; height: auto;
        border: thick $primary; background: $surface; padding: 0 1;
    }}
    {name} .modal-title {{ text-style: bold; margin-bottom: 1; }}
    {name} Horizontal {{ height: auto; margin-bottom: 1; }}
    {name} Label {{ width: 12; }}
    {name} Input, {name} Select {{ width: 1fr; }}
    {name} .read-back {{ color: $text-muted; padding-left: 12; height: auto; }}
    {name} .help {{ color: $text-muted; }}
"""
OWNERS: tuple[tuple[str, Owner], ...] = (("Mentee", "mentee"), ("Mentor", "mentor"), ("Both", "both"))
DATE_PLACEHOLDER = "fri, +2w, 2026-12-04, 12/4, end of month"


@dataclass(frozen=True)
class ActionDraft:
    text: str
    owner: Owner
    due: date | None
    goal_id: str | None


def read_day(text: str, today: date, *, day_first: bool = False) -> tuple[date | None, str]:
    """A typed date and how it reads back, or None and the problem; blank is no date. A numeric
    date that reads two ways ("8/12") reads back both, the one ``day_first`` picks first."""
    if not text.strip():
        return None, "no delivery date yet"
    try:
        day, both = read_typed_day(text, today, day_first=day_first)
    except DateParseError as error:
        return None, str(error)
    return day, both or due_label(day, today)


class ActionItemScreen(FormDialog[ActionDraft]):
    DEFAULT_CSS = MODAL_CSS.format(name="ActionItemScreen")

    def __init__(self, text: str, owner: Owner, goals: list[Goal], today: date, *,
                 due: date | None = None, goal_id: str | None = None,
                 title: str = "New action item", day_first: bool = False) -> None:
        super().__init__()
        self._day_first = day_first
        self._text = text
        self._owner = owner
        self._goals = goals
        self._today = today
        self._due = due
        self._goal_id = goal_id
        self._title = title

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self._title), classes="modal-title")
            with Horizontal():
                yield Label("What")
                yield Field(self._text, id="text", compact=True)
            with Horizontal():
                yield Label("Who")
                yield Select(OWNERS, value=self._owner, allow_blank=False, id="owner", compact=True)
            with Horizontal():
                yield Label("Delivery")
                yield Field(self._due.isoformat() if self._due else "", id="due",
                            placeholder=DATE_PLACEHOLDER, compact=True)
            yield Static(Text(read_day(self._due.isoformat() if self._due else "", self._today,
                                       day_first=self._day_first)[1]),
                         id="due-read", classes="read-back")
            with Horizontal():
                yield Label("Goal")
                yield Select([(Text(goal.title), goal.id) for goal in self._goals], prompt="no goal",
                             value=self._goal_id if self._goal_id else Select.NULL, id="goal", compact=True)
            yield Static("enter or ctrl+s saves, escape cancels", classes="help")

    def first_field(self) -> Field:
        """Captured from a line of the notes, the text is there: the date is what is missing."""
        return self.query_one("#due" if self._text else "#text", Field)

    @on(Input.Changed, "#due")
    def _due_changed(self, event: Input.Changed) -> None:
        self.query_one("#due-read", Static).update(Text(read_day(event.value, self._today,
                                                                  day_first=self._day_first)[1]))

    def collect(self) -> ActionDraft | None:
        text = " ".join(self.query_one("#text", Field).value.split())
        if not text:
            self.refuse("text", "Write what is to be done.")
        due_text = self.query_one("#due", Field).value
        due, reading = read_day(due_text, self._today, day_first=self._day_first)
        if due is None and due_text.strip():
            self.refuse("due", reading)
        goal = self.query_one("#goal", Select).value
        owner: Owner = chosen(self.query_one("#owner", Select))
        return ActionDraft(text, owner, due, None if goal is Select.NULL else str(goal))


class DateScreen(ModalScreen[date | None]):
    """Ask for a new delivery date, read back as it is typed. A day in the past is refused;
    a day earlier than the ``current`` one is applied only when enter is pressed again."""

    DEFAULT_CSS = MODAL_CSS.format(name="DateScreen")
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save", priority=True),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def __init__(self, title: str, today: date, current: date | None = None, *, day_first: bool = False) -> None:
        super().__init__()
        self._day_first = day_first
        self._title = title
        self._today = today
        self._current = current
        self._earlier_confirmed: date | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self._title), classes="modal-title")
            with Horizontal():
                yield Label("Date")
                yield Field(id="day", placeholder=DATE_PLACEHOLDER, compact=True)
            yield Static("", id="day-read", classes="read-back")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        day, reading = read_day(event.value, self._today, day_first=self._day_first)
        text = Text(reading)
        if day is not None and self._current is not None and day < self._current:
            text.append(f"  (earlier than now: {due_label(self._current, self._today)})", style="bold")
        self.query_one("#day-read", Static).update(text)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        day, reading = read_day(event.value, self._today, day_first=self._day_first)
        if day is not None and day < self._today:
            day, reading = None, f"{reading}: that day has gone by; choose today or later."
        elif (day is not None and self._current is not None and day < self._current
              and day != self._earlier_confirmed):
            self._earlier_confirmed = day
            day, reading = None, (f"That is earlier than the delivery date now, "
                                  f"{due_label(self._current, self._today)}. "
                                  "Press enter again to move it earlier.")
        if day is None:
            self.query_one("#day-read", Static).update(Text(reading, style="bold"))
            return
        self.dismiss(day)

    def action_save(self) -> None:
        """ctrl+s saves the date as enter does, once the field has every key typed before it."""
        field = self.query_one("#day", Field)
        field.call_later(field.action_submit)

    def action_cancel(self) -> None:
        self.dismiss(None)
