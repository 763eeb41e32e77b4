"""The form that creates a pair: who the two people are and what they agree on."""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Label, Select, Static

from mentortui.core.models import Pair
from mentortui.dialogs.form_dialog import FormDialog
from mentortui.widgets.fields import Field

FORMATS = ("video call", "phone call", "in person", "chat", "a mix")

# The form's fields by where pydantic reports a problem with them.
FIELD_IDS: dict[tuple[str, ...], str] = {
    ("expectations", "frequency_days"): "frequency",
    ("expectations", "length_minutes"): "length",
    ("expectations", "format"): "format",
    ("expectations", "topics"): "topics",
    ("expectations", "reschedule"): "reschedule",
    ("expectations", "confidentiality_agreed"): "confidential",
}


class NewPairScreen(FormDialog[Pair]):
    CSS_PATH = "new_pair.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Create pair", id="save", priority=True),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]
    ENTER_SAVES = False
    CONFIRM_DISCARD = True

    def __init__(self, today: date) -> None:
        super().__init__()
        self._today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("New pair", id="title")
            with VerticalScroll(id="fields"):
                yield Static("Mentor", classes="section")
                yield from _row("Name", Field(id="mentor-name", placeholder="required", compact=True))
                yield from _row("Pronouns", Field(id="mentor-pronouns", placeholder="e.g. she/her", compact=True))
                yield from _row("Contact", Field(id="mentor-contact", placeholder="how to reach them", compact=True))
                yield Static("Mentee", classes="section")
                yield from _row("Name", Field(id="mentee-name", placeholder="required", compact=True))
                yield from _row("Pronouns", Field(id="mentee-pronouns", compact=True))
                yield from _row("Contact", Field(id="mentee-contact", compact=True))
                yield Static("What you agree on", classes="section")
                yield from _row("Meet every (days)", Field("14", id="frequency", type="integer", compact=True))
                yield from _row(
                    "Format",
                    Select([(name, name) for name in FORMATS], value=FORMATS[0], allow_blank=False,
                           id="format", compact=True),
                )
                yield from _row("Length (minutes)", Field("60", id="length", type="integer", compact=True))
                yield from _row("Topics", Field(id="topics", placeholder="what you will talk about", compact=True))
                yield from _row("Rescheduling",
                                Field(id="reschedule", placeholder="how to move a meeting", compact=True))
                yield Checkbox("We agree to keep what we discuss confidential", id="confidential",
                               compact=True)
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Create pair", id="create", variant="primary")

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Field).value

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

    def collect(self) -> Pair | None:
        try:
            return self.build_pair()
        except ValidationError as error:
            for field_id, message in _problems(error):
                self.refuse(field_id, message)
            return None

    @on(Button.Pressed, "#create")
    def _create_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()


def _row(label: str, field: Field | Select[str]) -> ComposeResult:
    with Horizontal(classes="row"):
        yield Label(label)
        yield field


def _problems(error: ValidationError) -> list[tuple[str, str]]:
    """Each problem in plain English, with the id of the field it is about."""
    problems = []
    for item in error.errors():
        location = tuple(str(part) for part in item["loc"])
        if location[:1] in (("mentor",), ("mentee",)) and len(location) > 1:
            field_id = f"{location[0]}-{location[1]}"
        else:
            field_id = FIELD_IDS.get(location[:2], "mentor-name")
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] in ("int_type", "int_parsing"):
            message = "must be a whole number"
        problems.append((field_id, message[:1].upper() + message[1:].rstrip(".") + "."))
    return problems
