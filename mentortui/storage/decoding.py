"""A pair file's bytes to TinyDB's tables, or a plain sentence saying what is wrong.

Files get hand-edited, copied from other systems and cut short, so nothing about them is
trusted: the encoding, the JSON, repeated keys, how deeply it nests and the layout are all
checked here. Every problem is a ``PairFileError``; no message quotes the file's text.
"""

from __future__ import annotations

import codecs
import json
import math
from pathlib import Path
from typing import Any, NoReturn

from mentortui.storage.errors import PairFileError

Raw = dict[str, dict[str, dict[str, Any]]]

# A pair file nests about six levels deep; unknown fields from a newer version may add a
# few. Far deeper data would only exhaust the stack of whatever walks it next.
MAX_DEPTH = 64
ONE_DOCUMENT_TABLES = ("meta", "pair")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_CONTAINERS = (dict, list)


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def decode(path: Path, data: bytes) -> Raw:
    """The tables of a pair file, checked for everything a hand edit can break."""
    raw = _parse(path, _text(path, data))
    check_depth(path, raw)
    return check_layout(path, raw)


def _text(path: Path, data: bytes) -> str:
    if not data.strip():
        raise PairFileError(path, "the file is empty")
    if data.startswith(codecs.BOM_UTF8):
        raise PairFileError(path, "starts with a byte order mark (BOM); save it as UTF-8 without one")
    if data.startswith(_UTF16_BOMS) or b"\x00" in data[:4]:
        raise PairFileError(path, "is UTF-16 text; mentortui reads UTF-8 only: save it as UTF-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PairFileError(path, f"not UTF-8 text (byte {error.start})") from None


def _parse(path: Path, text: str) -> object:
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant,
                          parse_float=_finite)
    except json.JSONDecodeError as error:
        raise PairFileError(
            path, f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except _DuplicateKey as error:
        raise PairFileError(
            path, f"the key {_shown(error.key)} appears twice in one object; keep only one of them"
        ) from None
    except RecursionError:
        raise PairFileError(path, f"nested too deeply (more than {MAX_DEPTH} levels)") from None
    except ValueError as error:  # numbers too long to convert, and the like
        raise PairFileError(path, f"not valid JSON: {_first_line(error)}") from None


def _no_constant(name: str) -> NoReturn:
    # The standard parser would read NaN and Infinity, which JSON does not have and the
    # encoder (orjson) would write back as null.
    raise ValueError(f"{name} is not a number JSON allows")


def _finite(text: str) -> float:
    number = float(text)
    if math.isinf(number):
        raise ValueError("a number is too big for a float")
    return number


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return document


def check_depth(path: Path, raw: object) -> None:
    """Refuse data nested deeper than ``MAX_DEPTH``, walking level by level without recursion."""
    level: list[object] = [raw]
    for _depth in range(MAX_DEPTH):
        below: list[object] = []
        for value in level:
            if type(value) is dict:
                below.extend(child for child in value.values() if type(child) in _CONTAINERS)
            elif type(value) is list:
                below.extend(child for child in value if type(child) in _CONTAINERS)
        if not below:
            return
        level = below
    raise PairFileError(path, f"nested too deeply (more than {MAX_DEPTH} levels)")


def check_layout(path: Path, raw: object) -> Raw:
    """A TinyDB file is an object of tables, each an object of documents: ``raw``, once
    that is checked."""
    if not isinstance(raw, dict):
        raise PairFileError(path, "not a mentortui pair file (the top level is not an object)")
    for table, documents in raw.items():
        if not isinstance(documents, dict) or not all(isinstance(d, dict) for d in documents.values()):
            raise PairFileError(path, f"table {_shown(table)} is not a set of documents")
    for table in ONE_DOCUMENT_TABLES:
        if len(raw.get(table, {})) > 1:
            raise PairFileError(path, f"table {table!r} holds {len(raw[table])} documents; it must hold one")
    return raw


def _shown(key: str, limit: int = 40) -> str:
    """A key for a message: quoted, and cut short so a pasted paragraph is not echoed."""
    return repr(key if len(key) <= limit else f"{key[:limit]}…")


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__
