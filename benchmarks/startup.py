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

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

WIDTH, HEIGHT = "120", "40"
POLL_SECONDS = 0.005
TIMEOUT_SECONDS = 15.0
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


class BenchError(Exception):
    """A start that cannot be measured: tmux failed, the command exited or timed out."""


class Tmux:
    """A private tmux server (``-L``, no config file) that never touches the user's sessions."""

    def __init__(self, tmux: str) -> None:
        self.base = [tmux, "-L", f"mentortui-startup-{os.getpid()}", "-f", "/dev/null"]

    def run(self, *args: str, check: bool = True) -> str:
        done = subprocess.run([*self.base, *args], capture_output=True, text=True)
        if check and done.returncode != 0:
            raise BenchError(f"tmux {args[0]} failed: {done.stderr.strip()}")
        return done.stdout

    def open(self) -> None:
        # An idle session keeps the server up, so no start pays for launching the server.
        self.run("new-session", "-d", "-s", "keep", "-x", WIDTH, "-y", HEIGHT, "cat")
        self.run("set-option", "-g", "remain-on-exit", "on")  # keep a crashed start's output

    def close(self) -> None:
        socket = self.run("display-message", "-p", "#{socket_path}", check=False).strip()
        self.run("kill-server", check=False)
        if socket:
            Path(socket).unlink(missing_ok=True)

    def poll(self, name: str) -> tuple[str, bool]:
        """The pane's text and whether its command has exited (or the session is gone)."""
        out = self.run("capture-pane", "-p", "-t", name, ";",
                       "display-message", "-p", "-t", name, "#{pane_dead}", check=False)
        screen, _, dead = out.rstrip("\n").rpartition("\n")
        return screen, dead != "0"

    def start(self, command: Sequence[str], markers: Markers) -> dict[str, float]:
        """Seconds from ``new-session`` until each marker's texts are all on screen."""
        name = f"start-{time.monotonic_ns()}"
        started = time.perf_counter()
        self.run("new-session", "-d", "-s", name, "-x", WIDTH, "-y", HEIGHT, *command)
        seen: dict[str, float] = {}
        try:
            while True:
                screen, exited = self.poll(name)
                elapsed = time.perf_counter() - started
                for label, alternatives in markers.items():
                    if label not in seen and any(all(text in screen for text in texts)
                                                 for texts in alternatives):
                        seen[label] = elapsed
                if len(seen) == len(markers):
                    return seen
                if exited or elapsed > TIMEOUT_SECONDS:
                    why = "exited" if exited else f"timed out after {TIMEOUT_SECONDS:.0f} s"
                    missing = ", ".join(label for label in markers if label not in seen)
                    shown = "\n".join(line for line in screen.splitlines() if line.strip())
                    raise BenchError(f"{shlex.join(command)} {why} before showing {missing}; "
                                     f"last screen:\n{shown or '(blank)'}")
                time.sleep(POLL_SECONDS)
        finally:
            self.stop(name)

    def stop(self, name: str) -> None:
        """Quit with ctrl+q (so mentortui removes its demo folder), then kill the session."""
        self.run("send-keys", "-t", name, "C-q", check=False)
        deadline = time.perf_counter() + 3.0
        while not self.poll(name)[1] and time.perf_counter() < deadline:
            time.sleep(POLL_SECONDS)
        self.run("kill-session", "-t", name, check=False)


Start = tuple[list[str], Markers]


def measure(tmux: Tmux, starts: list[Start], rounds: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {label: [] for _, markers in starts for label in markers}
    for round_number in range(rounds + 1):  # round 0 is the warm-up (imports compile .pyc files)
        for command, markers in starts if round_number % 2 else starts[::-1]:
            for label, seconds in tmux.start(command, markers).items():
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
    tmux = Tmux(tmux_path)
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
