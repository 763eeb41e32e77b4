"""kill -9 in the middle of saving never damages a pair file (design.md section 3).

A real writer process (tests/crash_writer.py) saves a ~2 MB pair in a tight loop and
reports each finished save on stdout; we SIGKILL it at random moments and check that the
file on disk is always a whole, valid pair holding one of the versions it was saving.
"""

from __future__ import annotations

import importlib.util
import os
import random
import selectors
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from mentortui.core.demo import demo_pair
from mentortui.storage.store import PairStore

TODAY = date(2026, 11, 25)
HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WRITER = HERE / "crash_writer.py"
TRIALS = 40
MAX_DELAY_SECONDS = 0.2


def _writer_module():
    spec = importlib.util.spec_from_file_location("mentortui_crash_writer", WRITER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


notes_for = _writer_module().notes_for


def _temp_files(folder: Path, slug: str) -> list[str]:
    return sorted(p.name for p in folder.glob(f".{slug}.json.*.tmp"))


def _first_line(process: subprocess.Popen, timeout: float) -> str:
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            process.kill()
            raise AssertionError(f"the writer reported no save within {timeout} s")
    return process.stdout.readline()


def _without_first_notes(dump: dict) -> dict:
    dump["meetings"][0]["notes"] = None
    return dump


def test_kill_9_while_saving_never_leaves_a_damaged_or_mixed_file(tmp_path):
    rng = random.Random(20261125)
    store = PairStore(tmp_path / "data")
    pair = demo_pair(TODAY)
    slug = store.create(pair)
    path = store.path_for(slug)
    with store.open(slug) as pair_file:
        pair.meetings[0].notes = notes_for(0)
        pair_file.save(pair)
    assert path.stat().st_size > 2_000_000
    expected_rest = _without_first_notes(pair.model_dump())

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    next_version = 1
    killed_mid_write = 0  # trials whose kill left a temp file behind
    saved_after_last_report = 0  # trials whose kill fell between the rename and the print
    started = time.monotonic()

    for trial in range(TRIALS):
        writer = subprocess.Popen(
            [sys.executable, str(WRITER), str(store.folder), slug, str(next_version)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path,
        )
        first = _first_line(writer, timeout=30)
        if first != f"{next_version}\n":
            writer.kill()
            raise AssertionError(f"trial {trial}: writer said {first!r}: {writer.communicate()[1]}")
        time.sleep(rng.uniform(0, MAX_DELAY_SECONDS))
        writer.send_signal(signal.SIGKILL)
        rest, errors = writer.communicate(timeout=30)
        assert writer.returncode == -signal.SIGKILL, errors

        reported = [int(word) for word in (first + rest).split()]
        assert reported == list(range(next_version, reported[-1] + 1))
        last = reported[-1]
        if _temp_files(store.folder, slug):
            killed_mid_write += 1

        loaded = store.load(slug)  # whole, valid JSON that passes validation
        notes = loaded.meetings[0].notes
        if notes == notes_for(last):
            on_disk = last
        elif notes == notes_for(last + 1):
            on_disk = last + 1
            saved_after_last_report += 1
        else:
            raise AssertionError(
                f"trial {trial}: the writer reported up to version {last}, but the notes on disk "
                f"start {notes[:40]!r} and are {len(notes)} characters long"
            )
        assert _without_first_notes(loaded.model_dump()) == expected_rest, f"trial {trial}"
        assert on_disk >= next_version

        with store.open(slug) as pair_file:  # opening for writing sweeps the killed writer's temp files
            assert _temp_files(store.folder, slug) == [], f"trial {trial}"
            assert pair_file.load().meetings[0].notes == notes
        next_version = last + 2  # keep every version number unique across trials

    elapsed = time.monotonic() - started
    print(f"\n{TRIALS} kills in {elapsed:.1f} s: {killed_mid_write} left a temp file behind, "
          f"{saved_after_last_report} landed between a rename and its report")
    # The kills really did land while a save was in progress (else this test proves little).
    assert killed_mid_write >= 1
    assert [p.name for p in store.folder.iterdir() if p.name.endswith(".tmp")] == []
