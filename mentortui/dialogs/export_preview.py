"""Export preview: builds the summary it is given off the UI thread (with a loading
indicator), shows the Markdown as it will be written, then writes or copies it. It says
who the summary is for, the other person (the default: private notes left out) or me,
and ``f`` switches between the two."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, LoadingIndicator, Static, TextArea

from mentortui.core.export import Audience, audience_line
from mentortui.storage.errors import describe_error
from mentortui.storage.session import PairSession


class ExportScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical {
        width: 100; max-width: 100%; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ExportScreen #export-title { text-style: bold; }
    ExportScreen #audience { color: $text-warning; }
    ExportScreen #audience.-them { color: $text-success; }
    ExportScreen #preview { height: 1fr; }
    ExportScreen #building { height: 1fr; }
    ExportScreen #export-status { color: $text-muted; height: auto; }
    """
    BINDINGS = [
        Binding("w", "write", "Write file", id="write"),
        Binding("c", "copy", "Copy", id="copy"),
        Binding("f", "switch_audience", "For whom", id="switch_audience",
                tooltip="For the other person (no private notes) or for me (with them)"),
        Binding("escape", "close", "Close", id="close"),
    ]

    def __init__(self, title: str, build: Callable[[Mapping[str, str] | None], str], session: PairSession,
                 file_stem: str, private_notes: Mapping[str, str]) -> None:
        """``build`` makes the Markdown (it runs on a worker thread) from my private notes
        (meeting id to text), or from None for the other person; ``w`` writes it into the
        pair's exports folder as ``file_stem``.md (``file_stem``-for-me.md for me)."""
        super().__init__()
        self._title = title
        self._build = build
        self._session = session
        self._file_stem = file_stem
        self._private_notes = private_notes
        self._audience: Audience = "them"
        self._markdown: str | None = None

    @property
    def _path(self) -> Path:
        suffix = "-for-me" if self._audience == "me" else ""
        return self._session.export_path(self._file_stem + suffix)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self._title), id="export-title")
            yield Static(id="audience")
            yield LoadingIndicator(id="building")
            yield TextArea(read_only=True, soft_wrap=True, id="preview")
            yield Static(Text("Building the summary…"), id="export-status")
        yield Footer()

    def on_mount(self) -> None:
        self._build_markdown()

    def action_switch_audience(self) -> None:
        self._audience = "them" if self._audience == "me" else "me"
        self._build_markdown()

    def _build_markdown(self) -> None:
        self._markdown = None
        audience = self.query_one("#audience", Static)
        audience.update(Text(audience_line(self._session.pair, self._session.role, self._audience)))
        audience.set_class(self._audience == "them", "-them")
        self.query_one("#building", LoadingIndicator).display = True
        self.query_one("#preview", TextArea).display = False
        self.query_one("#export-status", Static).update(Text("Building the summary…"))
        self._build_in_thread(self._audience)

    @work(thread=True, exit_on_error=False)
    def _build_in_thread(self, audience: Audience) -> None:
        try:
            markdown = self._build(self._private_notes if audience == "me" else None)
        except Exception as error:  # a summary that cannot be built is reported, never a crash
            self.app.call_from_thread(self._failed, error)
        else:
            self.app.call_from_thread(self._show, markdown, audience)

    def _show(self, markdown: str, audience: Audience) -> None:
        if audience != self._audience:
            return  # built before a switch: the one for the new audience is on its way
        self._markdown = markdown
        self.query_one("#building", LoadingIndicator).display = False
        preview = self.query_one("#preview", TextArea)
        preview.load_text(markdown)
        preview.display = True
        self.query_one("#export-status", Static).update(
            Text(f"w writes {self._path}, c copies to the clipboard"))

    def _failed(self, error: Exception) -> None:
        self.query_one("#building", LoadingIndicator).display = False
        message = f"The summary could not be built: {describe_error(error)}"
        self.query_one("#export-status", Static).update(Text(message))
        self.notify(message, severity="error", timeout=12, markup=False)

    def action_write(self) -> None:
        if self._markdown is not None:
            self._write(self._markdown)

    @work(thread=True, exit_on_error=False)
    def _write(self, markdown: str) -> None:
        try:
            self._session.write_export(self._path, markdown)
        except OSError as error:
            self.app.call_from_thread(self.app.notify, f"The summary was not written: {describe_error(error)}",
                                      severity="error", timeout=12, markup=False)
            return
        self.app.call_from_thread(self._status, f"Written to {self._path}")

    def action_copy(self) -> None:
        if self._markdown is not None:
            self.app.copy_to_clipboard(self._markdown)
            self._status("Copied to the clipboard (where the terminal allows it)")

    def _status(self, message: str) -> None:
        self.query_one("#export-status", Static).update(Text(message))
        self.notify(message, markup=False)

    def action_close(self) -> None:
        self.dismiss()
