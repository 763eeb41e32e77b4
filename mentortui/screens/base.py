"""What every screen about the open pair shares: the session it works on, and the
export preview of its summaries."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from mentortui.core.models import Meeting, Pair
from mentortui.dialogs.export_preview import ExportScreen
from mentortui.screens.mouse_guard import StaleMouseGuard
from mentortui.storage.session import PairSession


class PairScreen(StaleMouseGuard, Screen[None]):
    def __init__(self, session: PairSession) -> None:
        super().__init__()
        self.session = session

    @property
    def pair(self) -> Pair:
        return self.session.pair

    def preview_export(self, title: str, file_stem: str, build: Callable[[], str]) -> None:
        """Show the export preview of a summary that ``build`` makes off the UI thread."""
        self.app.push_screen(ExportScreen(title, build, self.session, file_stem))

    def preview_meeting_summary(self, meeting: Meeting) -> None:
        from mentortui.core.export import meeting_markdown

        pair, today = self.pair, self.app.today()
        self.preview_export(f"Summary: {pair.title}, {meeting.scheduled:%a %d %b %Y}",
                            f"{self.session.slug}-{meeting.scheduled:%Y-%m-%d}",
                            lambda: meeting_markdown(pair, meeting, today))
