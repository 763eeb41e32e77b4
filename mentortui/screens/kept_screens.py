"""The screens the pair home opens again and again (action items, goals, Before next),
each built once while the pair is open and shown again on later visits: building a
screen (its widgets, their styles, its layout) costs far more than showing the pair as
it is now in the widgets it already has.

They are built and laid out ahead, unshown, once the pair home has been on screen for a
moment (a person reads it before choosing where to go), so even the first visit only shows
the pair in widgets that exist."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

from textual import on
from textual.events import ScreenResume
from textual.timer import Timer
from textual.widget import AwaitMount

from mentortui import collector
from mentortui.screens.base import PairScreen

BUILD_AHEAD_SECONDS = 0.4
"""How long the pair home is shown before the kept screens are built behind it."""


class KeptScreen(PairScreen):
    """A pair screen that is shown again rather than built again."""

    _styled_for: tuple[str, bool | None] | None = None

    def _look(self) -> tuple[str, bool | None]:
        return self.app.theme, self.app.ansi_color

    @on(ScreenResume)
    def _restyle_if_the_look_changed(self, event: ScreenResume) -> None:
        # Textual restyles every widget of a screen it pushes (50 ms on the action items),
        # for what may have changed app-wide while the screen was off the stack: the theme.
        # A kept screen, styled when it was built, is restyled only when that changed.
        if self._look() == self._styled_for:
            event.refresh_styles = False
        self._styled_for = self._look()

    def on_mount(self) -> None:
        # Built ahead and still mounting when the app is asked to end, the screen never gets
        # all its widgets (see ``MentorApp.is_ending``): there is nothing to show then.
        if not self.app.is_ending:
            self._styled_for = self._look()
            self.first_show()

    def first_show(self) -> None:
        """Show the pair in the widgets just built."""
        raise NotImplementedError

    def revisit(self) -> None:
        """Called before the screen is shown again from the pair home: start as a new
        visit would (filters, shown meeting) and show the pair as it is now."""
        raise NotImplementedError


class KeptScreens:
    """The kept screens of one pair home, by their class; ``release()`` lets them go when
    the pair is closed. ``kinds`` gives the classes to build ahead (imported only then)."""

    def __init__(self, home: PairScreen, kinds: Callable[[], Sequence[type[KeptScreen]]]) -> None:
        self._home = home
        self._kinds = kinds
        self._screens: dict[type[KeptScreen], KeptScreen] = {}
        self._build_timer: Timer | None = None

    def show(self, kind: type[KeptScreen]) -> None:
        """Show the kept screen of this kind, building it on the first visit."""
        screen = self._screens.get(kind)
        if screen is None:
            screen = self._build(kind)
        elif screen.is_mounted:
            screen.revisit()
        # else it is still being built ahead: its own mount shows the pair as it is now.
        self._home.app.push_screen(screen)

    def built(self) -> list[KeptScreen]:
        """The kept screens built so far with their widgets, in the order they were built."""
        return [screen for screen in self._screens.values() if screen.is_mounted]

    def build_ahead_later(self) -> None:
        """Build the kept screens not built yet once the pair home has stayed on screen for
        ``BUILD_AHEAD_SECONDS``. A headless app (a test, a script) has no one reading the
        pair home before choosing a screen: nothing is built ahead there."""
        if self._build_timer is None and not self._home.app.is_headless:
            self._build_timer = self._home.set_timer(BUILD_AHEAD_SECONDS, self.build_ahead)

    async def build_ahead(self) -> None:
        """Build the kept screens not built yet, one at a time, unshown, while the pair home
        is the screen shown."""
        self._build_timer = None
        app = self._home.app
        for kind in self._kinds():
            # A key that opened another screen, or a quit, ends the building; the next
            # return to the pair home goes on with what is left.
            if not (self._home.is_current and self._home.is_shown):
                return
            if kind in self._screens:
                continue
            screen = self._build(kind)
            # Textual builds a screen when it is first pushed: registering it with the app
            # is what that push does first (``App._get_screen``), and a layout of a screen
            # not shown is not drawn (``Screen._refresh_layout``). Both private, Textual 8.2.
            await AwaitMount(screen, app._register(app, screen))
            if app.is_ending:
                return
            screen._refresh_layout(app.size)
            await asyncio.sleep(0)  # let a key that came meanwhile be answered first
        collector.freeze_long_lived()

    def _build(self, kind: type[KeptScreen]) -> KeptScreen:
        screen = self._screens[kind] = kind(self._home.session)
        # Installed, Textual keeps the screen when it is popped instead of removing it.
        self._home.app.install_screen(screen, f"{kind.__name__}-{id(self._home)}")
        return screen

    def release(self) -> None:
        """Let the kept screens go; one still on the screen stack (the app is quitting from
        it) goes with the stack."""
        if self._build_timer is not None:
            self._build_timer.stop()
            self._build_timer = None
        stack = self._home.app.screen_stack
        for screen in self._screens.values():
            if screen not in stack:
                self._home.app.uninstall_screen(screen)
                if screen.is_mounted:
                    screen.remove()
                else:  # still being built ahead: removed once its widgets have mounted
                    screen.call_later(screen.remove)
        self._screens.clear()
