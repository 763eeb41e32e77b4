"""Conversation starters for one pair: the built-in bank plus the pair's own questions,
which ones fit now, which were asked and when, and which the pair hid (no Textual here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mentortui.core.builtin_content import BuiltinContent, Starter, StarterGroup
from mentortui.core.models import AgendaItem, AskedStarter, CustomStarter, Meeting, MentorStyle, Pair
from mentortui.core.styles import favoured_first

CUSTOM_GROUP = "custom"
CUSTOM_TITLE = "Our own questions"
STARTER_MINUTES = 5


@dataclass(frozen=True)
class StarterRow:
    id: str
    text: str
    group: str
    group_title: str
    custom: bool
    hidden: bool
    asked: AskedStarter | None


@dataclass(frozen=True)
class GroupRow:
    id: str
    title: str
    about: str
    fits: bool


def group_rows(content: BuiltinContent, stage: int, kind: str | None,
               style: MentorStyle | None = None) -> list[GroupRow]:
    """The pair's own questions first, then the groups the pair's mentorship ``style``
    favours, then those that fit the pair's stage and the next meeting's kind, then the
    rest, each in the bank's order."""
    fitting = [g for g in content.groups if g.fits(stage, kind)]
    others = [g for g in content.groups if not g.fits(stage, kind)]
    own = GroupRow(CUSTOM_GROUP, CUSTOM_TITLE, "Questions you added for this pair.", True)
    rows = [_group_row(g, True) for g in fitting] + [_group_row(g, False) for g in others]
    return [own, *favoured_first(rows, lambda row: row.id, style)]


def _group_row(group: StarterGroup, fits: bool) -> GroupRow:
    return GroupRow(group.id, group.title, group.about, fits)


def last_asked(pair: Pair) -> dict[str, AskedStarter]:
    latest: dict[str, AskedStarter] = {}
    for record in pair.asked:
        if record.starter_id not in latest or record.on >= latest[record.starter_id].on:
            latest[record.starter_id] = record
    return latest


def starter_rows(content: BuiltinContent, pair: Pair, group: str | None, query: str = "",
                 show_hidden: bool = False) -> list[StarterRow]:
    """The questions of one group, or of every group when ``group`` is None; ``query``
    keeps those containing every word typed, in any order and case."""
    asked = last_asked(pair)
    hidden = set(pair.hidden_starters)
    titles = {g.id: g.title for g in content.groups} | {CUSTOM_GROUP: CUSTOM_TITLE}
    rows = [
        StarterRow(c.id, c.text, CUSTOM_GROUP, CUSTOM_TITLE, True, c.id in hidden, asked.get(c.id))
        for c in pair.custom_starters
    ] + [
        StarterRow(q.id, q.text, q.group, titles[q.group], False, q.id in hidden, asked.get(q.id))
        for g in content.groups for q in g.questions
    ]
    words = query.casefold().split()
    return [
        row for row in rows
        if (group is None or row.group == group)
        and (show_hidden or not row.hidden)
        and all(word in f"{row.text} {row.group_title}".casefold() for word in words)
    ]


def toggle_asked(pair: Pair, starter_id: str, today: date, meeting_id: str | None = None) -> bool:
    """Mark a question asked today, or take back today's mark; returns whether it is now asked."""
    today_marks = [r for r in pair.asked if r.starter_id == starter_id and r.on == today]
    if today_marks:
        pair.asked = [r for r in pair.asked if r not in today_marks]
        return False
    pair.asked.append(AskedStarter(starter_id=starter_id, meeting_id=meeting_id, on=today))
    return True


def toggle_hidden(pair: Pair, starter_id: str) -> bool:
    if starter_id in pair.hidden_starters:
        pair.hidden_starters = [s for s in pair.hidden_starters if s != starter_id]
        return False
    pair.hidden_starters = [*pair.hidden_starters, starter_id]
    return True


def add_custom(pair: Pair, text: str) -> CustomStarter:
    starter = CustomStarter(text=text)
    pair.custom_starters.append(starter)
    return starter


def edit_custom(pair: Pair, starter_id: str, text: str) -> None:
    for starter in pair.custom_starters:
        if starter.id == starter_id:
            starter.text = text


@dataclass(frozen=True)
class RemovedStarter:
    """A question of the pair's own that was removed, and what restoring it needs."""

    starter: CustomStarter
    index: int
    hidden: bool


def remove_custom(pair: Pair, starter_id: str) -> RemovedStarter | None:
    removed = next((RemovedStarter(s, i, starter_id in pair.hidden_starters)
                    for i, s in enumerate(pair.custom_starters) if s.id == starter_id), None)
    pair.custom_starters = [s for s in pair.custom_starters if s.id != starter_id]
    pair.hidden_starters = [s for s in pair.hidden_starters if s != starter_id]
    return removed


def restore_custom(pair: Pair, removed: RemovedStarter) -> None:
    """Put a removed question back at its place, hidden again if it was."""
    pair.custom_starters.insert(min(removed.index, len(pair.custom_starters)), removed.starter)
    if removed.hidden:
        pair.hidden_starters.append(removed.starter.id)


def agenda_item_for(row: StarterRow) -> AgendaItem:
    return AgendaItem(title=row.text, minutes=STARTER_MINUTES, source="starter", ref=row.id)


def item_questions(content: BuiltinContent, pair: Pair, kind: str, item: AgendaItem) -> list[Starter]:
    """The questions a template item offers in a meeting of ``kind``: its starter groups'
    questions that fit the kind, in the item's group order, neither hidden nor ever asked
    with this pair."""
    if item.source != "template":
        return []
    asked = last_asked(pair)
    hidden = set(pair.hidden_starters)
    groups = {group.id: group for group in content.groups}
    return [
        question
        for group_id in content.item_groups(kind, item.title) if group_id in groups
        for question in groups[group_id].questions
        if kind in question.kinds and question.id not in asked and question.id not in hidden
    ]


def record_asked(pair: Pair, meeting: Meeting, starter_id: str, on: date) -> None:
    """A question asked in ``meeting`` counts as asked with the pair (once per meeting)."""
    if not any(r.starter_id == starter_id and r.meeting_id == meeting.id for r in pair.asked):
        pair.asked.append(AskedStarter(starter_id=starter_id, meeting_id=meeting.id, on=on))


def record_reached(pair: Pair, meeting: Meeting, item: AgendaItem, on: date) -> None:
    """A starter on the agenda that the meeting reached counts as asked in that meeting."""
    if item.source == "starter" and item.ref is not None:
        record_asked(pair, meeting, item.ref, on)
