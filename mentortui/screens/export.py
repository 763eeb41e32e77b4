"""Export preview: the Markdown as it will be written, then write it or copy it."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static, TextArea

from ..models import Meeting
from .base import PairScreen


def export_meeting(screen: PairScreen, meeting: Meeting) -> None:
    """Preview a meeting's summary, from any screen about the pair."""
    from ..export import meeting_markdown

    pair, today = screen.pair, screen.app.today()
    stem = f"{screen.session.slug}-{meeting.scheduled:%Y-%m-%d}"
    screen.app.show_export(f"Summary: {pair.title}, {meeting.scheduled:%a %d %b %Y}", stem,
                           lambda: meeting_markdown(pair, meeting, today))


class ExportScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical {
        width: 100; max-width: 100%; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ExportScreen #export-title { text-style: bold; }
    ExportScreen #preview { height: 1fr; }
    ExportScreen #export-status { color: $text-muted; height: auto; }
    """
    BINDINGS = [
        Binding("w", "write", "Write file", id="write"),
        Binding("c", "copy", "Copy", id="copy"),
        Binding("escape", "close", "Close", id="close"),
    ]

    def __init__(self, title: str, markdown: str, path: Path) -> None:
        super().__init__()
        self._title = title
        self._markdown = markdown
        self._path = path

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self._title, id="export-title", markup=False)
            yield TextArea(self._markdown, read_only=True, soft_wrap=True, id="preview")
            yield Static(f"w writes {self._path}, c copies to the clipboard", id="export-status",
                         markup=False)
        yield Footer()

    def action_write(self) -> None:
        self._write()

    @work(thread=True, exit_on_error=False)
    def _write(self) -> None:
        from ..files import atomic_write, ensure_private_dir

        try:
            ensure_private_dir(self._path.parent)
            atomic_write(self._path, self._markdown.encode("utf-8"))
        except OSError as error:
            self.app.call_from_thread(self.app.report_error, "The summary was not written", error)
            return
        self.app.call_from_thread(self._status, f"Written to {self._path}")

    def _status(self, message: str) -> None:
        self.query_one("#export-status", Static).update(message)
        self.notify(message, markup=False)

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self._markdown)
        self._status("Copied to the clipboard (where the terminal allows it)")

    def action_close(self) -> None:
        self.dismiss()
