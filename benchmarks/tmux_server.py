"""A private tmux server for the benchmarks, which run the apps in a real terminal.

The server has its own socket (``tmux -L``) and no config file, so it never touches the
user's sessions. An idle session keeps it up between the apps; each app runs in a detached
WIDTH x HEIGHT session that stays on screen if the app exits (``remain-on-exit``), and
``poll`` reads a session's screen, cursor and whether its app has exited, ``wait`` polls until
the screen shows what a step waits for, ``pid`` names the app's process. Standard library only.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

WIDTH, HEIGHT = "120", "40"
POLL_SECONDS = 0.005
TIMEOUT_SECONDS = 15.0


class BenchError(Exception):
    """A step that cannot be measured: tmux failed, the app exited or timed out."""


class Pane(NamedTuple):
    """A session's screen, one string per row, its cursor (x, y) and whether its app exited."""

    rows: list[str]
    cursor: tuple[int, int]
    dead: bool


def showing(*texts: str, absent: Sequence[str] = ()) -> Callable[[Pane], bool]:
    """A test of a pane: every one of ``texts`` is on screen and none of ``absent``."""

    def shown(pane: Pane) -> bool:
        screen = "\n".join(pane.rows)
        return all(text in screen for text in texts) and not any(text in screen for text in absent)

    return shown


class Tmux:
    """A private tmux server (``-L``, no config file) that never touches the user's sessions."""

    def __init__(self, tmux: str, prefix: str) -> None:
        """``tmux`` is the tmux executable; the server is named ``{prefix}-{pid}``."""
        self.base = [tmux, "-L", f"{prefix}-{os.getpid()}", "-f", "/dev/null"]

    def run(self, *args: str, check: bool = True) -> str:
        """Run one tmux command on this server; its output. BenchError if it fails and check."""
        done = subprocess.run([*self.base, *args], check=False, capture_output=True, text=True)
        if check and done.returncode != 0:
            raise BenchError(f"tmux {args[0]} failed: {done.stderr.strip()}")
        return done.stdout

    def open(self) -> None:
        """Start the server."""
        # An idle session keeps the server up, so no app pays for launching the server.
        self.run("new-session", "-d", "-s", "keep", "-x", WIDTH, "-y", HEIGHT, "cat")
        self.run("set-option", "-g", "remain-on-exit", "on")  # keep a crashed app's output

    def close(self) -> None:
        """Kill the server, with all its sessions, and remove its socket."""
        socket = self.run("display-message", "-p", "#{socket_path}", check=False).strip()
        self.run("kill-server", check=False)
        if socket:
            Path(socket).unlink(missing_ok=True)

    def new_session(self, name: str, command: Sequence[str]) -> None:
        """Run ``command`` in a new detached WIDTH x HEIGHT session called ``name``."""
        self.run("new-session", "-d", "-s", name, "-x", WIDTH, "-y", HEIGHT, *command)

    def poll(self, name: str) -> Pane:
        """The session's pane now; dead too if the session is gone."""
        out = self.run("capture-pane", "-p", "-t", name, ";", "display-message", "-p", "-t", name,
                       "#{cursor_x} #{cursor_y} #{pane_dead}", check=False)
        screen, _, status = out.rstrip("\n").rpartition("\n")
        x, y, dead = ([*status.split(), "", "", "1"])[:3]
        cursor = (int(x), int(y)) if x.isdigit() and y.isdigit() else (-1, -1)
        return Pane(screen.split("\n"), cursor, dead != "0")

    def wait(self, name: str, what: str, shown: Callable[[Pane], bool]) -> Pane:
        """Poll the session until ``shown`` is true of its pane; BenchError, naming ``what`` and
        the last screen, if the app exits or TIMEOUT_SECONDS pass first."""
        started = time.perf_counter()
        while True:
            pane = self.poll(name)
            if shown(pane):
                return pane
            if pane.dead or time.perf_counter() - started > TIMEOUT_SECONDS:
                why = "exited" if pane.dead else f"timed out after {TIMEOUT_SECONDS:.0f} s"
                screen = "\n".join(row for row in pane.rows if row.strip()) or "(blank)"
                raise BenchError(f"the app {why} waiting for {what}; last screen:\n{screen}")
            time.sleep(POLL_SECONDS)

    def pid(self, name: str) -> int:
        """The process id of the app running in the session."""
        return int(self.run("display-message", "-p", "-t", name, "#{pane_pid}").strip())

    def stop(self, name: str, grace_seconds: float) -> None:
        """Quit the app with ctrl+q, wait up to ``grace_seconds`` for it to exit (so it can
        write what is pending or remove its temporary files), then kill the session."""
        self.run("send-keys", "-t", name, "C-q", check=False)
        deadline = time.perf_counter() + grace_seconds
        while not self.poll(name).dead and time.perf_counter() < deadline:
            time.sleep(POLL_SECONDS)
        self.run("kill-session", "-t", name, check=False)
