"""A footer that builds its keys again only when they changed.

Textual's Footer recomposes on every change of the screen's bindings, and a screen's
bindings are refreshed on each focus change and each time the screen is shown again, so
showing a screen rebuilt the same keys several times (each key restyled twice as it
mounts). This one compares what it would show with what it shows and skips the rebuild
when they are the same.

Narrower than 80 columns it closes up the space between keys, and when they still do not
fit it leaves out the last ones (the help key and the palette's key always stay): a key is
shown whole or not at all, and every key is still in the help panel and the palette."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# What a footer shows: each shown key with how it is written, its action, label, group,
# whether it is enabled, and its tooltip.
Shown = tuple[tuple[str, str, str, str, str, bool, str], ...]
NARROW_COLUMNS = 80
HELP_ACTION = "toggle_help"


class KeysFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._shown: Shown | None = None
        self._left_out = False

    def bindings_changed(self, screen: Screen[Any]) -> None:
        shown = _shown_keys(screen)
        if shown == self._shown:
            return
        super().bindings_changed(screen)
        # Remembered only when the footer does rebuild (it waits while the app is unfocused).
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        for widget in widgets:
            if isinstance(widget, FooterKey):
                # A key starts compact and, as it mounts, restyles itself for that and
                # again for the footer's flag (two restyles per key per build); set as
                # it will be, neither happens. The palette's key keeps its own flag.
                compact = widget.compact if is_palette_key(widget) else self.compact
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
        kept = fitting(widgets, self.size.width, self.compact)
        self._left_out = len(kept) < len(widgets)
        self.styles.grid_size_columns = sum(1 for widget in kept if not is_palette_key(widget))
        yield from kept

    def on_resize(self, event: events.Resize) -> None:
        narrow = event.size.width < NARROW_COLUMNS
        self.compact = narrow
        if narrow or self._left_out:
            self.refresh(recompose=True)


def is_palette_key(widget: Widget) -> bool:
    return widget.has_class("-command-palette")


def fitting(widgets: list[Widget], width: int, compact: bool) -> list[Widget]:
    """The footer's keys that fit in ``width`` columns, in their order: all of them, or the
    first ones that fit beside the help and palette keys. A width of 0 (not laid out yet)
    keeps them all."""
    def cells(widget: Widget) -> int:
        # A key's text with its padding (closed up: a column between keys); the palette's
        # key, docked on the right, draws its edge over the column left of it.
        if not isinstance(widget, FooterKey):
            return 0
        text = cell_len(f"{widget.key_display} {widget.description}")
        if is_palette_key(widget):
            return text + (2 if compact else 1)
        return text + (1 if compact else 2)

    if width <= 0 or sum(map(cells, widgets)) <= width:
        return widgets
    always = [widget for widget in widgets
              if is_palette_key(widget) or (isinstance(widget, FooterKey) and widget.action == HELP_ACTION)]
    room = width - sum(map(cells, always))
    kept = []
    for widget in widgets:
        if widget in always:
            kept.append(widget)
        elif cells(widget) <= room:
            kept.append(widget)
            room -= cells(widget)
        else:
            room = 0  # the ones after it are left out too, so the order stays
    return kept


def _shown_keys(screen: Screen[Any]) -> Shown:
    """The keys Textual's Footer composes: the bindings marked to show, and the command
    palette's (which is not marked). A focused table's own keys (cursor moves, enter) are
    not shown, so focusing it leaves the footer as it is."""
    palette = screen.app.COMMAND_PALETTE_BINDING
    return tuple((binding.key, binding.key_display or "", binding.action, binding.description,
                  binding.group.description if binding.group is not None else "", enabled, tooltip)
                 for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
                 if binding.show or key == palette)
