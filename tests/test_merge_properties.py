"""Properties of the merge over random edits of the demo pair on each side.

Each side makes a few edits the way the app would (new meetings, action items and goals;
notes edited line by line; dates, statuses and texts changed; records deleted with a
tombstone; check-ins added; the stage moved) and stamps what it changed with its role and
a moment, like the store does on save."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mentortui.core.demo import demo_pair
from mentortui.core.integrity import duplicate_ids
from mentortui.core.merge import merge_pairs
from mentortui.core.models import Pair

Document = dict[str, Any]
BASE: Document = demo_pair(date(2026, 11, 25)).model_dump(mode="json")
TABLES = ("meetings", "action_items", "goals", "custom_starters")
MOMENTS = ["2026-11-26T09:00:00", "2026-11-26T10:00:00", "2026-11-27T10:00:00"]
DAYS = ["2026-11-30", "2026-12-04", "2026-12-11"]
# A small alphabet, so that the two sides often write the same line or the same value.
WORDS = st.text(alphabet="ab xy", min_size=1, max_size=6).filter(str.strip)
LINES = st.one_of(st.sampled_from(["", "- done", "## Next"]), WORDS)


def canonical(document: Document) -> str:
    return json.dumps(document, sort_keys=True)


def stamp(record: Document, role: str, at: str) -> None:
    record["updated_by"] = role
    record["updated_at"] = at


def new_id(document: Document, role: str) -> str:
    """An id no record or tombstone of ``document`` has, and the other role never makes."""
    taken = {record["id"] for table in TABLES for record in document[table]} | {
        tombstone["id"] for tombstone in document["deleted"]}
    number = len(taken)
    while f"{role[-2:]}{number:010x}" in taken:
        number += 1
    return f"{role[-2:]}{number:010x}"


def edit_notes(data: st.DataObject, meeting: Document, field: str) -> None:
    lines = meeting.get(field, "").split("\n")
    operation = data.draw(st.sampled_from(["insert", "delete", "replace"]))
    position = data.draw(st.integers(0, len(lines) - (0 if operation == "insert" else 1)))
    if operation == "insert":
        lines.insert(position, data.draw(LINES))
    elif operation == "delete" and len(lines) > 1:
        del lines[position]
    else:
        lines[position] = data.draw(LINES)
    meeting[field] = "\n".join(lines)


def edit_agenda(data: st.DataObject, meeting: Document, role: str) -> None:
    """Raise a new agenda item, or change an item's title or minutes."""
    agenda = meeting.setdefault("agenda", [])
    if not agenda or data.draw(st.booleans()):
        agenda.append({"id": f"{role[-2:]}{len(agenda):010x}", "title": data.draw(WORDS), "raised_by": role})
    else:
        item = data.draw(st.sampled_from(agenda))
        field = data.draw(st.sampled_from(["title", "minutes"]))
        item[field] = data.draw(WORDS if field == "title" else st.integers(0, 9))


def edit_once(data: st.DataObject, document: Document, role: str, at: str) -> None:
    """One random edit, stamped."""
    kind = data.draw(st.sampled_from(["meeting", "item", "goal", "notes", "due", "status", "text", "delete",
                                      "checkin", "stage", "decision", "agenda"]))
    records = {table: document[table] for table in TABLES}
    if kind == "meeting":
        meeting = {"id": new_id(document, role), "scheduled": data.draw(st.sampled_from(DAYS)) + "T18:00:00",
                   "notes": "\n".join(data.draw(st.lists(LINES, max_size=3)))}
        stamp(meeting, role, at)
        document["meetings"].insert(data.draw(st.integers(0, len(document["meetings"]))), meeting)
    elif kind == "item":
        item = {"id": new_id(document, role), "text": data.draw(WORDS), "owner": role}
        stamp(item, role, at)
        document["action_items"].append(item)
    elif kind == "goal":
        goal = {"id": new_id(document, role), "title": data.draw(WORDS)}
        stamp(goal, role, at)
        document["goals"].append(goal)
    elif kind == "stage":
        document["stage"] = data.draw(st.integers(1, 4))
        stamp(document, role, at)
    else:
        table = {"notes": "meetings", "decision": "meetings", "agenda": "meetings", "checkin": "goals"}.get(
            kind, "action_items")
        if kind == "delete":
            table = data.draw(st.sampled_from(["meetings", "action_items", "goals"]))
        if not records[table]:
            return
        record = data.draw(st.sampled_from(records[table]))
        if kind == "delete":
            records[table].remove(record)
            document["deleted"].append({"table": table, "id": record["id"], "deleted_at": at, "deleted_by": role})
            return
        if kind == "notes":
            edit_notes(data, record, data.draw(st.sampled_from(["notes", "notes", "assignment", "mentee_update"])))
        elif kind == "agenda":
            edit_agenda(data, record, role)
        elif kind == "decision":
            record["decisions"] = [*record.get("decisions", []), data.draw(WORDS)]
        elif kind == "due":
            record["due"] = data.draw(st.sampled_from([None, *DAYS]))
        elif kind == "status":
            record["status"] = data.draw(st.sampled_from(["open", "done", "dropped"]))
        elif kind == "text":
            record["text"] = data.draw(WORDS)
        elif kind == "checkin":
            record["checkins"] = [*record.get("checkins", []), {"on": data.draw(st.sampled_from(DAYS)),
                                                                "progress": data.draw(st.integers(0, 100))}]
        stamp(record, role, at)


