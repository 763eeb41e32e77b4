"""Sharing a pair through a folder a sync tool keeps in step (Syncthing, Dropbox, iCloud).

The pair file lives in the synced folder and ``<data>/<slug>.json`` links to it. Sync tools
cannot merge: when both machines changed the file they keep one and write the other
beside it as a conflict copy. Each copy is merged into the pair file (three-way, with the
last version this machine read, ``<data>/base/<slug>.json``, as the ancestor; two-way
without one) and then moved to ``<data>/conflicts/<slug>/``, so nothing is lost.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import stat
from pathlib import Path

from mentortui.core.models import Role
from mentortui.storage.errors import BadPairName, PairFileError
from mentortui.storage.files import PRIVATE_FILE_MODE, atomic_write, ensure_private_dir
from mentortui.storage.pair_file import canonical_bytes, read_documents
from mentortui.storage.pair_merge import merge_pair_bytes
from mentortui.storage.pair_settings import PairSettings, load_pair_settings, save_pair_settings
from mentortui.storage.paths import PAIR_SUFFIX, check_slug, pair_path
from mentortui.storage.share_common import ShareError, SyncOutcome, check_privacy, link_pair, outcome, pair_lock
from mentortui.storage.tinydb_storage import read_pair_bytes

BASE_FOLDER = "base"
CONFLICTS_FOLDER = "conflicts"
STIGNORE = ".stignore"
# Syncthing must not carry the lock, holder, journal and temp files beside the pair file.
STIGNORE_LINE = ".*"


def conflict_copies(folder: Path, slug: str) -> list[Path]:
    """The conflict copies of the pair ``slug`` in ``folder``: Syncthing's
    ``<slug>.sync-conflict-YYYYMMDD-HHMMSS-ID.json``, Dropbox's ``<slug> (… conflicted
    copy …).json`` (in any language, so any words in brackets) and iCloud's ``<slug> 2.json``."""
    name = re.escape(slug)
    suffix = re.escape(PAIR_SUFFIX)
    pattern = re.compile(rf"{name}(\.sync-conflict-[^/]*| \(.*\)| \d+){suffix}")
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    return [entry for entry in entries if pattern.fullmatch(entry.name) and entry.is_file()]


def base_path(data: Path, slug: str) -> Path:
    return data / BASE_FOLDER / f"{check_slug(slug)}{PAIR_SUFFIX}"


def _save_base(data: Path, slug: str, content: bytes) -> None:
    ensure_private_dir(data / BASE_FOLDER)
    atomic_write(base_path(data, slug), content)


def _absolute(folder: Path) -> Path:
    return Path(os.path.abspath(folder.expanduser()))


def share_folder(data: Path, slug: str, folder: Path, role: Role) -> str:
    """Move the pair into the synced ``folder`` (made 0700 if it does not exist yet) and
    link it from the data folder. Returns what to tell the person, with a warning when
    the folder is readable by other users of this machine."""
    check_slug(slug)
    if load_pair_settings(data, slug).shared or pair_path(data, slug).is_symlink():
        raise ShareError(f"{slug} is shared already")
    folder = _absolute(folder)
    target = folder / f"{slug}{PAIR_SUFFIX}"
    with pair_lock(data, slug):
        content = canonical_bytes(read_documents(pair_path(data, slug)))
        check_privacy(data, slug, content)
        warning = ""
        if folder.exists():
            if not folder.is_dir():
                raise ShareError(f"{folder} is not a folder")
            if stat.S_IMODE(folder.stat().st_mode) & 0o077:
                warning = f" Warning: other users of this machine can read {folder}."
        else:
            ensure_private_dir(folder)
        if os.path.lexists(target):
            raise ShareError(f"{folder} holds a pair called {slug} already; join it with "
                             f"`mentortui join --folder {folder} --as mentee`")
        atomic_write(target, content)
        _write_stignore(folder)
        _save_base(data, slug, content)
        link_pair(data, slug, target)
        save_pair_settings(data, slug, PairSettings(role=role, share_mode="folder", folder=folder))
    other = "mentee" if role == "mentor" else "mentor"
    return (f"Shared {slug} in {folder} as the {role}. Once the folder syncs, the {other} joins with: "
            f"mentortui join --folder PATH-OF-THE-FOLDER --as {other}.{warning}")


