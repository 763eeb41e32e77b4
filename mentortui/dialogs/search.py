"""Search across the pair: notes, decisions, action items and goals, as you type; returns
the hit chosen (None on escape)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from mentortui.core import preparation
from mentortui.core.models import Pair
from mentortui.widgets.fields import Field


class SearchScreen(ModalScreen[preparation.SearchHit | None]):
    DEFAULT_CSS = """
    SearchScreen { align: center middle; }
    SearchScreen > Vertical {
        width: 100; max-width: 100%; height: 80%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    SearchScreen #results { height: 1fr; }
    SearchScreen #count { color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, pair: Pair) -> None:
        super().__init__()
        self._pair = pair
        self._hits: list[preparation.SearchHit] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Field(placeholder="Search notes, decisions, action items and goals", id="query")
            yield Static(id="count")
            yield OptionList(id="results")

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        self._hits = preparation.search(self._pair, event.value)
        meetings = {m.id: m for m in self._pair.meetings}
        results = self.query_one("#results", OptionList)
        results.clear_options()
        for index, hit in enumerate(self._hits):
            label = Text(f"{hit.kind:<12}", style="bold")
            meeting = meetings.get(hit.meeting_id or "")
            if meeting is not None:
                label.append(f"{meeting.scheduled:%Y-%m-%d}  ", style="dim")
            label.append(hit.text)
            results.add_option(Option(label, id=str(index)))
        self.query_one("#count", Static).update(f"{len(self._hits)} found" if event.value.strip() else "")

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        if self._hits:
            results = self.query_one("#results", OptionList)
            results.highlighted = 0
            results.focus()

    @on(OptionList.OptionSelected, "#results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        # A double-click selects twice; a second dismiss would close "before next" too.
        if self.is_active:
            self.dismiss(self._hits[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
