"""The Textual app: screen wiring, global keys, the command palette and opening pairs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from .screens.pair_list import PairListScreen

if TYPE_CHECKING:
    from .session import PairSession
    from .store import PairStore


class MentorApp(App[int]):
    TITLE = "mentortui"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark,f1", "toggle_help", "Help", id="help"),
    ]

    def __init__(
        self,
        open_store: Callable[[], PairStore],
        today: Callable[[], date],
        open_pair: str | None = None,
        demo: bool = False,
        read_only: bool = False,
    ) -> None:
        super().__init__()
        self._open_store = open_store
        self.today = today
        self._first_pair = open_pair
        self._demo = demo
        self._read_only = read_only

    @cached_property
    def store(self) -> PairStore:
        """Built on first use, which is in a worker thread after the first screen is up,
        so the domain's imports (pydantic, TinyDB) never delay that screen."""
        return self._open_store()

    def get_default_screen(self) -> Screen:
        return PairListScreen()

    def on_mount(self) -> None:
        self.call_after_refresh(self._open_first_pair)

    def _open_first_pair(self) -> None:
        if self._demo:
            self.create_demo_and_open()
        elif self._first_pair:
            self.open_pair(self._first_pair, read_only=self._read_only)

    @work(thread=True, exit_on_error=False, group="open")
    def create_demo_and_open(self) -> None:
        from .demo import demo_pair
        from .errors import StoreError

        try:
            slug = self.store.create(demo_pair(self.today()))
        except (StoreError, OSError) as error:
            self.call_from_thread(self.report_error, "Cannot create the demo pair", error)
        else:
            self.call_from_thread(self.open_pair, slug)

    def open_pair(self, slug: str, read_only: bool = False) -> None:
        self._load_session(slug, read_only)

    @work(thread=True, exit_on_error=False, group="open")
    def _load_session(self, slug: str, read_only: bool) -> None:
        from .errors import PairLockedError, StoreError
        from .session import PairSession

        try:
            session = PairSession.open(self.store, slug, read_only=read_only)
        except PairLockedError as error:
            self.call_from_thread(self._offer_read_only, slug, str(error))
        except (StoreError, OSError) as error:
            self.call_from_thread(self.report_error, "Cannot open pair", error)
        else:
            self.call_from_thread(self._show_session, session)

    def report_error(self, title: str, error: Exception) -> None:
        """Show an expected problem as a notification a person can act on."""
        message = str(error) if not isinstance(error, OSError) else f"{error.strerror}: {error.filename}"
        self.notify(message, title=title, severity="error", timeout=12, markup=False)

    def _offer_read_only(self, slug: str, message: str) -> None:
        from .screens.confirm import ConfirmScreen

        def answered(read_only: bool | None) -> None:
            if read_only:
                self.open_pair(slug, read_only=True)

        self.push_screen(ConfirmScreen(message, confirm="Open read-only", cancel="Cancel"), answered)

    def _show_session(self, session: PairSession) -> None:
        from .screens.pair_home import PairHomeScreen

        self.push_screen(PairHomeScreen(session))

    def action_toggle_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        screen_commands = getattr(screen, "palette_commands", None)
        if screen_commands is not None:
            yield from screen_commands()
