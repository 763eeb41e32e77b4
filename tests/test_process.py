"""End to end: the real ``mentortui`` program in a pseudo-terminal (see tests/terminal.py).

These tests judge by observable effects: the pair file on disk (TinyDB JSON, replaced
atomically on every save), the pair's lock, and the process's exit. Screen output is
only used for coarse "it has drawn this" checks on ANSI-stripped text.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual.constants import ESCAPE_DELAY

from mentortui.core.demo import demo_pair
from mentortui.core.live_meeting import unfinished_meeting
from mentortui.core.meeting_notes import notes_of
from mentortui.storage.errors import PairLockedError
from mentortui.storage.journal import read_newest
from mentortui.storage.session import journal_key
from mentortui.storage.store import PairStore

from .terminal import Terminal, plain

ESCAPE = b"\x1b"
ENTER = b"\r"
CTRL_O = b"\x0f"
STARTUP_TIMEOUT = 15.0
SAVE_TIMEOUT = 10.0
EXIT_TIMEOUT = 10.0
NOTES_DEBOUNCE = 0.5  # the meeting saves the notes this long after the last key


# Helpers ---------------------------------------------------------------------------------


def make_pair(tmp_path: Path) -> tuple[Path, str]:
    data = tmp_path / "data"
    slug = PairStore(data).create(demo_pair(date.today()))  # the app uses the real today
    return data, slug


def app_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("MENTORTUI_", "PYTEST_", "TEXTUAL"))}
    env.pop("VISUAL", None)
    env.pop("EDITOR", None)
    temp = tmp_path / "tmp"
    temp.mkdir(exist_ok=True)
    env["TMPDIR"] = str(temp)  # where the app puts the notes it hands to $EDITOR
    env["HOME"] = str(tmp_path / "home")  # no user config or data leaks in
    env.update(extra)
    return env


def start_app(tmp_path: Path, data: Path, slug: str, **env: str) -> Terminal:
    return Terminal([sys.executable, "-m", "mentortui", "--data-dir", str(data), slug],
                    cwd=tmp_path, env=app_env(tmp_path, **env))


def read_raw(data: Path, slug: str) -> dict:
    """The pair file as JSON; it is replaced atomically, so any read sees a whole file."""
    return json.loads(PairStore(data).path_for(slug).read_text(encoding="utf-8"))


def running_meetings(raw: dict) -> list[dict]:
    return [m for m in raw.get("meetings", {}).values()
            if m.get("started_at") is not None and m.get("ended_at") is None]


def running_meeting(data: Path, slug: str) -> dict | None:
    running = running_meetings(read_raw(data, slug))
    assert len(running) <= 1, f"more than one meeting running: {running}"
    return running[0] if running else None


def current_item_notes(meeting: dict) -> str:
    """The notes of the agenda item a meeting is on, in the file as written: where the keys
    typed in the live meeting go."""
    return next(item["notes"] for item in meeting["agenda"] if item["id"] == meeting["current_item"])


def running_notes(data: Path, slug: str) -> str | None:
    meeting = running_meeting(data, slug)
    return None if meeting is None else current_item_notes(meeting)


def wait_until(check, timeout: float, what: str, interval: float = 0.02):
    """Poll ``check`` until it returns something truthy; return that."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        last = check()
        if last:
            return last
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


class AppCrashed(AssertionError):
    """mentortui exited when it should have been running."""


def ensure_alive(term: Terminal, when: str) -> bool:
    if not term.alive():
        raise AppCrashed(f"mentortui exited with status {term.process.returncode} {when}; its last "
                         f"output: {plain(term.output[-4000:])[-1200:]!r}")
    return True


def wait_for_notes(data: Path, slug: str, predicate, timeout: float, what: str, term: Terminal) -> str:
    def check():
        ensure_alive(term, f"while waiting for {what}")
        notes = running_notes(data, slug)
        return notes if notes is not None and predicate(notes) else None

    try:
        return wait_until(check, timeout, what)
    except AppCrashed:
        raise
    except AssertionError as error:
        raise AssertionError(f"{error}; notes on disk: {running_notes(data, slug)!r}") from None


