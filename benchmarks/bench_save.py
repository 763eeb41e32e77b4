"""What one save costs the UI, by the size of the pair, in-process.

For the pairs of 10, 520 and 2,000 meetings: open a fresh copy with ``PairSession.open``, then
``REPEATS`` times add one character to the last held meeting's notes (``set_notes``, as the
notes editor does) and save. Two costs of each save:

- the UI thread's part: the ``session.save()`` call, which returns once the save thread has
  the snapshot (the app calls it on the UI thread);
- the save thread's CPU time spent encoding (``time.thread_time()`` around
  ``PairSnapshot.pieces``, the only Python work of the save thread besides system calls):
  the part that holds the GIL, and so keeps the UI thread from running. The thread's whole
  CPU time, with the system calls that write the file and release the GIL, is printed
  beside it. CPU time, unlike a clock on the wall, is not stretched when the machine is
  busy with other processes.

A save with one changed meeting should cost the same at any size of pair.
"""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable
from datetime import datetime

from benchmarks.apps import Workspace
from benchmarks.table import Row, ratio
from mentortui.storage.session import PairSession
from mentortui.storage.snapshots import PairSnapshot
from mentortui.storage.store import PairStore

SECTION = "save with one meeting changed (in-process), median of the saves"
SIZES = (10, 520, 2000)
WARM_UPS = 3
UI_LIMIT_SECONDS = 0.002
FLAT = 2.0  # "grows with what changed": the 2,000-meeting cost within this factor of the 10-meeting one...
FLAT_SLACK_SECONDS = 0.001  # ...or this close to it


class SaveThread:
    """The save thread's CPU time, read by the thread itself when it reports a save done."""

    def __init__(self) -> None:
        self.saved = threading.Event()
        self.cpu_seconds = 0.0
        self.encoding_seconds = 0.0
        self.real_pieces = PairSnapshot.pieces

    def timed_pieces(self) -> Callable[[PairSnapshot], list[bytes]]:
        """``PairSnapshot.pieces``, timed, for the time the save thread spends encoding."""
        def pieces(snapshot: PairSnapshot) -> list[bytes]:
            started = time.thread_time()
            try:
                return self.real_pieces(snapshot)
            finally:
                self.encoding_seconds = time.thread_time() - started
        return pieces

    def on_saved(self, when: datetime) -> None:
        self.cpu_seconds = time.thread_time()
        self.saved.set()


def one_save(session: PairSession, thread: SaveThread) -> tuple[float, float, float]:
    """Seconds of the save() call, of the save thread's encoding, and of all its CPU."""
    meeting = [meeting for meeting in session.pair.meetings if meeting.is_held][-1]
    session.set_notes(meeting, meeting.notes + "x")
    thread.saved.clear()
    started = time.perf_counter()
    session.save()
    returned = time.perf_counter()
    if not thread.saved.wait(timeout=30):
        raise TimeoutError("the save did not finish in 30 s")
    return returned - started, thread.encoding_seconds, thread.cpu_seconds


def save_costs(workspace: Workspace, count: int, repeats: int) -> list[tuple[float, float, float]]:
    thread = SaveThread()
    session = PairSession.open(PairStore(workspace.fresh_copy(count)), workspace.slug, on_saved=thread.on_saved)
    PairSnapshot.pieces = thread.timed_pieces()  # type: ignore[method-assign]
    try:
        costs = [one_save(session, thread) for _ in range(WARM_UPS + repeats)]
    finally:
        PairSnapshot.pieces = thread.real_pieces  # type: ignore[method-assign]
        session.close()
    return costs[WARM_UPS:]


def flat(value: float, small: float) -> bool:
    return value <= FLAT * small or value - small <= FLAT_SLACK_SECONDS


def measure(workspace: Workspace, repeats: int) -> list[Row]:
    medians: dict[int, tuple[float, float]] = {}
    rows = []
    for count in SIZES:
        costs = save_costs(workspace, count, repeats)
        ui, cpu = medians[count] = (statistics.median(ui for ui, _, _ in costs),
                                    statistics.median(cpu for _, cpu, _ in costs))
        whole = statistics.median(whole for _, _, whole in costs)
        rows.append(Row(SECTION, f"{count:,} meetings: UI thread / save thread encoding / all its CPU",
                        f"{ui * 1000:.2f} / {cpu * 1000:.2f} / {whole * 1000:.1f} ms"))
    (small_ui, small_cpu), (big_ui, big_cpu) = medians[SIZES[0]], medians[SIZES[-1]]
    return [*rows,
            Row(SECTION, "UI thread at 2,000 meetings", f"{big_ui * 1000:.2f} ms", target="< 2 ms",
                met=big_ui < UI_LIMIT_SECONDS),
            target_row("UI thread, 2,000 vs 10 meetings", big_ui, small_ui),
            target_row("save thread encoding (GIL), 2,000 vs 10 meetings", big_cpu, small_cpu)]


def target_row(what: str, big: float, small: float) -> Row:
    return Row(SECTION, what, f"{big * 1000:.2f} ms", f"{small * 1000:.2f} ms", ratio(big, small),
               f"<= {FLAT:g}x or +{FLAT_SLACK_SECONDS * 1000:g} ms", flat(big, small))