def edited(data: st.DataObject, base: Document, role: str) -> Document:
    document = copy.deepcopy(base)
    at = data.draw(st.sampled_from(MOMENTS))
    for _ in range(data.draw(st.integers(0, 4))):
        edit_once(data, document, role, at)
    return document


def ids(document: Document, table: str) -> dict[str, Document]:
    return {record["id"]: record for record in document[table]}


def assert_valid(document: Document) -> None:
    assert duplicate_ids(Pair.model_validate(document)) == []


@st.composite
def three_versions(draw: st.DrawFn) -> tuple[Document, Document, Document]:
    data = draw(st.data())
    base = edited(data, BASE, "mentor")  # a base that already carries stamps and tombstones
    return base, edited(data, base, "mentor"), edited(data, base, "mentee")


FAST = settings(max_examples=150, deadline=None)


@FAST
@given(three_versions())
def test_the_merge_is_symmetric(versions: tuple[Document, Document, Document]) -> None:
    base, mentor, mentee = versions
    assert canonical(merge_pairs(base, mentor, mentee).document) == canonical(
        merge_pairs(base, mentee, mentor).document)


@FAST
@given(three_versions())
def test_merging_a_copy_with_itself_gives_it_back(versions: tuple[Document, Document, Document]) -> None:
    base, mentor, _ = versions
    merged = merge_pairs(base, mentor, copy.deepcopy(mentor))
    assert canonical(merged.document) == canonical(mentor)
    assert merged.review_added == 0


@FAST
@given(three_versions())
def test_merging_with_an_unchanged_side_gives_the_other(versions: tuple[Document, Document, Document]) -> None:
    base, _, mentee = versions
    merged = merge_pairs(base, copy.deepcopy(base), mentee)
    assert canonical(merged.document) == canonical(mentee)
    assert merged.review_added == 0


@FAST
@given(three_versions())
def test_the_result_is_a_valid_pair_and_no_record_or_note_line_is_lost(
        versions: tuple[Document, Document, Document]) -> None:
    base, mentor, mentee = versions
    merged = merge_pairs(base, mentor, mentee).document
    assert_valid(merged)
    for table in TABLES:
        result, old = ids(merged, table), ids(base, table)
        for side, other in ((mentor, mentee), (mentee, mentor)):
            for record_id, record in ids(side, table).items():
                deleted_untouched = record_id not in ids(other, table) and old.get(record_id) == record
                assert deleted_untouched or record_id in result, f"{table} {record_id} lost"
                if table != "meetings" or record_id not in result:
                    continue
                for field in ("notes", "assignment", "mentee_update"):
                    before = set(old.get(record_id, {}).get(field, "").split("\n"))
                    added = set(record.get(field, "").split("\n")) - before
                    assert added <= set(result[record_id].get(field, "").split("\n")), f"{field} line lost"


@FAST
@given(three_versions())
def test_without_a_base_nothing_is_lost_and_both_orders_agree(versions: tuple[Document, Document, Document]) -> None:
    _, mentor, mentee = versions
    merged = merge_pairs(None, mentor, mentee).document
    assert canonical(merged) == canonical(merge_pairs(None, mentee, mentor).document)
    assert_valid(merged)
    for side, other in ((mentor, mentee), (mentee, mentor)):
        buried = {tomb["id"]: tomb["deleted_at"] for tomb in other["deleted"]}
        for table in TABLES:
            for record_id, record in ids(side, table).items():
                if record_id in buried and (record.get("updated_at") or "") <= buried[record_id]:
                    continue
                assert record_id in ids(merged, table), f"{table} {record_id} lost"
