"""What the app's screens share: a typed ``self.app`` and their own command palette
entries; and, for every screen about the open pair, the session it works on, saving,
and the export preview of its summaries."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

from mentortui import collector
from mentortui.screens.mouse_guard import StaleMouseGuard
from mentortui.widgets.app_seam import UsesMentorApp

if TYPE_CHECKING:
    from mentortui.core.models import Meeting, Pair
    from mentortui.storage.session import PairSession

CLOSED_REFUSAL = "This pair is closed: reopen it from its home (palette: Reopen pair) to change it."


class MentorScreen(UsesMentorApp, StaleMouseGuard, Screen[None]):
    """A full screen of mentortui."""

    @property
    def is_shown(self) -> bool:
        """Mounted with its widgets, and the app not ending: a resume queued just before
        quitting arrives while the screen's widgets are being removed."""
        return self.is_mounted and not self.app.is_ending

    def palette_commands(self) -> Iterable[SystemCommand]:
        """This screen's entries in the command palette, after the app's own."""
        return ()


class PairScreen(MentorScreen):
    def __init__(self, session: PairSession) -> None:
        super().__init__()
        self.session = session

    def on_screen_resume(self) -> None:
        # Shown and laid out, the screen lives while the pair is open: out of the collector's way.
        self.call_after_refresh(collector.freeze_long_lived)

    @property
    def pair(self) -> Pair:
        return self.session.pair

    def save(self) -> None:
        """Queue the pair for saving (the write happens on the save thread)."""
        self.app.save_pair()

    def refuse_if_closed(self) -> bool:
        """A closed pair is read-only until reopened: say so and return True when it is."""
        if self.pair.is_closed:
            self.notify(CLOSED_REFUSAL, severity="warning", markup=False)
        return self.pair.is_closed

    def flush_pending(self) -> None:
        """Hand what was typed but not yet saved to the saver; the app calls this on every
        screen of the stack before it closes the pair or quits. Nothing waits by default."""

    def preview_export(self, title: str, file_stem: str, build: Callable[[Mapping[str, str] | None], str]) -> None:
        """Show the export preview of a summary that ``build`` makes off the UI thread,
        from my private notes (for me) or from None (for the other person)."""
        from mentortui.dialogs.export_preview import ExportScreen

        # Read here, on the UI thread, while the private pane cannot change them.
        private_notes = {meeting.id: text for meeting in self.pair.meetings
                         if (text := self.session.private_notes(meeting.id))}
        self.app.push_screen(ExportScreen(title, build, self.session, file_stem, private_notes))

    def preview_meeting_summary(self, meeting: Meeting) -> None:
        from mentortui.core.export import meeting_markdown

        pair, today = self.pair, self.app.today()
        self.preview_export(f"Summary: {pair.title}, {meeting.scheduled:%a %d %b %Y}",
                            f"{self.session.slug}-{meeting.scheduled:%Y-%m-%d}",
                            lambda private_notes: meeting_markdown(pair, meeting, today, private_notes))
