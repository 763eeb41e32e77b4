"""The live meeting's clock and agenda list: the meeting's time against its length, the
current item marked ``>``, carried action items as "Review: ..." with their status, and
the time spent on each item against its time box. On a narrow terminal the clock leaves
out its least important parts and the agenda its time column."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from mentortui.core import live_meeting
from mentortui.core.dates import clock
from mentortui.core.models import MEETING_KIND_NAMES, AgendaItem, Meeting, Pair
from mentortui.core.preparation import person_name
from mentortui.widgets.tables import Column, ColumnPlan, FittedRow, FittedTable, cursor_key
from mentortui.widgets.tones import tone

# On a terminal too narrow for both columns the time goes and the titles keep the room.
COLUMNS = ColumnPlan((Column("item", "Item", 13), Column("time", "Time", 11)), flexible="item",
                     drop_order=("time",))

OVER = Style(bold=True)

# A status part: its text and how soon it is left out when the line is short (highest first).
Part = tuple[Text, int]


def fit_parts(parts: Sequence[Part], width: int) -> Text:
    """The parts, in their order, that fit in ``width`` cells: while they do not, the part
    with the highest drop rank is left out (the last of equals first); the first part left
    is never left out, but cut."""
    kept = list(parts)
    while len(kept) > 1 and sum(text.cell_len for text, _ in kept) > width:
        rank = max(rank for _, rank in kept)
        kept.pop(max(index for index, (_, part_rank) in enumerate(kept) if part_rank == rank))
    line = Text().join(text for text, _ in kept)
    line.truncate(max(0, width), overflow="ellipsis")
    return line


def clock_parts(meeting: Meeting, now: datetime, over: Style = OVER) -> list[Part]:
    """The status line's parts: the meeting's time (kept longest), how far over it is (styled
    ``over``), which item it is on, its length, and its kind (the header names it too: left out first)."""
    elapsed = live_meeting.meeting_seconds(meeting, now)
    planned = meeting.planned_minutes * 60
    parts: list[Part] = [(Text(f"{MEETING_KIND_NAMES[meeting.kind]}  "), 4), (Text(clock(elapsed)), 0),
                         (Text(f" of {meeting.planned_minutes}:00"), 2)]
    if elapsed > planned:
        parts.append((Text(f"  OVER by {clock(elapsed - planned)}", style=over), 0))
    index = live_meeting.current_index(meeting)
    if index is not None:
        parts.append((Text(f"  ·  item {index + 1} of {len(meeting.agenda)}"), 3))
    return parts


class MeetingClock(Static):
    """The meeting's kind, its time against its length, and which agenda item it is on, as
    much of it as its width holds (see :func:`fit_parts`)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._parts: list[Part] = []

    def show(self, meeting: Meeting, now: datetime) -> None:
        self._parts = clock_parts(meeting, now, tone(self.app, "error"))
        # Its size is the status bar's, whatever it says: no layout of the screen each second.
        self.refresh()

    def render(self) -> Text:
        return fit_parts(self._parts, self.content_size.width)


class MeetingAgenda(FittedTable):
    """The agenda of a running meeting, one row per item with the time it has used."""

    def __init__(self, pair: Pair, meeting: Meeting, *, id: str | None = None) -> None:
        super().__init__(COLUMNS, id=id, zebra_stripes=False)
        self.pair = pair
        self.meeting = meeting

    def show(self, now: datetime) -> None:
        """List the agenda again. While the list has the focus its highlight is the user's
        (d, x and p act on it), so it stays on the item it was on; otherwise it follows the
        current item."""
        kept = cursor_key(self) if self.screen.focused is self else None
        current = live_meeting.current_index(self.meeting)
        self.show_rows((FittedRow({"item": self._title(item), "time": self._time(item, now)}, key=item.id)
                        for item in self.meeting.agenda), kept, row=current or 0)

    def show_time(self, now: datetime) -> None:
        """Update the current item's time cell, as the clock ticks (while the column shows)."""
        index = live_meeting.current_index(self.meeting)
        item = self.meeting.agenda[index] if index is not None else None
        if item is not None and item.id in self.rows and "time" in self.columns:
            self.update_cell(item.id, "time", self._time(item, now))

    def _title(self, item: AgendaItem) -> Text:
        current = item.id == self.meeting.current_item
        title = Text("> " if current else "  ", style="bold" if current else "")
        if item.source == "action_item":
            action = self.pair.action_item(item.ref)
            if action is not None:
                title.append(f"Review: {action.text}")
                if action.status != "open":
                    title.append(f" ({action.status})", style="bold")
                return title
        title.append(item.title, style="bold" if current else "")
        if item.raised_by:
            title.append(f" ({person_name(self.pair, item.raised_by)})", style="italic")
        return title

    def _time(self, item: AgendaItem, now: datetime) -> Text:
        used = live_meeting.item_seconds(self.meeting, item, now)
        planned = item.minutes * 60
        if planned and used > planned:
            return Text(f"OVER {clock(used - planned)}", style=tone(self.app, "error"))
        return Text(f"{clock(used)}/{item.minutes}:00")
