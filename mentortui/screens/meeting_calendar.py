"""The end-of-meeting offer "Add the next meeting to my calendar": the pair's iCalendar file
(see ``core.calendar_export``) written into its exports folder, for a calendar app to import.

The calendar is built on the UI thread, where the pair changes; the file is written on a
worker thread, and the path (or why it could not be written) is told in a notification."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from mentortui.core.calendar_export import pair_calendar
from mentortui.storage.errors import describe_error

if TYPE_CHECKING:
    from mentortui.app import MentorApp
    from mentortui.screens.base import PairScreen
    from mentortui.storage.session import PairSession


def write_pair_calendar(screen: PairScreen) -> None:
    """Write the open pair's calendar file as it is now, and say where it went. The worker
    runs on the app, so it outlives ``screen`` (the meeting ends and leaves)."""
    app, session = screen.app, screen.session
    ics = pair_calendar([session.pair], app.today())
    app.run_worker(partial(_write, app, session, ics), thread=True, exit_on_error=False, group="calendar")


def _write(app: MentorApp, session: PairSession, ics: bytes) -> None:
    try:
        path = session.write_calendar(ics)
    except OSError as error:
        app.call_from_thread(app.notify, f"The calendar file was not written: {describe_error(error)}",
                             severity="error", timeout=12, markup=False)
        return
    app.call_from_thread(app.notify, f"Calendar file written: {path}. Import it in your calendar app; "
                         "importing it again updates the same events.", timeout=12, markup=False)
