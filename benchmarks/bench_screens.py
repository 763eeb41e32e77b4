"""Screen switches and filters at 2,000 meetings, in a real terminal (tmux).

Each walk opens a fresh copy of the 2,000-meeting pair, waits for the pair home and
``SETTLE_SECONDS`` more, then presses the keys of ``steps(count)`` one by one,
``PAUSE_SECONDS`` apart as a person reading the screen would: each screen the pair home
opens and the way back, the action items' filters, then each screen a second time. A step's
clock starts just before ``tmux send-keys`` and stops when ``tmux capture-pane`` (polled
every ~5 ms) shows the new screen with its rows, not before: the action items' filter label
and the rows it selects, with the rows of the filter before gone. The filter is stepped with
``f`` (open, overdue, due this week, done: 6,004 rows, dropped). The same walk on a pair of
ten meetings is the baseline: what a switch costs whatever the size of the pair. The table
gives each step's median over the walks and its worst, and the peak memory of the process
after the walk.

Escape is sent as a terminal with the kitty keyboard protocol sends it (kitty, WezTerm,
foot, Ghostty; Textual asks every terminal for it), ``CSI 27 u``. A terminal without the
protocol (tmux among them) sends a lone ESC byte, which Textual can only tell from the start
of an arrow or Alt key once its input loop has waited 100 ms for more: no Textual app answers
that Escape sooner, so sent that way the step would time Textual's wait, not the app."""

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
SMALL = 10  # the same walk at ten meetings: what a switch costs whatever the pair's size
SETTLE_SECONDS = 1.0
PAUSE_SECONDS = 0.5
LIMIT_SECONDS = 0.1
KITTY_ESCAPE = ("-H", "1b", "5b", "32", "37", "75")  # ESC [ 2 7 u


@dataclass(frozen=True)
class Step:
    key: str
    what: str
    shown: Callable[[Pane], bool]


def home_again(count: int, left: str) -> Callable[[Pane], bool]:
    home = pair_home(count)
    gone = showing(absent=(left,))
    return lambda pane: home(pane) and gone(pane)


def steps(count: int) -> tuple[Step, ...]:
    """The walk: each screen the pair home opens, its way back, the action items' filters,
    and each screen again (a second visit shows a screen the pair home has already built)."""
    done = 3 * count + 4
    visits = (
        Step("g", "pair home -> goals", showing("Goals ·", "Check-ins", "Present to a non-technical")),
        Step("escape", "goals -> pair home", home_again(count, "Goals ·")),
        Step("b", "pair home -> before next",
             showing("Before our next meeting", "What I owe", f"week {count - 1}, point 0")),
        Step("escape", "before next -> pair home", home_again(count, "Before our next meeting")),
    )
    action_items = Step("i", "pair home -> action items (open: 4)",
                        showing("Action items ·", "Show  Open", "Book interviews five", "Outline the lightning"))
    return (
        action_items,
        Step("f", "filter: overdue (2)", showing("Show  Overdue", "Share the team", absent=("Book interviews five",))),
        Step("f", "filter: due this week (0)", showing("Show  Due this week", absent=("Share the team",))),
        Step("f", f"filter: done ({done:,})", showing("Show  Done", "Follow-up 0 from week 0")),
        Step("f", "filter: dropped (1)", showing("Show  Dropped", "Try a second project", absent=("Follow-up",))),
        Step("escape", "action items -> pair home", home_again(count, "Action items ·")),
        *visits,
        Step("i", "pair home -> action items, again", action_items.shown),
        Step("escape", "action items -> pair home, again", home_again(count, "Action items ·")),
        *(Step(step.key, f"{step.what}, again", step.shown) for step in visits),
    )


def walk(tmux: Tmux, workspace: Workspace, count: int) -> tuple[list[float], float]:
    """Seconds of each step, and the process's peak memory in MB after the walk."""
    name = f"screens-{time.monotonic_ns()}"
    tmux.new_session(name, workspace.mentortui("--data-dir", str(workspace.fresh_copy(count)), workspace.slug))
    try:
        tmux.wait(name, "the pair home", pair_home(count))
        time.sleep(SETTLE_SECONDS)
        times = []
        for step in steps(count):
            started = time.perf_counter()
            tmux.run("send-keys", "-t", name, *(KITTY_ESCAPE if step.key == "escape" else (step.key,)))
            tmux.wait(name, step.what, step.shown)
            times.append(time.perf_counter() - started)
            time.sleep(PAUSE_SECONDS)
        return times, peak_memory_mb(tmux.pid(name))
    finally:
        tmux.stop(name, grace_seconds=5.0)


def measure(tmux: Tmux, workspace: Workspace, walks: int) -> tuple[list[Row], float]:
    """The table's rows, and the median peak memory after a walk in MB."""
    results = [walk(tmux, workspace, COUNT) for _ in range(walks)]
    small = [walk(tmux, workspace, SMALL) for _ in range(walks)]
    rows = []
    for number, step in enumerate(steps(COUNT)):
        times = [taken[number] for taken, _ in results]
        median, at_ten = statistics.median(times), statistics.median(taken[number] for taken, _ in small)
        rows.append(Row(SECTION, step.what, ms(median), f"{ms(at_ten)} at {SMALL} meetings",
                        f"worst {ms(max(times))}", f"<= {LIMIT_SECONDS * 1000:.0f} ms", median <= LIMIT_SECONDS))
    return rows, statistics.median(peak for _, peak in results)
