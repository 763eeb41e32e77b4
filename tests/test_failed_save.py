"""A save that fails (a full disk) is never forgotten: one notification that names the
cause, and leaving the pair asks what to do with the changes, with their size.

The disk is mocked, not the app: ``PairFile.write_snapshot`` raises ENOSPC while ``disk.full``
is set, as ``files.atomic_write`` does on a full disk. Everything else is real.
"""

from __future__ import annotations

import errno
import json
import stat
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from mentortui.dialogs.unsaved import UnsavedScreen
from mentortui.screens.meeting import MeetingScreen
from mentortui.screens.pair_home import PairHomeScreen
from mentortui.screens.pair_list import PairListScreen
from mentortui.storage.errors import describe_os_error
from mentortui.storage.journal import journal_path
from mentortui.storage.pair_file import PairFile
from mentortui.storage.snapshots import PairSnapshot
from mentortui.storage.store import PairStore

from .test_app import settle, type_text
from .test_prepare_screens import open_pair, saved

TYPED = "Priya will ask for the data team intro"


class Disk:
    full = False


@pytest.fixture
def disk(monkeypatch) -> Disk:
    disk = Disk()
    real_write = PairFile.write_snapshot

    def write(pair_file: PairFile, snapshot: PairSnapshot) -> None:
        if disk.full:
            raise OSError(errno.ENOSPC, "No space left on device", str(pair_file.path))
        real_write(pair_file, snapshot)

    monkeypatch.setattr(PairFile, "write_snapshot", write)
    return disk


@pytest.fixture
def home(tmp_path: Path, monkeypatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    return home


async def until(pilot, check, what: str) -> None:
    """Wait (bounded) for something the app does after a worker or a dialog's answer."""
    for _ in range(200):
        if check():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what}")


async def answer(app, pilot, button: str) -> None:
    # A button ignores a press while it still shows the last one (0.2 s), as a person's
    # second click would be ignored; wait that out like a person would.
    await until(pilot, lambda: not app.screen.query_one(button).has_class("-active"), "the button")
    await pilot.click(button)
    await settle(app, pilot)


def quit_done(app) -> bool:
    return app.return_code is not None


def messages(app, title: str) -> list[str]:
    return [n.message for n in app._notifications if n.title == title]


def dialog_text(app) -> str:
    return " ".join(str(static.render()) for static in app.screen.query(Static))


async def meeting_typed_on_a_full_disk(app, pilot, disk: Disk) -> None:
    """Start a meeting (saved), then fill the disk and type notes that cannot be saved."""
    await open_pair(app, pilot, "m")
    assert isinstance(app.screen, MeetingScreen)
    await saved(app, pilot)
    disk.full = True
    await type_text(pilot, TYPED)


def test_describe_os_error_names_the_cause_never_none():
    assert describe_os_error(OSError(errno.ENOSPC, "No space left on device", "/d/p.json")) == \
        "the disk is full (/d/p.json)"
    assert describe_os_error(OSError(errno.EROFS, "Read-only file system")) == "the folder is read-only"
    assert describe_os_error(PermissionError(errno.EACCES, "Permission denied")) == "permission denied"
    for bare in (OSError(), OSError("disk gone"), OSError(errno.EIO, None)):
        assert "None" not in describe_os_error(bare) and describe_os_error(bare)


async def test_repeated_failures_show_one_notification_naming_the_cause_then_saved_again(
        make_app, store, demo_slug, disk):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await meeting_typed_on_a_full_disk(app, pilot, disk)
        for more in (" and", " then", " more"):
            await type_text(pilot, more)
            await pilot.press("escape")  # from the notes to the agenda: saves the notes
            await saved(app, pilot)
            await pilot.pause()
            await pilot.press("tab")  # back to the notes, the cursor where it was
            assert app.focused.id == "notes"
        failures = messages(app, "Not saved")
        assert len(failures) == 1, failures
        assert failures[0].startswith(f"The disk is full ({store.path_for(demo_slug)})")
        assert "None" not in failures[0]

        disk.full = False
        await type_text(pilot, ".")
        await pilot.press("escape")
        await saved(app, pilot)
        await until(pilot, lambda: messages(app, "Saved"), "the saved-again notification")
        assert len(messages(app, "Saved")) == 1
        assert messages(app, "Saved")[0].startswith("Saved again")
    assert store.load(demo_slug).meetings[-1].agenda[0].notes == TYPED + " and then more."


