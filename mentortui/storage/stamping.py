"""Stamps and tombstones: what a merge needs to know about each save.

Every save compares what it writes with what was saved before it, record by record (see
``snapshots``). A record that changed (or is new) gets ``updated_at`` (now, to the second)
and ``updated_by`` (whose machine this is), on the pair model and in the row written, so
the pair is never dumped twice. A record that is gone becomes a ``Tombstone`` in
``pair.deleted``, so that a merge can tell a deletion from a record the other side never
had; tombstones older than a year are dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from mentortui.core.models import Pair, RecordTable, Role, Stamped, Tombstone

INFO_TABLE = "pair"
DELETED_TABLE = "deleted"
TOMBSTONE_DAYS = 365
BOOKKEEPING_KEYS = frozenset({"updated_at", "updated_by", DELETED_TABLE})
"""Keys of a snapshot that saves write by themselves, never a person."""


@dataclass(frozen=True)
class Stamp:
    """When a save happened (to the second) and on whose machine."""

    now: datetime
    role: Role

    @classmethod
    def at(cls, now: datetime, role: Role) -> Stamp:
        return cls(now.replace(microsecond=0), role)

    def mark(self, record: Stamped, row: dict[str, Any]) -> None:
        """Stamp a changed record and its row alike."""
        record.updated_at, record.updated_by = self.now, self.role
        row["updated_at"] = self.now.isoformat()
        row["updated_by"] = self.role


def settle_tombstones(pair: Pair, gone: Iterable[tuple[RecordTable, str]],
                      present: Callable[[RecordTable, str], bool], stamp: Stamp) -> bool:
    """Add a tombstone for each record ``gone`` since the last save (unless one is there
    already, e.g. settled on the review screen), drop those older than a year and those
    whose record is ``present`` again; True when ``pair.deleted`` changed."""
    known = {(stone.table, stone.id) for stone in pair.deleted}
    new = [Tombstone(table=table, id=record_id, deleted_at=stamp.now, deleted_by=stamp.role)
           for table, record_id in gone if (table, record_id) not in known]
    oldest = stamp.now - timedelta(days=TOMBSTONE_DAYS)
    kept = [stone for stone in pair.deleted if stone.deleted_at >= oldest and not present(stone.table, stone.id)]
    if not new and len(kept) == len(pair.deleted):
        return False
    pair.deleted = kept + new
    return True
