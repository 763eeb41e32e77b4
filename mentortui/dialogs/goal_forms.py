"""The goal editor (SMART fields with hints, complete-by date, check-in dates) and the
check-in form."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Static

from mentortui.core.dates import short_day
from mentortui.core.models import Goal, GoalTerm
from mentortui.core.smart_goals import (
    PLANNED_CHECKINS,
    SMART_FIELDS,
    SMART_HINTS,
    SMART_NAMES,
    propose_checkins,
)
from mentortui.dialogs.capture import DATE_PLACEHOLDER, MODAL_CSS, read_day
from mentortui.dialogs.form_dialog import FormDialog
from mentortui.widgets.fields import Field


@dataclass(frozen=True)
class GoalDraft:
    title: str
    term: GoalTerm
    fields: dict[str, str]
    complete_by: date
    checkin_dates: list[date]
    serves: str | None = None


@dataclass(frozen=True)
class CheckInDraft:
    on: date
    progress: int
    note: str


FORM_CSS = """
    {name} > Vertical {{ max-height: 100%; }}
    {name} VerticalScroll {{ height: auto; max-height: 1fr; }}
    {name} Horizontal {{ margin-bottom: 0; }}
    {name} .hint {{ color: $text-muted; padding-left: 12; height: auto; margin-bottom: 1; }}
"""


class GoalEditorScreen(FormDialog[GoalDraft]):
    DEFAULT_CSS = MODAL_CSS.format(name="GoalEditorScreen") + FORM_CSS.format(name="GoalEditorScreen")
    BINDINGS = [
        Binding("ctrl+s", "save", "Save goal", id="save", priority=True),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]
    ENTER_SAVES = False
    CONFIRM_DISCARD = True

    def __init__(self, goal: Goal | None, today: date, title: str = "New SMART goal",
                 long_goals: Sequence[Goal] = (), *, day_first: bool = False) -> None:
        """``long_goals``: the pair's long-term goals a short-term one can serve."""
        super().__init__()
        self._day_first = day_first
        self._goal = goal
        self._today = today
        self._title = title
        self._long_goals = [long for long in long_goals if goal is None or long.id != goal.id]
        self._checkins_typed = goal is not None and bool(goal.checkin_dates)

    def compose(self) -> ComposeResult:
        goal = self._goal
        with Vertical():
            yield Static(Text(self._title), classes="modal-title")
            with VerticalScroll():
                with Horizontal():
                    yield Label("Goal")
                    yield Field(goal.title if goal else "", id="title", compact=True,
                                placeholder="a short name for the goal")
                with Horizontal():
                    yield Label("Term")
                    yield Select([("Short term", "short"), ("Long term", "long")],
                                 value=goal.term if goal else "short", allow_blank=False, id="term",
                                 compact=True)
                with Horizontal(id="serves-row"):
                    yield Label("Serves")
                    yield Select([(Text(long.title), long.id) for long in self._long_goals],
                                 value=goal.serves if goal and goal.serves in self._ids() else Select.NULL,
                                 prompt="no long-term goal", id="serves", compact=True)
                for field in SMART_FIELDS:
                    hint, example = SMART_HINTS[field]
                    with Horizontal():
                        yield Label(SMART_NAMES[field])
                        yield Field(getattr(goal, field) if goal else "", id=field, compact=True)
                    yield Static(Text(f"{hint} e.g. {example}"), classes="hint")
                with Horizontal():
                    yield Label("Complete by")
                    yield Field(goal.complete_by.isoformat() if goal and goal.complete_by else "",
                                id="complete-by", placeholder=DATE_PLACEHOLDER, compact=True)
                yield Static("required", id="complete-by-read", classes="hint")
                planned = list(goal.checkin_dates) if goal else []
                for number in range(PLANNED_CHECKINS):
                    with Horizontal():
                        yield Label(f"Check-in {number + 1}")
                        value = planned[number].isoformat() if number < len(planned) else ""
                        yield Field(value, id=f"checkin-{number}", classes="checkin", compact=True)
            yield Static("ctrl+s saves, escape cancels", classes="help")

    def _ids(self) -> set[str]:
        return {long.id for long in self._long_goals}

    def on_mount(self) -> None:
        self._show_serves()

    @on(Select.Changed, "#term")
    def _show_serves(self) -> None:
        short = self.query_one("#term", Select).value == "short"
        self.query_one("#serves-row").display = short and bool(self._long_goals)

    @on(Input.Changed, "#complete-by")
    def _complete_by_changed(self, event: Input.Changed) -> None:
        day, reading = read_day(event.value, self._today, day_first=self._day_first)
        self.query_one("#complete-by-read", Static).update(Text(reading if event.value.strip() else "required"))
        if day is not None and not self._checkins_typed:
            with self.prevent(Input.Changed):
                proposed = [d.isoformat() for d in propose_checkins(self._today, day)]
                for number in range(PLANNED_CHECKINS):
                    value = proposed[number] if number < len(proposed) else ""
                    self.query_one(f"#checkin-{number}", Input).value = value

    @on(Input.Changed, ".checkin")
    def _checkin_typed(self) -> None:
        self._checkins_typed = True

    def collect(self) -> GoalDraft | None:
        title = " ".join(self.query_one("#title", Field).value.split())
        if not title:
            self.refuse("title", "Give the goal a name.")
        complete_by_text = self.query_one("#complete-by", Field).value
        complete_by, reading = read_day(complete_by_text, self._today, day_first=self._day_first)
        if complete_by is None:
            self.refuse("complete-by", reading if complete_by_text.strip() else "A complete-by date is required.")
        checkins = []
        for number in range(PLANNED_CHECKINS):
            text = self.query_one(f"#checkin-{number}", Field).value
            day, reading = read_day(text, self._today, day_first=self._day_first)
            if day is not None:
                checkins.append(day)
            elif text.strip():
                self.refuse(f"checkin-{number}", reading)
        if complete_by is None:
            return None
        term: GoalTerm = "long" if self.query_one("#term", Select).value == "long" else "short"
        serves = self.query_one("#serves", Select).value
        return GoalDraft(
            title=title,
            term=term,
            serves=serves if term == "short" and isinstance(serves, str) else None,
            fields={field: self.query_one(f"#{field}", Field).value.strip() for field in SMART_FIELDS},
            complete_by=complete_by,
            checkin_dates=sorted(checkins),
        )


