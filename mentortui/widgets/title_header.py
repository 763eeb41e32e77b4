"""Textual's Header, safe when its screen goes away before it has composed its title."""

from __future__ import annotations

from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.events import Mount
from textual.widgets import Header
from textual.widgets._header import HeaderTitle


class TitleHeader(Header):
    """The Header every screen shows. Textual's own updates its title from watchers that
    catch a missing screen but not a missing title widget, which is what a quit (or a
    signal) landing while a new screen is still composing leaves: a traceback on exit."""

    def _on_mount(self, event: Mount) -> None:
        # Replaces Header._on_mount, which only sets up these watchers.
        event.prevent_default()

        async def set_title() -> None:
            try:
                self.query_one(HeaderTitle).update(self.format_title())
            except (NoScreen, NoMatches):
                pass  # nothing to update: compose shows the title as it is then

        for owner in (self.app, self.screen):
            self.watch(owner, "title", set_title)
            self.watch(owner, "sub_title", set_title)
