"""The terminal cannot take mentortui down by accident, and a closed terminal always ends it.

Real ``mentortui`` processes in a pseudo-terminal (tests/terminal.py):

- bytes that are not UTF-8 on standard input (a raw 0x85 from a misconfigured terminal
  or a paste) are replaced, and the app goes on taking keys;
- closing the terminal window (the pty's master side closes: SIGHUP, and EIO on every
  write), SIGHUP and SIGTERM end the app from every screen and dialog (each place meets
  one of the three; the meeting, its dialog and the resume prompt meet all), at once: the
  process is gone, the pair's lock is free and, in a meeting, the last words typed are
  in the file. The resume prompt is closed again and again, since it hung now and then.

The trials are independent processes, so they run a few at a time in threads.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from .terminal import Terminal, plain
from .test_process import (
    ENTER,
    PAIR_HOME,
    SAVE_TIMEOUT,
    STARTUP_TIMEOUT,
    app_env,
    ensure_alive,
    holder_path,
    lock_is_held,
    make_pair,
    press_escape,
    quit_from_meeting,
    running_meeting,
    running_notes,
    start_app,
    wait_for_notes,
    wait_for_notes_focus,
    wait_for_pair_home,
    wait_until,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals and SIGHUP are POSIX")

CTRL_P = b"\x10"
CTRL_T = b"\x14"
# Far beyond the app's one-second bound even on a loaded machine, far below a hang.
EXIT_DEADLINE = 5.0
PARALLEL_TRIALS = 4
RESUME_PROMPT_CLOSES = 10
LAST_WORDS = "last words before the window closed"


def begin_meeting(term: Terminal, data: Path, slug: str) -> None:
    """Press m on the pair home, say "Start now" if asked (the demo's next meeting is days
    away), and wait until the started meeting is saved and its notes have the focus."""
    mark = term.mark()
    term.send("m")
    asked = False

    def started() -> bool:
        nonlocal asked
        ensure_alive(term, "while starting the meeting")
        if not asked and "Start now" in plain(term.output_since(mark)):
            asked = True
            term.send(ENTER)
        return running_meeting(data, slug) is not None

    wait_until(started, SAVE_TIMEOUT, "the started meeting to be saved")
    wait_for_notes_focus(term, since=mark)


# Bytes that are not UTF-8 ---------------------------------------------------------------


def test_bytes_that_are_not_utf8_are_replaced_and_the_app_keeps_taking_keys(tmp_path):
    data, slug = make_pair(tmp_path)
    with start_app(tmp_path, data, slug) as term:
        wait_for_pair_home(term)
        term.send(b"\x85")  # on the pair home: no text field, no binding
        mark = term.mark()
        term.send("g")  # the next key still works: the goals open
        term.wait_for("Check-in", timeout=STARTUP_TIMEOUT, since=mark)
        press_escape(term, PAIR_HOME)
        begin_meeting(term, data, slug)
        term.type("abc", delay=0.02)
        # A lone continuation byte, two bytes that never occur in UTF-8, and a three-byte
        # sequence cut short by the next key.
        for bad in (b"\x85", b"\xff\xfe", b"\xe2\x82"):
            term.send(bad)
            time.sleep(0.05)  # pacing, as keys come: each arrives in a read of its own
        term.type("xyz", delay=0.02)

        notes = wait_for_notes(data, slug, lambda text: text.endswith("xyz"), SAVE_TIMEOUT,
                               "the keys typed after the bad bytes", term)
        assert notes.startswith("abc")
        assert set(notes[3:-3]) <= {"\ufffd"}, f"undecodable bytes became {notes[3:-3]!r}"
        ensure_alive(term, "after the bad bytes")
        assert quit_from_meeting(term) == 0


# Closing the terminal on every screen -----------------------------------------------------


@dataclass(frozen=True)
class Place:
    """A screen or dialog, and how a user gets there from where the app starts."""

    name: str
    go: Callable[[Terminal, Path, str], None]
    open_pair: bool = True  # start on the pair (else on the pair list)
    in_meeting: bool = False  # the last words typed must be saved
    resume: bool = False  # the pair has a meeting left running by kill -9


def _press_and_wait(keys: bytes | str, shown: str) -> Callable[[Terminal, Path, str], None]:
    def go(term: Terminal, data: Path, slug: str) -> None:
        wait_for_pair_home(term)
        mark = term.mark()
        term.send(keys)
        term.wait_for(shown, timeout=STARTUP_TIMEOUT, since=mark)

    return go


def _pair_list(term: Terminal, data: Path, slug: str) -> None:
    term.wait_for("New pair", timeout=STARTUP_TIMEOUT)
    term.wait_for("Priya Raman", timeout=STARTUP_TIMEOUT)


def _pair_home(term: Terminal, data: Path, slug: str) -> None:
    wait_for_pair_home(term)


def _resume_prompt(term: Terminal, data: Path, slug: str) -> None:
    term.wait_for("Resume meeting", timeout=STARTUP_TIMEOUT)


def _type_last_words(term: Terminal) -> None:
    """Type, and wait until the words are on screen: the app has them, but the pause
    before the next save has not gone by."""
    mark = term.mark()
    term.type(LAST_WORDS, delay=0.005)
    term.wait_for(LAST_WORDS, timeout=SAVE_TIMEOUT, since=mark)


def _meeting(term: Terminal, data: Path, slug: str) -> None:
    wait_for_pair_home(term)
    begin_meeting(term, data, slug)
    _type_last_words(term)


def _capture_dialog(term: Terminal, data: Path, slug: str) -> None:
    _meeting(term, data, slug)
    mark = term.mark()
    term.send(CTRL_T)
    term.wait_for("New action item", timeout=STARTUP_TIMEOUT, since=mark)


PLACES = [
    Place("pair list", _pair_list, open_pair=False),
    Place("pair home", _pair_home),
    Place("resume prompt", _resume_prompt, resume=True),
    Place("agenda", _press_and_wait("a", "Start meeting")),
    Place("starters", _press_and_wait("s", "To agenda")),
    Place("meeting", _meeting, in_meeting=True),
    Place("capture dialog", _capture_dialog, in_meeting=True),
    Place("action items", _press_and_wait("i", "f Filter")),
    Place("goals", _press_and_wait("g", "Check-in")),
    Place("before next", _press_and_wait("b", "Raise a topic")),
    Place("export preview", _press_and_wait("x", "Write file")),
    Place("help panel", _press_and_wait("?", "Focus Previous")),
    Place("command palette", _press_and_wait(CTRL_P, "Search for commands")),
]

ENDINGS: dict[str, Callable[[Terminal], None]] = {
    "terminal closed": Terminal.close_master,
    "SIGHUP": lambda term: term.kill(signal.SIGHUP),
    "SIGTERM": lambda term: term.kill(signal.SIGTERM),
}


@pytest.fixture(scope="module")
def left_running(tmp_path_factory) -> tuple[Path, str]:
    """A data folder as kill -9 during a meeting leaves it: a meeting started and not
    ended, the dead process's lock and holder files beside the pair."""
    root = tmp_path_factory.mktemp("killed")
    data, slug = make_pair(root)
    with start_app(root, data, slug) as term:
        wait_for_pair_home(term)
        begin_meeting(term, data, slug)
        term.kill(signal.SIGKILL)
        assert term.wait(10) == -signal.SIGKILL
    assert holder_path(data, slug).exists()
    return data, slug


