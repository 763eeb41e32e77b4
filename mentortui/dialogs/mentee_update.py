"""The mentee's update since the last meeting: a few lines written before the next one."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static, TextArea

from mentortui.core.models import clean_text
from mentortui.dialogs.capture import MODAL_CSS
from mentortui.dialogs.form_dialog import FormDialog

MAX_UPDATE_CHARS = 10_000


class MenteeUpdateScreen(FormDialog[str]):
    """A multi-line form; returns the update as written (trimmed), or None when cancelled.
    ``enter`` starts a new line; ``ctrl+s`` saves."""

    DEFAULT_CSS = MODAL_CSS.format(name="MenteeUpdateScreen") + """
    MenteeUpdateScreen #update { height: 12; margin-bottom: 1; }
    MenteeUpdateScreen .field-error { padding-left: 0; }
    """
    ENTER_SAVES = False
    CONFIRM_DISCARD = True

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self._title = title
        self._text = text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self._title), classes="modal-title")
            yield TextArea(self._text, id="update", soft_wrap=True)
            yield Static("ctrl+s saves, escape cancels; enter starts a new line", classes="help")

    def first_field(self) -> Widget | None:
        """The update, with the cursor at its end to go on writing."""
        update = self.query_one("#update", TextArea)
        update.move_cursor(update.document.end)
        return update

    def _values(self) -> list[object]:
        # The text area is this form's field: escape asks before throwing away a changed update.
        return [*super()._values(), self.query_one("#update", TextArea).text]

    def collect(self) -> str | None:
        text = clean_text(self.query_one("#update", TextArea).text).strip()
        if len(text) > MAX_UPDATE_CHARS:
            self.refuse("update", f"Keep the update under {MAX_UPDATE_CHARS:,} characters "
                                  f"(it has {len(text):,}).")
        return text
