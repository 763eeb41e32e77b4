"""One pair file: reading it (decoding, upgrading, validating), its lock, and writing
it (see ``snapshots``); and the pair document, the one-JSON-object form of a pair that
sharing and merging work on. Nothing here imports Textual.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
from datetime import datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from pydantic import ValidationError
from tinydb import TinyDB

from mentortui.core.integrity import duplicate_ids
from mentortui.core.models import SCHEMA_VERSION, Pair
from mentortui.storage.decoding import Raw
from mentortui.storage.errors import (
    LockUnavailableError,
    NoSuchPair,
    PairFileError,
    PairLockedError,
    StoreError,
    describe_os_error,
)
from mentortui.storage.files import PRIVATE_FILE_MODE, atomic_write, sweep_temp_files, write_target
from mentortui.storage.migrations import (
    META_TABLE,
    migrate,
    schema_version,
    stamp,
)
from mentortui.storage.snapshots import LIST_TABLES, PairSnapshot, PairSnapshots, doc_order
from mentortui.storage.stamping import INFO_TABLE, Stamp
from mentortui.storage.tinydb_storage import AtomicJSONStorage, decode_pair_bytes, encode_raw, read_pair_bytes

LOCK_TIMEOUT_SECONDS = 0.8


def format_validation_error(error: ValidationError) -> str:
    problems = []
    for item in error.errors():
        where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in item["loc"])
        message = item["msg"].removeprefix("Value error, ")
        problems.append(f"{where.lstrip('.') or 'pair'}: {message}")
    return "; ".join(problems)


def raw_to_documents(raw: Raw) -> dict[str, Any]:
    """The pair as one JSON document (the shape of ``Pair.model_dump(mode="json")``), from
    the TinyDB layout; tables this version does not know are left out."""
    documents: dict[str, Any] = dict(next(iter(raw.get(INFO_TABLE, {}).values()), {}))
    for table in LIST_TABLES:
        rows = raw.get(table, {})
        documents[table] = [rows[key] for key in sorted(rows, key=doc_order)]
    return documents


def documents_to_raw(documents: dict[str, Any], keep: Raw | None = None) -> Raw:
    """The TinyDB layout of a pair document; tables this version does not know are kept
    from ``keep``."""
    raw: Raw = {name: rows for name, rows in (keep or {}).items() if name not in _OWN_TABLES}
    raw[INFO_TABLE] = {"1": {key: value for key, value in documents.items() if key not in LIST_TABLES}}
    for table in LIST_TABLES:
        raw[table] = {str(index): row for index, row in enumerate(documents.get(table, []), start=1)}
    return stamp(raw)


def raw_to_pair(path: Path, raw: Raw) -> Pair:
    documents = raw_to_documents(raw)
    try:
        pair = Pair.model_validate(documents)
    except ValidationError as error:
        raise PairFileError(path, format_validation_error(error)) from None
    problems = duplicate_ids(pair)
    if problems:
        raise PairFileError(path, "; ".join(problems))
    return pair


def upgrade(path: Path, raw: Raw, allow_newer: bool = False) -> tuple[int, Raw, Pair]:
    """The file's schema version, its tables brought to the current schema, and the pair
    they hold. Whatever the tables hold, a problem is a PairFileError naming ``path``."""
    try:
        version = schema_version(path, raw)
        raw = migrate(path, raw, allow_newer=allow_newer)
        return version, raw, raw_to_pair(path, raw)
    except (RecursionError, MemoryError, ValueError, TypeError, KeyError, IndexError,
            AttributeError) as error:
        # Validation reports what it knows by field; anything it did not foresee still
        # names the file rather than ending the program.
        raise PairFileError(path, f"has a shape mentortui cannot read ({type(error).__name__})") from None


def read_documents(path: Path, data: bytes | None = None) -> dict[str, Any]:
    """The pair document (see ``raw_to_documents``) of a pair file, migrated to the current
    schema and checked to be a valid pair: from ``data`` when given (``path`` then only
    names it in messages), else read from ``path``. Anything wrong is a PairFileError."""
    if data is None:
        data = read_pair_bytes(path)
        if data is None:
            raise PairFileError(path, "does not exist")
    _version, raw, _pair = upgrade(path, decode_pair_bytes(path, data))
    return raw_to_documents(raw)


def canonical_bytes(documents: dict[str, Any]) -> bytes:
    """The bytes of a shared pair file holding the pair document ``documents``: the same
    document always gives the same bytes."""
    return encode_raw(documents_to_raw(documents), canonical=True)


def pair_to_raw(pair: Pair, keep: Raw | None = None) -> Raw:
    """The TinyDB layout of a pair; tables this version does not know are kept from ``keep``."""
    return documents_to_raw(pair.model_dump(mode="json"), keep)


_OWN_TABLES = {META_TABLE, INFO_TABLE, *LIST_TABLES}


class PairFile:
    """One open pair. Opened for writing it holds the pair's lock until ``close``.

    ``path`` may be a symbolic link (a shared pair's file lives in the shared folder): the
    pair file is then where it leads, so its lock, holder, journal and temp files sit
    beside the real file, and the slug is still the link's name. ``canonical`` writes the
    pretty, stable form a shared pair needs (see ``encode_raw``)."""

    def __init__(self, path: Path, read_only: bool = False, canonical: bool = False) -> None:
        self.path = write_target(path)
        self.listed_path = path
        """The pair's path in the data folder: ``path`` itself, or the link to it."""
        self.slug = path.stem
        self.read_only = read_only
        self.canonical = canonical
        self._lock: FileLock | None = None
        self._holder_path = self.path.with_name(f".{self.path.name}.holder")
        self._unknown_tables: Raw = {}
        self.snapshots = PairSnapshots(canonical, {})
        """The rows of the pair as last saved, from which each save encodes what changed."""
        self.newer_schema: int | None = None
        self._db = TinyDB(self.path, storage=AtomicJSONStorage, read_only=read_only, canonical=canonical)
        if not read_only:
            self._acquire_lock()

    def _acquire_lock(self) -> None:
        lock = FileLock(
            self.path.with_name(f".{self.path.name}.lock"),
            timeout=LOCK_TIMEOUT_SECONDS,
            mode=PRIVATE_FILE_MODE,
            thread_local=False,
        )
        try:
            lock.acquire()
        except Timeout:
            raise PairLockedError(self.path, self._read_holder()) from None
        except OSError as error:  # no lock file can be made: the disk is full or read-only
            raise LockUnavailableError(self.path, describe_os_error(error)) from None
        self._lock = lock
        # The holder file only tells a second mentortui who has the pair; the lock is held
        # either way, so failing to write it (a full disk) must not stop the pair opening.
        with contextlib.suppress(OSError):
            atomic_write(self._holder_path, json.dumps(_holder_info()).encode())
        sweep_temp_files(self.path)

    def _read_holder(self) -> str:
        try:
            info = json.loads(self._holder_path.read_text())
            return f"process {info['pid']} of {info['user']} on {info['host']} since {info['since']}"
        except (OSError, ValueError, KeyError, TypeError):
            return "another process"

    def load(self) -> Pair:
        """Read, upgrade and validate the pair. Whatever the file holds, a problem with it
        is a PairFileError naming the path; the file itself is never changed."""
        raw = self._db.storage.read()
        if raw is None:
            raise NoSuchPair(f"{self.path} does not exist")
        version, raw, pair = upgrade(self.path, raw, allow_newer=self.read_only)
        self.newer_schema = version if version > SCHEMA_VERSION else None
        self._unknown_tables = {k: v for k, v in raw.items() if k not in _OWN_TABLES}
        if not self.read_only:
            self.snapshots = PairSnapshots(self.canonical, self._unknown_tables)
            self.snapshots.seed(pair, raw)
        return pair

    def snapshot(self, pair: Pair) -> Raw:
        """The whole pair as plain data, for a copy of it or a sync; saves use ``snapshots``."""
        if self.read_only:
            raise StoreError(f"{self.slug} is open read-only; the change was not saved")
        return pair_to_raw(pair, self._unknown_tables)

    def take_snapshot(self, pair: Pair, stamp: Stamp | None) -> PairSnapshot:
        """The pair for ``write_snapshot``, stamped when ``stamp`` says this is a save (see
        ``snapshots``); costs what changed since the last one, so the UI thread can take it."""
        if self.read_only:
            raise StoreError(f"{self.slug} is open read-only; the change was not saved")
        return self.snapshots.take(pair, stamp)

    def write_snapshot(self, snapshot: PairSnapshot) -> None:
        storage = self._db.storage
        assert isinstance(storage, AtomicJSONStorage)
        storage.write_bytes(snapshot.pieces())

    def save(self, pair: Pair) -> None:
        """Write the whole pair as it is, without stamps (for tools and tests)."""
        self._db.storage.write(self.snapshot(pair))

    def close(self) -> None:
        self._db.close()
        if self._lock is not None:
            self._holder_path.unlink(missing_ok=True)
            self._lock.release()
            self._lock = None

    def __enter__(self) -> PairFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def newer_schema_notice(found: int) -> str:
    return f"written by a newer mentortui (schema {found}; this version reads up to {SCHEMA_VERSION})"


def _holder_info() -> dict[str, Any]:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid())
    return {
        "pid": os.getpid(),
        "user": user,
        "host": socket.gethostname(),
        "since": datetime.now().strftime("%Y-%m-%d %H:%M"),
    }
