"""Three versions of a shared pair file, as bytes, merged into one: the step the git merge
driver, the recovery of a conflicted git merge and synced-folder conflict copies share."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mentortui.core.merge import merge_pairs
from mentortui.storage.errors import PairFileError
from mentortui.storage.pair_file import canonical_bytes, read_documents


@dataclass(frozen=True)
class MergedBytes:
    data: bytes
    """The merged pair file, canonical, checked to be a valid pair."""
    review_added: int
    """How many things the merge could not decide and listed for review."""


def merge_pair_bytes(base: bytes | None, ours: bytes, theirs: bytes, name: Path) -> MergedBytes:
    """Merge ``ours`` and ``theirs`` (with their common ancestor ``base`` when known).

    ``name`` names the file in messages. A version of ours or theirs that is not a pair
    mentortui can read is a PairFileError saying which one; a base that cannot be read
    only costs the merge its ancestor (the records' stamps and tombstones still lose
    nothing)."""
    ours_document = read_documents(_label(name, "this machine's version"), ours)
    theirs_document = read_documents(_label(name, "the other version"), theirs)
    base_document = None
    if base is not None:
        try:
            base_document = read_documents(_label(name, "common ancestor"), base)
        except PairFileError:
            base_document = None
    merged = merge_pairs(base_document, ours_document, theirs_document)
    data = canonical_bytes(merged.document)
    read_documents(_label(name, "merged"), data)
    return MergedBytes(data, merged.review_added)


def _label(name: Path, which: str) -> Path:
    return Path(f"{name} ({which})")
