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

from ..dates import DateParseError, due_label, parse_day
from ..models import Goal, Owner

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


def read_day(text: str, today: date) -> tuple[date | None, str]:
    """A typed date and how it reads back, or None and the problem; blank is no date."""
    if not text.strip():
        return None, "no delivery date yet"
    try:
        day = parse_day(text, today)
    except DateParseError as error:
        return None, str(error)
    return day, due_label(day, today)


class ActionItemScreen(ModalScreen[ActionDraft | None]):
    DEFAULT_CSS = MODAL_CSS.format(name="ActionItemScreen")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, text: str, owner: Owner, goals: list[Goal], today: date, *,
                 due: date | None = None, goal_id: str | None = None,
                 title: str = "New action item") -> None:
        super().__init__()
        self._text = text
        self._owner = owner
        self._goals = goals
        self._today = today
        self._due = due
        self._goal_id = goal_id
        self._title = title

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self._title, classes="modal-title")
            with Horizontal():
                yield Label("What")
                yield Input(self._text, id="text", compact=True)
            with Horizontal():
                yield Label("Who")
                yield Select(OWNERS, value=self._owner, allow_blank=False, id="owner", compact=True)
            with Horizontal():
                yield Label("Delivery")
                yield Input(self._due.isoformat() if self._due else "", id="due",
                            placeholder=DATE_PLACEHOLDER, compact=True)
            yield Static(Text(read_day(self._due.isoformat() if self._due else "", self._today)[1]),
                         id="due-read", classes="read-back")
            with Horizontal():
                yield Label("Goal")
                yield Select([(goal.title, goal.id) for goal in self._goals], prompt="no goal",
                             value=self._goal_id if self._goal_id else Select.NULL, id="goal", compact=True)
            yield Static("enter saves, escape cancels", classes="help")

    def on_mount(self) -> None:
        self.query_one("#due" if self._text else "#text", Input).focus()

    @on(Input.Changed, "#due")
    def _due_changed(self, event: Input.Changed) -> None:
        self.query_one("#due-read", Static).update(Text(read_day(event.value, self._today)[1]))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        text = " ".join(self.query_one("#text", Input).value.split())
        if not text:
            self.query_one("#due-read", Static).update("Write what is to be done first.")
            self.query_one("#text", Input).focus()
            return
        due_text = self.query_one("#due", Input).value
        due, reading = read_day(due_text, self._today)
        if due is None and due_text.strip():
            self.query_one("#due-read", Static).update(Text(reading, style="bold"))
            return
        goal = self.query_one("#goal", Select).value
        owner = self.query_one("#owner", Select).value
        self.dismiss(ActionDraft(text, owner, due, None if goal is Select.NULL else str(goal)))

    def action_cancel(self) -> None:
        self.dismiss(None)


class DateScreen(ModalScreen[date | None]):
    """Ask for one date, read back as it is typed."""

    DEFAULT_CSS = MODAL_CSS.format(name="DateScreen")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, title: str, today: date) -> None:
        super().__init__()
        self._title = title
        self._today = today

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self._title), classes="modal-title")
            with Horizontal():
                yield Label("Date")
                yield Input(id="day", placeholder=DATE_PLACEHOLDER, compact=True)
            yield Static("", id="day-read", classes="read-back")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self.query_one("#day-read", Static).update(Text(read_day(event.value, self._today)[1]))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        day, reading = read_day(event.value, self._today)
        if day is None:
            self.query_one("#day-read", Static).update(Text(reading, style="bold"))
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(None)
