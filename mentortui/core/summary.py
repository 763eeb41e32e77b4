"""One line about a pair, as the pair list and `mentortui list` show it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from mentortui.core.models import Pair

NO_CONTACT_WARNING_DAYS = 14
MONTHLY_MINIMUM_DAYS = 30


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


def contact_warning(pair: Pair, today: date) -> str:
    """The seeds' contact rules: more than a month since the last meeting breaks the
    monthly minimum; two weeks with no meeting and none planned is a warning."""
    last = pair.last_meeting()
    since = last.scheduled.date() if last else pair.started_on
    days = (today - since).days
    lead = f"last met {days} days ago" if last else f"not met in the {days} days since starting"
    if days > MONTHLY_MINIMUM_DAYS:
        return f"{lead}: meet at least monthly"
    if days > NO_CONTACT_WARNING_DAYS and pair.next_meeting(today) is None:
        return f"{lead}, nothing planned"
    return ""


def summarize(slug: str, pair: Pair, today: date) -> PairSummary:
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
        warning=contact_warning(pair, today),
    )
