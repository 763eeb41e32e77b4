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

# What a footer shows: each shown key with how it is written, its action, label, group, whether it is
# enabled, and its tooltip.
Shown = tuple[tuple[str, str, str, str, str, bool, str], ...]


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
    """The keys Textual's Footer composes: the bindings marked to show, and the command
    palette's (which is not marked). A focused table's own keys (cursor moves, enter) are
    not shown, so focusing it leaves the footer as it is."""
    palette = screen.app.COMMAND_PALETTE_BINDING
    return tuple((binding.key, binding.key_display or "", binding.action, binding.description,
                  binding.group.description if binding.group is not None else "", enabled, tooltip)
                 for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
                 if binding.show or key == palette)
