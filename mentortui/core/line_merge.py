"""A three-way merge of sequences and of lines of text, on difflib (a clean-room diff3).

The base is matched against each side with ``difflib.SequenceMatcher``; a base element
matched on both sides is a sync point. Between two sync points each side either left the
base alone, changed it the same way as the other, or changed it differently (a conflict,
returned with all three versions for the caller to settle). Swapping ours and theirs swaps
the two sides of every conflict and changes nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


@dataclass(frozen=True)
class Clean(Generic[T]):
    """A stretch both sides agree on (or only one side changed)."""

    items: tuple[T, ...]


@dataclass(frozen=True)
class Conflict(Generic[T]):
    """A stretch both sides changed differently: the base and each side's version."""

    base: tuple[T, ...]
    ours: tuple[T, ...]
    theirs: tuple[T, ...]


def _matches(base: Sequence[T], other: Sequence[T]) -> dict[int, int]:
    """Base index -> index in ``other`` of every element the two have in common."""
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    found: dict[int, int] = {}
    for start_base, start_other, size in matcher.get_matching_blocks():
        for offset in range(size):
            found[start_base + offset] = start_other + offset
    return found


def _settle(base: tuple[T, ...], ours: tuple[T, ...], theirs: tuple[T, ...]) -> Clean[T] | Conflict[T]:
    if ours == theirs or theirs == base:
        return Clean(ours)
    if ours == base:
        return Clean(theirs)
    return Conflict(base, ours, theirs)


def merge_sequences(
    base: Sequence[T], ours: Sequence[T], theirs: Sequence[T]
) -> list[Clean[T] | Conflict[T]]:
    """The regions of a three-way merge of ``ours`` and ``theirs`` against ``base``."""
    in_ours, in_theirs = _matches(base, ours), _matches(base, theirs)
    regions: list[Clean[T] | Conflict[T]] = []
    at_base = at_ours = at_theirs = 0
    for index in range(len(base)):
        if index not in in_ours or index not in in_theirs:
            continue
        to_ours, to_theirs = in_ours[index], in_theirs[index]
        if (index, to_ours, to_theirs) != (at_base, at_ours, at_theirs):
            regions.append(_settle(tuple(base[at_base:index]), tuple(ours[at_ours:to_ours]),
                                   tuple(theirs[at_theirs:to_theirs])))
        regions.append(Clean((base[index],)))
        at_base, at_ours, at_theirs = index + 1, to_ours + 1, to_theirs + 1
    if (at_base, at_ours, at_theirs) != (len(base), len(ours), len(theirs)):
        regions.append(_settle(tuple(base[at_base:]), tuple(ours[at_ours:]), tuple(theirs[at_theirs:])))
    return regions


@dataclass(frozen=True)
class LineMerge:
    """The merge of three texts, line by line."""

    regions: tuple[Clean[str] | Conflict[str], ...]

    @property
    def clean(self) -> bool:
        return not any(isinstance(region, Conflict) for region in self.regions)

    @property
    def text(self) -> str | None:
        """The merged text, or None when some lines were changed differently on both sides."""
        return self.render(lambda conflict: []) if self.clean else None

    def render(self, settle: Callable[[Conflict[str]], list[str]]) -> str:
        """The merged text, each conflict replaced by the lines ``settle`` gives for it."""
        lines: list[str] = []
        for region in self.regions:
            lines.extend(region.items if isinstance(region, Clean) else settle(region))
        return "\n".join(lines)


def merge_lines(base: str, ours: str, theirs: str) -> LineMerge:
    """Merge two edits of ``base`` line by line. Lines are split on "\\n" only, so joining
    them again gives each text back exactly (a missing last newline included)."""
    return LineMerge(tuple(merge_sequences(base.split("\n"), ours.split("\n"), theirs.split("\n"))))
