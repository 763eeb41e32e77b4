"""Snapshots of an open pair that cost what changed, not the pair.

A save hands the save thread a snapshot: the pair as the bytes each of its rows encodes
to. ``PairSnapshots`` keeps every record's row (meetings, action items, goals, …) with the
record object it was encoded from, and the next snapshot encodes again only the records
assigned to since (``models.EDITED``) and the records that are new; every other row is the
same bytes as before. Records hold only immutable values (see ``models.Stamped``), so a
record no one assigned to is exactly what was encoded. The rows of a pair just opened are
the file's own rows.

The same pass stamps what changed and keeps tombstones of what is gone (see ``stamping``).
The pair's own facts and the small ``deleted`` and ``review`` tables are dumped whole every
time. ``PairSnapshot.pieces`` (on the save thread) gives the file as pieces to write in
turn, which joined are exactly the bytes ``tinydb_storage.encode_raw`` writes for the
whole pair; a table's rows are joined in pieces of ``CHUNK_ROWS``, and a piece without a
changed row is taken from the snapshot before.
"""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass
from typing import Any

import orjson

from mentortui.core.models import EDITED, RECORD_TABLES, Model, Pair, RecordTable, Stamped
from mentortui.storage.decoding import Raw
from mentortui.storage.migrations import stamp as stamp_version
from mentortui.storage.stamping import INFO_TABLE, Stamp, settle_tombstones
from mentortui.storage.tinydb_storage import encode_value

ROW_TABLES: tuple[str, ...] = (*RECORD_TABLES, "asked")
"""Tables kept as encoded rows between saves: records, and the asked starters (frozen)."""
DUMPED_TABLES = ("deleted", "review")
"""Small tables whose parts may change in place: dumped whole by every snapshot."""
LIST_TABLES: tuple[str, ...] = (*ROW_TABLES, *DUMPED_TABLES)
"""Every list of the pair that is a table of its own in the file."""
_INFO_EXCLUDED = frozenset(LIST_TABLES)


CHUNK_ROWS = 64
"""Rows joined into one piece of a table's bytes: a save joins again only the pieces that
hold a changed row, and the file is written piece by piece."""


