"""Stamps and tombstones: what a merge needs to know about each save.

Every save compares the snapshot it writes with the one saved before it, record by record
by id. A record that changed (or is new) gets ``updated_at`` (now, to the second) and
``updated_by`` (whose machine this is), on the pair model and on the snapshot alike, so
the pair is never dumped twice. A record that is gone becomes a ``Tombstone`` in
``pair.deleted``, so that a merge can tell a deletion from a record the other side never
had; tombstones older than a year are dropped.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from mentortui.core.models import RECORD_TABLES, Pair, Role, Tombstone
from mentortui.storage.decoding import Raw

INFO_TABLE = "pair"
DELETED_TABLE = "deleted"
TOMBSTONE_DAYS = 365
BOOKKEEPING_KEYS = frozenset({"updated_at", "updated_by", DELETED_TABLE})
"""Keys of a snapshot that saves write by themselves, never a person."""


def stamp_changes(pair: Pair, previous: Raw, raw: Raw, now: datetime, role: Role) -> None:
    """Stamp in ``pair`` and in ``raw`` (its snapshot, in the TinyDB layout) every record
    that differs from ``previous`` (the snapshot saved before), and turn records missing
    from ``raw`` into tombstones. An empty ``previous`` stamps every record."""
    now = now.replace(microsecond=0)
    when = now.isoformat()
    new_info = _only_row(raw.get(INFO_TABLE))
    if new_info is not None and new_info != _only_row(previous.get(INFO_TABLE)):
        _stamp_row(new_info, when, role)
        pair.updated_at, pair.updated_by = now, role
    present: set[tuple[str, str]] = set()
    gone: list[Tombstone] = []
    for table in RECORD_TABLES:
        before = {row["id"]: row for row in previous.get(table, {}).values()}
        records = {record.id: record for record in getattr(pair, table)}
        for row in raw.get(table, {}).values():
            present.add((table, row["id"]))
            if before.pop(row["id"], None) != row:
                _stamp_row(row, when, role)
                record = records[row["id"]]
                record.updated_at, record.updated_by = now, role
        known = {stone.id for stone in pair.deleted if stone.table == table}  # e.g. settled on the review screen
        gone.extend(Tombstone(table=table, id=record_id, deleted_at=now, deleted_by=role)
                    for record_id in before if record_id not in known)
    oldest = now - timedelta(days=TOMBSTONE_DAYS)
    kept = [stone for stone in pair.deleted if stone.deleted_at >= oldest and (stone.table, stone.id) not in present]
    if gone or len(kept) != len(pair.deleted):
        pair.deleted = kept + gone
        raw[DELETED_TABLE] = {
            str(index): stone.model_dump(mode="json") for index, stone in enumerate(pair.deleted, start=1)
        }


def _only_row(table: dict[str, dict[str, Any]] | None) -> dict[str, Any] | None:
    return next(iter(table.values()), None) if table else None


def _stamp_row(row: dict[str, Any], when: str, role: Role) -> None:
    row["updated_at"] = when
    row["updated_by"] = role
