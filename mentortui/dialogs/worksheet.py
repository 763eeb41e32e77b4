"""The GROW and personal SWOT worksheet form (four sections, each written in a text
area under its prompt), the one-key choice of kind, and ``edit_worksheet``, which opens
a pair's or a goal's worksheet and writes what was saved back into the pair."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Label, Static, TextArea

from mentortui.core.models import WORKSHEET_NAMES, WORKSHEET_SECTIONS, Pair, WorksheetKind, clean_text
from mentortui.core.worksheets import fill_worksheet, find_worksheet
from mentortui.dialogs.capture import MODAL_CSS
from mentortui.dialogs.choice import ChoiceScreen
from mentortui.dialogs.form_dialog import FormDialog

MAX_SECTION_CHARS = 10_000


class WorksheetScreen(FormDialog[dict[str, str]]):
    """The kind's four sections; returns each section's text by field, or None when
    cancelled. ``enter`` starts a new line, ``tab`` goes to the next section."""

    DEFAULT_CSS = MODAL_CSS.format(name="WorksheetScreen") + """
    WorksheetScreen > Vertical { max-height: 100%; }
    WorksheetScreen VerticalScroll { height: auto; max-height: 1fr; }
    WorksheetScreen Label { width: 1fr; text-style: bold; }
    WorksheetScreen .prompt { color: $text-muted; height: auto; }
    WorksheetScreen TextArea { height: 5; margin-bottom: 1; }
    WorksheetScreen .field-error { padding-left: 0; }
    """
    ENTER_SAVES = False
    CONFIRM_DISCARD = True

    def __init__(self, kind: WorksheetKind, title: str, texts: dict[str, str]) -> None:
        super().__init__()
        self._kind = kind
        self._title = title
        self._texts = texts

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self._title), classes="modal-title")
            with VerticalScroll():
                for field, heading, prompt in WORKSHEET_SECTIONS[self._kind]:
                    yield Label(Text(heading))
                    yield Static(Text(prompt), classes="prompt")
                    yield TextArea(self._texts.get(field, ""), id=field, soft_wrap=True, tab_behavior="focus")
            yield Static("ctrl+s saves, escape cancels; tab: next section", classes="help")

    def first_field(self) -> Widget | None:
        return self.query_one(TextArea)

    def _values(self) -> list[object]:
        # The text areas are this form's fields: escape asks before throwing away changes.
        return [*super()._values(), *(area.text for area in self.query(TextArea))]

    def collect(self) -> dict[str, str] | None:
        texts = {}
        for field, heading, _ in WORKSHEET_SECTIONS[self._kind]:
            text = clean_text(self.query_one(f"#{field}", TextArea).text).strip()
            if len(text) > MAX_SECTION_CHARS:
                self.refuse(field, f"Keep {heading} under {MAX_SECTION_CHARS:,} characters (it has {len(text):,}).")
            texts[field] = text
        return texts


class WorksheetKindScreen(ChoiceScreen):
    """Which worksheet: ``g`` GROW, ``s`` personal SWOT (or a button)."""

    BINDINGS = [
        Binding("g", "pick('grow')", "GROW", id="pick_grow"),
        Binding("s", "pick('swot')", "Personal SWOT", id="pick_swot"),
    ]

    def __init__(self, whose: str) -> None:
        super().__init__(f"Which worksheet for {whose}? g: GROW (goal, reality, options, will), "
                         "s: personal SWOT (strengths, weaknesses, opportunities, threats)",
                         [("grow", "GROW (g)"), ("swot", "Personal SWOT (s)")])

    def action_pick(self, kind: str) -> None:
        self._answer(kind)


def edit_worksheet(screen: Screen[Any], pair: Pair, kind: WorksheetKind, goal_id: str | None, today: date,
                   saved: Callable[[], None], meeting_id: str | None = None) -> None:
    """Open the pair's (``goal_id`` None) or the goal's worksheet of ``kind`` (a new one
    when it has none, dated ``today`` and tied to ``meeting_id``), write what is saved into
    the pair, then call ``saved``."""
    sheet = find_worksheet(pair, kind, goal_id)
    goal = pair.goal(goal_id) if goal_id else None
    whose = goal.title if goal else pair.title
    texts = {field: getattr(sheet, field) for field, _, _ in WORKSHEET_SECTIONS[kind]} if sheet else {}

    def answered(result: dict[str, str] | None) -> None:
        if result is not None:
            fill_worksheet(pair, kind, goal_id, result, today, meeting_id)
            saved()

    screen.app.push_screen(WorksheetScreen(kind, f"{WORKSHEET_NAMES[kind]} worksheet · {whose}", texts), answered)


def choose_worksheet(screen: Screen[Any], whose: str, chosen: Callable[[WorksheetKind], None]) -> None:
    """Ask which kind of worksheet (one key), then call ``chosen`` with it."""

    def answered(kind: str | None) -> None:
        if kind in WORKSHEET_NAMES:
            chosen(cast(WorksheetKind, kind))

    screen.app.push_screen(WorksheetKindScreen(whose), answered)
