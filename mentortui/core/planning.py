"""Planning the next meeting: its kind, time and agenda (no Textual here).

The agenda starts from the template of the meeting's kind; open action items from
earlier meetings and goals with a check-in due are carried in on their own, under
"Review action items" (or just before "Next steps" when the template has no review).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from mentortui.core.builtin_content import AGREEMENT_ROLE, AgendaTemplate, BuiltinContent
from mentortui.core.models import AgendaItem, Goal, Meeting, MeetingKind, Pair

REVIEW_ACTIONS = "review_actions"
NEXT_STEPS = "next_steps"
CARRIED_SOURCES = ("action_item", "goal_checkin")
CARRIED_MINUTES = {"action_item": 2, "goal_checkin": 5}
DEFAULT_START = time(18, 0)
# After these kinds the seeds' meeting guide goes on to the next one.
_KIND_AFTER: dict[str, MeetingKind] = {"first": "needs_1", "needs_1": "needs_2"}


def suggest_kind(pair: Pair) -> MeetingKind:
    """First meeting for a new pair, then the two needs meetings, then regular ones;
    closing once the pair has reached the closing stage."""
    if pair.stage == 4:
        return "closing"
    last = pair.last_meeting()
    if last is None:
        return "first"
    return _KIND_AFTER.get(last.kind, "regular")


def suggest_start(pair: Pair, today: date) -> datetime:
    """The agreed interval after the last meeting, at the pair's usual time, not before tomorrow."""
    last = pair.last_meeting()
    if last is None:
        return datetime.combine(today + timedelta(days=7), DEFAULT_START)
    start = datetime.combine(last.scheduled.date() + timedelta(days=pair.expectations.frequency_days),
                             last.usual_time)
    while start.date() <= today:
        start += timedelta(days=1)
    return start


def template_items(template: AgendaTemplate) -> list[AgendaItem]:
    # An item's ref names the one item of its role (matched on a change of kind or an undo);
    # several items share the agreement role, so they are found by title (core.agreement).
    return [
        AgendaItem(title=item.title, minutes=item.minutes, source="template",
                   ref=item.role if item.role and item.role != AGREEMENT_ROLE else None, hint=item.hint)
        for item in template.items
    ]


def plan_next_meeting(pair: Pair, today: date, content: BuiltinContent) -> Meeting:
    """The next planned meeting with its agenda up to date; planned now if there is none."""
    meeting = pair.next_meeting(today)
    if meeting is None:
        meeting = Meeting(
            kind=suggest_kind(pair),
            scheduled=suggest_start(pair, today),
            planned_minutes=pair.expectations.length_minutes,
        )
        pair.meetings.append(meeting)
    if not meeting.agenda:
        meeting.agenda = tuple(template_items(content.templates[meeting.kind]))
    carry_in(pair, meeting)
    return meeting


def edited_items(meeting: Meeting, content: BuiltinContent) -> list[AgendaItem]:
    """Template items the pair changed: a title or a time box that is not in the template
    of the meeting's kind (items kept from another kind's template count too)."""
    template = {(item.title, item.minutes) for item in content.templates[meeting.kind].items}
    return [item for item in meeting.agenda
            if item.source == "template" and (item.title, item.minutes) not in template]


def change_kind(meeting: Meeting, kind: MeetingKind, content: BuiltinContent, keep_edits: bool = True) -> None:
    """Swap the template's items for the new kind's; keep everything else in order.

    With ``keep_edits`` an edited template item stays: in place of the new template's
    item with the same role or title (so nothing is doubled), else as an added item.
    """
    edited = edited_items(meeting, content) if keep_edits else []
    agenda = template_items(content.templates[kind])
    taken: set[int] = set()
    kept = []
    for item in meeting.agenda:
        if item.source != "template":
            kept.append(item)
        elif any(item is changed for changed in edited):
            slot = next((index for index, new in enumerate(agenda) if index not in taken
                         and ((item.ref and new.ref == item.ref) or new.title == item.title)), None)
            if slot is None:
                kept.append(item)
            else:
                agenda[slot] = item
                taken.add(slot)
    meeting.kind = kind
    meeting.agenda = tuple(agenda)
    for item in kept:
        add_item(meeting, item)


