"""Log a contact between meetings in two keys and a line: one key for how (e-mail, phone,
chat, video, other), then the note, then enter. Who defaults to this machine's person
(w switches); the day is today unless an earlier one is typed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Input, Label, Static

from mentortui.core.dates import DateParseError, read_typed_day, short_day
from mentortui.core.models import CONTACT_WAY_NAMES, ContactWay, Role
from mentortui.dialogs.capture import MODAL_CSS
from mentortui.dialogs.form_dialog import FormDialog
from mentortui.widgets.fields import Field

WAY_KEYS: tuple[tuple[str, ContactWay], ...] = (
    ("e", "email"), ("p", "phone"), ("t", "chat"), ("v", "video"), ("o", "other"))
DAY_PLACEHOLDER = "today (or an earlier day: yesterday, 2026-11-20)"


@dataclass(frozen=True)
class ContactDraft:
    on: date
    by: Role
    way: ContactWay
    note: str


def read_contact_day(text: str, today: date, *, day_first: bool = False) -> tuple[date | None, str]:
    """The day typed (blank is today) and how it reads back, or None and the problem; a numeric
    date that reads two ways ("8/12") reads back both, the one ``day_first`` picks first."""
    if not text.strip():
        return today, "today"
    try:
        day, both = read_typed_day(text, today, day_first=day_first)
    except DateParseError as error:
        return None, str(error)
    if both is not None:
        return day, both
    if day > today:
        return None, f"{short_day(day, today)} has not come yet: log a contact on the day it happened."
    return day, short_day(day, today)


class ContactWayPicker(Static, can_focus=True):
    """How the contact was made, one key each, and who made it (w switches)."""

    DEFAULT_CSS = """
    ContactWayPicker { height: auto; margin-bottom: 1; }
    ContactWayPicker:focus { background: $boost; }
    """
    BINDINGS = [
        *(Binding(key, f"pick('{way}')", CONTACT_WAY_NAMES[way], id=f"way_{way}") for key, way in WAY_KEYS),
        Binding("w", "switch_who", "Who", id="switch_who"),
        Binding("enter", "pick(None)", "Next", id="next_field", show=False),
    ]

    way: reactive[ContactWay] = reactive("email")
    by: reactive[Role] = reactive("mentor")

    def __init__(self, by: Role, names: dict[Role, str]) -> None:
        super().__init__(id="way")
        self.set_reactive(ContactWayPicker.by, by)
        self._names = names

    def render(self) -> Text:
        text = Text("How  ", style="bold")
        for key, way in WAY_KEYS:
            text.append(f" {key} ", style="reverse" if way == self.way else "bold")
            text.append(f" {CONTACT_WAY_NAMES[way]}  ", style="bold" if way == self.way else "")
        text.append("\nWho  ", style="bold")
        text.append(f" {self._names[self.by]} ({self.by})")
        text.append("   w: the other person", style="dim")
        return text

    def on_click(self, event: events.Click) -> None:
        """A click on a way picks it, as its key does; a click on the second line switches who."""
        if event.y == 1:
            self.action_switch_who()
            return
        column = len("How  ")
        for key, way in WAY_KEYS:
            width = len(f" {key} ") + len(f" {CONTACT_WAY_NAMES[way]}  ")
            if event.y == 0 and column <= event.x < column + width:
                self.action_pick(way)
                return
            column += width

    def action_pick(self, way: ContactWay | None) -> None:
        """Take the way and go on to the note."""
        if way is not None:
            self.way = way
        self.screen.focus_next()

    def action_switch_who(self) -> None:
        self.by = "mentee" if self.by == "mentor" else "mentor"


class ContactLogScreen(FormDialog[ContactDraft]):
    DEFAULT_CSS = MODAL_CSS.format(name="ContactLogScreen")

    def __init__(self, by: Role, names: dict[Role, str], today: date, *, day_first: bool = False) -> None:
        super().__init__()
        self._day_first = day_first
        self._by = by
        self._names = names
        self._today = today

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Log a contact between meetings", classes="modal-title")
            yield ContactWayPicker(self._by, self._names)
            with Horizontal():
                yield Label("Note")
                yield Field(id="note", placeholder="one line: what it was about", compact=True)
            with Horizontal():
                yield Label("When")
                yield Field(id="on", placeholder=DAY_PLACEHOLDER, compact=True)
            yield Static("today", id="on-read", classes="read-back")
            yield Static("e p t v o: how · w: who · enter saves · escape cancels", classes="help")

    def first_field(self) -> ContactWayPicker:
        """The way is one key, so the dialog opens on it."""
        return self.query_one(ContactWayPicker)

    @on(Input.Changed, "#on")
    def _day_changed(self, event: Input.Changed) -> None:
        reading = read_contact_day(event.value, self._today, day_first=self._day_first)[1]
        self.query_one("#on-read", Static).update(Text(reading))

    def collect(self) -> ContactDraft | None:
        day, reading = read_contact_day(self.query_one("#on", Field).value, self._today, day_first=self._day_first)
        if day is None:
            self.refuse("on", reading)
            return None
        picker = self.query_one(ContactWayPicker)
        return ContactDraft(on=day, by=picker.by, way=picker.way,
                            note=" ".join(self.query_one("#note", Field).value.split()))
