"""Action items across a pair's meetings: filters, sort orders, the summary line, pushed
dates and what meetings did with carried items (no Textual here)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from mentortui.core.models import ActionItem, ActionStatus, CarriedOutcomeKind, Meeting, Owner, Pair

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


def push_due(item: ActionItem, day: date) -> None:
    """Give the item a new delivery date; the date it had is kept in its history."""
    if item.due is not None and item.due != day:
        item.due_history = (*item.due_history, item.due)
    item.due = day


def due_dates(item: ActionItem) -> list[date]:
    """Every delivery date the item has had, the current one last: 16 Nov, 23 Nov, 1 Dec."""
    return [*item.due_history, *([item.due] if item.due is not None else [])]


def slips(item: ActionItem) -> int:
    """How often the item's delivery date was pushed."""
    return len(item.due_history)


@dataclass(frozen=True)
class CarriedResult:
    """One carried action item and what a meeting did with it."""

    item: ActionItem
    outcome: CarriedOutcomeKind
    old_due: date | None
    new_due: date | None


def outcome_now(item: ActionItem) -> CarriedOutcomeKind:
    """What a carried item's state says happened to it, when the meeting recorded nothing."""
    return "open" if item.status == "open" else item.status


@dataclass(frozen=True)
class ActionIndex:
    """A pair's action items by id and by the meeting they were captured in, built in one
    pass over the items, for a report that asks about every meeting (asking the pair for
    each meeting would cost meetings x items)."""

    by_id: dict[str, ActionItem]
    by_meeting: dict[str, list[ActionItem]]

    def captured_in(self, meeting: Meeting) -> list[ActionItem]:
        """The items captured in ``meeting``, in the pair's order."""
        return self.by_meeting.get(meeting.id, [])


def index_actions(pair: Pair) -> ActionIndex:
    """The pair's action items indexed by id (the first of an id wins, as with
    ``Pair.action_item``) and by meeting."""
    by_id: dict[str, ActionItem] = {}
    by_meeting: dict[str, list[ActionItem]] = {}
    for item in pair.action_items:
        by_id.setdefault(item.id, item)
        if item.meeting_id is not None:
            by_meeting.setdefault(item.meeting_id, []).append(item)
    return ActionIndex(by_id, by_meeting)


def carried_outcomes(pair: Pair, meeting: Meeting, index: ActionIndex | None = None) -> list[CarriedResult]:
    """The action items carried into ``meeting`` and what happened to each, in agenda
    order. An ended meeting says what it recorded; a meeting under way also lists the
    carried items it has not taken up yet, as their state is now. ``index`` saves a
    search of the pair's items per carried item."""
    recorded = {outcome.item_id: outcome for outcome in meeting.carried}
    ids = list(recorded)
    if meeting.started_at is not None and meeting.ended_at is None:
        ids += [entry.ref for entry in meeting.agenda
                if entry.source == "action_item" and entry.ref and entry.ref not in recorded]
    results = []
    for item_id in ids:
        item = index.by_id.get(item_id) if index is not None else pair.action_item(item_id)
        if item is None:
            continue
        if item_id in recorded:
            outcome = recorded[item_id]
            results.append(CarriedResult(item, outcome.outcome, outcome.old_due, outcome.new_due))
        else:
            results.append(CarriedResult(item, outcome_now(item), item.due, None))
    order = {entry.ref: index for index, entry in enumerate(meeting.agenda) if entry.source == "action_item"}
    return sorted(results, key=lambda result: order.get(result.item.id, len(order)))


def slipped_most(pair: Pair, n: int) -> list[ActionItem]:
    """The ``n`` action items whose delivery date was pushed most often (at least once),
    most slips first, then by their current date."""
    slipped = [item for item in pair.action_items if item.due_history]
    return sorted(slipped, key=lambda item: (-slips(item), item.due or date.max))[:n]
