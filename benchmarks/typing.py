"""Keystroke-to-screen latency of mentortui's meeting notes against a bare Textual TextArea,
in a real terminal (tmux), and the time a save of a ten-year pair takes.

A: mentortui with ``mentortui.core.demo.long_pair`` (ten years of weekly meetings, 1.6 MB) in the
live meeting (``m`` from the pair home), the notes editor focused. B: a bare Textual app with
one focused TextArea. Each runs in a detached 120x40 tmux session on a private socket and gets
the same keys, one at a time like a typist: 60-120 ms apart and 0.5-0.7 s before each new line,
so mentortui autosaves (0.5 s after the last key, every 3 s while typing goes on) during the
typing. A key's clock starts just before ``tmux send-keys`` and stops when ``tmux capture-pane``
(polled every ~5 ms) shows the line typed so far with the terminal cursor right after it, so
every key, a space or Enter too, is unambiguous; both apps pay the same few ms of tmux round
trips. A and B alternate order every round so machine noise hits both equally. The save is
timed in-process: ``PairFile.save``, and ``PairFile.snapshot`` (the UI thread's part) alone.
Exit status is 0 whatever the numbers; 1 if tmux is missing or a step fails or times out.

Run: python benchmarks/typing.py [--rounds N]
"""

from __future__ import annotations

import os
import sys

# Run as a script, this file's folder is sys.path[0], and the file's name would shadow the
# standard library's typing module for every import below: move that folder to the end, after
# the standard library, where tmux_server is still found.
if sys.path and os.path.realpath(sys.path[0]) == os.path.dirname(os.path.realpath(__file__)):
    sys.path.append(sys.path.pop(0))

import argparse
import random
import shutil
import statistics
import tempfile
import textwrap
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from tmux_server import (
    HEIGHT,
    POLL_SECONDS,
    TIMEOUT_SECONDS,
    WIDTH,
    BenchError,
    Pane,
    Tmux,
)

from mentortui.core.demo import long_pair
from mentortui.core.models import Pair
from mentortui.storage.store import PairStore

SETTLE_SECONDS = 1.0  # once the editor is shown, for the first save and layout to finish
KEY_GAP_SECONDS = (0.06, 0.12)
LINE_PAUSE_SECONDS = (0.5, 0.7)
LINE_WIDTH = 38  # the meeting screen's notes pane has 44 columns at 120x40
SAVE_REPEATS = 10
NOTES = ("Priya walked us through the forecast README, which now leads with the question. "
         "She books interviews five and six, and Dana shares the slide template by Friday.")
BARE_APP = """\
from textual.app import App, ComposeResult
from textual.widgets import Static, TextArea


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Bare TextArea")
        yield TextArea(soft_wrap=True, tab_behavior="indent")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()


Bare().run()
"""
A, B = "A mentortui, ten-year pair", "B bare Textual TextArea"


def wait(tmux: Tmux, name: str, what: str, shown: Callable[[Pane], bool]) -> Pane:
    started = time.perf_counter()
    while True:
        pane = tmux.poll(name)
        if shown(pane):
            return pane
        if pane.dead or time.perf_counter() - started > TIMEOUT_SECONDS:
            why = "exited" if pane.dead else f"timed out after {TIMEOUT_SECONDS:.0f} s"
            screen = "\n".join(row for row in pane.rows if row.strip()) or "(blank)"
            raise BenchError(f"the app {why} waiting for {what}; last screen:\n{screen}")
        time.sleep(POLL_SECONDS)


def on_screen(text: str) -> Callable[[Pane], bool]:
    return lambda pane: any(text in row for row in pane.rows)


def type_notes(tmux: Tmux, name: str, rng: random.Random) -> list[float]:
    """Type NOTES key by key into the focused, empty editor; each key's latency in seconds."""
    time.sleep(SETTLE_SECONDS)
    before = tmux.poll(name).cursor
    # Where the text starts is read from the first key's echo: before any key, the terminal
    # cursor need not be in the editor yet.
    left: int | None = None
    latencies = []
    for number, line in enumerate(textwrap.wrap(NOTES, LINE_WIDTH)):
        keys = ["Enter", *line] if number else list(line)
        for count, key in enumerate(keys, start=0 if number else 1):
            typed = line[:count]  # after Enter (count 0) the new line is empty

            def shown(pane: Pane, typed: str = typed, before: tuple[int, int] = before,
                      left: int | None = left) -> bool:
                x, y = pane.cursor
                start = x - len(typed) if left is None else left
                return (pane.cursor != before and x == start + len(typed)
                        and 0 <= y < len(pane.rows) and pane.rows[y][start:x] == typed)

            time.sleep(rng.uniform(*(LINE_PAUSE_SECONDS if key == "Enter" else KEY_GAP_SECONDS)))
            started = time.perf_counter()
            tmux.run("send-keys", "-t", name, *(["Enter"] if key == "Enter" else ["-l", "--", key]))
            before = wait(tmux, name, f"the line {typed!r}", shown).cursor
            if left is None:
                left = before[0] - len(typed)
            latencies.append(time.perf_counter() - started)
    return latencies


