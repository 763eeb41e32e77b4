"""Mouse events that land on a widget which was just removed are dropped, not crashed on.

Textual hit-tests the mouse against the screen's last layout. Between a widget's removal
(a recompose, a rebuilt list, a toast that timed out) and the next layout, that map still
names the removed widget. A mouse-down there makes `Screen._forward_event` start a text
selection in the removed widget's parent, which is now None, and the app exits with
`AttributeError: 'NoneType' object has no attribute 'region'` (the second click of a
double-click on a pair row, landing on the pair home while it rebuilds). A click on
something that no longer exists does nothing instead; the next layout, a frame later,
brings the map up to date. A mouse-up always goes through, so a drag or a selection that
started before still ends.
"""

from __future__ import annotations

from textual import events
from textual.errors import NoWidget
from textual.screen import Screen


class StaleMouseGuard(Screen[None]):
    """Mix in before a Screen class: drop mouse events aimed at a removed widget."""

    def _forward_event(self, event: events.Event) -> None:
        if (isinstance(event, events.MouseEvent) and not isinstance(event, events.MouseUp)
                and not event.is_forwarded and self._hits_removed(event)):
            return
        super()._forward_event(event)

    def _hits_removed(self, event: events.MouseEvent) -> bool:
        try:
            widget, _ = self.get_widget_at(event.x, event.y)
        except NoWidget:
            return False
        return widget is not self and not widget.is_attached
