"""The agreement in the first meeting: on the items about it (how to stay in touch,
expectations, confidentiality) ctrl+e opens the pair form on what the two agree, and
saving records it as agreed today."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentortui.core import live_meeting
from mentortui.core.agreement import is_agreement_item, update_pair
from mentortui.core.dates import short_day
from mentortui.core.models import MEETING_KIND_NAMES, Pair
from mentortui.dialogs.pair_form import PairFormScreen

if TYPE_CHECKING:
    from mentortui.screens.meeting import MeetingScreen


def on_agreement_item(screen: MeetingScreen) -> bool:
    """Whether the meeting is on one of the agreement's items."""
    index = live_meeting.current_index(screen.meeting)
    return index is not None and is_agreement_item(screen.meeting.agenda[index], screen.app.content)


def edit_agreement(screen: MeetingScreen) -> None:
    """The pair form, opened on the agreement; saving records it as agreed today."""
    today = screen.app.today()

    def edited(result: Pair | None) -> None:
        if result is not None:
            update_pair(screen.pair, result, today, agreeing=True)
            screen.save()
            screen.notify(f"Agreement recorded on {short_day(today, today)}.", markup=False)
            screen.sub_title = f"{MEETING_KIND_NAMES[screen.meeting.kind]} · {screen.pair.title}"
        screen.back_to_notes()

    screen.app.push_screen(PairFormScreen(today, screen.pair, agreeing=True, day_first=screen.app.day_first), edited)