class _Table:
    """One table as a snapshot saw it: its records in order, each one's row as JSON bytes,
    where each record object sits, and (for records) where each id sits.

    A table made from the one before by changing some rows (``edited``) or adding rows at
    the end keeps that one as its ``base`` until its pieces are joined, on the save thread,
    so that the pieces without a changed row are taken from it as they are."""

    def __init__(self, canonical: bool, records: tuple[Model, ...], rows: tuple[bytes, ...],
                 places: dict[int, int], ids: dict[str, int], base: _Table | None = None,
                 edited: frozenset[int] = frozenset()) -> None:
        self.canonical = canonical
        self.records = records
        self.rows = rows
        self.places = places
        self.ids = ids
        self._base = base
        self._edited = edited
        self._chunks: tuple[bytes, ...] | None = None

    def pieces(self) -> list[bytes]:
        """The table as it sits in the file (one level deep), in pieces to write in turn."""
        if not self.rows:
            return [b"{}"]
        chunks = self._joined()
        separator, opening, closing = (b",\n", b"{\n", b"\n  }") if self.canonical else (b",", b"{", b"}")
        pieces = [opening]
        for chunk in chunks:
            pieces += (chunk, separator)
        pieces[-1] = closing
        return pieces

    def _joined(self) -> tuple[bytes, ...]:
        if self._chunks is None:
            base, self._base = self._base, None
            count = -(-len(self.rows) // CHUNK_ROWS)
            kept = self._reusable(base)
            self._chunks = tuple(
                base._joined()[index] if base is not None and index in kept else self._chunk(index)
                for index in range(count))
        return self._chunks

    def _reusable(self, base: _Table | None) -> set[int]:
        """The pieces that are the same as the base's: whole in both, no changed row."""
        if base is None or (self.canonical and len(base.rows) != len(self.rows)):
            return set()
        rank = _ranks(len(self.rows)) if self.canonical else range(len(self.rows))
        whole = len(base.rows) // CHUNK_ROWS if len(base.rows) != len(self.rows) else -(-len(self.rows) // CHUNK_ROWS)
        return set(range(whole)) - {rank[place] // CHUNK_ROWS for place in self._edited}

    def _chunk(self, index: int) -> bytes:
        start = index * CHUNK_ROWS
        if not self.canonical:
            end = min(start + CHUNK_ROWS, len(self.rows))
            return b",".join(b'"%d":%b' % (place + 1, self.rows[place]) for place in range(start, end))
        # The canonical form sorts keys as text ("1", "10", "2"), one key a line.
        order = _order(len(self.rows))[start:start + CHUNK_ROWS]
        return b",\n".join(b'    "%d": %b' % (place + 1, self.rows[place]) for place in order)


@functools.lru_cache(maxsize=16)
def _order(count: int) -> tuple[int, ...]:
    """The places of ``count`` rows in the canonical form's order: by number as text."""
    return tuple(sorted(range(count), key=lambda place: str(place + 1)))


@functools.lru_cache(maxsize=16)
def _ranks(count: int) -> tuple[int, ...]:
    """Where each place comes in ``_order(count)``."""
    ranks = [0] * count
    for rank, place in enumerate(_order(count)):
        ranks[place] = rank
    return tuple(ranks)


@dataclass(frozen=True, eq=False)
class PairSnapshot:
    """What one save writes: the row tables, and the rest of the file as plain data."""

    canonical: bool
    tables: dict[str, _Table]
    plain: Raw

    def pieces(self) -> list[bytes]:
        """The pair file's bytes in pieces: joined, byte for byte what
        ``tinydb_storage.encode_raw`` writes for ``raw()``."""
        pieces = [b"{\n" if self.canonical else b"{"]
        for name in self._order():
            key = orjson.dumps(name)
            pieces.append(b'  %b: ' % key if self.canonical else b"%b:" % key)
            table = self.tables.get(name)
            if table is None:
                pieces.append(encode_value(self.plain[name], self.canonical, depth=1))
            else:
                pieces += table.pieces()
            pieces.append(b",\n" if self.canonical else b",")
        pieces[-1] = b"\n}\n" if self.canonical else b"}"
        return pieces

    def encode(self) -> bytes:
        return b"".join(self.pieces())

    def _order(self) -> list[str]:
        """The tables in file order: sorted in the canonical form; in the compact form, as
        it has always written them (unknown tables, the pair's facts, the lists, the schema)."""
        names = [*self.plain, *self.tables]
        if self.canonical:
            return sorted(names)
        known = {INFO_TABLE, *LIST_TABLES, "meta"}
        return [*(name for name in self.plain if name not in known), INFO_TABLE, *LIST_TABLES, "meta"]

    def raw(self) -> Raw:
        """The snapshot as plain data (decoding every row: for rare uses, not for saves)."""
        raw: Raw = dict(self.plain)
        for name, table in self.tables.items():
            raw[name] = {str(number): orjson.loads(row) for number, row in enumerate(table.rows, 1)}
        return {name: raw[name] for name in self._order()}


class PairSnapshots:
    """The rows of one open pair between its saves (see the module's docstring)."""

    def __init__(self, canonical: bool, unknown_tables: Raw) -> None:
        self.canonical = canonical
        self._unknown = unknown_tables
        self._tables: dict[str, _Table] = {}
        self._info: dict[str, Any] | None = None

    def seed(self, pair: Pair, raw: Raw) -> None:
        """Start from the file just read: ``raw`` (its tables, as migrated) holds the rows
        the pair was validated from, in order. A table whose rows do not line up with the
        records is encoded from the records instead."""
        self._info = self._dump_info(pair)
        for name in ROW_TABLES:
            records = tuple(getattr(pair, name))
            rows = raw.get(name, {})
            ordered = [rows[key] for key in sorted(rows, key=doc_order)]
            lined_up = len(ordered) == len(records) and all(
                row.get("id") == _key(record) for record, row in zip(records, ordered, strict=True))
            encoded = [self._encode(row) for row in ordered] if lined_up else [
                self._encode(record.model_dump(mode="json")) for record in records]
            self._tables[name] = self._table(records, encoded)

    def take(self, pair: Pair, stamp: Stamp | None) -> PairSnapshot:
        """The pair as it is now. With ``stamp`` this is a save: what changed since the last
        save is stamped, what is gone gets a tombstone, and the next snapshot starts from
        this one; without, nothing is changed (a look at what is unsaved)."""
        done: list[int] = [id(pair)]
        info = self._dump_info(pair)
        if stamp is not None and info != self._info:
            stamp.mark(pair, info)
        tables: dict[str, _Table] = {}
        gone: list[tuple[RecordTable, str]] = []
        for name in ROW_TABLES:
            tables[name], removed = self._update(name, getattr(pair, name), stamp, done)
            gone.extend((name, record_id) for record_id in removed)  # type: ignore[misc]
        if stamp is not None:
            settle_tombstones(pair, gone, lambda table, record_id: record_id in tables[table].ids, stamp)
            self._tables, self._info = tables, info
            for key in done:
                EDITED.pop(key, None)
        plain: Raw = {**self._unknown, INFO_TABLE: {"1": info}}
        for name in DUMPED_TABLES:
            plain[name] = {str(number): part.model_dump(mode="json")
                           for number, part in enumerate(getattr(pair, name), 1)}
        return PairSnapshot(self.canonical, tables, stamp_version(plain))

    def _update(self, name: str, current: list[Model], stamp: Stamp | None,
                done: list[int]) -> tuple[_Table, list[str]]:
        """The table ``name`` now, and the ids of the records that left it."""
        before = self._tables.get(name)
        if before is not None and len(current) >= len(before.records) and all(
                map(operator.is_, current, before.records)):
            return self._grown(before, current, stamp, done), []
        records = tuple(current)
        rows = []
        for record in records:
            place = before.places.get(id(record)) if before is not None else None
            if place is not None and before is not None and id(record) not in EDITED:
                rows.append(before.rows[place])
                continue
            key = _key(record)
            previous = before.rows[before.ids[key]] if before is not None and key in before.ids else None
            rows.append(self._changed(record, previous, stamp, done))
        table = self._table(records, rows)
        return table, [] if before is None else [record_id for record_id in before.ids if record_id not in table.ids]

    def _grown(self, before: _Table, current: list[Model], stamp: Stamp | None, done: list[int]) -> _Table:
        """The same records as last time, some maybe edited, some maybe added at the end:
        only those are encoded; nothing left the table."""
        edited = sorted(before.places[key] for key in EDITED if key in before.places)
        added = range(len(before.records), len(current))
        if not edited and not added:
            return before
        records = tuple(current)
        rows = list(before.rows)
        for place in edited:
            rows[place] = self._changed(records[place], before.rows[place], stamp, done)
        rows.extend(self._changed(records[place], None, stamp, done) for place in added)
        if not added:
            return _Table(self.canonical, records, tuple(rows), before.places, before.ids, before, frozenset(edited))
        places, ids = dict(before.places), dict(before.ids)
        for place in added:
            places[id(records[place])] = place
            key = _key(records[place])
            if key is not None:
                ids[key] = place
        return _Table(self.canonical, records, tuple(rows), places, ids, before, frozenset(edited))

    def _changed(self, record: Model, previous: bytes | None, stamp: Stamp | None, done: list[int]) -> bytes:
        """A record's row, encoded again; stamped when this is a save and it differs from
        the row saved before (or is new)."""
        row = record.model_dump(mode="json")
        data = self._encode(row)
        if stamp is not None and isinstance(record, Stamped) and data != previous:
            stamp.mark(record, row)
            data = self._encode(row)
        done.append(id(record))
        return data

    def _table(self, records: tuple[Model, ...], rows: list[bytes] | tuple[bytes, ...]) -> _Table:
        places = {id(record): place for place, record in enumerate(records)}
        ids = {key: place for place, key in enumerate(map(_key, records)) if key is not None}
        return _Table(self.canonical, records, tuple(rows), places, ids)

    def _encode(self, row: dict[str, Any]) -> bytes:
        # A copy of exactly the row's size: orjson's own result keeps the room of its
        # buffer (4 kB or more), which kept for every row would be most of the memory.
        return bytes(memoryview(encode_value(row, self.canonical, depth=2)))

    @staticmethod
    def _dump_info(pair: Pair) -> dict[str, Any]:
        return pair.model_dump(mode="json", exclude=_INFO_EXCLUDED)  # type: ignore[arg-type]


def _key(record: Model) -> str | None:
    """A record's id; None for the parts of a table that are not records (asked starters)."""
    return getattr(record, "id", None) if isinstance(record, Stamped) else None


def doc_order(key: str) -> tuple[int, str]:
    """The order of a table's documents: by number, as TinyDB numbers them."""
    try:
        return (int(key), key)
    except ValueError:
        return (1 << 62, key)
