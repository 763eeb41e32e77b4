"""Private folders and atomic file writes: the two things every saved byte goes through."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
TEMP_SUFFIX = ".tmp"
# Pieces one os.writev call takes: 1,024 on Linux and macOS; POSIX promises at least 16.
IOV_MAX = os.sysconf("SC_IOV_MAX") if os.sysconf("SC_IOV_MAX") > 0 else 16


def ensure_private_dir(folder: Path) -> Path:
    """Create the folder if needed and make it 0700.

    ``mkdir(mode=...)`` does not tighten a folder that already exists, so chmod explicitly.
    """
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    os.chmod(folder, PRIVATE_DIR_MODE)
    return folder


def tighten(path: Path, mode: int) -> None:
    """Make an existing folder or regular file (or a link's target) no looser than ``mode``.

    Best effort: a folder on a read-only disk, or a file another user owns, cannot be
    changed, and reading it must still work, so such an error is left for the read or
    the write to report.
    """
    try:
        current = os.stat(path)
    except OSError:
        return
    if not (stat.S_ISDIR(current.st_mode) or stat.S_ISREG(current.st_mode)):
        return
    if stat.S_IMODE(current.st_mode) & ~mode:
        with contextlib.suppress(OSError):
            os.chmod(path, stat.S_IMODE(current.st_mode) & mode)


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


def write_target(path: Path) -> Path:
    """The file a write to ``path`` must replace: ``path`` itself, or where its links lead."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def atomic_write(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Replace ``path`` with ``data`` (bytes, or pieces written one after the other) so
    that a crash at any moment leaves either the old file or the new one, never a mix:
    temp file in the same folder (0600), write, fsync, rename over, fsync the folder. On
    error the old file is untouched.

    A symbolic link is written through: its target is replaced (in the target's folder)
    and the link stays a link, so a pair kept elsewhere and linked in stays where it is."""
    path = write_target(path)
    fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        try:
            os.fchmod(fd, PRIVATE_FILE_MODE)
            write_all(fd, [data] if isinstance(data, bytes) else data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
    fsync_dir(path.parent)


def write_all(fd: int, pieces: Iterable[bytes]) -> None:
    """Write ``pieces`` one after the other, in as few system calls as the kernel takes
    (``os.writev``). A thread lets Python's lock go at each call and must win it back
    after, waiting up to the switch interval while the UI thread is busy: written piece
    by piece (a 2,000-meeting pair is 290 pieces), a 60 ms save took a second when the
    UI thread never paused."""
    views = [memoryview(piece) for piece in pieces if piece]
    first = 0
    while first < len(views):
        written = os.writev(fd, views[first:first + IOV_MAX])
        while first < len(views) and written >= len(views[first]):
            written -= len(views[first])
            first += 1
        if written:  # a short write: the rest of that piece goes first in the next call
            views[first] = views[first][written:]


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sweep_temp_files(path: Path) -> int:
    """Remove temp files a killed writer of ``path`` left behind (they hold private notes).

    Call only while holding the file's lock, so no live writer's temp file is removed.
    """
    removed = 0
    path = write_target(path)
    for leftover in path.parent.glob(f"{temp_prefix(path)}*{TEMP_SUFFIX}"):
        # One that cannot be removed now (a read-only folder) is tried again next time.
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed += 1
    return removed
