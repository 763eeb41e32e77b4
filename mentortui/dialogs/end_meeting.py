"""Ending a meeting with the checklist: next meeting set, every action item has an owner
and a delivery date, the assignment given, a last look at the notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Checkbox, Input, Label, Select, Static

from mentortui.core.assignments import default_due
from mentortui.core.dates import (
    DateParseError,
    both_readings,
    moment_readings,
    parse_moment,
    relative_day,
    short_day,
    short_moment,
)
from mentortui.core.end_checklist import EndFacts, ticked
from mentortui.core.models import STAGE_NAMES, ActionItem, Attendance
from mentortui.dialogs.capture import DATE_PLACEHOLDER, MODAL_CSS, read_day
from mentortui.dialogs.form_dialog import FormDialog
from mentortui.widgets.app_seam import UsesMentorApp
from mentortui.widgets.fields import Field, chosen

NOTES_PREVIEW_LINES = 8


@dataclass(frozen=True)
class EndChoice:
    next_start: datetime | None
    """None when the meeting closes the relationship: nothing comes after it."""
    assignment: str
    stage: int
    due_dates: dict[str, date]
    attended: Attendance = "both"
    assignment_due: date | None = None
    calendar: bool = False
    """Write the pair's calendar file (the next meeting, the delivery dates) once it has ended."""


ATTENDANCE: tuple[tuple[str, Attendance], ...] = (
    ("Both of us", "both"), ("The mentor only", "mentor"), ("The mentee only", "mentee"))
DUE_PLACEHOLDER = "the next meeting's day"
CALENDAR_LABEL = "Add the next meeting to my calendar (.ics)"


