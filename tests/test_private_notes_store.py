"""Private notes: kept in the data folder's private file, never in the pair file or a
shared folder, and as safe from a kill -9 as the shared notes."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from mentortui.storage.pair_settings import PairSettings, save_pair_settings
from mentortui.storage.private_notes import load_private_notes, private_notes_path
from mentortui.storage.session import PairSession
from mentortui.storage.store import PairStore

SECRET = "PRIVATE-MARKER-4b1d: she seems worried about the reorg"


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def files_holding(folder: Path, text: str) -> list[str]:
    """Every file under ``folder`` whose bytes hold ``text``."""
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*")
                  if path.is_file() and text.encode() in path.read_bytes())


def test_private_notes_are_saved_to_the_private_file_only(store, demo_slug):
    session = PairSession.open(store, demo_slug)
    meeting = session.pair.meetings[0]
    session.set_notes(meeting, "Shared: we planned the talk.")
    session.set_private_notes(meeting, SECRET + "\x1b[31m\x07")
    session.save()
    assert session.flush()
    assert session.unsaved_characters() == 0
    session.close()

    path = private_notes_path(store.folder, demo_slug)
    assert json.loads(path.read_text()) == {"meetings": {meeting.id: SECRET}}
    assert (mode_of(path.parent), mode_of(path)) == (0o700, 0o600)
    assert files_holding(store.folder, "PRIVATE-MARKER") == ["private/priya-with-dana.json"]
    again = PairSession.open(store, demo_slug, read_only=True)
    assert (again.private_notes(meeting.id), again.private_notes("no-such-meeting")) == (SECRET, "")
    assert again.pair.meetings[0].notes == "Shared: we planned the talk."
    again.close()


def test_closing_writes_private_notes_no_save_took_yet(store, demo_slug):
    session = PairSession.open(store, demo_slug)
    meeting = session.pair.meetings[1]
    session.set_private_notes(meeting, SECRET)
    assert session.unsaved_characters() == len(SECRET)
    session.close()
    assert load_private_notes(store.folder, demo_slug) == {meeting.id: SECRET}


def test_a_shared_pairs_folder_never_holds_private_notes(store, demo_slug):
    root = store.folder / "shared" / demo_slug
    root.mkdir(parents=True)
    os.replace(store.path_for(demo_slug), root / f"{demo_slug}.json")
    store.path_for(demo_slug).symlink_to(root / f"{demo_slug}.json")
    save_pair_settings(store.folder, demo_slug, PairSettings(share_mode="git", remote="/srv/pairs.git"))

    session = PairSession.open(store, demo_slug)
    meeting = session.pair.meetings[0]
    session.set_notes(meeting, "Shared notes")
    session.set_private_notes(meeting, SECRET)
    journal = private_notes_path(store.folder, demo_slug).with_name(f".{demo_slug}.json.journal")
    wait_for(lambda: journal.exists() and b"PRIVATE-MARKER" in journal.read_bytes(), "the private journal")
    assert files_holding(root, "PRIVATE-MARKER") == []
    session.save()
    assert session.flush()
    session.close()
    assert files_holding(root, "PRIVATE-MARKER") == []
    assert files_holding(store.folder, "PRIVATE-MARKER") == ["private/priya-with-dana.json"]


WRITER = textwrap.dedent("""
    import sys, threading
    from pathlib import Path
    from mentortui.storage.session import PairSession
    from mentortui.storage.store import PairStore

    session = PairSession.open(PairStore(Path(sys.argv[1])), sys.argv[2])
    meeting = session.pair.meetings[0]
    session.set_private_notes(meeting, sys.argv[3])
    print(meeting.id, flush=True)
    threading.Event().wait()  # typing goes on until the kill
""")


def wait_for(check, what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


def test_private_notes_typed_before_a_kill_9_come_back_on_the_next_open(store: PairStore, demo_slug):
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(store.folder), demo_slug, SECRET],
                              stdout=subprocess.PIPE, text=True)
    try:
        meeting_id = writer.stdout.readline().strip()
        journal = private_notes_path(store.folder, demo_slug).with_name(f".{demo_slug}.json.journal")
        wait_for(lambda: journal.exists() and SECRET.encode() in journal.read_bytes(), "the journal record")
    finally:
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
    assert not private_notes_path(store.folder, demo_slug).exists()  # no save took place

    session = PairSession.open(store, demo_slug)
    assert session.private_notes(meeting_id) == SECRET
    assert session.flush()  # opening saved what came back at once
    session.close()
    assert load_private_notes(store.folder, demo_slug) == {meeting_id: SECRET}
    assert not journal.exists()
    assert SECRET.encode() not in store.path_for(demo_slug).read_bytes()
