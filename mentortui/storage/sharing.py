"""The sharing API the app and the command line call: sync a shared pair, and count what
this machine has not shared yet, whichever way (git or a synced folder) it is shared."""

from __future__ import annotations

import os
from pathlib import Path

from mentortui.storage.errors import NoSuchPair
from mentortui.storage.folder_share import sync_folder
from mentortui.storage.git_share import sync_git, unshared_git
from mentortui.storage.pair_settings import load_pair_settings
from mentortui.storage.paths import pair_path
from mentortui.storage.share_common import ShareError, SyncOutcome, pair_lock


def sync_pair(data: Path, slug: str, interactive: bool, lock_held: bool = False) -> SyncOutcome:
    """Sync the pair ``slug`` of the data folder ``data`` with the other person's copy.

    ``interactive`` is False for the app's own background syncs: git then never prompts
    and gives up after a timeout. ``lock_held`` when the caller (the app, with the pair
    open) holds the pair's lock; it reloads the pair afterwards. Expected problems are a
    StoreError (ShareError, PairFileError) with a message for a person; being offline is
    an outcome that is not ``ok``."""
    if not os.path.lexists(pair_path(data, slug)):
        raise NoSuchPair(f"no pair called {slug!r} in {data}")
    settings = load_pair_settings(data, slug)
    if settings.share_mode is None:
        raise ShareError(f"{slug} is not shared; share it with `mentortui share {slug} --git URL` "
                         "or `--folder PATH`")
    with pair_lock(data, slug, lock_held):
        if settings.share_mode == "git":
            return sync_git(data, slug, settings, interactive)
        return sync_folder(data, slug, settings)


def unshared_changes(data: Path, slug: str) -> int:
    """How many changes made on this machine the other person does not have yet, as far
    as the last sync knows (0 for a pair shared through a synced folder, which the sync
    tool carries across by itself, and for a pair not shared)."""
    if load_pair_settings(data, slug).share_mode != "git":
        return 0
    return unshared_git(data, slug)
