"""Errors the store raises; each carries a message fit to show a person as it is."""

from __future__ import annotations

import errno
import os
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


class LockUnavailableError(StoreError):
    """The pair's lock file cannot be made (a full disk, a read-only folder): the pair can
    still be read, but nothing may write it."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path.stem} cannot be locked for writing: {reason}.")


class BadPairName(StoreError):
    pass


class NoSuchPair(StoreError):
    pass


_OS_ERROR_CAUSES = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the folder is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "the file or folder does not exist",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "it is a folder, not a file",
    errno.EIO: "the disk reported an input/output error",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.EMFILE: "too many files are open",
    errno.ELOOP: "too many symbolic links in the path",
    errno.EEXIST: "a file of that name exists already",
}


def describe_os_error(error: OSError) -> str:
    """The cause of a failed file operation in words, with the path when it is known:
    ``the disk is full (/home/dana/.local/share/mentortui/priya-with-dana.json)``.

    ``OSError`` leaves ``strerror`` and ``filename`` as None for some errors, so never
    format those attributes directly."""
    cause = _OS_ERROR_CAUSES.get(error.errno) if error.errno is not None else None
    if cause is None:
        cause = error.strerror or (os.strerror(error.errno) if error.errno else "") or str(error)
        cause = cause or f"the system gave no reason ({type(error).__name__})"
    if error.filename is not None:
        return f"{cause} ({os.fsdecode(error.filename)})"
    return cause


def describe_error(error: BaseException) -> str:
    """Any expected error in words: OS errors by their cause, the store's as they are."""
    if isinstance(error, OSError):
        return describe_os_error(error)
    return str(error) or type(error).__name__
