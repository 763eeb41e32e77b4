"""TinyDB storage that never damages a pair file.

TinyDB's own JSONStorage rewrites the file in place, so a crash mid-write leaves half a
file. This storage writes atomically (see ``files.atomic_write``) and reports a file it
cannot read instead of treating it as empty.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from .errors import PairFileError
from .files import atomic_write

Raw = dict[str, dict[str, dict[str, Any]]]


class AtomicJSONStorage(Storage):
    """Reads the whole pair file; writes it whole with an atomic replace."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only

    def read(self) -> Raw | None:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise PairFileError(self.path, f"cannot be read ({error.strerror or error})") from None
        if not data.strip():
            raise PairFileError(self.path, "the file is empty")
        try:
            raw = json.loads(data.decode("utf-8"))
        except UnicodeDecodeError as error:
            raise PairFileError(self.path, f"not UTF-8 text (byte {error.start})") from None
        except json.JSONDecodeError as error:
            raise PairFileError(
                self.path, f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
            ) from None
        check_layout(self.path, raw)
        return raw

    def write(self, data: Raw) -> None:
        if self.read_only:
            raise PairFileError(self.path, "opened read-only; nothing was written")
        atomic_write(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def close(self) -> None:
        pass


def check_layout(path: Path, raw: object) -> None:
    """A TinyDB file is an object of tables, each an object of documents."""
    if not isinstance(raw, dict):
        raise PairFileError(path, "not a mentortui pair file (the top level is not an object)")
    for table, documents in raw.items():
        if not isinstance(documents, dict) or not all(isinstance(d, dict) for d in documents.values()):
            raise PairFileError(path, f"table {table!r} is not a set of documents")
