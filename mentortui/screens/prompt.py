"""A small modal asking for one line of text, and optionally a number of minutes."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


@dataclass(frozen=True)
class PromptAnswer:
    text: str
    minutes: int | None


class PromptScreen(ModalScreen[PromptAnswer | None]):
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
    PromptScreen #prompt-error { color: $error; height: auto; }
    PromptScreen #prompt-help { color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

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
                yield Input(self._text, id="text")
            if self._minutes is not None:
                with Horizontal():
                    yield Label("Minutes")
                    yield Input(str(self._minutes), id="minutes", type="integer")
            yield Static(id="prompt-error")
            yield Static("enter to save, escape to cancel", id="prompt-help")

    @on(Input.Submitted)
    def _submitted(self) -> None:
        text = " ".join(self.query_one("#text", Input).value.split())
        if not text:
            self.query_one("#prompt-error", Static).update("The text must not be empty.")
            return
        minutes = None
        if self._minutes is not None:
            value = self.query_one("#minutes", Input).value.strip()
            if not value.isdigit() or int(value) > 24 * 60:
                self.query_one("#prompt-error", Static).update("Minutes must be a whole number up to 1440.")
                return
            minutes = int(value)
        self.dismiss(PromptAnswer(text, minutes))

    def action_cancel(self) -> None:
        self.dismiss(None)
