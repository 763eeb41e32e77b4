"""Screen switches and filters at 2,000 meetings, in a real terminal (tmux).

Each walk opens a fresh copy of the 2,000-meeting pair, waits for the pair home and
``SETTLE_SECONDS`` more, then presses the keys of ``STEPS`` one by one, ``PAUSE_SECONDS``
apart as a person reading the screen would. A step's clock starts just before ``tmux
send-keys`` and stops when ``tmux capture-pane`` (polled every ~5 ms) shows the new screen
with its rows, not before: the action items' filter label and the rows it selects, with the
rows of the filter before gone. The filter is stepped with ``f`` (open, overdue, due this
week, done: 6,004 rows, dropped). The table gives each step's median over the walks and its
worst, and the peak memory of the process after the walk.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.apps import Workspace, peak_memory_mb
from benchmarks.bench_startup import pair_home
from benchmarks.table import Row, ms
from benchmarks.tmux_server import Pane, Tmux, showing

SECTION = "screen switches and filters at 2,000 meetings (tmux), median of the walks"
COUNT = 2000
SETTLE_SECONDS = 1.0
PAUSE_SECONDS = 0.5
LIMIT_SECONDS = 0.1


@dataclass(frozen=True)
class Step:
    key: str
    what: str
    shown: Callable[[Pane], bool]


def home_again(left: str) -> Callable[[Pane], bool]:
    home = pair_home(COUNT)
    gone = showing(absent=(left,))
    return lambda pane: home(pane) and gone(pane)


STEPS = (
    Step("i", "pair home -> action items (open: 4)",
         showing("Action items ·", "Show  Open", "Book interviews five", "Outline the lightning")),
    Step("f", "filter: overdue (2)", showing("Show  Overdue", "Share the team", absent=("Book interviews five",))),
    Step("f", "filter: due this week (0)", showing("Show  Due this week", absent=("Share the team",))),
    Step("f", "filter: done (6,004)", showing("Show  Done", "Follow-up 0 from week 0")),
    Step("f", "filter: dropped (1)", showing("Show  Dropped", "Try a second project", absent=("Follow-up",))),
    Step("escape", "action items -> pair home", home_again("Action items ·")),
    Step("g", "pair home -> goals", showing("Goals ·", "Check-ins", "Present to a non-technical")),
    Step("escape", "goals -> pair home", home_again("Goals ·")),
    Step("b", "pair home -> before next",
         showing("Before our next meeting", "What I owe", f"week {COUNT - 1}, point 0")),
    Step("escape", "before next -> pair home", home_again("Before our next meeting")),
)


def walk(tmux: Tmux, workspace: Workspace) -> tuple[list[float], float]:
    """Seconds of each step, and the process's peak memory in MB after the walk."""
    name = f"screens-{time.monotonic_ns()}"
    tmux.new_session(name, workspace.mentortui("--data-dir", str(workspace.fresh_copy(COUNT)), workspace.slug))
    try:
        tmux.wait(name, "the pair home", pair_home(COUNT))
        time.sleep(SETTLE_SECONDS)
        times = []
        for step in STEPS:
            started = time.perf_counter()
            tmux.run("send-keys", "-t", name, step.key)
            tmux.wait(name, step.what, step.shown)
            times.append(time.perf_counter() - started)
            time.sleep(PAUSE_SECONDS)
        return times, peak_memory_mb(tmux.pid(name))
    finally:
        tmux.stop(name, grace_seconds=5.0)


def measure(tmux: Tmux, workspace: Workspace, walks: int) -> tuple[list[Row], float]:
    """The table's rows, and the median peak memory after a walk in MB."""
    results = [walk(tmux, workspace) for _ in range(walks)]
    rows = []
    for number, step in enumerate(STEPS):
        times = [steps[number] for steps, _ in results]
        median = statistics.median(times)
        rows.append(Row(SECTION, step.what, ms(median), ratio=f"worst {ms(max(times))}",
                        target=f"<= {LIMIT_SECONDS * 1000:.0f} ms", met=median <= LIMIT_SECONDS))
    return rows, statistics.median(peak for _, peak in results)
