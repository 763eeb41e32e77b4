"""One line about a pair, as the pair list and `mentortui list` show it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mentortui.core.models import Pair


@dataclass(frozen=True)
class PairSummary:
    slug: str
    mentee: str
    mentor: str
    stage: int
    last_meeting: datetime | None
    next_meeting: datetime | None
    open_items: int
    overdue_items: int
    warning: str
    closed_on: date | None = None
    """When the relationship was closed; a closed pair is listed apart, with no warning."""


def summarize(slug: str, pair: Pair, today: date) -> PairSummary:
    # Imported here so that reading summaries back (storage/summary_cache) needs no models.
    from mentortui.core.contact_rules import warnings

    last = pair.last_meeting()
    upcoming = pair.next_meeting(today)
    return PairSummary(
        slug=slug,
        mentee=pair.mentee.name,
        mentor=pair.mentor.name,
        stage=pair.stage,
        last_meeting=last.scheduled if last else None,
        next_meeting=upcoming.scheduled if upcoming else None,
        open_items=len(pair.open_action_items()),
        overdue_items=len(pair.overdue_action_items(today)),
        warning="; ".join(warnings(pair, today)),
        closed_on=pair.closed_on,
    )
