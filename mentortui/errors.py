"""Errors the store raises; each carries a message fit to show a person as it is."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """An expected problem with the data folder or a pair file."""


class PairFileError(StoreError):
    """A pair file that cannot be read or fails validation. It is never written over."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class NewerSchemaError(PairFileError):
    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.found = found
        self.supported = supported
        super().__init__(
            path,
            f"written by a newer mentortui (schema version {found}; this version reads up to "
            f"{supported}). Update mentortui, or open it read-only.",
        )


class PairLockedError(StoreError):
    def __init__(self, path: Path, holder: str) -> None:
        self.path = path
        self.holder = holder
        super().__init__(
            f"{path.stem} is open in another mentortui ({holder}). "
            "Close it there, or open this pair read-only."
        )


class BadPairName(StoreError):
    pass


class NoSuchPair(StoreError):
    pass
