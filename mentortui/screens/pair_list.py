"""Home screen: every pair with its next meeting, open work and contact warnings."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.widgets import DataTable, Static

from mentortui.core.dates import relative_day, short_day, short_moment
from mentortui.screens.base import MentorScreen
from mentortui.widgets.keys_footer import KeysFooter
from mentortui.widgets.tables import Column, ColumnPlan, FittedRow, FittedTable, cursor_key
from mentortui.widgets.title_header import TitleHeader
from mentortui.widgets.tones import tone

if TYPE_CHECKING:
    from mentortui.core.models import Pair
    from mentortui.core.summary import PairSummary
    from mentortui.storage.store import PairListing

# Most useful first; a narrow terminal leaves out the last meeting, the stage and the
# counts, and keeps the contact warning wide enough to read.
COLUMNS = ColumnPlan(
    (Column("mentee", "Mentee", 16), Column("mentor", "Mentor", 16), Column("next", "Next meeting", 16),
     Column("open", "Open", 4), Column("overdue", "Overdue", 10), Column("last", "Last meeting", 16),
     Column("stage", "Stage", 5), Column("contact", "Contact", 12)),
    flexible="contact", drop_order=("last", "stage", "open", "overdue"),
)


class PairListScreen(MentorScreen):
    BINDINGS = [
        Binding("enter", "open_pair", "Open", id="open_pair"),
        Binding("n", "new_pair", "New pair", id="new_pair"),
        Binding("r", "refresh", "Refresh", id="refresh"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleHeader()
        yield Static("Pairs", id="heading")
        yield Static("Reading pair files…", id="status")
        yield FittedTable(COLUMNS, id="pairs")
        yield Static(id="problems")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Pairs"

    def on_screen_resume(self) -> None:
        if self.is_shown and not self.app.opening_first_pair:
            self.call_after_refresh(self.action_refresh)

    def action_refresh(self, select: str | None = None) -> None:
        self._read_listings(select)

    @work(thread=True, exclusive=True, group="listings", exit_on_error=False)
    def _read_listings(self, select: str | None) -> None:
        listings = self.app.store.listings(self.app.today())
        self.app.call_from_thread(self._show_listings, listings, select)

    def _show_listings(self, listings: list[PairListing], select: str | None) -> None:
        today = self.app.today()
        rows = []
        closed = []
        problems = Text()
        for listing in listings:
            if listing.summary is None:
                problems.append(f"Cannot read {listing.path}: ", style="bold")
                problems.append(f"{listing.problem}\n")
                continue
            summary = listing.summary
            if listing.notice:
                problems.append(f"{listing.path}: ", style="bold")
                problems.append(f"{listing.notice}\n")
            if summary.closed_on is not None:
                closed.append(_closed_row(summary, today))
                continue
            rows.append(FittedRow({
                "mentee": Text(summary.mentee),
                "mentor": Text(summary.mentor),
                "next": Text(_next(summary.next_meeting, today)),
                "open": Text(str(summary.open_items)),
                "overdue": _overdue_cell(summary.overdue_items, tone(self.app, "error")),
                "last": Text(short_moment(summary.last_meeting, today) if summary.last_meeting else "-"),
                "stage": Text(str(summary.stage)),
                "contact": Text(f"! {summary.warning}", style="bold") if summary.warning else Text("ok"),
            }, key=summary.slug))
        self.query_one("#pairs", FittedTable).show_rows(rows + closed, select, row=0)
        count = len(rows) + len(closed)
        status = self.query_one("#status", Static)
        if count:
            shut = f" ({len(closed)} closed, listed last)" if closed else ""
            status.update(Text(f"{count} pair{'s' if count != 1 else ''}{shut} in {self.app.store.folder}"))
        else:
            status.update(Text(f"No pairs yet in {self.app.store.folder}. Press n to create one."))
        problem_panel = self.query_one("#problems", Static)
        problems.rstrip()
        problem_panel.update(problems)
        problem_panel.display = bool(problems)

    def action_open_pair(self) -> None:
        slug = cursor_key(self.query_one("#pairs", FittedTable))
        if slug is not None:
            self.app.open_pair(slug)

    @on(DataTable.RowSelected, "#pairs")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        # The second click of a double-click may arrive after the pair home is up.
        if self.is_active and event.row_key.value is not None:
            self.app.open_pair(event.row_key.value)

    def action_new_pair(self) -> None:
        from mentortui.dialogs.pair_form import PairFormScreen

        self.app.push_screen(PairFormScreen(self.app.today(), day_first=self.app.day_first), self._create_pair)

    def _create_pair(self, pair: Pair | None) -> None:
        if pair is not None:
            self._write_new_pair(pair)

    @work(thread=True, group="create", exit_on_error=False)
    def _write_new_pair(self, pair: Pair) -> None:
        from mentortui.storage.errors import StoreError

        try:
            slug = self.app.store.create(pair)
        except (StoreError, OSError) as error:
            self.app.call_from_thread(self.app.report_error, "The pair was not created", error)
            return
        self.app.call_from_thread(self.notify, f"Created {pair.title}", markup=False)
        self.app.call_from_thread(self.action_refresh, slug)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("New pair", "Create a mentor/mentee pair", self.action_new_pair)
        yield SystemCommand("Open pair", "Open the highlighted pair", self.action_open_pair)
        yield SystemCommand("Refresh pairs", "Read the pair files again", self.action_refresh)


def _next(moment: datetime | None, today: date) -> str:
    if moment is None:
        return "none planned"
    return f"{short_moment(moment, today)} ({relative_day(moment.date(), today)})"


def _closed_row(summary: PairSummary, today: date) -> FittedRow:
    """A closed pair: after the open ones, dimmed, with when it closed instead of a warning."""
    cells = {"mentee": summary.mentee, "mentor": summary.mentor, "next": "-", "open": str(summary.open_items),
             "overdue": "-", "last": short_moment(summary.last_meeting, today) if summary.last_meeting else "-",
             "stage": "-", "contact": f"closed {short_day(summary.closed_on, today)}" if summary.closed_on else ""}
    return FittedRow({key: Text(value, style="dim") for key, value in cells.items()}, key=summary.slug)


def _overdue_cell(count: int, late: Style) -> Text:
    return Text(f"{count} overdue", style=late) if count else Text("0")
