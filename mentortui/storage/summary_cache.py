"""The pair list's summaries, kept between starts in the data folder.

Summarising a pair means reading, migrating and validating its whole file; the cache lets
a start do that only for files that changed. Each entry is keyed by what ``os.stat`` says
of the file (device, inode, size, mtime_ns and ctime_ns: any write, replacement, chmod or
touch changes one of them) and the whole cache by the day it was made for (a summary's next
meeting, overdue items and warnings depend on today) and the mentortui version that made it.

The cache only saves time, it is never the truth: a file that cannot be read is never
cached (it is read again and listed with its problem), and a cache that is damaged, of
another version, or not a private file of this user is ignored and written anew.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mentortui import __version__
from mentortui.core.summary import PairSummary
from mentortui.storage.files import PRIVATE_FILE_MODE, atomic_write

CACHE_NAME = ".pair-list.cache"
CACHE_FORMAT = 1
MAX_CACHE_BYTES = 4 << 20
_DATETIMES = ("last_meeting", "next_meeting")
_INTS = ("stage", "open_items", "overdue_items")
_STRINGS = ("slug", "mentee", "mentor", "warning")
# Never follow a link to someone else's file, never wait on a FIFO put in its place.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)

FileStamp = tuple[int, int, int, int, int]
"""A pair file's device, inode, size, mtime_ns and ctime_ns."""


@dataclass(frozen=True)
class CachedListing:
    """What the pair list shows of a readable pair file: its summary and any notice."""

    summary: PairSummary
    notice: str = ""


def file_stamp(path: Path) -> FileStamp | None:
    """The stamp of the file ``path`` leads to, or None when it cannot be looked at.

    Take it before reading the file: a change made during the read then shows as a new
    stamp on the next start, and the file is read again."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def summary_to_plain(summary: PairSummary) -> dict[str, Any]:
    """A summary as JSON data (dates and moments in ISO form)."""
    plain: dict[str, Any] = {name: getattr(summary, name) for name in (*_STRINGS, *_INTS)}
    for name in _DATETIMES:
        moment = getattr(summary, name)
        plain[name] = moment.isoformat() if moment is not None else None
    plain["closed_on"] = summary.closed_on.isoformat() if summary.closed_on is not None else None
    return plain


def summary_from_plain(plain: Any) -> PairSummary:
    """The summary ``summary_to_plain`` made; anything else is a ValueError."""
    if not isinstance(plain, dict):
        raise ValueError("a summary is an object")
    for name in _STRINGS:
        if not isinstance(plain.get(name), str):
            raise ValueError(f"{name} is not text")
    for name in _INTS:
        if type(plain.get(name)) is not int:
            raise ValueError(f"{name} is not a whole number")
    moments = {name: _optional(plain.get(name), datetime.fromisoformat) for name in _DATETIMES}
    closed_on = _optional(plain.get("closed_on"), date.fromisoformat)
    return PairSummary(**{name: plain[name] for name in (*_STRINGS, *_INTS)}, **moments, closed_on=closed_on)


def _user() -> int:
    """Who owns the files this process writes (no owners to compare where there is no geteuid)."""
    return os.geteuid() if hasattr(os, "geteuid") else 0


def _optional(value: Any, parse: Any) -> Any:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("a date is ISO text")
    return parse(value)


class SummaryCache:
    """The cache of one data folder for one day: ``get`` before reading a pair file,
    ``put`` after, and ``save`` once every pair was listed (entries not asked for are
    dropped: their files are gone)."""

    def __init__(self, folder: Path, today: date) -> None:
        self.path = folder / CACHE_NAME
        self._header = {"format": CACHE_FORMAT, "mentortui": __version__, "today": today.isoformat()}
        self._loaded = self._read()
        self._kept: dict[str, Any] = {}

    def _read(self) -> dict[str, Any]:
        """The entries of the cache file; none when it is missing, damaged or foreign."""
        try:
            fd = os.open(self.path, _OPEN_FLAGS)
        except OSError:
            return {}
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if (not stat.S_ISREG(info.st_mode) or info.st_uid != _user()
                    or stat.S_IMODE(info.st_mode) & ~PRIVATE_FILE_MODE or info.st_size > MAX_CACHE_BYTES):
                return {}
            try:
                document = json.loads(handle.read(MAX_CACHE_BYTES + 1))
            except (OSError, ValueError, RecursionError):
                return {}
        if not isinstance(document, dict) or any(document.get(k) != v for k, v in self._header.items()):
            return {}
        pairs = document.get("pairs")
        return pairs if isinstance(pairs, dict) else {}

    def get(self, slug: str, stamp: FileStamp | None) -> CachedListing | None:
        """The cached listing of ``slug``, when its file still has ``stamp``."""
        entry = self._loaded.get(slug)
        if stamp is None or not isinstance(entry, dict) or entry.get("file") != list(stamp):
            return None
        notice = entry.get("notice", "")
        try:
            summary = summary_from_plain(entry.get("summary"))
        except ValueError:
            return None
        if summary.slug != slug or not isinstance(notice, str):
            return None
        self._kept[slug] = entry
        return CachedListing(summary, notice)

    def put(self, slug: str, stamp: FileStamp | None, listing: CachedListing) -> None:
        """Remember what a file with ``stamp`` (taken before it was read) summarised to."""
        if stamp is not None:
            self._kept[slug] = {"file": list(stamp), "summary": summary_to_plain(listing.summary),
                                "notice": listing.notice}

    def save(self) -> None:
        """Write the cache when it changed. Best effort: a folder that cannot be written
        (read-only, full) still lists its pairs, only without the saving next time."""
        if self._kept == self._loaded or not self.path.parent.is_dir():
            return
        data = json.dumps({**self._header, "pairs": self._kept}, separators=(",", ":")).encode()
        with contextlib.suppress(OSError):
            if self.path.is_symlink():  # never write through a link someone put in its place
                self.path.unlink()
            atomic_write(self.path, data)
