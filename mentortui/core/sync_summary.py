"""What a sync brought in, in words: "2 meetings, 1 action item from Priya Raman"."""

from __future__ import annotations

from mentortui.core.models import Pair, PairInfo, Role, Stamped

# (table, one, many), in the order a summary names them.
_TABLES = (
    ("meetings", "meeting", "meetings"),
    ("action_items", "action item", "action items"),
    ("goals", "goal", "goals"),
    ("custom_starters", "question", "questions"),
    ("contacts", "check-in", "check-ins"),
    ("worksheets", "worksheet", "worksheets"),
)


def incoming_counts(before: Pair, after: Pair) -> dict[str, int]:
    """Per table, the records a sync added or changed, and those it deleted. A sync runs
    after this machine's own changes were saved, so every difference came from the other
    person; records are compared by content, not by stamp, since two changes within the
    same second carry the same stamp."""
    counts: dict[str, int] = {}
    for table, _one, _many in _TABLES:
        old = {record.id: _content(record) for record in getattr(before, table)}
        new_ids = set()
        count = 0
        for record in getattr(after, table):
            new_ids.add(record.id)
            if old.get(record.id) != _content(record):
                count += 1
        count += sum(1 for record_id in old if record_id not in new_ids)
        if count:
            counts[table] = count
    if _content(before, PairInfo) != _content(after, PairInfo):
        counts["pair"] = 1
    return counts


def _content(record: Stamped, shape: type[Stamped] | None = None) -> dict[str, object]:
    """What a person wrote in a record: its fields without the stamps (and, for the pair's
    own facts, without its lists)."""
    fields = set(shape.model_fields) if shape is not None else None
    return record.model_dump(include=fields, exclude={"updated_at", "updated_by"})


def describe_incoming(before: Pair, after: Pair, my_role: Role) -> str:
    """One line about what came in from the other person, or "" when nothing did."""
    counts = incoming_counts(before, after)
    parts = [f"{counts[table]} {one if counts[table] == 1 else many}"
             for table, one, many in _TABLES if table in counts]
    if "pair" in counts:
        parts.append("the pair's details")
    if not parts:
        return ""
    other = after.mentee if my_role == "mentor" else after.mentor
    return f"{', '.join(parts)} from {other.name}"


def describe_review(count: int) -> str:
    """'1 thing to review', '3 things to review'; "" for none."""
    if count <= 0:
        return ""
    return f"{count} thing{'s' if count != 1 else ''} to review"


def describe_unshared(count: int) -> str:
    """'1 change not shared yet', '3 changes not shared yet'; "" for none."""
    if count <= 0:
        return ""
    return f"{count} change{'s' if count != 1 else ''} not shared yet"
