"""A yes/no question as a modal that returns the answer."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool]):
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: 70; max-width: 95%; height: auto;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    ConfirmScreen Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    ConfirmScreen Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, message: str, confirm: str = "OK", cancel: str = "Cancel", *,
                 focus_cancel: bool = False) -> None:
        """``focus_cancel`` puts the focus on the cancel button, for questions where
        pressing enter by habit must not do the harm (discarding what was typed)."""
        super().__init__()
        self._message = message
        self._confirm = confirm
        self._cancel = cancel
        self._focus_cancel = focus_cancel

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self._message), id="message")
            with Horizontal():
                yield Button(Text(self._cancel), id="no")
                yield Button(Text(self._confirm), id="yes", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no" if self._focus_cancel else "#yes", Button).focus()

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_cancel(self) -> None:
        self.dismiss(False)