class CheckInScreen(FormDialog[CheckInDraft]):
    DEFAULT_CSS = MODAL_CSS.format(name="CheckInScreen") + FORM_CSS.format(name="CheckInScreen")
    ENTER_SAVES = False

    def __init__(self, goal: Goal, today: date, *, day_first: bool = False) -> None:
        super().__init__()
        self._day_first = day_first
        self._goal = goal
        self._today = today

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"Check-in: {self._goal.title}"), classes="modal-title")
            history = Text()
            for checkin in self._goal.checkins:
                history.append(f"{short_day(checkin.on, self._today)}  {checkin.progress:>3}%  ")
                history.append(f"{checkin.note}\n")
            yield Static(history or Text("No check-ins yet."), id="history", classes="hint")
            with Horizontal():
                yield Label("Progress %")
                yield Field(str(self._goal.progress), id="progress", type="integer", compact=True)
            with Horizontal():
                yield Label("Date")
                yield Field("today", id="on", placeholder=DATE_PLACEHOLDER, compact=True)
            with Horizontal():
                yield Label("Note")
                yield Field(id="note", placeholder="what moved, what got in the way", compact=True)
            yield Static("enter on the note or ctrl+s saves, escape cancels", classes="help")

    def enter_pressed(self, field: Input) -> None:
        if field.id == "note":
            self.action_save()
        else:
            self.focus_next()

    def collect(self) -> CheckInDraft | None:
        on, reading = read_day(self.query_one("#on", Field).value, self._today, day_first=self._day_first)
        if on is None:
            self.refuse("on", reading)
        progress_text = self.query_one("#progress", Field).value.strip()
        progress = int(progress_text) if progress_text.isdigit() else -1
        if not 0 <= progress <= 100:
            self.refuse("progress", "A whole number from 0 to 100.")
        if on is None:
            return None
        return CheckInDraft(on, progress, " ".join(self.query_one("#note", Field).value.split()))