def _slot_for(meeting: Meeting, item: AgendaItem) -> int:
    """Carried items go right after "Review action items"; everything else added goes
    just before "Next steps"; either falls back to the end."""
    refs = [agenda_item.ref for agenda_item in meeting.agenda]
    if item.source in CARRIED_SOURCES and REVIEW_ACTIONS in refs:
        index = refs.index(REVIEW_ACTIONS) + 1
        while index < len(meeting.agenda) and meeting.agenda[index].source in CARRIED_SOURCES:
            index += 1
        return index
    if NEXT_STEPS in refs:
        return refs.index(NEXT_STEPS)
    return len(meeting.agenda)


def add_item(meeting: Meeting, item: AgendaItem) -> AgendaItem:
    insert_item(meeting, _slot_for(meeting, item), item)
    return item


def insert_item(meeting: Meeting, index: int, item: AgendaItem) -> None:
    meeting.agenda = (*meeting.agenda[:index], item, *meeting.agenda[index:])


def remove_item(meeting: Meeting, index: int) -> AgendaItem:
    """Take the item at ``index`` off the agenda; returns it."""
    item = meeting.agenda[index]
    meeting.agenda = (*meeting.agenda[:index], *meeting.agenda[index + 1:])
    return item


def checkin_due(goal: Goal, by: date) -> date | None:
    """The latest planned check-in on or before ``by`` that has no check-in recorded since."""
    if not goal.is_active:
        return None
    due = [planned for planned in goal.checkin_dates if planned <= by]
    if not due:
        return None
    latest = max(due)
    if goal.checkins and max(c.on for c in goal.checkins) >= latest:
        return None
    return latest


def carry_in(pair: Pair, meeting: Meeting) -> None:
    """Bring the agenda up to date with the pair: every open action item from an earlier
    meeting and every goal with a check-in due by the meeting is on it; carried items
    that were closed or checked in since are taken off."""
    wanted: dict[tuple[str, str], AgendaItem] = {}
    for action in pair.open_action_items():
        if action.meeting_id != meeting.id:
            wanted[("action_item", action.id)] = AgendaItem(
                title=action.text, minutes=CARRIED_MINUTES["action_item"], source="action_item",
                ref=action.id)
    for goal in pair.goals:
        if checkin_due(goal, meeting.scheduled.date()):
            wanted[("goal_checkin", goal.id)] = AgendaItem(
                title=f"Goal check-in: {goal.title}", minutes=CARRIED_MINUTES["goal_checkin"],
                source="goal_checkin", ref=goal.id)
    present = {(item.source, item.ref) for item in meeting.agenda}
    meeting.agenda = tuple(
        item for item in meeting.agenda
        if item.source not in CARRIED_SOURCES or (item.source, item.ref) in wanted
    )
    for key, item in wanted.items():
        if key not in present:
            add_item(meeting, item)


def planned_agenda(pair: Pair, meeting: Meeting) -> tuple[AgendaItem, ...]:
    """The agenda as it stands now: before the meeting starts, its carried items follow
    the pair's action items and goals (without changing the meeting)."""
    if meeting.started_at is not None:
        return meeting.agenda
    view = meeting.model_copy()
    carry_in(pair, view)
    return view.agenda


def move_item(meeting: Meeting, index: int, offset: int) -> int:
    """Move the item at ``index`` by ``offset`` places; return where it ended up."""
    target = max(0, min(len(meeting.agenda) - 1, index + offset))
    insert_item(meeting, target, remove_item(meeting, index))
    return target


def planned_total(meeting: Meeting) -> int:
    return sum(item.minutes for item in meeting.agenda)
