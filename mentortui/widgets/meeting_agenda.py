"""The live meeting's clock and agenda list: the meeting's time against its length, the
current item marked ``>``, carried action items as "Review: ..." with their status, and
the time spent on each item against its time box."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import Static

from mentortui.core import live_meeting
from mentortui.core.dates import clock
from mentortui.core.models import MEETING_KIND_NAMES, AgendaItem, Meeting, Pair
from mentortui.core.preparation import person_name
from mentortui.widgets.tables import Column, ColumnPlan, FittedRow, FittedTable, cursor_key

COLUMNS = ColumnPlan((Column("item", "Item", 16), Column("time", "Time", 11)), flexible="item")


class MeetingClock(Static):
    """The meeting's kind, its time against its length, and which agenda item it is on."""

    def show(self, meeting: Meeting, now: datetime) -> None:
        elapsed = live_meeting.meeting_seconds(meeting, now)
        planned = meeting.planned_minutes * 60
        text = Text(f"{MEETING_KIND_NAMES[meeting.kind]}  {clock(elapsed)} of {meeting.planned_minutes}:00")
        if elapsed > planned:
            text.append(f"  OVER by {clock(elapsed - planned)}", style="bold red")
        index = live_meeting.current_index(meeting)
        if index is not None:
            text.append(f"  ·  item {index + 1} of {len(meeting.agenda)}")
        # Its size is the status bar's, whatever it says: no layout of the screen each second.
        self.update(text, layout=False)


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
        """Update the current item's time cell, as the clock ticks."""
        index = live_meeting.current_index(self.meeting)
        item = self.meeting.agenda[index] if index is not None else None
        if item is not None and item.id in self.rows:
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
            return Text(f"OVER {clock(used - planned)}", style="bold red")
        return Text(f"{clock(used)}/{item.minutes}:00")
