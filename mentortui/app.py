"""The Textual app: screen wiring, global keys, the command palette and opening pairs."""

from __future__ import annotations

import asyncio
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.reactive import reactive
from textual.screen import Screen

from mentortui import collector
from mentortui.app_settings import apply_settings, checked_for_app
from mentortui.app_sync import PairSync
from mentortui.messages import PairSaved, SaveFailed
from mentortui.screens.base import MentorScreen, PairScreen
from mentortui.screens.pair_list import PairListScreen
from mentortui.storage.config import Config, LoadedConfig, remember_theme
from mentortui.storage.errors import StoreError, describe_error

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.driver import Driver
    from textual.worker import Worker

    from mentortui.core.builtin_content import BuiltinContent
    from mentortui.core.models import Meeting
    from mentortui.storage.session import PairSession
    from mentortui.storage.store import PairStore


# Every screen's and dialog's styles (each file scoped to its screen's type), read once at
# start: a screen that brings its own CSS_PATH makes Textual parse all the CSS again and
# restyle every widget of every screen the first time it is shown.
SCREEN_STYLES = ("pair_list", "pair_home", "agenda", "starters", "meeting", "action_list", "goals",
                 "before_next", "sync_review")


class MentorApp(App[int]):
    TITLE = "mentortui"
    CSS_PATH = ["app.tcss", *(f"screens/{name}.tcss" for name in SCREEN_STYLES), "dialogs/pair_form.tcss"]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark,f1", "toggle_help", "Help", id="help"),
    ]

    # Watched by the screens that show it; a change must not repaint the whole screen.
    saved_at: reactive[datetime | None] = reactive(None, repaint=False)

    def __init__(
        self,
        open_store: Callable[[], PairStore],
        today: Callable[[], date],
        now: Callable[[], datetime] = datetime.now,
        open_pair: str | None = None,
        demo: bool = False,
        read_only: bool = False,
        config: LoadedConfig | None = None,
    ) -> None:
        super().__init__()
        self.settings = checked_for_app(config or LoadedConfig())
        self.config: Config = self.settings.config
        """The user's settings (``storage/config.py``); a theme chosen later is written back."""
        apply_settings(self, self.settings)
        self._settings_written = threading.Lock()
        self._open_store = open_store
        self.today = today
        self.now = now
        self._first_pair = open_pair
        self._demo = demo
        self._asked_to_exit = False
        self._read_only = read_only
        self.session: PairSession | None = None
        self._save_problem: str | None = None  # what the failing saves say, while they fail
        self._leaving = False
        self._opening: Worker[None] | None = None
        self.opening_first_pair = bool(open_pair or demo)
        """While the pair named on the command line (or the demo) opens, the pair list under
        it waits to read the pair files, which would only slow the pair down."""
        self.sync = PairSync(self)

    @cached_property
    def store(self) -> PairStore:
        """Built on first use, which is in a worker thread after the first screen is up,
        so the domain's imports (pydantic, TinyDB) never delay that screen."""
        return self._open_store()

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this terminal; on POSIX one that survives input that is
        not UTF-8 and a terminal that goes away (see terminal_driver)."""
        driver_class = super().get_driver_class()
        if sys.platform == "win32":
            return driver_class
        from mentortui.terminal_driver import driver_for

        return driver_for(driver_class)

    def get_default_screen(self) -> Screen[None]:
        return PairListScreen()

    def on_mount(self) -> None:
        loop = asyncio.get_running_loop()
        for signal_number in (signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(signal_number, self._save_and_exit)
        self.call_after_refresh(self._open_first_pair)
        for problem in self.settings.problems:
            self.notify(problem, title="Settings", severity="warning", timeout=15, markup=False)

    def watch_theme(self, theme: str) -> None:
        """A theme chosen from the palette is remembered in the settings file."""
        if theme != self.config.theme and self.settings.path is not None:
            self.config = replace(self.config, theme=theme)
            self._remember_theme(self.settings.path)

    @work(thread=True, exit_on_error=False, group="settings")
    def _remember_theme(self, path: Path) -> None:
        """Write the theme chosen last: writes one at a time, each the latest choice."""
        try:
            with self._settings_written:
                remember_theme(path, self.config.theme)
        except (ValueError, OSError) as error:
            self.call_from_thread(self.notify, f"The theme is not remembered: {error}", title="Settings",
                                  severity="warning", markup=False)

    def _save_and_exit(self) -> None:
        """SIGHUP (a closed terminal) or SIGTERM, on any screen or dialog: save the last
        words typed, release the pair's lock, and end, if need be without Textual's
        shutdown, which a terminal that has gone can stall."""
        from mentortui.forced_exit import exit_after

        self._flush_screens()
        self.close_session()
        exit_after(status=self.return_code or 0)
        self.exit()

    def _flush_screens(self) -> None:
        """Hand notes typed since the last save (still waiting out the pause) to the saver."""
        for screen in self.screen_stack:
            if isinstance(screen, PairScreen):
                screen.flush_pending()

    async def action_quit(self) -> None:
        """Quit once the focused widget has handled every key sent before ctrl+q, which
        as a priority key arrives ahead of the last letters typed into the notes."""
        focused = self.focused
        if focused is None:
            self.leave_pair(self.exit)
        else:
            focused.call_later(self.leave_pair, self.exit)

    def leave_pair(self, then: Callable[[], object]) -> None:
        """Close the open pair, then call ``then``: once everything typed is saved, or
        once the person chose what happens to changes that could not be saved."""
        if self._leaving:
            return
        if self.sync.busy:  # the sync's reload must land first; leaving goes on from there
            self.sync.leave_after_sync = then
            self.notify("Finishing the sync first…", markup=False)
            return
        self._flush_screens()
        self.sync.apply_pending_reload(leaving=True)
        session = self.session
        if session is None or session.read_only:
            self.close_session()
            then()
            return
        self._leaving = True
        self._wait_for_saves(session, then)

    @work(thread=True, exit_on_error=False, group="leave")
    def _wait_for_saves(self, session: PairSession, then: Callable[[], object]) -> None:
        try:
            session.flush()
            self.sync.before_leaving(session)
        finally:  # whatever happens, the app must not stay unable to quit
            self.call_from_thread(self._saves_settled, session, then)

    def _saves_settled(self, session: PairSession, then: Callable[[], object]) -> None:
        from mentortui.dialogs.unsaved import UnsavedScreen

        def answered(choice: str | None) -> None:
            self._leaving = False
            if choice is not None:
                self.close_session(discard=choice == UnsavedScreen.LOSE)
                then()

        if session is not self.session or session.save_error is None:
            answered(UnsavedScreen.SAVED)
        else:
            # The dialog says what the "Not saved" notification said, and on a small
            # terminal the notification would cover its buttons: clear it from the screen
            # below while that screen is still the one drawn.
            self.clear_notifications()
            self.push_screen(UnsavedScreen(session, self.now()), answered)

    def _open_first_pair(self) -> None:
        if self._demo:
            self.create_demo_and_open()
        elif self._first_pair:
            self.open_pair(self._first_pair, read_only=self._read_only)

    @work(thread=True, exit_on_error=False, group="open")
    def create_demo_and_open(self) -> None:
        from mentortui.core.demo import demo_pair

        try:
            slug = self.store.create(demo_pair(self.today()))
        except (StoreError, OSError) as error:
            self.call_from_thread(self.report_error, "Cannot create the demo pair", error)
            self.call_from_thread(self._list_pairs_after_all)
        else:
            self.call_from_thread(self.open_pair, slug)

    def open_pair(self, slug: str, read_only: bool = False) -> None:
        """Open a pair, unless one is being opened already (a double-click asks twice)."""
        if self._opening is not None and not self._opening.is_finished:
            return
        self._opening = self._load_session(slug, read_only)

    @work(thread=True, exit_on_error=False, group="open")
    def _load_session(self, slug: str, read_only: bool) -> None:
        from mentortui.core.builtin_content import load_content
        from mentortui.storage.errors import (
            LockUnavailableError,
            NewerSchemaError,
            PairLockedError,
        )
        from mentortui.storage.session import PairSession

        def open_session(read_only: bool) -> PairSession:
            return PairSession.open(
                self.store, slug, read_only=read_only,
                on_saved=lambda _when: self.post_message(PairSaved(self.now())),
                on_error=lambda error: self.post_message(SaveFailed(error)),
                now=self.now,
            )

        why_read_only = ""
        try:
            # The pair lives as long as the session: built without collections walking
            # it again and again, then frozen out of their way (see ``collector``).
            collector.collect_released()
            with collector.paused(freeze=True):
                try:
                    session = open_session(read_only)
                except LockUnavailableError as error:
                    # Reading needs no lock: show the pair, and say why nothing will be saved.
                    session = open_session(True)
                    why_read_only = f"{error} Opened read-only: changes are shown but not saved."
                load_content()
            self.sync.on_open(session)  # a shared pair: bring in the other person's changes first
        except (PairLockedError, NewerSchemaError) as error:
            self.call_from_thread(self._offer_read_only, slug, str(error))
            self.call_from_thread(self._list_pairs_after_all)
        except (StoreError, OSError) as error:
            self.call_from_thread(self.report_error, "Cannot open pair", error)
            self.call_from_thread(self._list_pairs_after_all)
        else:
            self.call_from_thread(self._show_session, session)
            if why_read_only:
                self.call_from_thread(self.notify, why_read_only, title="Read-only",
                                      severity="warning", timeout=12, markup=False)

    def report_error(self, title: str, error: Exception) -> None:
        """Show an expected problem as a notification a person can act on."""
        message = describe_error(error)
        self.notify(message[:1].upper() + message[1:], title=title, severity="error", timeout=12,
                    markup=False)

    def _offer_read_only(self, slug: str, message: str) -> None:
        from mentortui.dialogs.confirm import ConfirmScreen

        def answered(read_only: bool | None) -> None:
            if read_only:
                self.open_pair(slug, read_only=True)

        self.push_screen(ConfirmScreen(message, confirm="Open read-only", cancel="Cancel"), answered)

    def _list_pairs_after_all(self) -> None:
        """The pair to open first did not open: the pair list it leaves on screen reads
        the pair files now."""
        if self.opening_first_pair:
            self.opening_first_pair = False
            if isinstance(self.screen, PairListScreen):
                self.screen.action_refresh()

    def _show_session(self, session: PairSession) -> None:
        from mentortui.core.live_meeting import unfinished_meeting
        from mentortui.screens.pair_home import PairHomeScreen

        self.opening_first_pair = False
        self.close_session()
        self.session = session
        self.push_screen(PairHomeScreen(session))
        if session.recovered:
            count = len(session.recovered)
            self.notify(f"Brought back notes typed just before mentortui was stopped "
                        f"({count} meeting{'s' if count != 1 else ''}).",
                        title="Notes recovered", timeout=10, markup=False)
        running = unfinished_meeting(session.pair)
        if running is not None and not session.read_only:
            self._offer_resume(running)

    def _offer_resume(self, meeting: Meeting) -> None:
        from mentortui.dialogs.confirm import ConfirmScreen

        def answered(resume: bool | None) -> None:
            if resume:
                self.run_meeting(meeting)

        question = (f"A meeting started {meeting.started_at:%a %d %b at %H:%M} was not ended. "
                    "Resume it? The notes are as last typed and the clock goes on from its start.")
        self.push_screen(ConfirmScreen(question, confirm="Resume meeting", cancel="Not now"), answered)

    def run_meeting(self, meeting: Meeting) -> None:
        from mentortui.screens.meeting import MeetingScreen

        if self.session is not None:
            self.push_screen(MeetingScreen(self.session, meeting))

    @property
    def content(self) -> BuiltinContent:
        from mentortui.core.builtin_content import load_content

        return load_content()

    @property
    def day_first(self) -> bool:
        """Whether a typed "8/12" is 8 December (the config's ``date_order``); the date forms read it."""
        return self.config.date_order == "day_first"

    def save_pair(self) -> None:
        """Queue the open pair for saving; the write happens on the save thread."""
        if self.session is None:
            return
        if self.session.read_only:
            self.notify("This pair is open read-only: the change is shown but not saved.",
                        severity="warning", markup=False)
            return
        if self.sync.saves_held:
            self.sync.hold_save()
            return
        try:
            self.session.save()
        except StoreError as error:
            self.report_error("Not saved", error)

    def close_session(self, discard: bool = False) -> None:
        """Write what is pending and release the pair's lock. Notes a failed save left
        out stay in the pair's journal for the next open, unless ``discard``."""
        self._save_problem = None
        if self.session is not None:
            session, self.session = self.session, None
            session.close(discard=discard)

    def on_pair_saved(self, message: PairSaved) -> None:
        self.saved_at = message.when
        if self._save_problem is not None and self.session is not None:
            self._save_problem = None
            self.notify("Saved again: every change is in the pair file.", title="Saved", markup=False)

    def on_save_failed(self, message: SaveFailed) -> None:
        """One notification per problem, not one per failed attempt (saves retry with
        every change); recovery is announced by ``on_pair_saved``."""
        problem = describe_error(message.error)
        if problem == self._save_problem or self.session is None:
            return
        self._save_problem = problem
        self.notify(f"{problem[:1].upper()}{problem[1:]}. Your changes are still on screen and are "
                    "saved as soon as that works again; quitting asks what to do with them.",
                    title="Not saved", severity="error", timeout=30, markup=False)

    def on_unmount(self) -> None:
        self.close_session()

    def exit(self, result: Any = None, return_code: int = 0, message: RenderableType | None = None) -> None:
        self._asked_to_exit = True
        super().exit(result, return_code, message)

    @property
    def is_ending(self) -> bool:
        """Asked to end, or ending: from here on Textual mounts no new widget, so a screen
        still being built (one built ahead behind the pair home, or opened the moment
        before a quit or a signal) never gets all its parts."""
        return self._asked_to_exit or not self.is_running

    def _handle_exception(self, error: Exception) -> None:
        # Such a screen's widgets then miss their parts, Textual's own (Select) too. The pair
        # was saved before the ending began: that is not a failure of the run.
        if isinstance(error, NoMatches) and self.is_ending:
            return
        super()._handle_exception(error)

    def action_toggle_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, MentorScreen):
            yield from screen.palette_commands()
