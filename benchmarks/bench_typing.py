"""Keystroke-to-screen in mentortui's live meeting notes against a bare TextArea, in tmux.

Three apps get the same keys, one at a time like a typist, in each round: the bare TextArea
app, and mentortui in the live meeting (``m`` from the pair home, started at once if it is
days ahead) of a fresh copy of the 520- and of the 2,000-meeting pair. The order turns round
every round. Most keys come 60-120 ms apart ("steady"; mentortui still saves every 3 s of
continuous typing). Every ``SAVE_EVERY``-th key comes after a pause of the notes' settle time
(``SETTLE_SECONDS``, after which mentortui saves) plus 0-40 ms, so it lands while that save
runs ("during a save"); for mentortui the suite counts how many of those keys were sent before
the pair file's new version was written.

A key's clock starts just before ``tmux send-keys`` and stops when ``tmux capture-pane``
(polled every ~5 ms) shows the line typed so far with the terminal cursor right after it, so
every key, a space or Enter too, is unambiguous; all apps pay the same tmux round trips.
"""

from __future__ import annotations

import random
import statistics
import textwrap
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.apps import Workspace
from benchmarks.table import Row, p95, ratio
from benchmarks.tmux_server import Pane, Tmux, showing
from mentortui.widgets.notes import SETTLE_SECONDS

SECTION = "keystroke to screen in the live notes (tmux), median / p95 / max"
START_SECONDS = 1.0  # once the editor is shown, for the first save and layout to finish
KEY_GAP_SECONDS = (0.06, 0.12)
SAVE_PAUSE_SECONDS = (SETTLE_SECONDS, SETTLE_SECONDS + 0.04)
SAVE_EVERY = 7
LINE_WIDTH = 38  # the meeting screen's notes pane has 44 columns at 120x40
NOTES = ("Priya walked us through the forecast README, which now leads with the question. "
         "She books interviews five and six, and Dana shares the slide template by Friday. "
         "Next time we rehearse the lightning talk: ten minutes, three slides, one chart, "
         "and a story about the bike-share riders that a room of non-analysts can follow.")
BARE, SIZES = "bare TextArea", (520, 2000)
STEADY, DURING_SAVE = "steady", "during a save"


