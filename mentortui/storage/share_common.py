"""What sharing through git and through a synced folder have in common: the outcome of a
sync, the pair's lock, the link from the data folder to the shared file, the privacy
guard and the count of changes between two versions of a pair."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentortui.core.models import RECORD_TABLES, Pair, Role
from mentortui.core.sync_summary import describe_incoming, describe_review, describe_unshared, incoming_counts
from mentortui.storage.errors import PairLockedError, StoreError
from mentortui.storage.paths import pair_path
from mentortui.storage.private_notes import load_private_notes
from mentortui.storage.snapshots import LIST_TABLES
from mentortui.storage.store import PairStore

# Shorter private notes ("ok", "follow up") are too likely to appear in shared notes by
# chance for their presence to mean a leak.
MIN_PRIVATE_TEXT = 20
PRIVATE_KEY = "private"


class ShareError(StoreError):
    """Sharing or syncing a pair could not be done; nothing was lost or half changed."""


@dataclass(frozen=True)
class SyncOutcome:
    """What one sync did, for the command line to print and the app to show."""

    ok: bool
    """False when the sync could not finish (offline, refused): local changes are kept."""
    message: str
    """One line for a person: what came in, what waits, what to review."""
    incoming: Mapping[str, int] = field(default_factory=dict)
    """Per table (and "pair"), the records the other person added or changed."""
    unshared: int = 0
    """Changes made here that the other person does not have yet."""
    review_added: int = 0
    """Things the merge could not decide, now on the review screen."""


@contextlib.contextmanager
def pair_lock(data: Path, slug: str, held: bool = False) -> Iterator[None]:
    """Hold the pair's lock (the app's lock, so a sync and an open pair never both write);
    ``held`` when the caller holds it already."""
    if held:
        yield
        return
    try:
        pair_file = PairStore(data).open(slug)
    except PairLockedError as error:
        raise ShareError(
            f"{slug} is open in mentortui ({error.holder}); it syncs there by itself, "
            "or press y on the pair's home screen"
        ) from None
    with pair_file:
        yield


def link_pair(data: Path, slug: str, target: Path) -> None:
    """Make ``<data>/<slug>.json`` a symbolic link to ``target``, replacing the file in one
    step so that the pair is never missing. A target inside the data folder is linked by a
    relative path, so the data folder can move."""
    link = pair_path(data, slug)
    if target.is_relative_to(data):
        destination = os.path.relpath(target, data)
    else:
        destination = str(target)
    temporary = link.with_name(f".{link.name}.link")
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    os.symlink(destination, temporary)
    os.replace(temporary, link)


def check_privacy(data: Path, slug: str, shared: bytes) -> None:
    """Refuse (ShareError) a shared pair file that holds private content: a key named
    "private" anywhere, or the text of any private note of 20 characters or more."""
    document = json.loads(shared.decode("utf-8"))
    texts = [text.strip() for text in load_private_notes(data, slug).values()]
    texts = [text for text in texts if len(text) >= MIN_PRIVATE_TEXT]
    for key, value in _walk(document):
        if key == PRIVATE_KEY:
            raise ShareError(
                f"{slug} was not shared: the pair file holds a field named {PRIVATE_KEY!r}, "
                "and private things never leave this machine"
            )
        if isinstance(value, str) and any(text in value for text in texts):
            raise ShareError(
                f"{slug} was not shared: the pair file holds the text of one of your private "
                "notes; move that text out of the shared notes (or change the private note) and sync again"
            )


def _walk(value: Any, key: str | None = None) -> Iterator[tuple[str | None, Any]]:
    yield key, value
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _walk(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


def changed_records(before: Mapping[str, Any] | None, after: Mapping[str, Any]) -> int:
    """How many records (and the pair's own details, as one) differ between two pair
    documents: added, changed or removed."""
    before = before or {}
    count = 0
    for table in RECORD_TABLES:
        old = _by_id(before.get(table, []))
        new = _by_id(after.get(table, []))
        count += sum(1 for key in old.keys() | new.keys() if old.get(key) != new.get(key))
    details = {key for key in before.keys() | after.keys() if key not in LIST_TABLES}
    if any(before.get(key) != after.get(key) for key in details):
        count += 1
    return count


def _by_id(records: Iterable[Any]) -> dict[str, Any]:
    return {record["id"]: record for record in records if isinstance(record, dict) and "id" in record}


def person_name(document: Mapping[str, Any], role: Role) -> str:
    """The name of the pair's mentor or mentee, as the document has it."""
    person = document.get(role)
    name = person.get("name") if isinstance(person, dict) else None
    return name if isinstance(name, str) and name.strip() else role


def review_ids(document: Mapping[str, Any]) -> set[str]:
    return {item["id"] for item in document.get("review", []) if isinstance(item, dict) and "id" in item}


def outcome(
    slug: str,
    role: Role,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    unshared: int,
    problem: str = "",
) -> SyncOutcome:
    """The outcome of a sync that went from the pair ``before`` to ``after``; ``problem``
    says why it could not finish."""
    before_pair = Pair.model_validate(before)
    after_pair = Pair.model_validate(after)
    incoming = incoming_counts(before_pair, after_pair)
    review_added = len(review_ids(after) - review_ids(before))
    news = describe_incoming(before_pair, after_pair, role) or "nothing new"
    parts = [problem or f"Synced {slug}: {news}", describe_review(review_added), describe_unshared(unshared)]
    if problem and incoming:
        parts.insert(1, f"came in: {news}")
    message = "; ".join(part for part in parts if part)
    return SyncOutcome(not problem, message, incoming, unshared, review_added)
