"""Questions as modals: a message and a row of buttons. ``ConfirmScreen`` asks yes or no;
``QuestionScreen`` is the base ``choice.ChoiceScreen`` shares."""

from __future__ import annotations

from typing import Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static
from textual.widgets.button import ButtonVariant

AnswerT = TypeVar("AnswerT")


class QuestionScreen(ModalScreen[AnswerT], Generic[AnswerT]):
    """Shows ``message`` and ``buttons`` (id, label, variant), the focus on ``focus``;
    returns what ``answer`` makes of the button pressed (None: escape)."""

    DEFAULT_CSS = """
    QuestionScreen { align: center middle; }
    QuestionScreen > Vertical {
        width: 76; max-width: 95%; height: auto;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    QuestionScreen Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    QuestionScreen Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, message: str, buttons: list[tuple[str, str, ButtonVariant]], focus: str) -> None:
        super().__init__()
        self._message = message
        self._buttons = buttons
        self._focus = focus

    def answer(self, button_id: str | None) -> AnswerT:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self._message), id="message")
            with Horizontal():
                for button_id, label, variant in self._buttons:
                    yield Button(Text(label), id=button_id, variant=variant)

    def on_mount(self) -> None:
        self.query_one(f"#{self._focus}", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self._answer(event.button.id)

    def action_cancel(self) -> None:
        self._answer(None)

    def _answer(self, button_id: str | None) -> None:
        # A double-click presses twice; the second must not dismiss the screen below.
        if self.is_active:
            self.dismiss(self.answer(button_id))


class ConfirmScreen(QuestionScreen[bool]):
    def __init__(self, message: str, confirm: str = "OK", cancel: str = "Cancel", *,
                 focus_cancel: bool = False) -> None:
        """``focus_cancel`` puts the focus on the cancel button, for questions where
        pressing enter by habit must not do the harm (discarding what was typed)."""
        super().__init__(message, [("no", cancel, "default"), ("yes", confirm, "primary")],
                         "no" if focus_cancel else "yes")

    def answer(self, button_id: str | None) -> bool:
        return button_id == "yes"