class EndMeetingScreen(UsesMentorApp, FormDialog[EndChoice]):
    DEFAULT_CSS = MODAL_CSS.format(name="EndMeetingScreen") + """
    EndMeetingScreen > Vertical { max-height: 100%; }
    EndMeetingScreen VerticalScroll { height: auto; max-height: 1fr; }
    EndMeetingScreen .section { text-style: bold; color: $text-accent; }
    EndMeetingScreen #notes-preview { color: $text-muted; height: auto; margin-bottom: 1; }
    EndMeetingScreen .item-text { width: 1fr; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "End meeting", id="save", priority=True),
        Binding("escape", "cancel", "Keep going", id="cancel"),
    ]
    ENTER_SAVES = False

    def __init__(self, *, suggested: datetime, assignment: str, stage: int, missing: list[ActionItem],
                 notes: str, today: date, checklist: tuple[str, ...] = (), closing: bool = False,
                 day_first: bool = False) -> None:
        super().__init__()
        self._day_first = day_first
        self._suggested = suggested
        self._assignment = assignment
        self._stage = stage
        self._missing = missing
        self._notes = notes
        self._today = today
        self._checklist = checklist
        self._closes_pair = closing

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("End the meeting", classes="modal-title")
            with VerticalScroll():
                yield Static("Next meeting", classes="section")
                if self._closes_pair:
                    yield Static("None: this is the closing meeting. Ending it asks for the closing summary "
                                 "and closes the relationship.", id="no-next")
                else:
                    with Horizontal():
                        yield Label("When")
                        yield Field(f"{self._suggested:%Y-%m-%d %H:%M}", id="next", compact=True)
                    yield Static(self._read_next(f"{self._suggested:%Y-%m-%d %H:%M}"), id="next-read",
                                 classes="read-back")
                    yield Checkbox(CALENDAR_LABEL, id="calendar", compact=True)
                if self._missing:
                    yield Static("Action items without a delivery date", classes="section")
                    for item in self._missing:
                        with Horizontal():
                            yield Label(Text(item.text), classes="item-text")
                        with Horizontal():
                            yield Label("Delivery")
                            yield Field(id=f"due-{item.id}", placeholder=DATE_PLACEHOLDER, compact=True,
                                        classes="due")
                else:
                    yield Static("Every action item has an owner and a delivery date.")
                yield Static("Assignment for next time", classes="section")
                with Horizontal():
                    yield Label("Assignment")
                    yield Field(self._assignment, id="assignment", compact=True)
                with Horizontal():
                    yield Label("Due")
                    yield Field(id="assignment-due", placeholder=DUE_PLACEHOLDER, compact=True)
                yield Static(self._read_due(""), id="assignment-due-read", classes="read-back")
                with Horizontal():
                    yield Label("Attended")
                    yield Select(ATTENDANCE, value="both", allow_blank=False, id="attended", compact=True)
                with Horizontal():
                    yield Label("Stage")
                    yield Select([(f"{n}. {name}", n) for n, name in STAGE_NAMES.items()],
                                 value=self._stage, allow_blank=False, id="stage", compact=True)
                if self._checklist:
                    yield Static("At the end of the meeting", classes="section")
                    yield Static(self._ticks(), id="checklist")
                yield Static("Last lines of the notes", classes="section")
                preview = "\n".join(self._notes.rstrip().splitlines()[-NOTES_PREVIEW_LINES:])
                yield Static(Text(preview or "(no notes)"), id="notes-preview")
            yield Static("ctrl+s ends the meeting, escape goes back to it", classes="help")

    def _read_next(self, text: str) -> Text:
        try:
            start, other = moment_readings(text, self._today, self._suggested.time(), day_first=self._day_first)
        except DateParseError as error:
            return Text(str(error), style="bold")
        if other is not None:
            return Text(both_readings(short_moment(start, self._today), short_moment(other, self._today),
                                      day_first=self._day_first), style="bold")
        return Text(f"{short_moment(start, self._today)}, {relative_day(start.date(), self._today)}")

    @on(Input.Changed, "#next")
    def _next_changed(self, event: Input.Changed) -> None:
        self.query_one("#next-read", Static).update(self._read_next(event.value))

    def _value(self, field_id: str, before_mount: str) -> str:
        """What the field holds now; ``before_mount`` while the dialog is being built."""
        field = next(iter(self.query(f"#{field_id}").results(Field)), None)
        return before_mount if field is None else field.value

    def _typed_next(self) -> datetime | None:
        """The next meeting as typed now, if it reads as a moment still to come."""
        if self._closes_pair:
            return None
        text = self._value("next", f"{self._suggested:%Y-%m-%d %H:%M}")
        try:
            start = parse_moment(text, self._today, self._suggested.time(), day_first=self._day_first)
        except DateParseError:
            return None
        return start if start > self.app.now() else None

    def _read_due(self, text: str) -> Text:
        if text.strip():
            return Text(read_day(text, self._today, day_first=self._day_first)[1])
        due = default_due(self._typed_next())
        return Text(f"at the next meeting, {short_day(due, self._today)}" if due else "no next meeting set yet")

    def _ticks(self) -> Text:
        """The checklist, each line ticked by what the fields say now."""
        dated = all(read_day(self._value(f"due-{item.id}", ""), self._today, day_first=self._day_first)[0] is not None
                    for item in self._missing)
        facts = EndFacts(next_set=self._typed_next() is not None, actions_dated=dated,
                         assignment_written=bool(self._value("assignment", self._assignment).strip()))
        text = Text()
        for line, done in ticked(self._checklist, facts):
            text.append("[x] " if done else "[ ] ", style="bold" if done is False else "")
            text.append(f"{line}\n", style="" if done is not None else "dim")
        text.rstrip()
        return text

    @on(Input.Changed)
    def _recheck(self, event: Input.Changed) -> None:
        if event.input.id == "assignment-due" or event.input.id == "next":
            due = self.query_one("#assignment-due", Field).value
            self.query_one("#assignment-due-read", Static).update(self._read_due(due))
        if self._checklist:
            self.query_one("#checklist", Static).update(self._ticks())

    def collect(self) -> EndChoice | None:
        next_start = None if self._closes_pair else self._next_start()
        due_dates = {}
        for item in self._missing:
            typed = self.query_one(f"#due-{item.id}", Field).value
            day, reading = read_day(typed, self._today, day_first=self._day_first)
            if day is None:
                self.refuse(f"due-{item.id}", reading if typed.strip() else
                            "Give it a delivery date: every action item needs one.")
            else:
                due_dates[item.id] = day
        due_text = self.query_one("#assignment-due", Field).value
        assignment_due, reading = read_day(due_text, self._today, day_first=self._day_first)
        if assignment_due is None and due_text.strip():
            self.refuse("assignment-due", reading)
        if next_start is None and not self._closes_pair:
            return None
        return EndChoice(
            next_start=next_start,
            assignment=" ".join(self.query_one("#assignment", Field).value.split()),
            stage=int(chosen(self.query_one("#stage", Select))),
            due_dates=due_dates,
            attended=chosen(self.query_one("#attended", Select)),
            assignment_due=assignment_due or default_due(next_start),
            calendar=not self._closes_pair and self.query_one("#calendar", Checkbox).value,
        )

    def _next_start(self) -> datetime | None:
        """The next meeting as typed; it must be in the future (a past one is refused)."""
        try:
            start = parse_moment(self.query_one("#next", Field).value, self._today, self._suggested.time(),
                                 day_first=self._day_first)
        except DateParseError as error:
            self.refuse("next", str(error))
            return None
        if start <= self.app.now():
            self.refuse("next", f"{short_moment(start, self._today)} has already gone by: "
                                "the next meeting must be later than now.")
            return None
        return start
