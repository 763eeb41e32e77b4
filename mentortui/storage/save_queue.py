"""Saving off the caller's thread: the latest snapshot wins, one write at a time.

The caller (the UI) hands in a snapshot of the pair as plain data (whatever the write
function takes); a single background thread encodes and writes it atomically.
Snapshots that arrive while a write is under way replace each other, so a burst of
edits costs one or two writes, never a queue.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import Generic, TypeVar

Snapshot = TypeVar("Snapshot")


class SaveQueue(Generic[Snapshot]):
    def __init__(
        self,
        write: Callable[[Snapshot], None],
        on_saved: Callable[[datetime], object] = lambda when: None,
        on_error: Callable[[Exception], object] = lambda error: None,
    ) -> None:
        self._write = write
        self._on_saved = on_saved
        self._on_error = on_error
        self._pending: Snapshot | None = None
        self._busy = False
        self._condition = threading.Condition()

    def submit(self, snapshot: Snapshot) -> None:
        with self._condition:
            self._pending = snapshot
            if self._busy:
                return
            self._busy = True
        threading.Thread(target=self._drain, name="mentortui-save", daemon=False).start()

    def _drain(self) -> None:
        idle = False
        try:
            while True:
                with self._condition:
                    snapshot, self._pending = self._pending, None
                    if snapshot is None:
                        # Checked and released under one lock, so no submit slips in between.
                        self._busy, idle = False, True
                        self._condition.notify_all()
                        return
                try:
                    self._write(snapshot)
                except Exception as error:  # reported to the user; the next submit tries again
                    self._on_error(error)
                else:
                    self._on_saved(datetime.now())
        finally:
            if not idle:  # a callback raised: the queue must not stay busy with no thread
                with self._condition:
                    self._busy = False
                    self._condition.notify_all()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything submitted is written (or failed); False on timeout."""
        with self._condition:
            return self._condition.wait_for(lambda: not self._busy, timeout)