def run_app(tmux: Tmux, label: str, folder: Path, pair: Pair, seed: int) -> list[float]:
    if label == A:  # a fresh copy of the pair each time: no meeting left running from before
        data = Path(tempfile.mkdtemp(prefix="data-", dir=folder))
        slug = PairStore(data).create(pair)
        command = [str(Path(sys.executable).with_name("mentortui")), "--data-dir", str(data), slug]
    else:
        command = [sys.executable, str(folder / "bare.py")]
    name = f"typing-{time.monotonic_ns()}"
    tmux.new_session(name, command)
    try:
        if label == A:
            wait(tmux, name, "the pair home", on_screen("Open action items"))
            tmux.run("send-keys", "-t", name, "m")
            pane = wait(tmux, name, "the live meeting", lambda pane: on_screen("End meeting")(pane)
                        or on_screen("Start now")(pane))
            if not on_screen("End meeting")(pane):  # the next meeting is days ahead: start it now
                tmux.run("send-keys", "-t", name, "Enter")
                wait(tmux, name, "the live meeting", on_screen("End meeting"))
        else:
            wait(tmux, name, "the TextArea", on_screen("Bare TextArea"))
        return type_notes(tmux, name, random.Random(seed))
    finally:
        tmux.stop(name, grace_seconds=5.0)  # ctrl+q first, so mentortui writes what is pending


def elapsed_ms(step: Callable[[], object]) -> float:
    started = time.perf_counter()
    step()
    return (time.perf_counter() - started) * 1000


def time_save(folder: Path, pair: Pair) -> tuple[float, float, float]:
    """Median ms of PairFile.save and of PairFile.snapshot, and the file's size in MB."""
    store = PairStore(folder)
    slug = store.create(pair)
    with store.open(slug) as pair_file:
        loaded = pair_file.load()
        save = statistics.median(elapsed_ms(lambda: pair_file.save(loaded))
                                 for _ in range(SAVE_REPEATS))
        snapshot = statistics.median(elapsed_ms(lambda: pair_file.snapshot(loaded))
                                     for _ in range(SAVE_REPEATS))
    return save, snapshot, store.path_for(slug).stat().st_size / 1e6


def report(results: dict[str, list[float]], rounds: int, save: tuple[float, float, float]) -> None:
    stats = {label: (statistics.median(ms), statistics.quantiles(ms, n=20, method="inclusive")[-1],
                     max(ms)) for label, ms in results.items()}
    keys = len(results[A]) // rounds
    print(f"Keystroke to screen, {rounds} rounds of {keys} keys in a {WIDTH}x{HEIGHT} tmux pane (ms)")
    print(f"{'':28}{'median':>8}{'p95':>8}{'max':>8}")
    for label, (median, p95, most) in stats.items():
        print(f"{label:28}{median:8.1f}{p95:8.1f}{most:8.1f}")
    print(f"A/B median: {stats[A][0] / stats[B][0]:.2f}x   (target: 1.2x or less)")
    print(f"A/B p95:    {stats[A][1] / stats[B][1]:.2f}x")
    save_ms, snapshot_ms, size = save
    print(f"Save of the ten-year pair ({size:.2f} MB), in-process, median of {SAVE_REPEATS}: "
          f"save {save_ms:.1f} ms; snapshot alone (on the UI thread) {snapshot_ms:.1f} ms")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Keystroke-to-screen latency of mentortui's "
                                     "meeting notes against a bare Textual TextArea.")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of A and B (default 3)")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    tmux_path = shutil.which("tmux")
    if tmux_path is None:
        print("typing.py: tmux is not installed (not found on PATH); it is needed to run "
              "the apps in a real terminal", file=sys.stderr)
        return 1
    pair = long_pair(date.today())
    tmux = Tmux(tmux_path, "mentortui-typing")
    results: dict[str, list[float]] = {A: [], B: []}
    with tempfile.TemporaryDirectory(prefix="typing-bench-") as temp:
        folder = Path(temp)
        (folder / "bare.py").write_text(BARE_APP)
        try:
            tmux.open()
            for round_number in range(args.rounds):
                for label in (A, B) if round_number % 2 == 0 else (B, A):
                    # The same seed within a round: A and B get the same gaps between keys.
                    seconds = run_app(tmux, label, folder, pair, seed=round_number)
                    results[label] += [s * 1000 for s in seconds]
        except BenchError as error:
            print(f"typing.py: {error}", file=sys.stderr)
            return 1
        finally:
            tmux.close()
        save = time_save(Path(tempfile.mkdtemp(prefix="save-", dir=folder)), pair)
    report(results, args.rounds, save)
    return 0


if __name__ == "__main__":
    sys.exit(main())
