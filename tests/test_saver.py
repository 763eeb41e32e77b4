"""Background saves (``mentortui.storage.save_queue.SaveQueue``) and saving through ``PairSession``.

The write function here is a real one: it writes JSON to a file in ``tmp_path`` with
``files.atomic_write``. A ``threading.Event`` holds a write back where a test needs a
write to be in progress. Every held write is let go before the test ends, so no save
thread outlives its test.
"""

from __future__ import annotations

import json
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from mentortui.core.demo import demo_pair
from mentortui.storage.errors import PairLockedError
from mentortui.storage.files import atomic_write
from mentortui.storage.save_queue import SaveQueue
from mentortui.storage.session import PairSession
from tests.conftest import TODAY

WAIT = 5.0  # seconds; generous, only reached when something is wrong


def snapshot(n: int) -> dict:
    return {"pair": {"1": {"version": n}}}


class FileWriter:
    """Writes each snapshot to ``path``; the first ``held`` writes wait for ``release``."""

    def __init__(self, path: Path, held: int = 0) -> None:
        self.path = path
        self.held = held
        self.release = threading.Event()
        self.started = threading.Event()
        self.written: list[dict] = []
        self.calls = 0
        self.fail_next: Exception | None = None

    def __call__(self, raw: dict) -> None:
        self.calls += 1
        self.started.set()
        if self.calls <= self.held:
            assert self.release.wait(WAIT), "the test never released the write"
        if self.fail_next is not None:
            error, self.fail_next = self.fail_next, None
            raise error
        atomic_write(self.path, json.dumps(raw).encode("utf-8"))
        self.written.append(raw)

    def on_disk(self) -> dict:
        return json.loads(self.path.read_text("utf-8"))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "pair.json"


@pytest.fixture
def held_writer(path: Path):
    writer = FileWriter(path, held=1)
    yield writer
    writer.release.set()  # never leave a save thread waiting


def test_a_submitted_snapshot_is_written_after_flush(path):
    writer = FileWriter(path)
    queue = SaveQueue(writer)
    queue.submit(snapshot(1))
    assert queue.flush(WAIT) is True
    assert writer.on_disk() == snapshot(1)
    assert writer.calls == 1


def test_flush_with_nothing_submitted_returns_at_once(path):
    queue = SaveQueue(FileWriter(path))
    started = time.monotonic()
    assert queue.flush(WAIT) is True
    assert time.monotonic() - started < 1.0
    assert not path.exists()


def test_submit_returns_at_once_while_a_write_is_in_progress(held_writer):
    queue = SaveQueue(held_writer)
    started = time.monotonic()
    queue.submit(snapshot(1))
    assert held_writer.started.wait(WAIT)
    queue.submit(snapshot(2))
    assert time.monotonic() - started < 1.0
    assert not held_writer.path.exists()  # the first write is still held back
    held_writer.release.set()
    assert queue.flush(WAIT) is True
    assert held_writer.on_disk() == snapshot(2)


def test_submits_during_a_write_coalesce_and_the_last_one_ends_on_disk(held_writer):
    queue = SaveQueue(held_writer)
    queue.submit(snapshot(1))
    assert held_writer.started.wait(WAIT)
    for n in range(2, 7):
        queue.submit(snapshot(n))
    held_writer.release.set()
    assert queue.flush(WAIT) is True
    assert held_writer.on_disk() == snapshot(6)
    assert held_writer.calls < 6
    assert held_writer.written == [snapshot(1), snapshot(6)]


def test_flush_waits_until_the_held_write_is_on_disk(held_writer):
    queue = SaveQueue(held_writer)
    queue.submit(snapshot(1))
    assert held_writer.started.wait(WAIT)
    threading.Timer(0.2, held_writer.release.set).start()
    assert queue.flush(WAIT) is True
    assert held_writer.on_disk() == snapshot(1)


def test_flush_with_a_timeout_while_a_write_is_held_returns_false(held_writer):
    queue = SaveQueue(held_writer)
    queue.submit(snapshot(1))
    assert held_writer.started.wait(WAIT)
    started = time.monotonic()
    assert queue.flush(0.2) is False
    assert time.monotonic() - started >= 0.15
    assert not held_writer.path.exists()
    held_writer.release.set()
    assert queue.flush(WAIT) is True
    assert held_writer.on_disk() == snapshot(1)


def test_on_saved_is_called_with_the_time_after_each_write(path):
    saved: list[datetime] = []
    writer = FileWriter(path)
    queue = SaveQueue(writer, on_saved=saved.append)
    before = datetime.now()
    queue.submit(snapshot(1))
    assert queue.flush(WAIT)
    assert len(saved) == 1
    queue.submit(snapshot(2))
    assert queue.flush(WAIT)
    after = datetime.now()
    assert len(saved) == 2
    assert all(isinstance(when, datetime) for when in saved)
    assert before <= saved[0] <= saved[1] <= after


