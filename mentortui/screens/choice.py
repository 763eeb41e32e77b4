"""A question with several answers as a modal that returns the chosen one (None on escape)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

CANCEL = "cancel"


class ChoiceScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    ChoiceScreen { align: center middle; }
    ChoiceScreen > Vertical {
        width: 80; max-width: 95%; height: auto;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    ChoiceScreen Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    ChoiceScreen Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, message: str, choices: list[tuple[str, str]]) -> None:
        """``choices`` are (answer, button label) pairs, each answer a valid widget id
        other than "cancel"; the first one has the focus."""
        super().__init__()
        self._message = message
        self._choices = choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self._message), id="message")
            with Horizontal():
                for answer, label in self._choices:
                    yield Button(Text(label), id=answer)
                yield Button("Cancel", id=CANCEL)

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == CANCEL else event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
