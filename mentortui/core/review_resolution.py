"""Settling what a merge could not decide: one review item at a time, by a person.

A review item (``Pair.review``) offers each side's value. The merge already left the pair
in a state that loses nothing (notes kept both, a deleted-but-edited record kept, the later
of two clashing values in place); settling it applies the person's choice and removes the
item from the list.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ValidationError

from mentortui.core.models import Meeting, Pair, ReviewItem, ReviewOption, Role, Tombstone

Choice = Literal["mine", "theirs", "both"]


class ReviewError(ValueError):
    """A choice that cannot be applied to this item; the message says why, for a person."""


def my_option(item: ReviewItem, role: Role) -> ReviewOption | None:
    """The value my side had, if the item records one."""
    return next((option for option in item.options if option.by == role), None)


def their_option(item: ReviewItem, role: Role) -> ReviewOption | None:
    """The value the other side had, if the item records one (when both sides carry one
    person's stamp, the option that is not mine)."""
    mine = my_option(item, role)
    others = [option for option in item.options if option is not mine]
    return next((option for option in others if option.by != role), others[0] if others else None)


def deletes(option: ReviewOption | None) -> bool:
    """Whether this side of a "deleted_edited" item is the one that deleted the record."""
    return option is not None and option.value is None


def choices(item: ReviewItem, role: Role) -> tuple[Choice, ...]:
    """What a person can choose for this item: keeping both exists only for notes, and a
    side the item has no value for cannot be chosen."""
    offered: list[Choice] = []
    if my_option(item, role) is not None:
        offered.append("mine")
    if their_option(item, role) is not None:
        offered.append("theirs")
    if item.kind == "notes":
        offered.append("both")
    return tuple(offered)


def settle(pair: Pair, item_id: str, choice: Choice, role: Role, now: datetime) -> ReviewItem:
    """Apply ``choice`` to the review item ``item_id`` of ``pair`` and remove the item.

    For notes, "both" leaves the kept-both text, mine or theirs puts that side's text back.
    For a short field, mine or theirs sets that side's value. For a record deleted on one
    side and edited on the other, choosing the deleting side removes the record (and leaves
    a tombstone, so the deletion reaches the other copy); choosing the editing side keeps it.
    """
    item = next((entry for entry in pair.review if entry.id == item_id), None)
    if item is None:
        raise ReviewError("This item was settled already.")
    if choice not in choices(item, role):
        raise ReviewError("That choice does not apply to this item.")
    if choice != "both":
        option = my_option(item, role) if choice == "mine" else their_option(item, role)
        assert option is not None  # choices() offered it
        if item.kind == "deleted_edited":
            if deletes(option):
                _delete_record(pair, item, role, now)
            else:
                _keep_record(pair, item)
        else:
            _set_field(pair, item, option.value)
    pair.review = [entry for entry in pair.review if entry.id != item_id]
    return item


def record_of(pair: Pair, item: ReviewItem) -> BaseModel | None:
    """The record an item is about: the pair itself, or one of its meetings, items, goals or
    starters; None once it is gone."""
    if item.table == "pair":
        return pair
    records: list[BaseModel] = list(getattr(pair, item.table))
    return next((record for record in records if getattr(record, "id", None) == item.record_id), None)


def _set_field(pair: Pair, item: ReviewItem, value: object) -> None:
    record = record_of(pair, item)
    if record is None:
        raise ReviewError("The record this item is about no longer exists.")
    *path, name = item.field.split(".")
    try:
        if isinstance(record, Meeting) and path[:1] == ["agenda"]:  # "agenda.<item id>.notes"
            if all(entry.id != path[1] for entry in record.agenda):
                raise ReviewError("The agenda item this is about is no longer on the agenda.")
            record.change_item(path[1], **{name: value})
            return
        for step in path:
            record = getattr(record, step)
        setattr(record, name, value)
    except ValidationError as error:
        raise ReviewError("That value is no longer valid here; edit the record instead.") from error


def _delete_record(pair: Pair, item: ReviewItem, role: Role, now: datetime) -> None:
    if item.table == "pair":
        raise ReviewError("The pair itself cannot be deleted.")
    table = item.table
    setattr(pair, table, [record for record in getattr(pair, table) if record.id != item.record_id])
    pair.deleted = [stone for stone in pair.deleted if (stone.table, stone.id) != (table, item.record_id)]
    pair.deleted.append(Tombstone(table=table, id=item.record_id, deleted_at=now, deleted_by=role))


def _keep_record(pair: Pair, item: ReviewItem) -> None:
    pair.deleted = [stone for stone in pair.deleted if (stone.table, stone.id) != (item.table, item.record_id)]
