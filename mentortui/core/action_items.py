"""Action items across a pair's meetings: filters, sort orders and the summary line
(no Textual here)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from mentortui.core.models import ActionItem, ActionStatus, Owner, Pair

STATUS_FILTERS: dict[str, str] = {
    "all": "All",
    "open": "Open",
    "overdue": "Overdue",
    "week": "Due this week",
    "done": "Done",
    "dropped": "Dropped",
}
SORTS: dict[str, str] = {"due": "Delivery date", "meeting": "Meeting", "owner": "Owner"}
ANY = "any"
OWNER_ORDER = {"mentee": 0, "mentor": 1, "both": 2}


@dataclass(frozen=True)
class ActionSummary:
    open: int
    overdue: int
    done_on_time: int
    done_late: int

    def line(self) -> str:
        return (f"{self.open} open, {self.overdue} overdue, {self.done_on_time} done on time, "
                f"{self.done_late} done late")


def summarize_actions(pair: Pair, today: date) -> ActionSummary:
    done = [item for item in pair.action_items if item.status == "done"]
    late = [item for item in done if item.due and item.done_on and item.done_on > item.due]
    return ActionSummary(
        open=len(pair.open_action_items()),
        overdue=len(pair.overdue_action_items(today)),
        done_on_time=len(done) - len(late),
        done_late=len(late),
    )


def _status_test(status: str, today: date) -> Callable[[ActionItem], bool]:
    week_end = today + timedelta(days=6 - today.weekday())
    tests: dict[str, Callable[[ActionItem], bool]] = {
        "all": lambda item: True,
        "open": lambda item: item.status == "open",
        "overdue": lambda item: item.is_overdue(today),
        "week": lambda item: item.status == "open" and item.due is not None and today <= item.due <= week_end,
        "done": lambda item: item.status == "done",
        "dropped": lambda item: item.status == "dropped",
    }
    return tests[status]


def select_actions(pair: Pair, today: date, status: str = "open", owner: Owner | str = ANY,
                   goal: str = ANY, sort: str = "due") -> list[ActionItem]:
    """The pair's action items that pass the filters, in the chosen order. ``goal`` is a
    goal id, or ANY."""
    keep = _status_test(status, today)
    items = [
        item for item in pair.action_items
        if keep(item) and (owner == ANY or item.owner == owner) and (goal == ANY or item.goal_id == goal)
    ]
    meeting_dates = {m.id: m.scheduled for m in pair.meetings}
    keys: dict[str, Callable[[ActionItem], tuple[Any, ...]]] = {
        "due": lambda item: (item.due is None, item.due or date.max),
        "meeting": lambda item: (meeting_dates.get(item.meeting_id or "") is None,
                                 meeting_dates.get(item.meeting_id or "") or datetime.max),
        "owner": lambda item: (OWNER_ORDER[item.owner], item.due or date.max),
    }
    return sorted(items, key=keys[sort])


def mark(item: ActionItem, status: ActionStatus, today: date) -> None:
    """Done records the day; reopening or dropping clears it."""
    item.status = status
    item.done_on = today if status == "done" else None
