"""Starting a meeting well before its planned day asks first: it is recorded as held now."""

from __future__ import annotations

from collections.abc import Callable

from mentortui.core import live_meeting
from mentortui.core.dates import relative_day, short_moment
from mentortui.core.models import Meeting
from mentortui.dialogs.confirm import ConfirmScreen
from mentortui.widgets.app_seam import UsesMentorApp


def confirm_start(screen: UsesMentorApp, meeting: Meeting, start: Callable[[], None]) -> None:
    """Run ``start`` at once, or after a yes when the meeting is planned more than a day ahead."""
    now, today = screen.app.now(), screen.app.today()
    if not live_meeting.starts_early(meeting, now):
        start()
        return

    def answered(yes: bool | None) -> None:
        if yes:
            start()

    planned = meeting.scheduled
    question = (f"This meeting is planned for {short_moment(planned, today)} "
                f"({relative_day(planned.date(), today)}). Start it now? It will be recorded as "
                f"held on {now:%a %d %b at %H:%M}.")
    screen.app.push_screen(ConfirmScreen(question, confirm="Start now", cancel="Not yet"), answered)
