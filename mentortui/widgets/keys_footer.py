"""A footer that builds its keys again only when they changed.

Textual's Footer recomposes on every change of the screen's bindings, and a screen's
bindings are refreshed on each focus change and each time the screen is shown again, so
showing a screen rebuilt the same keys several times (each key restyled twice as it
mounts). This one compares what it would show with what it shows and skips the rebuild
when they are the same."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer

# What a footer shows: each shown key with its label, whether it is enabled, and its tooltip.
Shown = tuple[tuple[str, str, bool, str], ...]


class KeysFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._shown: Shown | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        shown = _shown_keys(screen)
        if shown == self._shown:
            return
        super().bindings_changed(screen)
        # Remembered only when the footer does rebuild (it waits while the app is unfocused).
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown


def _shown_keys(screen: Screen[Any]) -> Shown:
    # Every active binding, shown or not: the command palette key is not "shown" yet has a key.
    return tuple((binding.key, binding.description, enabled, tooltip)
                 for _, binding, enabled, tooltip in screen.active_bindings.values())
