"""The pair form: who the two people are, what they agree on and the programme's dates.
It creates a pair, and edits one afterwards (from its home, or from the first meeting's
agreement items)."""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from mentortui.core.agreement import date_problems, default_review, differs_from_defaults, interval_note
from mentortui.core.dates import DateParseError, parse_day, read_typed_day, short_day
from mentortui.core.models import MENTOR_STYLES, Pair
from mentortui.dialogs.form_dialog import FormDialog
from mentortui.widgets.fields import Field

FORMATS = ("video call", "phone call", "in person", "chat", "a mix")
DATE_FIELDS = ("started_on", "review_on", "ends_on")

# The form's fields by where pydantic reports a problem with them.
FIELD_IDS: dict[tuple[str, ...], str] = {
    ("expectations", "frequency_days"): "frequency",
    ("expectations", "length_minutes"): "length",
    ("expectations", "format"): "format",
    ("expectations", "topics"): "topics",
    ("expectations", "measure"): "measure",
    ("expectations", "reschedule"): "reschedule",
    ("expectations", "reply_days"): "reply",
    ("expectations", "style"): "style",
    ("expectations", "confidentiality_agreed"): "confidential",
}


class PairFormScreen(FormDialog[Pair]):
    """Returns the pair as typed: a new pair to create, or, when ``pair`` is given, the
    edited facts for ``core.agreement.update_pair`` to copy into it. ``agreeing`` opens
    the form on the agreement, to settle it during the first meeting."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save", priority=True),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]
    ENTER_SAVES = False
    CONFIRM_DISCARD = True

    def __init__(self, today: date, pair: Pair | None = None, *, agreeing: bool = False,
                 day_first: bool = False) -> None:
        super().__init__()
        self._day_first = day_first
        self._today = today
        self._pair = pair
        self._agreeing = agreeing
        started = pair.started_on if pair is not None else today
        review = pair.review_on if pair is not None else default_review(today)
        self._initial_dates: dict[str, date | None] = {
            "started_on": started, "review_on": review, "ends_on": pair.ends_on if pair else None}
        # The last match date read: a new pair's review point follows it while it is the default.
        self._match = started

    def compose(self) -> ComposeResult:
        pair = self._pair
        expect = pair.expectations if pair is not None else None
        with Vertical(id="dialog"):
            yield Static(self._title(), id="title")
            with VerticalScroll(id="fields"):
                for role, placeholder in (("mentor", "e.g. she/her"), ("mentee", "")):
                    person = getattr(pair, role) if pair is not None else None
                    yield Static(role.capitalize(), classes="section")
                    yield from _row("Name", Field(person.name if person else "", id=f"{role}-name",
                                                  placeholder="required", compact=True))
                    yield from _row("Pronouns", Field(person.pronouns if person else "", id=f"{role}-pronouns",
                                                      placeholder=placeholder, compact=True))
                    yield from _row("Contact", Field(person.contact if person else "", id=f"{role}-contact",
                                                     placeholder="how to reach them" if placeholder else "",
                                                     compact=True))
                yield Static("What you agree on", classes="section", id="agreement")
                yield from _row("Meet every (days)", Field(str(expect.frequency_days) if expect else "14",
                                                           id="frequency", type="integer", compact=True))
                yield Static(id="frequency-note", classes="note")
                formats = FORMATS if expect is None or expect.format in FORMATS else (*FORMATS, expect.format)
                yield from _row("Format", Select([(Text(name), name) for name in formats],
                                                 value=expect.format if expect else FORMATS[0], allow_blank=False,
                                                 id="format", compact=True))
                yield from _row("Length (minutes)", Field(str(expect.length_minutes) if expect else "60",
                                                          id="length", type="integer", compact=True))
                yield from _row("Topics", Field(expect.topics if expect else "", id="topics",
                                                placeholder="what you will talk about", compact=True))
                yield from _row("Measuring progress", Field(expect.measure if expect else "", id="measure",
                                                            placeholder="how you will see progress",
                                                            compact=True))
                yield from _row("Rescheduling", Field(expect.reschedule if expect else "", id="reschedule",
                                                      placeholder="how to move a meeting", compact=True))
                yield from _row("Reply within (days)", Field(str(expect.reply_days) if expect else "2",
                                                             id="reply", type="integer", compact=True))
                yield from _row("Mentorship style", Select(
                    [(Text(f"{name}: {about}"), style) for style, (name, about) in MENTOR_STYLES.items()],
                    prompt="not chosen", value=expect.style if expect and expect.style else Select.NULL,
                    id="style", compact=True))
                yield Checkbox("We agree to keep what we discuss confidential",
                               expect.confidentiality_agreed if expect else False, id="confidential", compact=True)
                yield Static("Programme dates", classes="section")
                for field_id, label, placeholder in (("started_on", "Match date", "required, e.g. 2026-09-01"),
                                                     ("review_on", "Review point", "none set; e.g. +3m, 2027-02-01"),
                                                     ("ends_on", "End date", "none set; e.g. 2027-06-30")):
                    day = self._initial_dates[field_id]
                    yield from _row(label, Field(day.isoformat() if day else "", id=field_id,
                                                 placeholder=placeholder, compact=True),
                                    Static(self._read_back(day), id=f"{field_id}-read", classes="read-back"))
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Create pair" if pair is None else "Save", id="submit", variant="primary")

    def _title(self) -> Text:
        if self._pair is None:
            return Text("New pair")
        if self._agreeing:
            return Text(f"What we agree on: {self._pair.title}")
        return Text(f"Edit pair: {self._pair.title}")

    def on_mount(self) -> None:
        super().on_mount()
        self._show_frequency_note(self._value("frequency"))
        if self._agreeing:
            self.call_after_refresh(self.query_one("#agreement").scroll_visible, top=True, animate=False)

    def first_field(self) -> Widget | None:
        """The agreement's first field when the form was opened to settle it."""
        return self.query_one("#frequency", Field) if self._agreeing else super().first_field()

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Field).value

    def _number(self, widget_id: str) -> int | str:
        text = self._value(widget_id).strip()
        return int(text) if text.lstrip("-").isdigit() else text

    def _person(self, role: str) -> dict[str, str]:
        return {field: self._value(f"{role}-{field}") for field in ("name", "pronouns", "contact")}

    def _read_back(self, day: date | None) -> Text:
        return Text(short_day(day, self._today) if day else "")

    # Live readings ------------------------------------------------------------------

    @on(Input.Changed, "#frequency")
    def _frequency_changed(self, event: Input.Changed) -> None:
        self._show_frequency_note(event.value)

    def _show_frequency_note(self, text: str) -> None:
        note = self.query_one("#frequency-note", Static)
        days = int(text) if text.strip().isdigit() else 0
        message = interval_note(days) if 0 < days <= 365 else ""
        note.update(Text(message))
        note.display = bool(message)

    @on(Input.Changed, "#started_on, #review_on, #ends_on")
    def _date_changed(self, event: Input.Changed) -> None:
        field_id = event.input.id or ""
        day: date | None = None
        reading = self._read_back(None)
        if event.value.strip():
            try:
                day, both = read_typed_day(event.value, self._today, day_first=self._day_first)
            except DateParseError:
                self.query_one(f"#{field_id}-read", Static).update(Text("not a date yet"))
                return
            reading = self._read_back(day) if both is None else Text(both)
        self.query_one(f"#{field_id}-read", Static).update(reading)
        if field_id == "started_on" and day is not None:
            review = self.query_one("#review_on", Field)
            if self._pair is None and review.value == default_review(self._match).isoformat():
                review.value = default_review(day).isoformat()
            self._match = day

    # Saving -------------------------------------------------------------------------

    def _read_dates(self) -> dict[str, date | None]:
        days: dict[str, date | None] = {}
        for field_id in DATE_FIELDS:
            text = self._value(field_id)
            days[field_id] = None
            if not text.strip():
                if field_id == "started_on":
                    self.refuse(field_id, "Give the match date: the day the relationship started.")
                continue
            try:
                days[field_id] = parse_day(text, self._today, day_first=self._day_first)
            except DateParseError as error:
                self.refuse(field_id, _sentence(str(error)))
        started = days["started_on"]
        if started is not None:
            for field_id, why in date_problems(started, days["review_on"], days["ends_on"]):
                self.refuse(field_id, why)
        return days

    def build_pair(self, days: dict[str, date | None]) -> Pair:
        style = self.query_one("#style", Select).value
        pair = Pair.model_validate({
            "mentor": self._person("mentor"),
            "mentee": self._person("mentee"),
            "expectations": {
                "frequency_days": self._number("frequency"),
                "format": str(self.query_one("#format", Select).value),
                "length_minutes": self._number("length"),
                "topics": self._value("topics"),
                "measure": self._value("measure"),
                "reschedule": self._value("reschedule"),
                "reply_days": self._number("reply"),
                "style": None if style is Select.NULL else style,
                "confidentiality_agreed": self.query_one("#confidential", Checkbox).value,
            },
            "started_on": days["started_on"] or self._today,
            "review_on": days["review_on"],
            "ends_on": days["ends_on"],
        })
        if self._pair is None and differs_from_defaults(pair.expectations):
            pair.expectations.agreed_on = self._today
        return pair

    def collect(self) -> Pair | None:
        days = self._read_dates()
        try:
            return self.build_pair(days)
        except ValidationError as error:
            for field_id, message in _problems(error):
                self.refuse(field_id, message)
            return None

    @on(Button.Pressed, "#submit")
    def _submit_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()


def _row(label: str, field: Field | Select[str], *after: Static) -> ComposeResult:
    with Horizontal(classes="row"):
        yield Label(label)
        yield field
        yield from after


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:].rstrip(".") + "."


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
        problems.append((field_id, _sentence(message)))
    return problems
