"""The pair store: one TinyDB JSON file per pair in a private folder.

``PairStore`` is the folder (naming, listing, creating); ``PairFile`` is one open pair
(loading, saving, the single-writer lock). Nothing here imports Textual.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from pydantic import ValidationError
from tinydb import TinyDB

from mentortui.core.integrity import duplicate_ids
from mentortui.core.models import RECORD_TABLES, SCHEMA_VERSION, Pair, PairInfo
from mentortui.core.summary import PairSummary, summarize
from mentortui.storage.decoding import Raw, decode
from mentortui.storage.errors import (
    BadPairName,
    LockUnavailableError,
    NoSuchPair,
    PairFileError,
    PairLockedError,
    StoreError,
    describe_os_error,
)
from mentortui.storage.files import (
    PRIVATE_DIR_MODE,
    PRIVATE_FILE_MODE,
    atomic_write,
    ensure_private_dir,
    sweep_temp_files,
    tighten,
    write_target,
)
from mentortui.storage.migrations import (
    META_TABLE,
    migrate,
    schema_version,
    stamp,
)
from mentortui.storage.pair_settings import PairSettings, load_pair_settings
from mentortui.storage.paths import PAIR_SUFFIX, pair_path, slugify
from mentortui.storage.stamping import INFO_TABLE, stamp_changes
from mentortui.storage.tinydb_storage import AtomicJSONStorage, encode_raw, read_pair_bytes

LIST_TABLES = (*RECORD_TABLES, "asked", "deleted", "review")
LOCK_TIMEOUT_SECONDS = 0.8
MAX_SLUG_LENGTH = 60


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
        documents[table] = [rows[key] for key in sorted(rows, key=_doc_order)]
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
    _version, raw, _pair = upgrade(path, decode(path, data))
    return raw_to_documents(raw)


def canonical_bytes(documents: dict[str, Any]) -> bytes:
    """The bytes of a shared pair file holding the pair document ``documents``: the same
    document always gives the same bytes."""
    return encode_raw(documents_to_raw(documents), canonical=True)


def pair_to_raw(pair: Pair, keep: Raw | None = None) -> Raw:
    """The TinyDB layout of a pair; tables this version does not know are kept from ``keep``."""
    return documents_to_raw(pair.model_dump(mode="json"), keep)


_OWN_TABLES = {META_TABLE, INFO_TABLE, *LIST_TABLES}


def _doc_order(key: str) -> tuple[int, str]:
    try:
        return (int(key), key)
    except ValueError:
        return (1 << 62, key)


@dataclass(frozen=True)
class PairListing:
    """One file in the folder: its summary, or why it could not be read."""

    slug: str
    path: Path
    summary: PairSummary | None = None
    problem: str = ""
    notice: str = ""


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
        self._lock: FileLock | None = None
        self._holder_path = self.path.with_name(f".{self.path.name}.holder")
        self._unknown_tables: Raw = {}
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
        return pair

    def snapshot(self, pair: Pair) -> Raw:
        """The pair as the plain data ``write`` takes; cheap enough for the UI thread."""
        if self.read_only:
            raise StoreError(f"{self.slug} is open read-only; the change was not saved")
        return pair_to_raw(pair, self._unknown_tables)

    def write(self, raw: Raw) -> None:
        self._db.storage.write(raw)

    def save(self, pair: Pair) -> None:
        self.write(self.snapshot(pair))

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


class PairStore:
    """The data folder: one ``<slug>.json`` per pair, created 0700 with files 0600."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, slug: str) -> Path:
        return pair_path(self.folder, slug)

    def slugs(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        tighten(self.folder, PRIVATE_DIR_MODE)
        paths = [p for p in self.folder.glob(f"*{PAIR_SUFFIX}") if not p.name.startswith(".")]
        for path in paths:
            tighten(path, PRIVATE_FILE_MODE)
        return sorted(p.stem for p in paths)

    def new_slug(self, pair: PairInfo) -> str:
        names = f"{_first_name(pair.mentee.name)} with {_first_name(pair.mentor.name)}"
        base = slugify(names)[:MAX_SLUG_LENGTH].rstrip("-")
        slug, number = base, 2
        while os.path.lexists(self.path_for(slug)):  # a dangling link is taken too
            slug, number = f"{base}-{number}", number + 1
        return slug

    def create(self, pair: Pair) -> str:
        """Write a new pair file and return its short name. Every record of the pair (the
        pair given too) is stamped as made now by its creator, the role of this machine."""
        slug = self.new_slug(pair)
        with self.open(slug, create=True) as pair_file:
            raw = pair_file.snapshot(pair)
            stamp_changes(pair, {}, raw, datetime.now(), self.settings(slug).role)
            pair_file.write(raw)
        return slug

    def settings(self, slug: str) -> PairSettings:
        """The pair's settings on this machine (see ``pair_settings``)."""
        return load_pair_settings(self.folder, slug)

    def open(self, slug: str, read_only: bool = False, create: bool = False) -> PairFile:
        """The pair file of ``slug``, locked unless ``read_only``; a shared pair (by its
        settings) is written in the canonical form."""
        path = self.path_for(slug)
        if create:
            ensure_private_dir(self.folder)
        elif path.is_symlink() and not path.exists():
            raise PairFileError(path, f"is a link to {os.readlink(path)}, which does not exist")
        elif not path.exists():
            raise NoSuchPair(f"no pair called {slug!r} in {self.folder}")
        else:
            tighten(self.folder, PRIVATE_DIR_MODE)
            tighten(path, PRIVATE_FILE_MODE)
        canonical = not read_only and self.settings(slug).shared
        return PairFile(path, read_only=read_only, canonical=canonical)

    def load(self, slug: str) -> Pair:
        """Read a pair without taking its lock."""
        with self.open(slug, read_only=True) as pair_file:
            return pair_file.load()

    def listings(self, today: date) -> list[PairListing]:
        """Every file in the folder; one that cannot be read is listed with its problem."""
        return [self._listing(slug, today) for slug in self.slugs()]

    def _listing(self, slug: str, today: date) -> PairListing:
        path = self.folder / f"{slug}{PAIR_SUFFIX}"
        try:
            with self.open(slug, read_only=True) as pair_file:
                pair = pair_file.load()
        except BadPairName:
            return PairListing(slug, path, problem=bad_name_problem(slug))
        except (StoreError, OSError) as error:
            return PairListing(slug, path, problem=read_problem(error))
        notice = ""
        if pair_file.newer_schema is not None:
            notice = f"{newer_schema_notice(pair_file.newer_schema)}; read-only"
        return PairListing(slug, path, summary=summarize(slug, pair, today), notice=notice)


def bad_name_problem(slug: str) -> str:
    """What the pair list says of a file whose name is not a pair name."""
    return f"the file name is not a pair name; rename it to {slugify(slug) or 'pair'}{PAIR_SUFFIX}"


def read_problem(error: StoreError | OSError) -> str:
    """Why a pair file could not be read, in the words the pair list uses."""
    if isinstance(error, PairFileError):
        return error.problem
    if isinstance(error, OSError):
        return f"cannot be read: {describe_os_error(error)}"
    return str(error)


def newer_schema_notice(found: int) -> str:
    return f"written by a newer mentortui (schema {found}; this version reads up to {SCHEMA_VERSION})"


def _first_name(name: str) -> str:
    return name.split()[0] if name.split() else name


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
