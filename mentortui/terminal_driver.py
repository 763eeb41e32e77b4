"""Textual's POSIX terminal driver, made to survive what terminals do during a call.

Three things in Textual 8.2's ``LinuxDriver`` can end the app, or keep it from ending:

- Input is decoded with a strict UTF-8 decoder, so one undecodable byte (a raw 0x85 from
  a terminal set to another encoding, or a paste from one) raises in the input thread
  and the app exits (Textual issue #6456; the fix proposed upstream is the one here).
  Here it becomes U+FFFD and every key after it still arrives.
- Once the terminal is closed, every write raises EIO; the first one kills Textual's
  writer thread, its queue fills and the next write, or the exit, blocks for good. Here
  writes to a terminal that has gone are dropped.
- On a hangup the kernel sends SIGCONT with SIGHUP, and Textual answers any SIGCONT by
  starting application mode again (a second input and writer thread) even when it never
  suspended. Here SIGCONT resumes only after our own SIGTSTP suspend.

A closed terminal also shows on input (end of file or EIO); the input thread then sends
the process SIGHUP, in case the kernel did not (the app was not in the terminal's
foreground process group). ``run_input_thread`` is Textual 8.2.8's own but for the
decoder and that check. Windows keeps Textual's driver.
"""

from __future__ import annotations

import os
import selectors
import signal
from codecs import getincrementaldecoder
from typing import IO, Any

from textual._loop import loop_last
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver


class _HangUpSafeOutput:
    """The terminal's output stream; once a write fails (the terminal is gone), the rest
    are dropped, so the thread writing them never dies with work queued for it."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._gone = False

    def write(self, text: str) -> None:
        if not self._gone:
            try:
                self._stream.write(text)
            except OSError:
                self._gone = True

    def flush(self) -> None:
        if not self._gone:
            try:
                self._stream.flush()
            except OSError:
                self._gone = True

    def fileno(self) -> int:
        return self._stream.fileno()


class TerminalDriver(LinuxDriver):
    """``LinuxDriver`` that replaces undecodable input and outlives its terminal."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Textual declares the stream as ``sys.__stderr__``'s type; its writer thread only calls
        # write, flush and fileno, which the wrapper has (and it is never None on a terminal).
        self._file = _HangUpSafeOutput(self._file)  # type: ignore[arg-type, assignment]
        self._suspended = False

    def _sigtstp_application(self, *args: Any) -> None:
        self._suspended = self._auto_restart
        super()._sigtstp_application(*args)

    def _sigcont_application(self, *args: Any) -> None:
        if self._suspended:
            self._suspended = False
            super()._sigcont_application(*args)

    def _hang_up(self) -> None:
        """The terminal is gone: end the app as a closed terminal window does."""
        os.kill(os.getpid(), signal.SIGHUP)

    def run_input_thread(self) -> None:
        """Wait for input and dispatch events."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        fileno = self.fileno
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")(errors="replace").decode

        def process_selector_events(
            selector_events: list[tuple[selectors.SelectorKey, int]], final: bool = False
        ) -> bool:
            """Dispatch what was read; False once a terminal has hung up."""
            for last, (_key, mask) in loop_last(selector_events):
                if mask & selectors.EVENT_READ:
                    try:
                        data = os.read(fileno, 1024 * 4)
                    except OSError:
                        data = b""
                    if not data and self.input_tty:
                        return False
                    unicode_data = decode(data, final=final and last)
                    if not unicode_data:
                        break  # standard input is a pipe that has ended
                    for event in parser.feed(unicode_data):
                        self.process_message(event)
            for event in parser.tick():
                self.process_message(event)
            return True

        try:
            while not self.exit_event.is_set():
                if not process_selector_events(selector.select(0.1)):
                    self._hang_up()
                    return
            selector.unregister(self.fileno)
            process_selector_events(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass


def driver_for(textual_choice: type[Driver]) -> type[Driver]:
    """The driver to use where Textual would use ``textual_choice``."""
    return TerminalDriver if textual_choice is LinuxDriver else textual_choice