def _trial(root: Path, place: Place, ending: str, left_running: tuple[Path, str],
           controlling: bool = True) -> str | None:
    """Go to ``place``, end the terminal as ``ending`` says; None if all went well, or
    what went wrong."""
    root.mkdir(parents=True)
    if place.resume:
        data = root / "data"
        shutil.copytree(left_running[0], data)
        slug = left_running[1]
    else:
        data, slug = make_pair(root)
    argv = [sys.executable, "-m", "mentortui", "--data-dir", str(data)]
    with Terminal(argv + [slug] if place.open_pair else argv, cwd=root, env=app_env(root),
                  controlling=controlling) as term:
        try:
            place.go(term, data, slug)
        except AssertionError as error:
            return f"could not get there: {error}"
        ENDINGS[ending](term)
        try:
            status = term.wait(EXIT_DEADLINE)
        except subprocess.TimeoutExpired:
            return f"still running {EXIT_DEADLINE} s later; screen ends {plain(term.output[-2000:])[-300:]!r}"
    problems = []
    if status != 0:
        problems.append(f"exit status {status}")
    if lock_is_held(data, slug):
        problems.append("the pair's lock is still held")
    if holder_path(data, slug).exists():
        problems.append("the holder file was left behind")
    if place.in_meeting and running_notes(data, slug) != LAST_WORDS:
        problems.append(f"notes on disk {running_notes(data, slug)!r}")
    if place.resume and running_meeting(data, slug) is None:
        problems.append("the meeting left running was lost")
    return "; ".join(problems) or None


def _run_trials(tmp_path: Path, trials: list[tuple[Place, str]], left_running) -> None:
    def run(numbered: tuple[int, tuple[Place, str]]) -> str | None:
        number, (place, ending) = numbered
        problem = _trial(tmp_path / f"trial-{number}", place, ending, left_running)
        return None if problem is None else f"{place.name}, {ending}: {problem}"

    with ThreadPoolExecutor(PARALLEL_TRIALS) as pool:
        problems = [problem for problem in pool.map(run, enumerate(trials)) if problem]
    assert not problems, "\n".join(problems)


def ending_trials(ending: str) -> list[Place]:
    """Where ``ending`` is tried: every place where typed notes or a running meeting are at
    stake, and a third of the others, so that each place meets one of the three endings
    (the place decides what must be saved; the ending decides how the app hears of it)."""
    rotation = list(ENDINGS).index(ending)
    others = [place for place in PLACES if not (place.in_meeting or place.resume)]
    return [place for place in PLACES if place.in_meeting or place.resume] + others[rotation::len(ENDINGS)]


@pytest.mark.parametrize("ending", list(ENDINGS))
def test_the_app_saves_and_ends_from_every_screen_and_dialog(tmp_path, ending, left_running):
    _run_trials(tmp_path, [(place, ending) for place in ending_trials(ending)], left_running)


def test_closing_the_terminal_on_the_resume_prompt_ends_the_app_every_time(tmp_path, left_running):
    resume = next(place for place in PLACES if place.resume)
    _run_trials(tmp_path, [(resume, "terminal closed")] * RESUME_PROMPT_CLOSES, left_running)


def test_a_closed_terminal_ends_the_app_even_when_no_sighup_comes(tmp_path, left_running):
    """Started outside the terminal's foreground process group, the app gets no SIGHUP
    when the window closes; it sees the terminal has gone and ends all the same."""
    places = [place for place in PLACES if place.in_meeting or place.resume]
    problems = [f"{place.name}: {problem}" for number, place in enumerate(places)
                if (problem := _trial(tmp_path / f"trial-{number}", place, "terminal closed",
                                      left_running, controlling=False))]
    assert not problems, "\n".join(problems)
