"""Checks that span records, which the models cannot make one record at a time.

Every record is found by its id (an action item carried onto an agenda, a goal an item
serves), so two records sharing one would make changes land on the wrong one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from mentortui.core.models import RECORD_TABLES, Pair


def duplicate_ids(pair: Pair) -> list[str]:
    """One sentence per id used by more than one record of the same table."""
    tables: list[tuple[str, Iterable[str]]] = [
        (table, (record.id for record in getattr(pair, table))) for table in RECORD_TABLES
    ]
    tables += [
        (f"meetings[{index}].agenda", (item.id for item in meeting.agenda))
        for index, meeting in enumerate(pair.meetings)
    ]
    return [problem for table, ids in tables for problem in _repeats(table, ids)]


def _repeats(table: str, ids: Iterable[str]) -> Iterator[str]:
    positions: dict[str, list[int]] = {}
    for position, record_id in enumerate(ids):
        positions.setdefault(record_id, []).append(position)
    for record_id, places in positions.items():
        if len(places) > 1:
            where = ", ".join(f"{table}[{place}]" for place in places)
            yield f"{table}: the id {_shown(record_id)} is used {len(places)} times ({where}); each must have its own"


def _shown(record_id: str, limit: int = 40) -> str:
    return repr(record_id if len(record_id) <= limit else f"{record_id[:limit]}…")
