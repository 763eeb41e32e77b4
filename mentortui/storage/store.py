"""The pair store: one TinyDB JSON file per pair in a private folder.

``PairStore`` is the folder (naming, listing, creating); one open pair is a ``PairFile``
(see ``pair_file``). Nothing here imports Textual.

The pair list needs only this module and the summaries its cache keeps, so reading a
pair file (pydantic, TinyDB, the lock) is imported when a pair file is first opened:
starting on a folder whose summaries are known costs none of it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mentortui.core.summary import PairSummary, summarize
from mentortui.storage.errors import (
    BadPairName,
    NoSuchPair,
    PairFileError,
    StoreError,
    describe_os_error,
)
from mentortui.storage.files import (
    PRIVATE_DIR_MODE,
    PRIVATE_FILE_MODE,
    ensure_private_dir,
    tighten,
)
from mentortui.storage.paths import PAIR_SUFFIX, ascii_name, pair_path, slugify
from mentortui.storage.summary_cache import CachedListing, SummaryCache, file_stamp

if TYPE_CHECKING:
    from mentortui.core.models import Pair, PairInfo
    from mentortui.storage.pair_file import PairFile
    from mentortui.storage.pair_settings import PairSettings

MAX_SLUG_LENGTH = 60


@dataclass(frozen=True)
class PairListing:
    """One file in the folder: its summary, or why it could not be read."""

    slug: str
    path: Path
    summary: PairSummary | None = None
    problem: str = ""
    notice: str = ""


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
        # A first name with no ASCII form (written in Chinese, say) is named by its role.
        mentee = ascii_name(_first_name(pair.mentee.name)) or "mentee"
        mentor = ascii_name(_first_name(pair.mentor.name)) or "mentor"
        base = slugify(f"{mentee} with {mentor}")[:MAX_SLUG_LENGTH].rstrip("-")
        slug, number = base, 2
        while os.path.lexists(self.path_for(slug)):  # a dangling link is taken too
            slug, number = f"{base}-{number}", number + 1
        return slug

    def create(self, pair: Pair) -> str:
        """Write a new pair file and return its short name. Every record of the pair (the
        pair given too) is stamped as made now by its creator, the role of this machine."""
        from mentortui.storage.stamping import Stamp

        slug = self.new_slug(pair)
        with self.open(slug, create=True) as pair_file:
            pair_file.write_snapshot(pair_file.take_snapshot(pair, Stamp.at(datetime.now(), self.settings(slug).role)))
        return slug

    def settings(self, slug: str) -> PairSettings:
        """The pair's settings on this machine (see ``pair_settings``)."""
        from mentortui.storage.pair_settings import load_pair_settings

        return load_pair_settings(self.folder, slug)

    def open(self, slug: str, read_only: bool = False, create: bool = False) -> PairFile:
        """The pair file of ``slug``, locked unless ``read_only``; a shared pair (by its
        settings) is written in the canonical form."""
        from mentortui.storage.pair_file import PairFile  # the first pair file opened loads it

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
        """Every file in the folder; one that cannot be read is listed with its problem.
        Only files changed since the last listing today are read (see ``summary_cache``)."""
        slugs = self.slugs()
        cache = SummaryCache(self.folder, today)
        listings = [self._listing(slug, today, cache) for slug in slugs]
        cache.save()
        return listings

    def _listing(self, slug: str, today: date, cache: SummaryCache) -> PairListing:
        path = self.folder / f"{slug}{PAIR_SUFFIX}"
        stamp = file_stamp(path)
        cached = cache.get(slug, stamp)
        if cached is not None:
            return PairListing(slug, path, summary=cached.summary, notice=cached.notice)
        try:
            with self.open(slug, read_only=True) as pair_file:
                pair = pair_file.load()
        except BadPairName:
            return PairListing(slug, path, problem=bad_name_problem(slug))
        except (StoreError, OSError) as error:
            return PairListing(slug, path, problem=read_problem(error))
        notice = ""
        if pair_file.newer_schema is not None:
            from mentortui.storage.pair_file import newer_schema_notice

            notice = f"{newer_schema_notice(pair_file.newer_schema)}; read-only"
        listing = CachedListing(summarize(slug, pair, today), notice)
        cache.put(slug, stamp, listing)
        return PairListing(slug, path, summary=listing.summary, notice=notice)


def bad_name_problem(slug: str) -> str:
    """What the pair list says of a file whose name is not a pair name."""
    return f"the file name is not a pair name; rename it to {slugify(slug)}{PAIR_SUFFIX}"


def read_problem(error: StoreError | OSError) -> str:
    """Why a pair file could not be read, in the words the pair list uses."""
    if isinstance(error, PairFileError):
        return error.problem
    if isinstance(error, OSError):
        return f"cannot be read: {describe_os_error(error)}"
    return str(error)


def _first_name(name: str) -> str:
    return name.split()[0] if name.split() else name


