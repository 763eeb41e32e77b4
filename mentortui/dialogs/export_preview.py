"""Export preview: builds the summary it is given off the UI thread (with a loading
indicator), shows it as it will be written, then writes or copies it. It says who the
summary is for, the other person (the default: private notes left out) or me, and ``f``
switches between the two; ``h`` switches between the Markdown and the HTML page's source.

A copy goes through the terminal (OSC 52), which never says whether it took it: the
preview says so, and where the terminal is known to drop copies it writes the file
instead and shows its path."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Literal

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import LoadingIndicator, Static, TextArea

from mentortui.core.export import Audience, audience_line, html_document
from mentortui.storage.errors import describe_error
from mentortui.storage.session import PairSession
from mentortui.widgets.clipboard import clipboard_blocker
from mentortui.widgets.keys_footer import KeysFooter

ExportFormat = Literal["markdown", "html"]

_FORMAT_LINES: dict[ExportFormat, str] = {
    "markdown": "Markdown, as it will be written (h: the HTML page)",
    "html": "The HTML page's source, as it will be written (h: Markdown)",
}


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
    ExportScreen #format { color: $text-muted; }
    ExportScreen #preview { height: 1fr; }
    ExportScreen #building { height: 1fr; }
    ExportScreen #export-status { color: $text-muted; height: auto; }
    """
    BINDINGS = [
        Binding("w", "write", "Write file", id="write"),
        Binding("c", "copy", "Copy", id="copy"),
        Binding("f", "switch_audience", "For whom", id="switch_audience",
                tooltip="For the other person (no private notes) or for me (with them)"),
        Binding("h", "switch_format", "Markdown/HTML", id="switch_format",
                tooltip="Show, write and copy the Markdown or the HTML page"),
        Binding("escape", "close", "Close", id="close"),
    ]

    def __init__(self, title: str, build: Callable[[Mapping[str, str] | None], str], session: PairSession,
                 file_stem: str, private_notes: Mapping[str, str]) -> None:
        """``build`` makes the Markdown (it runs on a worker thread) from my private notes
        (meeting id to text), or from None for the other person; ``w`` writes it into the
        pair's exports folder as ``file_stem``.md (``file_stem``-for-me.md for me), or
        .html for the HTML page, whose title is ``title``."""
        super().__init__()
        self._title = title
        self._build = build
        self._session = session
        self._file_stem = file_stem
        self._private_notes = private_notes
        self._audience: Audience = "them"
        self._format: ExportFormat = "markdown"
        self._markdown: dict[Audience, str] = {}  # built once per audience; HTML is made from it
        self._text: str | None = None  # what is shown, written and copied; None while building

    @property
    def _path(self) -> Path:
        suffix = "-for-me" if self._audience == "me" else ""
        path = self._session.export_path(self._file_stem + suffix)
        return path.with_suffix(".html") if self._format == "html" else path

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self._title), id="export-title")
            yield Static(id="audience")
            yield Static(id="format")
            yield LoadingIndicator(id="building")
            yield TextArea(read_only=True, soft_wrap=True, id="preview")
            yield Static(Text("Building the summary…"), id="export-status")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._rebuild()

    def action_switch_audience(self) -> None:
        self._audience = "them" if self._audience == "me" else "me"
        self._rebuild()

    def action_switch_format(self) -> None:
        self._format = "html" if self._format == "markdown" else "markdown"
        self._rebuild()

    def _rebuild(self) -> None:
        self._text = None
        audience = self.query_one("#audience", Static)
        audience.update(Text(audience_line(self._session.pair, self._session.role, self._audience)))
        audience.set_class(self._audience == "them", "-them")
        self.query_one("#format", Static).update(Text(_FORMAT_LINES[self._format]))
        self.query_one("#building", LoadingIndicator).display = True
        self.query_one("#preview", TextArea).display = False
        self.query_one("#export-status", Static).update(Text("Building the summary…"))
        self._build_in_thread(self._audience, self._format, self._markdown.get(self._audience))

    @work(thread=True, exit_on_error=False)
    def _build_in_thread(self, audience: Audience, export_format: ExportFormat, markdown: str | None) -> None:
        try:
            if markdown is None:
                markdown = self._build(self._private_notes if audience == "me" else None)
            text = html_document(markdown, self._title) if export_format == "html" else markdown
        except Exception as error:  # a summary that cannot be built is reported, never a crash
            self.app.call_from_thread(self._failed, error)
        else:
            self.app.call_from_thread(self._show, markdown, text, audience, export_format)

    def _show(self, markdown: str, text: str, audience: Audience, export_format: ExportFormat) -> None:
        self._markdown[audience] = markdown
        if (audience, export_format) != (self._audience, self._format):
            return  # built before a switch: the one now asked for is on its way
        self._text = text
        self.query_one("#building", LoadingIndicator).display = False
        preview = self.query_one("#preview", TextArea)
        preview.load_text(text)
        preview.display = True
        self.query_one("#export-status", Static).update(
            Text(f"w writes {self._path}, c copies it to the clipboard"))

    def _failed(self, error: Exception) -> None:
        self.query_one("#building", LoadingIndicator).display = False
        message = f"The summary could not be built: {describe_error(error)}"
        self.query_one("#export-status", Static).update(Text(message))
        self.notify(message, severity="error", timeout=12, markup=False)

    def action_write(self) -> None:
        if self._text is not None:
            self._write(self._text, self._path)

    @work(thread=True, exit_on_error=False)
    def _write(self, text: str, path: Path) -> None:
        self._write_file(text, path, f"Written to {path}", "The summary was not written")

    def action_copy(self) -> None:
        if self._text is not None:
            self._copy(self._text, self._path)

    @work(thread=True, exit_on_error=False)
    def _copy(self, text: str, path: Path) -> None:
        blocker = clipboard_blocker(os.environ)
        if blocker is None:
            self.app.call_from_thread(self._copied, text)
        else:
            self._write_file(text, path, f"Not copied: {blocker}. Written to {path} instead",
                             f"Not copied: {blocker}. Nor written")

    def _copied(self, text: str) -> None:
        self.app.copy_to_clipboard(text)
        self._status(f"Copied {len(text):,} characters (through the terminal; if your terminal blocks "
                     "clipboard access, press w to write the file)")

    def _write_file(self, text: str, path: Path, written: str, failed: str) -> None:
        """Write ``path`` through the session, on a worker thread, and say ``written``,
        or ``failed`` and the cause."""
        try:
            self._session.write_export(path, text)
        except OSError as error:
            self.app.call_from_thread(self.app.notify, f"{failed}: {describe_error(error)}",
                                      severity="error", timeout=12, markup=False)
            return
        self.app.call_from_thread(self._status, written)

    def _status(self, message: str) -> None:
        self.query_one("#export-status", Static).update(Text(message))
        self.notify(message, markup=False)

    def action_close(self) -> None:
        self.dismiss()
