"""The screens the pair home opens again and again (action items, goals, Before next),
each built once while the pair is open and shown again on later visits: building a
screen (its widgets, their styles, its layout) costs far more than showing the pair as
it is now in the widgets it already has."""

from __future__ import annotations

from mentortui.screens.base import PairScreen


class KeptScreen(PairScreen):
    """A pair screen that is shown again rather than built again."""

    def revisit(self) -> None:
        """Called before the screen is shown again from the pair home: start as a new
        visit would (filters, shown meeting) and show the pair as it is now."""
        raise NotImplementedError


class KeptScreens:
    """The kept screens of one pair home, by their class; ``release()`` lets them go when
    the pair is closed."""

    def __init__(self, home: PairScreen) -> None:
        self._home = home
        self._screens: dict[type[KeptScreen], KeptScreen] = {}

    def show(self, kind: type[KeptScreen]) -> None:
        """Show the kept screen of this kind, building it on the first visit."""
        screen = self._screens.get(kind)
        if screen is None:
            screen = self._screens[kind] = kind(self._home.session)
            # Installed, Textual keeps the screen when it is popped instead of removing it.
            self._home.app.install_screen(screen, f"{kind.__name__}-{id(self._home)}")
        else:
            screen.revisit()
        self._home.app.push_screen(screen)

    def release(self) -> None:
        """Let the kept screens go; one still on the screen stack (the app is quitting from
        it) goes with the stack."""
        stack = self._home.app.screen_stack
        for screen in self._screens.values():
            if screen not in stack:
                self._home.app.uninstall_screen(screen)
                screen.remove()
        self._screens.clear()
