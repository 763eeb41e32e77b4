"""The closing summary: what the relationship reached, what the mentee takes forward, and the
programme evaluation, written when the pair closes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Label, Static, TextArea

from mentortui.core.models import CLOSING_QUESTIONS, ClosingSummary, clean_text
from mentortui.dialogs.capture import MODAL_CSS
from mentortui.dialogs.form_dialog import FormDialog

MAX_ANSWER_CHARS = 5_000


class ClosingScreen(FormDialog[ClosingSummary]):
    """One short multi-line answer per closing question; returns the summary, or None when
    cancelled (the pair then stays open). ``tab`` goes to the next answer, ``ctrl+s`` closes."""

    DEFAULT_CSS = MODAL_CSS.format(name="ClosingScreen") + """
    ClosingScreen > Vertical { height: 100%; }
    ClosingScreen VerticalScroll { height: 1fr; }
    ClosingScreen Label { width: 1fr; text-style: bold; }
    ClosingScreen TextArea { height: 4; margin-bottom: 1; }
    ClosingScreen .field-error { padding-left: 0; }
    """
    ENTER_SAVES = False
    CONFIRM_DISCARD = True

    def __init__(self, title: str, summary: ClosingSummary) -> None:
        super().__init__()
        self._title = title
        self._summary = summary

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self._title), classes="modal-title")
            with VerticalScroll():
                for field, question in CLOSING_QUESTIONS:
                    yield Label(Text(question))
                    yield TextArea(getattr(self._summary, field), id=field, soft_wrap=True)
            yield Static("ctrl+s closes the relationship, escape goes back; tab to the next question",
                         classes="help")

    def first_field(self) -> Widget | None:
        first = self.query_one(f"#{CLOSING_QUESTIONS[0][0]}", TextArea)
        first.move_cursor(first.document.end)
        return first

    def _values(self) -> list[object]:
        return [*super()._values(), *(area.text for area in self.query(TextArea))]

    def collect(self) -> ClosingSummary | None:
        answers = {}
        for field, _ in CLOSING_QUESTIONS:
            text = clean_text(self.query_one(f"#{field}", TextArea).text).strip()
            if len(text) > MAX_ANSWER_CHARS:
                self.refuse(field, f"Keep each answer under {MAX_ANSWER_CHARS:,} characters (it has {len(text):,}).")
            answers[field] = text
        return ClosingSummary(**answers)
