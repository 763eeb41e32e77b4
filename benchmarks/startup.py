"""Startup time of mentortui against a bare Textual hello-world, in a real terminal (tmux).

Each start runs in a detached 120x40 tmux session on a private socket. The clock starts just
before ``tmux new-session`` and stops when ``tmux capture-pane`` (polled every ~5 ms) first
shows the marker text:

- hello world: "Hello, world" from a one-Static Textual app run with this interpreter;
- mentortui first screen: "Pairs", the heading of the pair list (the first screen shown), or
  the demo home below if it replaced the pair list before a poll saw it;
- mentortui demo shown: "Priya Raman with Dana Okafor" and "Open action items" (the demo
  pair's home screen), measured in the same start as the first screen.

The two commands alternate order every round so machine noise hits both equally, after one
warm-up round that is not counted. The report gives median and min in milliseconds and the
ratios to the hello world median (design.md section 5: benchmarks print ratios measured in one
run). Exit status is 0 whatever the ratios; 1 if tmux is missing or a start fails or times out.

Run: python benchmarks/startup.py [--rounds N] [--command "mentortui --demo"]
"""

from __future__ import annotations

import os
import sys

# Run as a script, this file's folder is sys.path[0]; it holds typing.py, which would shadow
# the standard library's typing module (tmux_server imports it): move the folder to the end.
if sys.path and os.path.realpath(sys.path[0]) == os.path.dirname(os.path.realpath(__file__)):
    sys.path.append(sys.path.pop(0))

import argparse
import shlex
import shutil
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from tmux_server import HEIGHT, POLL_SECONDS, TIMEOUT_SECONDS, WIDTH, BenchError, Tmux

HELLO_APP = """\
from textual.app import App, ComposeResult
from textual.widgets import Static


class Hello(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Hello, world")


Hello().run()
"""
# label -> alternatives; a marker is shown once all texts of one alternative are on screen.
Markers = dict[str, tuple[tuple[str, ...], ...]]
DEMO_HOME = ("Priya Raman with Dana Okafor", "Open action items")
HELLO: Markers = {"hello world": (("Hello, world",),)}
# The demo home can replace the pair list before a poll sees it; the first screen was shown by then.
MENTORTUI: Markers = {"mentortui first screen": (("Pairs",), DEMO_HOME),
                      "mentortui demo shown": (DEMO_HOME,)}


def start(tmux: Tmux, command: Sequence[str], markers: Markers) -> dict[str, float]:
    """Seconds from ``new-session`` until each marker's texts are all on screen."""
    name = f"start-{time.monotonic_ns()}"
    started = time.perf_counter()
    tmux.new_session(name, command)
    seen: dict[str, float] = {}
    try:
        while True:
            pane = tmux.poll(name)
            screen = "\n".join(pane.rows)
            elapsed = time.perf_counter() - started
            for label, alternatives in markers.items():
                if label not in seen and any(all(text in screen for text in texts)
                                             for texts in alternatives):
                    seen[label] = elapsed
            if len(seen) == len(markers):
                return seen
            if pane.dead or elapsed > TIMEOUT_SECONDS:
                why = "exited" if pane.dead else f"timed out after {TIMEOUT_SECONDS:.0f} s"
                missing = ", ".join(label for label in markers if label not in seen)
                shown = "\n".join(line for line in pane.rows if line.strip())
                raise BenchError(f"{shlex.join(command)} {why} before showing {missing}; "
                                 f"last screen:\n{shown or '(blank)'}")
            time.sleep(POLL_SECONDS)
    finally:
        tmux.stop(name, grace_seconds=3.0)  # ctrl+q first, so mentortui removes its demo folder


Start = tuple[list[str], Markers]


def measure(tmux: Tmux, starts: list[Start], rounds: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {label: [] for _, markers in starts for label in markers}
    for round_number in range(rounds + 1):  # round 0 is the warm-up (imports compile .pyc files)
        for command, markers in starts if round_number % 2 else starts[::-1]:
            for label, seconds in start(tmux, command, markers).items():
                if round_number:
                    results[label].append(seconds * 1000)
    return results


def report(results: dict[str, list[float]], rounds: int) -> None:
    medians = {label: statistics.median(times) for label, times in results.items()}
    print(f"Startup to marker on screen, {rounds} rounds in a {WIDTH}x{HEIGHT} tmux pane (ms)")
    print(f"{'':26}{'median':>8}{'min':>8}")
    for label, times in results.items():
        print(f"{label:26}{medians[label]:8.0f}{min(times):8.0f}")
    hello = medians["hello world"]
    print(f"first screen / hello world: {medians['mentortui first screen'] / hello:.2f}x"
          "   (target: 1.25x or less)")
    print(f"demo shown / hello world:   {medians['mentortui demo shown'] / hello:.2f}x")
    unseen = sum(first == demo for first, demo in zip(results["mentortui first screen"],
                                                      results["mentortui demo shown"], strict=True))
    if unseen:
        print(f"(in {unseen} of {rounds} starts the pair list was not seen before the demo home; "
              "first screen = demo shown there)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10, help="counted rounds (default 10)")
    parser.add_argument("--command", help="mentortui command line (default: mentortui --demo "
                        "from this interpreter's venv)")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    tmux_path = shutil.which("tmux")
    if tmux_path is None:
        print("startup.py: tmux is not installed (not found on PATH); it is needed to run "
              "the apps in a real terminal", file=sys.stderr)
        return 1
    mentortui = (shlex.split(args.command) if args.command
                 else [str(Path(sys.executable).with_name("mentortui")), "--demo"])
    tmux = Tmux(tmux_path, "mentortui-startup")
    with tempfile.TemporaryDirectory(prefix="startup-bench-") as folder:
        hello = Path(folder, "hello.py")
        hello.write_text(HELLO_APP)
        try:
            tmux.open()
            results = measure(tmux, [([sys.executable, str(hello)], HELLO), (mentortui, MENTORTUI)],
                              args.rounds)
        except BenchError as error:
            print(f"startup.py: {error}", file=sys.stderr)
            return 1
        finally:
            tmux.close()
    report(results, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