async def test_ctrl_q_after_a_failed_save_asks_and_retry_saves_then_quits(make_app, store, demo_slug, disk):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await meeting_typed_on_a_full_disk(app, pilot, disk)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen), "the unsaved-changes dialog")
        assert isinstance(app.screen, UnsavedScreen), "quit without asking"
        assert not app._notifications, "a notification would cover the dialog's buttons"
        text = dialog_text(app)
        assert f"{len(TYPED)} characters of changes are only in this window" in text
        assert "the disk is full" in text

        await answer(app, pilot, "#retry")  # still full
        await until(pilot, lambda: "Still not saved" in dialog_text(app), "the retry to fail")
        assert isinstance(app.screen, UnsavedScreen)

        disk.full = False
        await answer(app, pilot, "#retry")
        await until(pilot, lambda: quit_done(app), "the app to quit")
        assert app.return_code == 0  # quit once saved
    assert store.load(demo_slug).meetings[-1].agenda[0].notes == TYPED
    assert not journal_path(store.path_for(demo_slug)).exists()


async def test_save_a_copy_writes_a_private_pair_file_in_home_and_keeps_the_journal(
        make_app, store, demo_slug, disk, home):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await meeting_typed_on_a_full_disk(app, pilot, disk)
        await pilot.press("q")  # q in the notes is typed; quit from the agenda list
        await pilot.press("escape", "q")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen), "the unsaved-changes dialog")
        assert isinstance(app.screen, UnsavedScreen)
        default = Path(app.screen.query_one("#copy-path", Input).value)
        assert default == home / f"mentortui-{demo_slug}-20261125-170000.json"

        await answer(app, pilot, "#copy")
        await until(pilot, lambda: quit_done(app), "the app to quit")
        assert app.return_code == 0
    assert stat.S_IMODE(default.stat().st_mode) == 0o600
    assert sorted(p.name for p in home.iterdir()) == [default.name]  # no temp file left
    copy = PairStore(home).load(default.stem)
    assert copy.meetings[-1].agenda[0].notes == TYPED + "q"
    assert json.loads(default.read_text())["meetings"]  # a pair file like any other
    # The pair file still lacks the notes, but its journal has them for the next open.
    assert store.load(demo_slug).meetings[-1].agenda[0].notes == ""
    assert journal_path(store.path_for(demo_slug)).exists()


async def test_a_copy_path_typed_by_hand_and_one_that_exists_already(make_app, store, demo_slug, disk,
                                                                     home, tmp_path):
    taken = tmp_path / "taken.json"
    taken.write_text("someone's file")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await meeting_typed_on_a_full_disk(app, pilot, disk)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen), "the unsaved-changes dialog")
        field = app.screen.query_one("#copy-path", Input)
        for target in (taken, tmp_path / "usb" / "notes.json"):
            await pilot.click("#copy-path")
            field.value = ""
            await type_text(pilot, str(target))
            await pilot.press("enter")
            await until(pilot, lambda: "The copy was not saved" in dialog_text(app), "the copy to fail")
            assert isinstance(app.screen, UnsavedScreen)
        assert "the file or folder does not exist" in dialog_text(app)
        assert taken.read_text() == "someone's file"

        await pilot.click("#copy-path")
        field.value = ""
        await type_text(pilot, "meeting-copy.json")  # relative: in the home folder
        await pilot.press("enter")
        await until(pilot, lambda: quit_done(app), "the app to quit")
        assert app.return_code == 0
    assert PairStore(home).load("meeting-copy").meetings[-1].agenda[0].notes == TYPED


async def test_quit_and_lose_them_quits_and_forgets_the_notes(make_app, store, demo_slug, disk):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await meeting_typed_on_a_full_disk(app, pilot, disk)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen), "the unsaved-changes dialog")
        await answer(app, pilot, "#lose")
        await until(pilot, lambda: quit_done(app), "the app to quit")
        assert app.return_code == 0
    assert store.load(demo_slug).meetings[-1].agenda[0].notes == ""
    assert not journal_path(store.path_for(demo_slug)).exists()


async def test_closing_the_pair_with_escape_asks_too_and_back_keeps_it_open(make_app, store, demo_slug,
                                                                             disk):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await meeting_typed_on_a_full_disk(app, pilot, disk)
        await pilot.press("escape", "escape")  # notes, agenda, pair home
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen), "the unsaved-changes dialog")
        await pilot.press("escape")  # back to the pair, which stays open
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen) and app.session is not None

        disk.full = False
        await pilot.press("escape")  # asks again: nothing has been saved since
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen), "the unsaved-changes dialog")
        await answer(app, pilot, "#retry")
        await until(pilot, lambda: isinstance(app.screen, PairListScreen), "the pair list")
        assert app.session is None
    assert store.load(demo_slug).meetings[-1].agenda[0].notes == TYPED
