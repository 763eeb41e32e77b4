"""What one of the pair needs before the next meeting, and search across the pair
(no Textual here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mentortui.core.builtin_content import BuiltinContent, Starter
from mentortui.core.lifecycle import stage_for
from mentortui.core.meeting_notes import GENERAL, notes_of
from mentortui.core.models import ActionItem, AgendaItem, Meeting, Pair, Role
from mentortui.core.planning import add_item
from mentortui.core.starter_bank import last_asked
from mentortui.core.styles import favoured_first

QUESTIONS_TO_PREPARE = 5
SNIPPET_CHARS = 90


def other_role(role: Role) -> Role:
    return "mentor" if role == "mentee" else "mentee"


def person_name(pair: Pair, role: Role) -> str:
    return pair.mentor.name if role == "mentor" else pair.mentee.name


def update_heading(pair: Pair, viewer: Role | None = None) -> str:
    """What the mentee's update is called, in the words of ``viewer`` ("My update ..." to
    the mentee themself)."""
    if viewer == "mentee":
        return "My update since last time"
    return f"{pair.mentee.name}'s update since last time"


def raised_mark(pair: Pair, item: AgendaItem) -> str:
    """"raised by Priya" for a topic one of the pair put on the agenda; "" otherwise."""
    return f"raised by {person_name(pair, item.raised_by)}" if item.raised_by else ""


def raise_topic(meeting: Meeting, title: str, minutes: int, role: Role) -> AgendaItem:
    """Put a topic ``role`` wants to raise on the meeting's agenda, before "Next steps"."""
    return add_item(meeting, AgendaItem(title=title, minutes=minutes, source="typed", raised_by=role))


def prepared_line(pair: Pair, meeting: Meeting) -> str:
    """What the two prepared for ``meeting``, in one short line ("" when nothing):
    "From Priya Raman: an update, 2 topics · from Dana Okafor: 1 topic"."""
    parts = []
    roles: tuple[Role, ...] = ("mentee", "mentor")
    for role in roles:
        things = ["an update"] if role == "mentee" and meeting.mentee_update.strip() else []
        count = sum(item.raised_by == role for item in meeting.agenda)
        if count:
            things.append(f"{count} topic{'s' if count > 1 else ''}")
        if things:
            parts.append(f"from {person_name(pair, role)}: {', '.join(things)}")
    line = " · ".join(parts)
    return line[:1].upper() + line[1:]


def owed_by(pair: Pair, role: str, today: date) -> list[ActionItem]:
    """Open items ``role`` owns alone or with the other: overdue first, then by date,
    items with no date last."""
    items = [item for item in pair.open_action_items() if item.owner in (role, "both")]
    return sorted(items, key=lambda item: (not item.is_overdue(today), item.due is None, item.due or date.max))


def questions_to_prepare(pair: Pair, content: BuiltinContent, role: str, meeting: Meeting | None,
                         limit: int = QUESTIONS_TO_PREPARE) -> list[Starter]:
    """Starters ``role`` might ask at the coming meeting: fitting its kind and the stage that
    kind belongs to (see ``lifecycle.stage_for``), not hidden, never asked with this pair, in the bank's order,
    save that the groups the pair's mentorship style favours come first (``styles.favoured_first``)."""
    kind = meeting.kind if meeting else None
    stage = stage_for(kind, pair.stage)
    asked = last_asked(pair)
    hidden = set(pair.hidden_starters)
    found = []
    for group in favoured_first(content.groups, lambda group: group.id, pair.expectations.style):
        for question in group.questions:
            fits = (kind in question.kinds if kind else True) and stage in question.stages
            if (fits and question.asker in (role, "either") and question.id not in asked
                    and question.id not in hidden):
                found.append(question)
    return found[:limit]


@dataclass(frozen=True)
class SearchHit:
    kind: str
    text: str
    meeting_id: str | None
    goal_id: str | None = None


def _snippet(text: str, start: int) -> str:
    begin = max(0, start - SNIPPET_CHARS // 3)
    piece = " ".join(text[begin:begin + SNIPPET_CHARS].split())
    return ("…" if begin else "") + piece


def search(pair: Pair, query: str) -> list[SearchHit]:
    """Notes (general and each agenda item's), decisions, action items and goals containing
    every word of ``query``, newest meeting first."""
    words = query.casefold().split()
    if not words:
        return []

    def matches(text: str) -> bool:
        folded = text.casefold()
        return all(word in folded for word in words)

    hits: list[SearchHit] = []
    for meeting in sorted(pair.meetings, key=lambda m: m.scheduled, reverse=True):
        sections = (GENERAL, *(item.id for item in meeting.agenda))
        for line in (line for section in sections for line in notes_of(meeting, section).splitlines()):
            if matches(line):
                hits.append(SearchHit("notes", _snippet(line, line.casefold().find(words[0])), meeting.id))
        hits.extend(SearchHit("decision", d, meeting.id) for d in meeting.decisions if matches(d))
    hits.extend(SearchHit("action item", item.text, item.meeting_id, item.goal_id)
                for item in pair.action_items if matches(item.text))
    for goal in pair.goals:
        fields = " ".join([goal.title, goal.specific, goal.measurable, goal.achievable, goal.relevant,
                           goal.time_bound])
        if matches(fields):
            hits.append(SearchHit("goal", goal.title, None, goal.id))
    return hits
