"""Closing a pair from any of its screens: the closing summary form, then the pair closed and saved."""

from __future__ import annotations

from mentortui.core.dates import short_day
from mentortui.core.lifecycle import close_pair, goals_reached_text
from mentortui.core.models import ClosingSummary
from mentortui.dialogs.closing import ClosingScreen
from mentortui.screens.base import PairScreen


def ask_closing_summary(screen: PairScreen) -> None:
    """Ask the closing questions (the goals reached filled in from the achieved goals, or the
    answers of an earlier closure); on save close the pair and save it. The pair home shows
    the closure when it comes back to the front."""
    pair = screen.pair
    summary = pair.closing or ClosingSummary(goals_reached=goals_reached_text(pair))

    def answered(result: ClosingSummary | None) -> None:
        if result is not None:
            today = screen.app.today()
            close_pair(pair, result, today)
            screen.save()
            screen.notify(f"The relationship is closed as of {short_day(today, today)}. It stays here, "
                          "read-only; the palette's Reopen pair takes it back.", markup=False)

    screen.app.push_screen(ClosingScreen(f"Closing summary: {pair.title}", summary), answered)
