"""TinyDB storage that never damages a pair file.

TinyDB's own JSONStorage rewrites the file in place, so a crash mid-write leaves half a
file. This storage writes atomically (see ``files.atomic_write``) and reports a file it
cannot read instead of treating it as empty.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path

import orjson
from tinydb.storages import Storage

from mentortui.storage.decoding import Raw, check_depth, check_layout, decode
from mentortui.storage.errors import PairFileError, describe_os_error
from mentortui.storage.files import atomic_write

# The biggest pair the notes caps allow (300 meetings of 200,000 characters) is about
# 60 MB; reading much more than that as JSON would take gigabytes of memory.
MAX_FILE_BYTES = 64 * 2**20
_CANONICAL = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS


class AtomicJSONStorage(Storage):
    """Reads the whole pair file; writes it whole with an atomic replace, compact, or
    canonical (see ``encode_raw``) for a shared pair."""

    def __init__(self, path: str | Path, read_only: bool = False, canonical: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.canonical = canonical

    def read(self) -> Raw | None:
        data = read_pair_bytes(self.path)
        return None if data is None else decode_pair_bytes(self.path, data)

    def write(self, data: Raw) -> None:
        self.write_bytes(encode_raw(data, self.canonical))

    def write_bytes(self, data: bytes | Iterable[bytes]) -> None:
        """Replace the file with ``data``, an encoded pair file of this storage's form (or
        its pieces)."""
        if self.read_only:
            raise PairFileError(self.path, "opened read-only; nothing was written")
        atomic_write(self.path, data)

    def close(self) -> None:
        pass


def decode_pair_bytes(path: Path, data: bytes) -> Raw:
    """``decoding.decode``, in half the time for a file just as mentortui writes it: orjson
    reads it, and when encoding what it read gives back the very same bytes, the file
    holds nothing the careful reader refuses (a repeated key, NaN, a number out of range,
    a lone surrogate) or orjson would not have read it, or would have written it otherwise.
    Any other file, hand-edited ones among them, goes to the careful reader."""
    try:
        raw = orjson.loads(data)
    except orjson.JSONDecodeError:
        return decode(path, data)
    if not isinstance(raw, dict) or encode_raw(raw, canonical=data.endswith(b"\n")) != data:
        return decode(path, data)
    check_depth(path, raw)
    return check_layout(path, raw)


def encode_raw(raw: Raw, canonical: bool = False) -> bytes:
    """A pair file's bytes: compact, or canonical for a shared pair, so that its diffs are
    small and two machines writing the same pair write the same bytes (keys sorted, one
    key a line indented by two spaces, text as UTF-8, a final newline). Both are exactly
    what ``json.dumps`` writes with ``ensure_ascii=False`` and, compact, the separators
    ``","`` and ``":"``; canonical, ``indent=2`` and ``sort_keys=True``."""
    return encode_value(raw, canonical) + (b"\n" if canonical else b"")


def encode_value(value: object, canonical: bool = False, depth: int = 0) -> bytes:
    """A JSON value as it sits ``depth`` levels deep in a pair file of either form (see
    ``encode_raw``): in the canonical form every line after the first is indented by two
    spaces a level, so the bytes can be placed into the whole file as they are."""
    try:
        if not canonical:
            return orjson.dumps(value)
        data = orjson.dumps(value, option=_CANONICAL)
    except orjson.JSONEncodeError:
        # orjson refuses integers past 64 bits, which a newer version's tables may hold;
        # the standard encoder writes the same bytes, only slower.
        if not canonical:
            return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        data = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    # JSON text never holds a raw newline, so every newline is a line break of the layout.
    return data.replace(b"\n", b"\n" + b"  " * depth) if depth else data


def read_pair_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None if there is no file. Anything else that is not a readable
    regular file of a sane size (a folder, a fifo, a device, a huge file) is a PairFileError;
    a fifo is opened without waiting for a writer, so a listing never hangs on one."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise PairFileError(path, f"cannot be read: {_cause(error)}") from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise PairFileError(path, f"is {_kind(status.st_mode)}, not a pair file")
        if status.st_size > MAX_FILE_BYTES:
            raise PairFileError(
                path, f"is {status.st_size // 2**20} MB; a pair file can be at most "
                f"{MAX_FILE_BYTES // 2**20} MB, so this is not one mentortui wrote"
            )
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise PairFileError(path, f"cannot be read: {_cause(error)}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:  # it grew while being read
        raise PairFileError(path, f"is over {MAX_FILE_BYTES // 2**20} MB, more than a pair file can be")
    return data


def _cause(error: OSError) -> str:
    """Why reading failed, without the path the message already starts with."""
    return describe_os_error(OSError(error.errno, error.strerror))


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (fifo)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"
