"""Startup to the first usable screen, and peak memory, in a real terminal (tmux).

Each start runs in a new 120x40 tmux session. The clock starts just before ``tmux
new-session`` and stops when ``tmux capture-pane`` (polled every ~5 ms) first shows the
screen filled, never a placeholder:

- hello world: its Header title, "Hello, world" and its Footer's key;
- mentortui, empty folder: the pair list saying "No pairs yet" and its Footer;
- mentortui, 20 pairs: the pair list with the names of at least 10 of its pairs;
- mentortui PAIR (520 and 2,000 meetings): the pair home with its meetings panel ("N meetings
  held") and the last row of its open action items.

One warm-up round is not counted; then the starts rotate order every round, so machine noise
hits all of them alike. Peak memory is the process's VmHWM after its screen is shown and it
has had ``SETTLE_SECONDS`` to finish what it does in the background.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.apps import MENTEES, Workspace, peak_memory_mb
from benchmarks.table import Row, ms, ratio
from benchmarks.tmux_server import Pane, Tmux, showing

SETTLE_SECONDS = 2.0
SECTION = "startup to the first usable screen (tmux)"


@dataclass(frozen=True)
class Start:
    label: str
    command: list[str]
    shown: Callable[[Pane], bool]
    target: float | None = None  # the most, as a ratio to the hello world


def twenty_listed(pane: Pane) -> bool:
    screen = "\n".join(pane.rows)
    return "20 pairs" in screen and sum(f"{name} Mentee" in screen for name in MENTEES) >= 10


def pair_home(count: int) -> Callable[[Pane], bool]:
    return showing(f"{count} meetings held", "Open action items", "Outline the lightning talk together")


HELLO_SHOWN = showing("Hello app", "Hello, world", "Quit")


def starts(workspace: Workspace) -> list[Start]:
    slug = workspace.slug
    return [
        Start("hello world (Header, Footer)", workspace.hello(), HELLO_SHOWN),
        Start("empty folder: pair list", workspace.mentortui("--data-dir", str(workspace.root / "empty")),
              showing("No pairs yet", "New pair")),
        Start("20 pairs: pair list filled", workspace.mentortui("--data-dir", str(workspace.root / "twenty")),
              twenty_listed, 1.5),
        Start("520 meetings: pair home", workspace.mentortui("--data-dir", str(workspace.folder(520)), slug),
              pair_home(520), 1.5),
        Start("2,000 meetings: pair home", workspace.mentortui("--data-dir", str(workspace.folder(2000)), slug),
              pair_home(2000), 2.0),
    ]


def start_once(tmux: Tmux, start: Start) -> float:
    name = f"start-{time.monotonic_ns()}"
    began = time.perf_counter()
    tmux.new_session(name, start.command)
    try:
        tmux.wait(name, start.label, start.shown)
        return time.perf_counter() - began
    finally:
        tmux.stop(name, grace_seconds=3.0)


def measure(tmux: Tmux, workspace: Workspace, rounds: int) -> list[Row]:
    all_starts = starts(workspace)
    times: dict[str, list[float]] = {start.label: [] for start in all_starts}
    for number in range(rounds + 1):  # round 0 warms up (imports compile their .pyc files)
        shift = number % len(all_starts)
        order = all_starts[shift:] + all_starts[:shift]
        for start in order if number % 2 else order[::-1]:
            seconds = start_once(tmux, start)
            if number:
                times[start.label].append(seconds)
    hello = statistics.median(times[all_starts[0].label])
    rows = [Row(SECTION, f"{all_starts[0].label}, median of {rounds}", ms(hello))]
    for start in all_starts[1:]:
        median = statistics.median(times[start.label])
        rows.append(Row(SECTION, start.label, ms(median), ms(hello), ratio(median, hello),
                        f"<= {start.target}x" if start.target else "",
                        None if start.target is None else median / hello <= start.target))
    return rows


def peak_memory(tmux: Tmux, workspace: Workspace, runs: int) -> list[Row]:
    """Peak memory of the hello world and of mentortui with the 2,000-meeting pair open."""
    section = "peak memory (max RSS, after the screen is shown and settled)"
    pair = Start("2,000-meeting pair open", workspace.mentortui("--data-dir", str(workspace.folder(2000)),
                                                                  workspace.slug), pair_home(2000))
    hello = Start("hello world", workspace.hello(), HELLO_SHOWN)
    peaks = {pair.label: [peak_after_start(tmux, pair) for _ in range(runs)],
             hello.label: [peak_after_start(tmux, hello) for _ in range(runs)]}
    hello_mb, pair_mb = (statistics.median(peaks[label]) for label in (hello.label, pair.label))
    return [Row(section, f"hello world, median of {runs}", f"{hello_mb:.0f} MB"),
            Row(section, pair.label, f"{pair_mb:.0f} MB", f"{hello_mb:.0f} MB", ratio(pair_mb, hello_mb),
                "<= 2x", pair_mb / hello_mb <= 2)]


def peak_after_start(tmux: Tmux, start: Start) -> float:
    name = f"memory-{time.monotonic_ns()}"
    tmux.new_session(name, start.command)
    try:
        tmux.wait(name, start.label, start.shown)
        time.sleep(SETTLE_SECONDS)
        return peak_memory_mb(tmux.pid(name))
    finally:
        tmux.stop(name, grace_seconds=3.0)
