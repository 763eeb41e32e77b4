"""The form that creates a pair: who the two people are and what they agree on."""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from ..models import Pair

FORMATS = ("video call", "phone call", "in person", "chat", "a mix")

# The form's names for the fields whose checks can fail, by where pydantic reports them.
FIELD_LABELS = {
    ("mentor", "name"): "Mentor's name",
    ("mentee", "name"): "Mentee's name",
    ("expectations", "frequency_days"): "Meet every (days)",
    ("expectations", "length_minutes"): "Usual length (minutes)",
}


class NewPairScreen(ModalScreen[Pair | None]):
    CSS_PATH = "new_pair.tcss"
    BINDINGS = [
        Binding("ctrl+s", "create", "Create pair", id="create"),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def __init__(self, today: date) -> None:
        super().__init__()
        self._today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("New pair", id="title")
            with VerticalScroll(id="fields"):
                yield Static("Mentor", classes="section")
                yield from _row("Name", Input(id="mentor-name", placeholder="required", compact=True))
                yield from _row("Pronouns", Input(id="mentor-pronouns", placeholder="e.g. she/her", compact=True))
                yield from _row("Contact", Input(id="mentor-contact", placeholder="how to reach them", compact=True))
                yield Static("Mentee", classes="section")
                yield from _row("Name", Input(id="mentee-name", placeholder="required", compact=True))
                yield from _row("Pronouns", Input(id="mentee-pronouns", compact=True))
                yield from _row("Contact", Input(id="mentee-contact", compact=True))
                yield Static("What you agree on", classes="section")
                yield from _row("Meet every (days)", Input("14", id="frequency", type="integer", compact=True))
                yield from _row(
                    "Format",
                    Select([(name, name) for name in FORMATS], value=FORMATS[0], allow_blank=False,
                           id="format", compact=True),
                )
                yield from _row("Length (minutes)", Input("60", id="length", type="integer", compact=True))
                yield from _row("Topics", Input(id="topics", placeholder="what you will talk about", compact=True))
                yield from _row("Rescheduling", Input(id="reschedule", placeholder="how to move a meeting", compact=True))
                yield Checkbox("We agree to keep what we discuss confidential", id="confidential",
                               compact=True)
            yield Static(id="error")
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Create pair", id="create", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#mentor-name", Input).focus()

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def _number(self, widget_id: str) -> int | str:
        text = self._value(widget_id).strip()
        return int(text) if text.lstrip("-").isdigit() else text

    def _person(self, role: str) -> dict[str, str]:
        return {field: self._value(f"{role}-{field}") for field in ("name", "pronouns", "contact")}

    def build_pair(self) -> Pair:
        return Pair.model_validate({
            "mentor": self._person("mentor"),
            "mentee": self._person("mentee"),
            "expectations": {
                "frequency_days": self._number("frequency"),
                "format": str(self.query_one("#format", Select).value),
                "length_minutes": self._number("length"),
                "topics": self._value("topics"),
                "reschedule": self._value("reschedule"),
                "confidentiality_agreed": self.query_one("#confidential", Checkbox).value,
            },
            "started_on": self._today,
        })

    def action_create(self) -> None:
        try:
            pair = self.build_pair()
        except ValidationError as error:
            self.query_one("#error", Static).update(Text(_describe(error)))
            return
        self.dismiss(pair)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#create")
    def _create_pressed(self) -> None:
        self.action_create()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.focus_next()


def _row(label: str, field: Input | Select) -> ComposeResult:
    with Horizontal(classes="row"):
        yield Label(label)
        yield field


def _describe(error: ValidationError) -> str:
    """Plain-English problems, named as the form names the fields."""
    problems = []
    for item in error.errors():
        location = tuple(str(part) for part in item["loc"])
        label = FIELD_LABELS.get(location, location[-1].replace("_", " ").capitalize())
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] in ("int_type", "int_parsing"):
            message = "must be a whole number"
        problems.append(f"{label}: {message}")
    return "\n".join(problems)
