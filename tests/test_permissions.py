"""Permissions kept as promised (issue 10, point 10) and a pair whose lock cannot be made
(point 8): the folder is 0700 and pair files 0600 whenever anything opens them, a linked
pair file stays a link, and a full or read-only disk opens the pair read-only, saying why.

Tests run as root here, where chmod cannot make a folder unwritable; the full and
read-only disks are made by failing the lock file's creation the way the system does.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from mentortui.screens.pair_home import PairHomeScreen
from mentortui.storage import pair_file as pair_file_module
from mentortui.storage.store import PairStore


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def loosened(store: PairStore, slug: str) -> Path:
    """The folder 0755 and the pair file 0644, as a copy or an old version leaves them."""
    path = store.path_for(slug)
    os.chmod(store.folder, 0o755)
    os.chmod(path, 0o644)
    return path


def run_cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mentortui", *args, "--data-dir", str(data_dir)],
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("command", [["list"], ["export", "priya-with-dana"]])
def test_every_command_tightens_the_folder_and_the_pair_files(store, demo_slug, command):
    path = loosened(store, demo_slug)
    other = store.folder / "another.json"
    other.write_bytes(path.read_bytes())
    os.chmod(other, 0o664)

    result = run_cli(*command, data_dir=store.folder)
    assert result.returncode == 0, result.stderr
    assert mode_of(store.folder) == 0o700
    assert mode_of(path) == 0o600
    if command == ["list"]:
        assert mode_of(other) == 0o600


async def test_the_app_tightens_the_folder_and_files_when_it_lists_them(store, demo_slug, make_app):
    path = loosened(store, demo_slug)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert mode_of(store.folder) == 0o700
    assert mode_of(path) == 0o600


async def test_opening_a_pair_read_only_tightens_it_too(store, demo_slug, make_app):
    path = loosened(store, demo_slug)
    app = make_app(open_pair=demo_slug, read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PairHomeScreen)
    assert mode_of(store.folder) == 0o700
    assert mode_of(path) == 0o600


def linked_pair(tmp_path: Path, store: PairStore, slug: str) -> tuple[Path, Path]:
    """The pair file moved to another folder (a synced one, say) and linked back in."""
    elsewhere = tmp_path / "synced"
    elsewhere.mkdir()
    target = elsewhere / "priya.json"
    link = store.path_for(slug)
    os.replace(link, target)
    os.chmod(target, 0o644)
    link.symlink_to(target)
    return link, target


def test_saving_a_linked_pair_writes_through_the_link(tmp_path, store, demo_slug):
    link, target = linked_pair(tmp_path, store, demo_slug)
    (target.parent / f".{target.name}.1234.tmp").write_text("left by a killed writer")

    with store.open(demo_slug) as pair_file:
        pair = pair_file.load()
        pair.stage = 4
        pair_file.save(pair)

    assert link.is_symlink() and os.readlink(link) == str(target)
    assert store.load(demo_slug).stage == 4
    assert mode_of(target) == 0o600
    # No temp file beside it; the lock is beside the real file, where every writer looks.
    assert sorted(os.listdir(target.parent)) == [".priya.json.lock", "priya.json"]


def test_a_linked_pair_is_listed_and_exported(tmp_path, store, demo_slug):
    link, target = linked_pair(tmp_path, store, demo_slug)
    listed = run_cli("list", data_dir=store.folder)
    assert listed.returncode == 0 and demo_slug in listed.stdout
    assert link.is_symlink() and mode_of(target) == 0o600


def fail_to_create(monkeypatch, suffix: str, code: int) -> None:
    """Make creating files ending in ``suffix`` fail as a full or read-only disk does."""
    real_open = os.open

    def failing_open(path, flags, *args, **kwargs):
        if os.fspath(path).endswith(suffix):
            raise OSError(code, os.strerror(code), os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", failing_open)


@pytest.mark.parametrize(("code", "cause"), [(errno.ENOSPC, "the disk is full"),
                                              (errno.EROFS, "the folder is read-only"),
                                              (errno.EACCES, "permission denied")])
async def test_a_pair_whose_lock_cannot_be_made_opens_read_only_saying_why(
        store, demo_slug, make_app, monkeypatch, code, cause):
    path = store.path_for(demo_slug)
    before = path.read_bytes()
    fail_to_create(monkeypatch, ".lock", code)
    app = make_app(open_pair=demo_slug)  # what `mentortui priya-with-dana` does
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PairHomeScreen)
        assert app.session is not None and app.session.read_only
        messages = [n.message for n in app._notifications]
        assert any(f"{demo_slug} cannot be locked for writing: {cause}" in m and "Opened read-only" in m
                   for m in messages), messages
        assert not any("None" in m or "Cannot open pair" in m for m in messages)
        await pilot.press("q")
    assert path.read_bytes() == before


def test_a_holder_note_that_cannot_be_written_does_not_stop_the_pair_opening(store, demo_slug, monkeypatch):
    def disk_full(path, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(pair_file_module, "atomic_write", disk_full)
    with store.open(demo_slug) as pair_file:
        assert not pair_file.read_only
        assert pair_file.load().title == "Priya Raman with Dana Okafor"