def test_on_saved_comes_after_the_file_is_written(path):
    seen: list[dict] = []
    writer = FileWriter(path)
    queue = SaveQueue(writer, on_saved=lambda when: seen.append(writer.on_disk()))
    queue.submit(snapshot(3))
    assert queue.flush(WAIT)
    assert seen == [snapshot(3)]


def test_a_failed_write_is_reported_and_the_next_submit_writes_again(tmp_path):
    path = tmp_path / "missing-folder" / "pair.json"
    errors: list[Exception] = []
    saved: list[datetime] = []
    writer = FileWriter(path)
    queue = SaveQueue(writer, on_saved=saved.append, on_error=errors.append)

    queue.submit(snapshot(1))
    assert queue.flush(WAIT) is True
    assert len(errors) == 1 and isinstance(errors[0], FileNotFoundError)
    assert saved == []
    assert not path.exists()

    path.parent.mkdir()
    queue.submit(snapshot(2))
    assert queue.flush(WAIT) is True
    assert writer.on_disk() == snapshot(2)
    assert len(errors) == 1
    assert len(saved) == 1


def test_a_snapshot_submitted_during_a_failing_write_is_still_written(held_writer):
    errors: list[Exception] = []
    held_writer.fail_next = OSError(5, "Input/output error")
    queue = SaveQueue(held_writer, on_error=errors.append)
    queue.submit(snapshot(1))
    assert held_writer.started.wait(WAIT)
    queue.submit(snapshot(2))  # arrives while the first write is about to fail
    held_writer.release.set()
    assert queue.flush(WAIT) is True
    assert len(errors) == 1
    assert held_writer.on_disk() == snapshot(2)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_callback_that_raises_does_not_stop_later_saves(path):
    writer = FileWriter(path)
    calls = []

    def on_saved(when) -> None:
        calls.append(when)
        if len(calls) == 1:
            raise RuntimeError("the screen that wanted to know is gone")

    queue = SaveQueue(writer, on_saved=on_saved)
    queue.submit(snapshot(1))
    assert queue.flush(WAIT) is True
    queue.submit(snapshot(2))
    assert queue.flush(WAIT) is True
    assert writer.on_disk() == snapshot(2)
    assert len(calls) == 2
    # The first thread's exception surfaces when the thread ends, which may be after the
    # queue is idle: wait for it here, so the warning it raises is this test's.
    for thread in threading.enumerate():
        if thread.name == "mentortui-save":
            thread.join(WAIT)


def test_the_exception_itself_reaches_on_error(path):
    errors: list[Exception] = []
    writer = FileWriter(path)
    writer.fail_next = OSError(28, "No space left on device")
    queue = SaveQueue(writer, on_error=errors.append)
    queue.submit(snapshot(1))
    assert queue.flush(WAIT)
    assert len(errors) == 1 and isinstance(errors[0], OSError) and errors[0].errno == 28
    queue.submit(snapshot(2))
    assert queue.flush(WAIT)
    assert writer.on_disk() == snapshot(2)


# --- through PairSession ------------------------------------------------------------


def test_a_session_saves_the_change_and_releases_the_lock(store, demo_slug):
    saved: list[datetime] = []
    errors: list[Exception] = []
    session = PairSession.open(store, demo_slug, on_saved=saved.append, on_error=errors.append)
    try:
        session.pair.mentee.pronouns = "they/them"
        session.pair.goals[0].title = "Build a portfolio of four data projects"
        session.save()
    finally:
        session.close()

    assert errors == []
    assert len(saved) == 1
    reloaded = store.load(demo_slug)
    assert reloaded.mentee.pronouns == "they/them"
    assert reloaded.goals[0].title == "Build a portfolio of four data projects"
    expected = demo_pair(TODAY)
    assert reloaded.mentor == expected.mentor
    assert len(reloaded.meetings) == len(expected.meetings)

    again = PairSession.open(store, demo_slug)  # the lock was let go
    try:
        assert again.pair.mentee.pronouns == "they/them"
        assert again.read_only is False
    finally:
        again.close()


def test_while_a_session_is_open_nobody_else_can_open_the_pair_for_writing(store, demo_slug):
    session = PairSession.open(store, demo_slug)
    try:
        with pytest.raises(PairLockedError):
            PairSession.open(store, demo_slug)
    finally:
        session.close()
    PairSession.open(store, demo_slug).close()


def test_several_session_saves_end_with_the_last_change(store, demo_slug):
    session = PairSession.open(store, demo_slug)
    try:
        for n in range(1, 6):
            session.pair.expectations.frequency_days = n
            session.save()
    finally:
        session.close()
    assert store.load(demo_slug).expectations.frequency_days == 5
