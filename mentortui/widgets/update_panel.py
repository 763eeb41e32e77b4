"""The mentee's update for a meeting, shown small above an agenda or the notes (the
mouse wheel scrolls a long one); hidden while there is none."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from mentortui.core.models import Meeting, Pair
from mentortui.core.preparation import update_heading


class UpdatePanel(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    UpdatePanel {
        height: auto;
        max-height: 6;
        padding: 0 1;
        margin: 0 1;
        border-left: outer $secondary;
        display: none;
    }
    UpdatePanel > Static { height: auto; }
    """

    def __init__(self, pair: Pair, meeting: Meeting, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pair = pair
        self.meeting = meeting

    def compose(self) -> ComposeResult:
        yield Static()

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        """Show the meeting's update as it is now."""
        update = self.meeting.mentee_update.strip()
        self.display = bool(update)
        # No heading without an update: nothing may announce an empty one.
        text = Text()
        if update:
            text.append(f"{update_heading(self.pair)}: ", style="bold")
            text.append(update)
        self.query_one(Static).update(text)
