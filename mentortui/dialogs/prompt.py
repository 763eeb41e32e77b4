"""A small modal asking for one line of text, and optionally a number of minutes."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Static

from mentortui.dialogs.form_dialog import FormDialog
from mentortui.widgets.fields import Field


@dataclass(frozen=True)
class PromptAnswer:
    text: str
    minutes: int | None


class PromptScreen(FormDialog[PromptAnswer]):
    DEFAULT_CSS = """
    PromptScreen { align: center middle; }
    PromptScreen > Vertical {
        width: 80; max-width: 100%; height: auto;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    PromptScreen #prompt-title { text-style: bold; margin-bottom: 1; }
    PromptScreen Horizontal { height: auto; }
    PromptScreen Label { width: 10; padding-top: 1; }
    PromptScreen #text { width: 1fr; }
    PromptScreen #minutes { width: 12; }
    PromptScreen #prompt-help { color: $text-muted; }
    PromptScreen .field-error { padding-left: 10; }
    """

    def __init__(self, title: str, text: str = "", minutes: int | None = None) -> None:
        super().__init__()
        self._title = title
        self._text = text
        self._minutes = minutes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self._title), id="prompt-title")
            with Horizontal():
                yield Label("Text")
                yield Field(self._text, id="text")
            if self._minutes is not None:
                with Horizontal():
                    yield Label("Minutes")
                    yield Field(str(self._minutes), id="minutes", type="integer")
            yield Static("enter or ctrl+s saves, escape cancels", id="prompt-help")

    def collect(self) -> PromptAnswer | None:
        text = " ".join(self.query_one("#text", Field).value.split())
        if not text:
            self.refuse("text", "The text must not be empty.")
        minutes = None
        if self._minutes is not None:
            value = self.query_one("#minutes", Field).value.strip()
            if value.isdigit() and int(value) <= 24 * 60:
                minutes = int(value)
            else:
                self.refuse("minutes", "Minutes must be a whole number up to 1440.")
        return PromptAnswer(text, minutes)
