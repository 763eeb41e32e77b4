"""Bring an older pair file up to the current schema before it is validated.

Version 0 is the layout written before files carried a version: no ``meta`` table, and
the mentor and mentee stored as bare names. Version 2 added what sharing a pair needs:
``updated_at``/``updated_by`` on records and the ``deleted`` and ``review`` tables.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mentortui.core.models import SCHEMA_VERSION
from mentortui.storage.errors import NewerSchemaError, PairFileError

Raw = dict[str, dict[str, dict[str, Any]]]
META_TABLE = "meta"


def schema_version(path: Path, raw: Raw) -> int:
    meta = raw.get(META_TABLE)
    if not meta:
        return 0
    version = next(iter(meta.values())).get("schema_version")
    if type(version) is not int or version < 0:
        raise PairFileError(path, "meta.schema_version: must be a whole number")
    return version


def stamp(raw: Raw) -> Raw:
    """Set the current schema version, keeping anything else the meta document holds."""
    meta = next(iter(raw.get(META_TABLE, {}).values()), {})
    raw[META_TABLE] = {"1": {**meta, "schema_version": SCHEMA_VERSION}}
    return raw


def _v0_to_v1(raw: Raw) -> Raw:
    for document in raw.get("pair", {}).values():
        for role in ("mentor", "mentee"):
            if isinstance(document.get(role), str):
                document[role] = {"name": document[role]}
    return raw


def _v1_to_v2(raw: Raw) -> Raw:
    """Version 2 keeps what a merge needs: stamps on records (unknown for older records,
    so left unset) and the tables of deletions and of things to review."""
    raw.setdefault("deleted", {})
    raw.setdefault("review", {})
    return raw


MIGRATIONS: dict[int, Callable[[Raw], Raw]] = {0: _v0_to_v1, 1: _v1_to_v2}


def migrate(path: Path, raw: Raw, allow_newer: bool = False) -> Raw:
    """Return ``raw`` at the current schema version; refuse a newer one unless reading only."""
    version = schema_version(path, raw)
    if version > SCHEMA_VERSION:
        if allow_newer:
            return raw
        raise NewerSchemaError(path, version, SCHEMA_VERSION)
    while version < SCHEMA_VERSION:
        raw = MIGRATIONS[version](raw)
        version += 1
    return stamp(raw)
