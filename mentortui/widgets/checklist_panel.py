"""A checklist on screen: one line per item, ticked where the app knows it is done; it
can fold to one summary line where space is short (a click, or the screen's key, toggles),
and scrolls when a screen caps its height."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from mentortui.core.before_checklist import CheckLine, ticked
from mentortui.widgets.tones import Tone, tone

MARKS: dict[str, tuple[str, Tone | None]] = {"done": ("✓", "success"), "open": ("✗", "error"), "reminder": ("·", None)}
LEGEND = "✓ done  ✗ not yet  · a reminder the app cannot check"


class ChecklistPanel(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    ChecklistPanel { height: auto; }
    ChecklistPanel > Static { height: auto; }
    """

    def __init__(self, title: str, *, folded: bool = False, key: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self._title = title
        self._lines: list[CheckLine] = []
        self.folded = folded
        self._key = key

    def compose(self) -> ComposeResult:
        yield Static()

    def show(self, lines: list[CheckLine]) -> None:
        self._lines = lines
        self.query_one(Static).update(self._render_lines())

    def toggle(self) -> None:
        self.folded = not self.folded
        self.query_one(Static).update(self._render_lines())

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.toggle()

    def _render_lines(self) -> Text:
        how = f"{self._key} or a click" if self._key else "a click"
        text = Text(f"{self._title}: {ticked(self._lines)} of {len(self._lines)} ticked", style="bold")
        if missing := sum(line.state == "open" for line in self._lines):
            text.append(f", {missing} not yet", style="bold")
        text.append(f"  ({how} {'shows' if self.folded else 'folds'} the list)", style="dim")
        if self.folded:
            return text
        for line in self._lines:
            mark, mark_tone = MARKS[line.state]
            text.append("\n")
            text.append(mark, style=tone(self.app, mark_tone) if mark_tone else "")
            text.append(f" {line.text}")
            if line.note:
                text.append(f" ({line.note})", style="dim")
        text.append(f"\n{LEGEND}", style="dim")
        return text
