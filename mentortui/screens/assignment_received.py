"""Marking the last meeting's assignment received, from the pair home or Before next."""

from __future__ import annotations

from mentortui.core.assignments import current_assignment, mark_received, received_label
from mentortui.core.dates import short_day
from mentortui.screens.base import PairScreen


def receive_assignment(screen: PairScreen) -> bool:
    """Mark it received today and save; say why not when there is none or it already was."""
    today = screen.app.today()
    given = current_assignment(screen.pair)
    if given is None:
        screen.notify("The last meeting gave no assignment.", markup=False)
        return False
    if not mark_received(given, today):
        screen.notify(f"The assignment is already {received_label(given, today)}.", markup=False)
        return False
    screen.save()
    screen.notify(f"Assignment marked received {short_day(today, today)}.", markup=False)
    return True