def _write_stignore(folder: Path) -> None:
    path = folder / STIGNORE
    lines = path.read_text().splitlines() if path.exists() else []
    if STIGNORE_LINE not in lines:
        path.write_text("\n".join([*lines, STIGNORE_LINE]) + "\n")


def join_folder(data: Path, folder: Path, role: Role, slug: str | None = None) -> str:
    """Link the pair the synced ``folder`` holds (the one there, or ``slug``) into the data
    folder; returns its short name."""
    folder = _absolute(folder)
    if not folder.is_dir():
        raise ShareError(f"{folder} is not a folder")
    if slug is None:
        pairs = [entry.stem for entry in sorted(folder.glob(f"*{PAIR_SUFFIX}")) if _is_slug(entry.stem)]
        if not pairs:
            raise ShareError(f"{folder} holds no mentortui pair")
        if len(pairs) > 1:
            raise ShareError(f"{folder} holds {len(pairs)} pairs ({', '.join(pairs)}); pick one with --pair")
        slug = pairs[0]
    target = folder / f"{check_slug(slug)}{PAIR_SUFFIX}"
    if not target.is_file():
        raise ShareError(f"{folder} holds no pair called {slug}")
    try:
        read_documents(target)
    except PairFileError as error:
        raise ShareError(f"{target.name} is not a mentortui pair: {error.problem}") from None
    if os.path.lexists(pair_path(data, slug)):
        raise ShareError(f"a pair called {slug} exists already in {data}; nothing was joined")
    ensure_private_dir(data)
    os.chmod(target, PRIVATE_FILE_MODE)
    _save_base(data, slug, target.read_bytes())
    link_pair(data, slug, target)
    save_pair_settings(data, slug, PairSettings(role=role, share_mode="folder", folder=folder))
    return slug


def _is_slug(name: str) -> bool:
    try:
        check_slug(name)
    except BadPairName:
        return False
    return True


def sync_folder(data: Path, slug: str, settings: PairSettings) -> SyncOutcome:
    """Merge every conflict copy of the pair into its file, move the copies aside and keep
    the result as the base of the next merge. The caller holds the pair's lock."""
    folder = settings.folder
    if folder is None or not folder.is_dir():
        raise ShareError(f"the synced folder of {slug} ({folder}) is not there; is it mounted?")
    target = folder / f"{slug}{PAIR_SUFFIX}"
    content = read_pair_bytes(target)
    if content is None:
        raise ShareError(f"{target} is not there any more; the sync tool may still be copying it")
    before = read_documents(target, content)
    base = read_pair_bytes(base_path(data, slug))
    unreadable = []
    for copy in conflict_copies(folder, slug):
        try:
            merged = merge_pair_bytes(base, content, copy.read_bytes(), target)
        except PairFileError:
            unreadable.append(copy.name)
        else:
            content = merged.data
            atomic_write(target, content)
        _move_aside(data, slug, copy)
    _save_base(data, slug, content)
    result = outcome(slug, settings.role, before, read_documents(target, content), unshared=0)
    if unreadable:
        where = data / CONFLICTS_FOLDER / slug
        note = f"{', '.join(unreadable)} could not be read and was not merged; it is in {where}"
        result = dataclasses.replace(result, message=f"{result.message}; {note}")
    return result


def _move_aside(data: Path, slug: str, copy: Path) -> None:
    ensure_private_dir(data / CONFLICTS_FOLDER)
    aside = ensure_private_dir(data / CONFLICTS_FOLDER / slug)
    destination, number = aside / copy.name, 2
    while os.path.lexists(destination):
        destination, number = aside / f"{copy.stem}.{number}{copy.suffix}", number + 1
    shutil.move(copy, destination)  # the synced folder may be on another disk
