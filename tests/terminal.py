"""Run a real program in a pseudo-terminal for end-to-end tests (standard library only).

``Terminal`` starts the command on a fresh pty (120x40, TERM=xterm-256color, COLORTERM
unset), drains the pty's output in a background thread at all times (a full-screen app
blocks on write if nobody reads), keeps everything it read, and lets a test send keys,
wait for output, signal the process and wait for its exit. Used as a context manager it
always kills the child's process group and closes the fds, whatever the test did.
"""

from __future__ import annotations

import codecs
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

COLUMNS = 120
ROWS = 40

# CSI (with private/intermediate bytes), OSC (BEL or ST terminated), other two-byte
# escapes, and the remaining C0 controls except newline.
_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1b[PX^_][^\x1b]*\x1b\\"
    r"|\x1b[@-Z\\-_]"
    r"|\x1b[ -/][0-~]"
    r"|[\x00-\x09\x0b-\x1f\x7f]"
)

# Run first in the child (a new session): make the pty its controlling terminal, as a
# terminal emulator does, then exec the program (same pid). Without it, closing the
# master sends no SIGHUP.
_CONTROLLING_TERMINAL = (
    "import fcntl, os, sys, termios; fcntl.ioctl(0, termios.TIOCSCTTY, 0); "
    "os.execvp(sys.argv[1], sys.argv[1:])"
)


def strip_ansi(text: str) -> str:
    """The printable text in raw terminal output (escape sequences and controls removed)."""
    return _ANSI.sub("", text)


def plain(text: str) -> str:
    """ANSI-stripped with every run of whitespace collapsed to one space: good enough to
    find a sentence a full-screen app drew across several cursor moves on one line."""
    return " ".join(strip_ansi(text).split())


class Terminal:
    def __init__(
        self,
        argv: Sequence[str],
        cwd: str | Path | None = None,
        env: Mapping[str, str] | None = None,
        columns: int = COLUMNS,
        rows: int = ROWS,
        controlling: bool = True,
    ) -> None:
        """``controlling=False`` leaves the program without a controlling terminal, like
        one outside the terminal's foreground process group: a hangup sends it no SIGHUP."""
        child_env = dict(os.environ if env is None else env)
        child_env["TERM"] = "xterm-256color"
        child_env.pop("COLORTERM", None)
        child_env["COLUMNS"], child_env["LINES"] = str(columns), str(rows)
        # Textual's dev/driver switches that would change the terminal it talks to.
        for name in ("TEXTUAL", "TEXTUAL_DRIVER", "TEXTUAL_HEADLESS"):
            child_env.pop(name, None)

        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self._master = master
        self._lock = threading.Lock()
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._chunks: list[str] = []
        self._length = 0
        self._reader_done = threading.Event()
        self._stop_reading = threading.Event()
        self._master_closed = False
        self._closed = False
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _CONTROLLING_TERMINAL, *argv] if controlling else list(argv),
                stdin=slave,
                stdout=slave,
                stderr=slave,
                cwd=cwd,
                env=child_env,
                start_new_session=True,  # own session, whose controlling terminal the shim sets
                close_fds=True,
            )
        except BaseException:
            os.close(master)
            os.close(slave)
            raise
        os.close(slave)  # only the child holds the slave now, so EOF/EIO shows its exit
        self._reader = threading.Thread(target=self._drain, name="pty-reader", daemon=True)
        self._reader.start()

    # Reading -------------------------------------------------------------------------

    def _drain(self) -> None:
        # Wait with a timeout rather than block in read: close_master() must be able to
        # stop this thread, or the master stays open and no hangup happens.
        poller = select.poll()
        poller.register(self._master, select.POLLIN)
        try:
            while not self._stop_reading.is_set():
                try:
                    if not poller.poll(50):
                        continue
                    data = os.read(self._master, 65536)
                except InterruptedError:
                    continue
                except OSError:  # EIO once the child side is gone; EBADF after close
                    break
                if not data:
                    break
                text = self._decoder.decode(data)
                with self._lock:
                    self._chunks.append(text)
                    self._length += len(text)
        finally:
            self._reader_done.set()

    @property
    def output(self) -> str:
        """Everything the program wrote so far, decoded."""
        with self._lock:
            if len(self._chunks) > 1:
                self._chunks[:] = ["".join(self._chunks)]
            return self._chunks[0] if self._chunks else ""

    def mark(self) -> int:
        """A position in the output; pass it to ``wait_for(since=...)``."""
        with self._lock:
            return self._length

    def output_since(self, since: int = 0) -> str:
        return self.output[since:]

    def wait_for(
        self,
        expected: str | Callable[[str], bool],
        timeout: float = 10.0,
        since: int = 0,
        interval: float = 0.02,
    ) -> str:
        """Wait until the output since ``since`` contains ``expected`` (searched in the
        ANSI-stripped, whitespace-collapsed text) or satisfies the predicate (given the raw
        output). Returns that output; raises AssertionError with a tail of it on timeout."""
        if callable(expected):
            check = expected
        else:
            wanted = " ".join(expected.split())
            check = lambda text: wanted in plain(text)  # noqa: E731
        deadline = time.monotonic() + timeout
        while True:
            text = self.output_since(since)
            if check(text):
                return text
            if time.monotonic() >= deadline:
                tail = plain(text)[-600:]
                state = "running" if self.process.poll() is None else f"exited {self.process.returncode}"
                raise AssertionError(f"timed out after {timeout} s waiting for {expected!r} "
                                     f"(process {state}); screen text ends: {tail!r}")
            time.sleep(interval)

    # Writing and process control -----------------------------------------------------

    def send(self, keys: str | bytes) -> None:
        data = keys.encode("utf-8") if isinstance(keys, str) else keys
        while data:
            written = os.write(self._master, data)
            data = data[written:]

    def type(self, text: str, delay: float = 0.02) -> None:
        """Send ``text`` one character at a time, like a person typing."""
        for character in text:
            self.send(character)
            time.sleep(delay)

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self, signal_number: int = signal.SIGKILL) -> None:
        """Send a signal to the program itself (not its group); no-op once it has exited."""
        if self.process.poll() is None:
            try:
                os.kill(self.process.pid, signal_number)
            except ProcessLookupError:
                pass

    def wait(self, timeout: float = 10.0) -> int:
        """Wait for the exit and return the status (negative: killed by that signal)."""
        return self.process.wait(timeout)

    def close_master(self) -> None:
        """Close the terminal window: stop reading and close the pty's master side, so
        the kernel hangs the terminal up (SIGHUP to the program, EIO on its writes)."""
        self._stop_reading.set()
        self._reader.join(2)
        if not self._master_closed:
            self._master_closed = True
            os.close(self._master)

    def close(self) -> None:
        """Kill whatever is left of the program's session and release the pty."""
        if self._closed:
            return
        self._closed = True
        try:
            if self.process.poll() is None:
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    self.process.kill()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                pass
            else:
                # Anything it started in its session (an $EDITOR, say) goes too.
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        finally:
            self._reader_done.wait(2)
            self._stop_reading.set()
            if not self._master_closed:
                self._master_closed = True
                try:
                    os.close(self._master)
                except OSError:
                    pass
            self._reader.join(2)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