def file_identity(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_ino, status.st_mtime_ns


PAIR_HOME = "i Action items g Goals"  # in the pair home's footer only


def wait_for_pair_home(term: Terminal) -> None:
    """The pair home's footer is on screen."""
    term.wait_for(PAIR_HOME, timeout=STARTUP_TIMEOUT)


def start_meeting(term: Terminal, data: Path, slug: str) -> dict:
    """Press m on the pair home (and confirm: the demo's next meeting is three days ahead)
    and wait until the started meeting is saved."""
    assert running_meeting(data, slug) is None
    mark = term.mark()
    term.send("m")
    term.wait_for("Start now", timeout=STARTUP_TIMEOUT, since=mark)
    term.send(ENTER)
    meeting = wait_until(lambda: running_meeting(data, slug), SAVE_TIMEOUT, "the started meeting to be saved")
    wait_for_notes_focus(term, since=mark)
    return meeting


def meeting_footer(text: str) -> str | None:
    """The meeting screen's footer as last drawn whole in ``text`` (raw output), from its
    "End meeting" key to the palette key at its end; None before one is. The footer is
    redrawn whole whenever the focus moves."""
    screen = plain(text)
    start = screen.rfind("End meeting")
    end = screen.find("palette", start)
    return None if start < 0 or end < 0 else screen[start:end]


def notes_have_focus(text: str) -> bool:
    """The meeting's footer, as last drawn, is the notes' one: no keys for an agenda item."""
    footer = meeting_footer(text)
    return footer is not None and "Done" not in footer


def agenda_has_focus(text: str) -> bool:
    """The meeting's footer, as last drawn, offers d (Done) for the highlighted item."""
    footer = meeting_footer(text)
    return footer is not None and "Done" in footer


def wait_for_notes_focus(term: Terminal, since: int) -> None:
    """The meeting screen is drawn and its notes have the focus (the agenda has it for a
    moment first), so the next keys typed are notes."""
    term.wait_for(notes_have_focus, timeout=STARTUP_TIMEOUT, since=since)


def press_escape(term: Terminal, then: str | Callable[[str], bool]) -> None:
    """Escape, then wait until the screen shows ``then``: the escape was taken alone, not
    as the start of an Alt-key or escape sequence with the next key."""
    mark = term.mark()
    term.send(ESCAPE)
    term.wait_for(then, timeout=STARTUP_TIMEOUT, since=mark)


def quit_from_meeting(term: Terminal) -> int:
    """Escape (notes to agenda), escape (back to the pair home), q (quit)."""
    press_escape(term, agenda_has_focus)
    press_escape(term, PAIR_HOME)
    term.send("q")
    return term.wait(EXIT_TIMEOUT)


def holder_path(data: Path, slug: str) -> Path:
    path = PairStore(data).path_for(slug)
    return path.with_name(f".{path.name}.holder")


def lock_is_held(data: Path, slug: str) -> bool:
    try:
        pair_file = PairStore(data).open(slug)
    except PairLockedError:
        return True
    pair_file.close()
    return False


# 1. kill -9 while typing ------------------------------------------------------------------

FIRST_CHUNK = "Priya: first chunk, saved before the crash. "
SECOND_CHUNK = ("second chunk typed without a pause so the notes are saved while typing goes on, "
                "then the process is killed in the middle of a word and ") * 3
MARKER = " RESUMED-MARKER"


def kill_9_while_typing(tmp_path: Path) -> tuple[Path, str, dict, str]:
    """Start a meeting, type, and kill -9 mentortui while typing goes on, after at least
    one save made during the typing. Returns the data folder, the slug, the started
    meeting (as first saved) and the notes on disk after the kill."""
    data, slug = make_pair(tmp_path)
    store = PairStore(data)

    with start_app(tmp_path, data, slug) as term:
        wait_for_pair_home(term)
        started = start_meeting(term, data, slug)
        assert started["notes"] == ""

        term.type(FIRST_CHUNK, delay=0.02)
        wait_for_notes(data, slug, lambda notes: notes == FIRST_CHUNK, SAVE_TIMEOUT,
                       "the first chunk to be saved", term)

        # Type the second chunk without pausing. The debounce never fires, so only the
        # "at least every 3 s" save writes while typing; once one has landed, type a few
        # more characters and kill -9 in the middle of the typing.
        saved_mid_typing = None
        stop_at = len(SECOND_CHUNK)
        typed = 0
        deadline = time.monotonic() + 15.0
        for typed, character in enumerate(SECOND_CHUNK, start=1):
            term.send(character)
            time.sleep(0.02)
            notes = running_notes(data, slug)
            if saved_mid_typing is None and notes is not None and len(notes) > len(FIRST_CHUNK):
                saved_mid_typing = notes
                stop_at = typed + 8
            if typed >= stop_at:
                break
            assert time.monotonic() < deadline, "typing the second chunk took too long"
        assert saved_mid_typing is not None, (
            f"no save while typing {typed} characters without a pause (expected one at least every 3 s)")
        assert typed < len(SECOND_CHUNK), "the second chunk ran out before the kill"
        term.kill(signal.SIGKILL)
        assert term.wait(EXIT_TIMEOUT) == -signal.SIGKILL

    # The file is whole and valid, and holds the notes up to a save made during typing.
    pair = store.load(slug)
    typed_text = FIRST_CHUNK + SECOND_CHUNK[:typed]
    running = [m for m in pair.meetings if m.is_running]
    assert len(running) == 1
    saved = notes_of(running[0], running[0].current_item)
    assert saved.startswith(FIRST_CHUNK)
    assert typed_text.startswith(saved), f"notes on disk are not a prefix of what was typed: {saved!r}"
    assert len(saved) >= len(saved_mid_typing), "a save seen on disk was lost"
    assert len(saved) < len(typed_text), "the last keystrokes cannot have been saved before kill -9"
    assert running[0].id == started["id"]
    assert running_notes(data, slug) == saved
    return data, slug, started, saved


def test_kill_9_while_typing_leaves_a_valid_file_with_the_notes_up_to_the_last_save(tmp_path):
    data, slug, started, saved = kill_9_while_typing(tmp_path)
    # The killed process's lock is gone with it: the pair opens for writing again, and
    # that sweeps any temp file the kill left behind.
    with PairStore(data).open(slug) as pair_file:
        running = unfinished_meeting(pair_file.load())
        assert running is not None and running.id == started["id"]
        assert notes_of(running, running.current_item) == saved
    assert sorted(p.name for p in data.iterdir() if p.name.endswith(".tmp")) == []


def test_kill_9_while_typing_then_restart_resumes_the_meeting_with_the_saved_notes(tmp_path):
    data, slug, started, saved = kill_9_while_typing(tmp_path)
    # Keys typed after that save that reached the notes journal come back on open too.
    running = unfinished_meeting(PairStore(data).load(slug))
    assert running is not None
    journaled = read_newest(PairStore(data).path_for(slug)).get(journal_key(running, running.current_item))
    if journaled is not None:
        assert journaled.notes.startswith(saved)
        saved = journaled.notes
    store = PairStore(data)
    meetings_before = len(read_raw(data, slug)["meetings"])

    # Restart: the app offers to resume; the resumed editor holds the saved notes.
    with start_app(tmp_path, data, slug) as term:
        term.wait_for("Resume meeting", timeout=STARTUP_TIMEOUT)
        assert "was not ended" in plain(term.output)
        ensure_alive(term, "with the resume question on screen, before any key was pressed")
        before = file_identity(store.path_for(slug))
        mark = term.mark()
        term.send(ENTER)
        # The meeting screen saves the pair when it mounts.
        wait_until(lambda: ensure_alive(term, "after answering the resume question")
                   and file_identity(store.path_for(slug)) != before,
                   SAVE_TIMEOUT, "the resumed meeting screen to save")
        wait_for_notes_focus(term, since=mark)
        term.type(MARKER, delay=0.02)
        wait_for_notes(data, slug, lambda notes: notes == saved + MARKER, SAVE_TIMEOUT,
                       "the saved notes followed by the marker", term)

        resumed = running_meeting(data, slug)
        assert resumed["id"] == started["id"]
        assert resumed["started_at"] == started["started_at"]
        assert len(read_raw(data, slug)["meetings"]) == meetings_before

        assert quit_from_meeting(term) == 0

    # A clean quit leaves the meeting running (it was not ended) and releases the lock.
    final = running_meeting(data, slug)
    assert final["id"] == started["id"]
    assert current_item_notes(final) == saved + MARKER
    assert not holder_path(data, slug).exists()
    assert not lock_is_held(data, slug)


# 2. SIGTERM and SIGHUP save what the debounce has not saved yet ---------------------------


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_signal_right_after_typing_saves_everything_and_exits(tmp_path, signal_number):
    data, slug = make_pair(tmp_path)
    warm_up = "W"
    text = " typed just before the signal"

    with start_app(tmp_path, data, slug) as term:
        wait_for_pair_home(term)
        start_meeting(term, data, slug)
        # One saved keystroke first, so the rest can only be saved by the 0.5 s debounce
        # (or by the signal), never by the "at least every 3 s" rule.
        term.send(warm_up)
        wait_for_notes(data, slug, lambda notes: notes == warm_up, SAVE_TIMEOUT, "the first keystroke", term)

        mark = term.mark()
        term.type(text, delay=0.01)
        last_key_sent = time.monotonic()
        term.wait_for(warm_up + text, timeout=SAVE_TIMEOUT, since=mark)  # the app has every key
        assert running_notes(data, slug) != warm_up + text, "saved before the signal: the test proves nothing"
        term.kill(signal_number)
        assert time.monotonic() - last_key_sent < NOTES_DEBOUNCE, "the debounce may have saved, not the signal"
        assert term.wait(EXIT_TIMEOUT) == 0

    assert running_notes(data, slug) == warm_up + text
    assert not holder_path(data, slug).exists()
    assert not lock_is_held(data, slug)


# 3. $EDITOR round trip ----------------------------------------------------------------------


def test_ctrl_o_hands_the_notes_to_editor_and_saves_what_comes_back(tmp_path):
    data, slug = make_pair(tmp_path)
    calls = tmp_path / "editor-calls.txt"
    editor = tmp_path / "fake-editor.sh"
    editor.write_text(
        "#!/bin/sh\n"
        f"printf '%s\\n' \"$1\" >> '{calls}'\n"
        # Under the current item's heading, in the whole meeting's document.
        "sed -i 's/^before editor$/&\\nadded by the editor/' \"$1\"\n"
    )
    editor.chmod(editor.stat().st_mode | stat.S_IXUSR)

    with start_app(tmp_path, data, slug, EDITOR=str(editor)) as term:
        wait_for_pair_home(term)
        start_meeting(term, data, slug)
        term.type("before editor", delay=0.02)
        wait_for_notes(data, slug, lambda notes: notes == "before editor", SAVE_TIMEOUT,
                       "the typed notes to be saved", term)

        term.send(CTRL_O)
        notes = wait_for_notes(data, slug, lambda n: "before editor" in n and "added by the editor" in n,
                               SAVE_TIMEOUT, "the notes back from the editor", term)
        assert notes == "before editor\nadded by the editor"

        # The editor ran once, on a private temp file the app removed afterwards.
        edited = calls.read_text().splitlines()
        assert len(edited) == 1
        assert Path(edited[0]).parent == tmp_path / "tmp"
        assert not Path(edited[0]).exists()

        # The app took the terminal back: typing still reaches the notes, after what the
        # editor added (the cursor stays at the end, where it was), and is saved.
        term.wait_for("Notes back from the editor", timeout=SAVE_TIMEOUT)
        term.type("Z", delay=0.02)
        wait_for_notes(data, slug, lambda n: n == "before editor\nadded by the editorZ", SAVE_TIMEOUT,
                       "a keystroke after the editor to be saved", term)

        assert quit_from_meeting(term) == 0  # escape, escape, q

    assert "added by the editor" in running_notes(data, slug)
    assert not holder_path(data, slug).exists()


# 4. A second process on a pair that is open ------------------------------------------------


def test_second_process_on_an_open_pair_names_the_lock_holder(tmp_path):
    data, slug = make_pair(tmp_path)
    path = PairStore(data).path_for(slug)

    with start_app(tmp_path, data, slug) as first:
        wait_for_pair_home(first)
        wait_until(lambda: lock_is_held(data, slug), SAVE_TIMEOUT, "the first app to hold the lock")
        before = file_identity(path)

        with start_app(tmp_path, data, slug) as second:
            screen = second.wait_for("is open in another mentortui", timeout=STARTUP_TIMEOUT)
            assert f"process {first.pid} " in plain(screen), plain(screen)[-800:]
            assert second.alive() and first.alive()

            second.send(ESCAPE)  # "Cancel": back to the pair list, nothing opened
            # A key that follows a lone escape within Textual's ESCDELAY is read as Alt+key,
            # and no screen sign tells that the escape was read alone (the list behind the
            # dialog redraws either way), so the next key waits out the delay, as a person's would.
            time.sleep(3 * ESCAPE_DELAY)
            second.send("q")
            assert second.wait(EXIT_TIMEOUT) == 0

        # The second app changed nothing and the first still holds the pair.
        assert first.alive()
        assert lock_is_held(data, slug)
        assert holder_path(data, slug).exists()
        assert json.loads(holder_path(data, slug).read_text())["pid"] == first.pid
        assert file_identity(path) == before

        first.send("q")
        assert first.wait(EXIT_TIMEOUT) == 0

    assert not lock_is_held(data, slug)