@dataclass
class Typed:
    """Latencies in seconds by kind of key, and how many save-pause keys a save overlapped."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: {STEADY: [], DURING_SAVE: []})
    overlapped: int = 0

    def add(self, other: Typed) -> None:
        for kind, values in other.latencies.items():
            self.latencies[kind] += values
        self.overlapped += other.overlapped

    def all(self) -> list[float]:
        return [*self.latencies[STEADY], *self.latencies[DURING_SAVE]]


def script() -> list[tuple[str, str]]:
    """The keys typed, each with the line typed so far once it shows (after Enter: "")."""
    keys: list[tuple[str, str]] = []
    for number, line in enumerate(textwrap.wrap(NOTES, LINE_WIDTH)):
        if number:
            keys.append(("Enter", ""))
        keys += [(char, line[:count]) for count, char in enumerate(line, start=1)]
    return keys


def type_notes(tmux: Tmux, name: str, rng: random.Random, pair_file: Path | None) -> Typed:
    """Type NOTES key by key into the focused, empty editor."""
    time.sleep(START_SECONDS)
    typed = Typed()
    before = tmux.poll(name).cursor
    # Where the text starts is read from the first key's echo: before any key, the terminal
    # cursor need not be in the editor yet.
    left: int | None = None
    check_since: int | None = None  # wall-clock ns a save-pause key was sent, to check on the file
    for number, (key, expected) in enumerate(script(), start=1):
        def shown(pane: Pane, expected: str = expected, before: tuple[int, int] = before,
                  left: int | None = left) -> bool:
            x, y = pane.cursor
            start = x - len(expected) if left is None else left
            return (pane.cursor != before and x == start + len(expected)
                    and 0 <= y < len(pane.rows) and pane.rows[y][start:x] == expected)

        kind = DURING_SAVE if number % SAVE_EVERY == 0 else STEADY
        time.sleep(rng.uniform(*(SAVE_PAUSE_SECONDS if kind == DURING_SAVE else KEY_GAP_SECONDS)))
        if check_since is not None and pair_file is not None:
            typed.overlapped += pair_file.stat().st_mtime_ns >= check_since
            check_since = None
        if kind == DURING_SAVE:
            check_since = time.time_ns()
        started = time.perf_counter()
        tmux.run("send-keys", "-t", name, *(["Enter"] if key == "Enter" else ["-l", "--", key]))
        before = tmux.wait(name, f"the line {expected!r}", shown).cursor
        if left is None:
            left = before[0] - len(expected)
        typed.latencies[kind].append(time.perf_counter() - started)
    return typed


def run_app(tmux: Tmux, workspace: Workspace, label: str | int, seed: int) -> Typed:
    name = f"typing-{time.monotonic_ns()}"
    if label == BARE:
        tmux.new_session(name, workspace.bare())
        pair_file = None
    else:
        assert isinstance(label, int)
        folder = workspace.fresh_copy(label)  # a fresh copy each time: no meeting left running
        pair_file = workspace.pair_file(folder)
        tmux.new_session(name, workspace.mentortui("--data-dir", str(folder), workspace.slug))
    try:
        if label == BARE:
            tmux.wait(name, "the TextArea", showing("Bare TextArea"))
        else:
            tmux.wait(name, "the pair home", showing("Open action items"))
            tmux.run("send-keys", "-t", name, "m")
            pane = tmux.wait(name, "the live meeting", lambda pane: showing("End meeting")(pane)
                             or showing("Start now")(pane))
            if not showing("End meeting")(pane):  # the next meeting is days ahead: start it now
                tmux.run("send-keys", "-t", name, "Enter")
                tmux.wait(name, "the live meeting", showing("End meeting"))
        return type_notes(tmux, name, random.Random(seed), pair_file)
    finally:
        tmux.stop(name, grace_seconds=5.0)  # ctrl+q first, so mentortui writes what is pending


def measure(tmux: Tmux, workspace: Workspace, rounds: int) -> list[Row]:
    results: dict[str | int, Typed] = {label: Typed() for label in (BARE, *SIZES)}
    order: list[str | int] = [BARE, *SIZES]
    for number in range(rounds):
        for label in order if number % 2 == 0 else order[::-1]:
            # The same seed within a round: every app gets the same gaps between keys.
            results[label].add(run_app(tmux, workspace, label, seed=number))
    return rows(results, rounds)


def stats(values: Sequence[float]) -> tuple[float, float, float]:
    return statistics.median(values), p95(values), max(values)


def triple(values: Sequence[float]) -> str:
    return " / ".join(f"{value * 1000:.1f}" for value in stats(values)) + " ms"


def ratios(values: Sequence[float], baseline: Sequence[float]) -> str:
    (median, high, most), (base_median, base_high, base_most) = stats(values), stats(baseline)
    return f"{ratio(median, base_median)} / {ratio(high, base_high)} / {(most - base_most) * 1000:+.0f} ms"


def rows(results: dict[str | int, Typed], rounds: int) -> list[Row]:
    bare = results[BARE]
    out = [Row(SECTION, f"bare TextArea, {kind}, {len(values)} keys in {rounds} rounds", triple(values))
           for kind, values in bare.latencies.items()]
    for size in SIZES:
        typed = results[size]
        for kind, values in typed.latencies.items():
            what = f"{size:,} meetings, {kind}"
            if kind == DURING_SAVE:
                what += f" ({typed.overlapped} of {len(values)} sent while it wrote)"
            out.append(Row(SECTION, what, triple(values), triple(bare.latencies[kind]),
                           ratios(values, bare.latencies[kind])))
    every, base = results[2000].all(), bare.all()
    (median, high, most), (base_median, base_high, base_most) = stats(every), stats(base)
    what = f"2,000 meetings, all {len(every)} keys"
    out += [
        Row(SECTION, f"{what}: median", f"{median * 1000:.1f} ms", f"{base_median * 1000:.1f} ms",
            ratio(median, base_median), "<= 1.1x", median <= 1.1 * base_median),
        Row(SECTION, f"{what}: p95", f"{high * 1000:.1f} ms", f"{base_high * 1000:.1f} ms",
            ratio(high, base_high), "<= 1.3x", high <= 1.3 * base_high),
        Row(SECTION, f"{what}: max", f"{most * 1000:.1f} ms", f"{base_most * 1000:.1f} ms",
            f"{(most - base_most) * 1000:+.0f} ms", "<= +50 ms", most - base_most <= 0.05),
    ]
    return out
