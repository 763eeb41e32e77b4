"""Leaving a pair whose last save failed: retry, save a copy elsewhere, or lose the changes.

The dialog does the retry and the copy itself and returns only how it ended: ``SAVED``
(the pair file holds everything now), ``COPIED`` (a copy does), ``LOSE``, or None when
the person goes back to the pair.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from mentortui.storage.decoding import Raw
from mentortui.storage.errors import describe_error
from mentortui.storage.session import PairSession, write_copy


class UnsavedScreen(ModalScreen[str | None]):
    SAVED = "saved"
    COPIED = "copied"
    LOSE = "lose"

    DEFAULT_CSS = """
    UnsavedScreen { align: center middle; }
    UnsavedScreen > Vertical {
        width: 96; max-width: 100%; height: auto;
        border: thick $error; background: $surface; padding: 1 2;
    }
    UnsavedScreen #unsaved-title { text-style: bold; }
    UnsavedScreen #cause, UnsavedScreen #count { margin-top: 1; }
    UnsavedScreen .row { height: auto; margin-top: 1; }
    UnsavedScreen Label { padding-top: 1; width: 16; }
    UnsavedScreen #copy-path { width: 1fr; }
    UnsavedScreen Button { margin-right: 2; }
    UnsavedScreen #status { height: auto; color: $text-warning; }
    """
    BINDINGS = [Binding("escape", "back", "Back to the pair", id="back")]

    def __init__(self, session: PairSession, now: datetime) -> None:
        super().__init__()
        self._session = session
        self._copy_name = f"mentortui-{session.slug}-{now:%Y%m%d-%H%M%S}.json"
        self._working = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Your changes are not saved", id="unsaved-title")
            yield Static(id="cause")
            yield Static(id="count")
            with Horizontal(classes="row"):
                yield Label("Save a copy to")
                yield Input(str(Path.home() / self._copy_name), id="copy-path")
            with Horizontal(classes="row"):
                yield Button("Retry", id="retry", variant="primary")
                yield Button("Save a copy", id="copy")
                yield Button("Quit and lose them", id="lose", variant="error")
                yield Button("Back", id="back")
            yield Static(id="status")

    def on_mount(self) -> None:
        self._show_problem()
        self.query_one("#retry", Button).focus()

    def _show_problem(self) -> None:
        error = self._session.save_error
        cause = describe_error(error) if error is not None else "the last save did not finish"
        self.query_one("#cause", Static).update(Text(f"Saving the pair failed: {cause}."))
        characters = self._session.unsaved_characters()
        self.query_one("#count", Static).update(Text(
            f"{characters:,} characters of changes are only in this window, not in the pair file."
            if characters else "Some changes (no text) are only in this window, not in the pair file."))

    def _status(self, text: str, working: bool = False) -> None:
        """Say what is going on; while a save is under way no button can be pressed."""
        self._working = working
        self.query_one("#status", Static).update(Text(text))
        for button in self.query(Button):
            button.disabled = working

    @on(Button.Pressed, "#retry")
    def action_retry(self) -> None:
        self._status("Saving…", working=True)
        self._session.save()
        self._wait_for_retry()

    @work(thread=True, exit_on_error=False, group="unsaved")
    def _wait_for_retry(self) -> None:
        self._session.flush()
        self.app.call_from_thread(self._retried)

    def _retried(self) -> None:
        if self._session.save_error is None:
            self.dismiss(self.SAVED)
            return
        self._show_problem()
        self._status("Still not saved. Free some space or fix the folder and retry, or save a copy.")
        self.query_one("#retry", Button).focus()

    @on(Button.Pressed, "#copy")
    @on(Input.Submitted, "#copy-path")
    def action_copy(self) -> None:
        text = self.query_one("#copy-path", Input).value.strip()
        if not text:
            self._status("Type where the copy goes.")
            return
        target = Path(text).expanduser()
        if not target.is_absolute():
            target = Path.home() / target
        self._status("Saving a copy…", working=True)
        self._write_copy(target, self._session.snapshot())

    @work(thread=True, exit_on_error=False, group="unsaved")
    def _write_copy(self, target: Path, raw: Raw) -> None:
        try:
            written = write_copy(target, raw, self._copy_name)
        except OSError as error:
            self.app.call_from_thread(self._status, f"The copy was not saved: {describe_error(error)}.")
        else:
            self.app.call_from_thread(self._copied, written)

    def _copied(self, path: Path) -> None:
        self.app.notify(f"Saved a copy of the pair to {path}", title="Copy saved", timeout=12,
                        markup=False)
        self.dismiss(self.COPIED)

    @on(Button.Pressed, "#lose")
    def _lose(self) -> None:
        self.dismiss(self.LOSE)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        if not self._working:  # the save under way reports back to this dialog
            self.dismiss(None)
