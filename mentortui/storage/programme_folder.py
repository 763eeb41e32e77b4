"""A programme's folder of pairs, read for the coordinator's report: never written, never
locked, never migrated on disk.

The pair files are found where ``mentortui list`` finds them (``<folder>/<slug>.json``,
often a link into the shared layout ``<folder>/shared/<slug>/<slug>.json``) and in the
"one clone per pair" layout, a subfolder per pair (``<folder>/<clone>/<slug>.json``),
two folder levels down at most. A file reached twice (a link and its target) is read
once. The folders a data folder keeps beside its pairs (private notes, local settings,
sync bases, conflict copies, exports) and hidden ones (``.git``) are never read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mentortui.core.models import Pair
from mentortui.storage.errors import StoreError
from mentortui.storage.folder_share import BASE_FOLDER, CONFLICTS_FOLDER
from mentortui.storage.pair_file import PairFile
from mentortui.storage.pair_settings import LOCAL_FOLDER
from mentortui.storage.paths import PAIR_SUFFIX, is_pair_name
from mentortui.storage.private_notes import PRIVATE_FOLDER
from mentortui.storage.session import EXPORTS_FOLDER
from mentortui.storage.store import bad_name_problem, read_problem

# Folders of a data folder that hold files other than pairs (private notes among them).
NOT_PAIR_FOLDERS = frozenset({PRIVATE_FOLDER, LOCAL_FOLDER, BASE_FOLDER, CONFLICTS_FOLDER, EXPORTS_FOLDER})
MAX_DEPTH = 2


@dataclass(frozen=True)
class FoundPair:
    """One pair file of the folder: its pair, or why it could not be read."""

    slug: str
    path: Path
    pair: Pair | None = None
    problem: str = ""


def pair_files(folder: Path) -> list[Path]:
    """Every pair file under ``folder`` (see the module's docstring), each real file once,
    those directly in ``folder`` first."""
    found: list[Path] = []
    seen: set[str] = set()
    for path in _candidates(folder, MAX_DEPTH):
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            found.append(path)
    return found


def _candidates(folder: Path, depth: int) -> list[Path]:
    try:
        entries = sorted(entry for entry in folder.iterdir() if not entry.name.startswith("."))
    except OSError:
        return []
    files = [entry for entry in entries if entry.name.endswith(PAIR_SUFFIX) and not entry.is_dir()]
    if depth > 0:
        for entry in entries:
            if entry.is_dir() and entry.name not in NOT_PAIR_FOLDERS:
                files += _candidates(entry, depth - 1)
    return files


def read_pair(path: Path) -> FoundPair:
    """The pair in ``path``, read without its lock (a pair open in the app reads too)."""
    slug = path.name.removesuffix(PAIR_SUFFIX)
    if not is_pair_name(slug):
        return FoundPair(slug, path, problem=bad_name_problem(slug))
    if path.is_symlink() and not path.exists():
        return FoundPair(slug, path, problem=f"is a link to {os.readlink(path)}, which does not exist")
    try:
        with PairFile(path, read_only=True) as pair_file:
            return FoundPair(slug, path, pair=pair_file.load())
    except (StoreError, OSError) as error:
        return FoundPair(slug, path, problem=read_problem(error))


def read_programme(folder: Path) -> list[FoundPair]:
    """Every pair file under ``folder``, read; one that cannot be read says why."""
    return [read_pair(path) for path in pair_files(folder)]
