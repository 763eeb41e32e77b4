"""Settling what a merge left for review: each kind of item with each choice."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from mentortui.core.review_resolution import ReviewError, choices, settle
from mentortui.core.sync_summary import describe_incoming, describe_review, describe_unshared

from .conftest import TODAY
from .review_items import KEPT_BOTH, MENTEE_NOTES, MENTOR_NOTES, pair_with_review

NOW = datetime(2026, 11, 25, 17, 0)


def notes_of_last(pair) -> str:
    return pair.last_meeting().notes


@pytest.mark.parametrize(("role", "choice", "expected"), [
    ("mentor", "mine", MENTOR_NOTES), ("mentor", "theirs", MENTEE_NOTES),
    ("mentee", "mine", MENTEE_NOTES), ("mentee", "theirs", MENTOR_NOTES),
    ("mentor", "both", KEPT_BOTH), ("mentee", "both", KEPT_BOTH),
])
def test_notes_take_the_chosen_side_or_stay_kept_both(role, choice, expected):
    pair = pair_with_review(TODAY)
    settle(pair, "notes1", choice, role, NOW)
    assert notes_of_last(pair) == expected
    assert [item.id for item in pair.review] == ["deleted1", "field1"]


@pytest.mark.parametrize(("role", "choice", "due"), [
    ("mentor", "mine", date(2026, 12, 2)), ("mentor", "theirs", date(2026, 12, 9)),
    ("mentee", "mine", date(2026, 12, 9)), ("mentee", "theirs", date(2026, 12, 2)),
])
def test_a_field_takes_the_chosen_sides_value(role, choice, due):
    pair = pair_with_review(TODAY)
    item_id = pair.action_items[1].id
    settle(pair, "field1", choice, role, NOW)
    assert pair.action_item(item_id).due == due
    assert "field1" not in [item.id for item in pair.review]


def test_choosing_the_deleting_side_deletes_the_record_and_leaves_one_tombstone():
    pair = pair_with_review(TODAY)
    item_id = pair.action_items[0].id
    settle(pair, "deleted1", "mine", "mentor", NOW)
    assert pair.action_item(item_id) is None
    stones = [stone for stone in pair.deleted if stone.id == item_id]
    assert [(stone.table, stone.deleted_at, stone.deleted_by) for stone in stones] == [
        ("action_items", NOW, "mentor")]


def test_choosing_the_editing_side_keeps_the_record_and_forgets_the_deletion():
    pair = pair_with_review(TODAY)
    item_id = pair.action_items[0].id
    settle(pair, "deleted1", "mine", "mentee", NOW)
    assert pair.action_item(item_id) is not None
    assert not [stone for stone in pair.deleted if stone.id == item_id]
    assert [item.id for item in pair.review] == ["notes1", "field1"]


def test_keep_both_is_offered_for_notes_only_and_refused_elsewhere():
    pair = pair_with_review(TODAY)
    assert [choices(item, "mentor") for item in pair.review] == [
        ("mine", "theirs", "both"), ("mine", "theirs"), ("mine", "theirs")]
    with pytest.raises(ReviewError):
        settle(pair, "field1", "both", "mentor", NOW)
    assert len(pair.review) == 3


def test_an_item_settled_already_is_refused():
    pair = pair_with_review(TODAY)
    settle(pair, "notes1", "mine", "mentor", NOW)
    with pytest.raises(ReviewError, match="settled already"):
        settle(pair, "notes1", "theirs", "mentor", NOW)


def test_what_came_in_is_counted_by_table_and_named_by_person():
    before = pair_with_review(TODAY)
    after = before.model_copy(deep=True)
    after.meetings[0].notes = "changed over there"
    after.action_items[2].text = "Reworded over there"
    del after.goals[0]
    after.action_items[0].updated_at = NOW  # a stamp alone is not news
    assert describe_incoming(before, after, "mentor") == "1 meeting, 1 action item, 1 goal from Priya Raman"
    assert describe_incoming(before, after, "mentee") == "1 meeting, 1 action item, 1 goal from Dana Okafor"
    assert describe_incoming(before, before, "mentor") == ""
    assert (describe_review(1), describe_review(3), describe_review(0)) == (
        "1 thing to review", "3 things to review", "")
    assert (describe_unshared(1), describe_unshared(3)) == ("1 change not shared yet", "3 changes not shared yet")


def test_item_notes_both_sides_changed_are_listed_by_item_and_settled_on_that_item():
    from mentortui.core.demo import demo_pair
    from mentortui.core.merge import merge_pairs
    from mentortui.core.models import Pair

    base = demo_pair(TODAY)
    index = next(i for i, m in enumerate(base.meetings) if len(m.agenda) >= 2)
    meeting = base.meetings[index]
    first, second = meeting.agenda[0], meeting.agenda[1]
    for item in (first, second):
        meeting.change_item(item.id, notes="shared line")
    sides = []
    for role in ("mentor", "mentee"):
        side = base.model_copy(deep=True)
        side_meeting = side.meetings[index]
        side_meeting.change_item(side_meeting.agenda[0].id, notes=f"{role} rewrote the first item")
        side_meeting.change_item(side_meeting.agenda[1].id, notes=f"{role} rewrote the second item")
        side_meeting.updated_at, side_meeting.updated_by = NOW, role
        sides.append(side.model_dump(mode="json"))
    merged = Pair.model_validate(merge_pairs(base.model_dump(mode="json"), *sides).document)

    fields = sorted(item.field for item in merged.review)
    assert fields == sorted([f"agenda.{first.id}.notes", f"agenda.{second.id}.notes"])
    on_second = next(item for item in merged.review if item.field == f"agenda.{second.id}.notes")
    settle(merged, on_second.id, "mine", "mentee", NOW)
    agenda = merged.meetings[index].agenda
    assert agenda[1].notes == "mentee rewrote the second item"
    assert "mentor rewrote the first item" in agenda[0].notes and "mentee rewrote the first item" in agenda[0].notes
