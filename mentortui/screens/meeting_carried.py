"""Action items carried in from earlier meetings, reviewed on the meeting's agenda list:
d done, x dropped, p a new delivery date, each on the highlighted carried item."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mentortui.core import live_meeting
from mentortui.core.models import ActionItem, ActionStatus
from mentortui.dialogs.capture import DateScreen
from mentortui.widgets.meeting_agenda import MeetingAgenda

if TYPE_CHECKING:
    from mentortui.screens.meeting import MeetingScreen


def _highlighted_action(screen: MeetingScreen) -> ActionItem | None:
    table = screen.query_one(MeetingAgenda)
    if screen.focused is not table or not table.row_count:
        return None
    item = screen.meeting.agenda[table.cursor_row]
    action = screen.pair.action_item(item.ref) if item.source == "action_item" else None
    if action is None:
        screen.notify("Highlight a carried action item (marked Review) to do that.", markup=False)
    return action


def review_carried(screen: MeetingScreen, status: ActionStatus) -> None:
    action = _highlighted_action(screen)
    if action is not None:
        live_meeting.review_carried(screen.meeting, action, status, screen.app.today())
        screen.notify(f"Marked {status}: {action.text}", markup=False)
        screen.changed()


def push_carried_date(screen: MeetingScreen) -> None:
    action = _highlighted_action(screen)
    if action is None:
        return

    def pushed(day: date | None) -> None:
        if day is not None:
            live_meeting.push_carried(screen.meeting, action, day)
            screen.changed()

    screen.app.push_screen(DateScreen(f"New delivery date for: {action.text}", screen.app.today(),
                                      action.due, day_first=screen.app.day_first), pushed)
