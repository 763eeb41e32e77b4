"""``mentortui export PAIR --all`` as a person runs it: a new process, Markdown and HTML.

For the pairs of 10, 100, 520 and 2,000 meetings, each format is exported to a file ``runs``
times (after one warm-up run of each that is not counted), the sizes in turn, so noise hits
all alike; the table gives the median wall time of the process. The per-meeting cost is the
slope between two sizes; the time is linear in the pair's size when the slope from 520 to
2,000 meetings is at most ``LINEAR`` times the slope from 100 to 520. The first row is the
least a process costs: ``mentortui export --help`` starts Python and parses the arguments;
what the 10-meeting export takes beyond it is the fixed cost of an export (its imports).
"""

from __future__ import annotations

import statistics
import subprocess
import time

from benchmarks.apps import Workspace
from benchmarks.pairs import SIZES
from benchmarks.table import Row, ms, ratio

SECTION = "export --all as a process, median wall time"
TARGETS = {"md": 0.3, "html": 1.5}  # seconds at 2,000 meetings
LINEAR = 1.5


def export_once(workspace: Workspace, count: int, form: str) -> float:
    output = workspace.root / f"export-{count}.{form}"
    started = time.perf_counter()
    subprocess.run(workspace.mentortui("export", workspace.slug, "--all", "--format", form, "-o", str(output),
                                       "--data-dir", str(workspace.folder(count))),
                   check=True, capture_output=True)
    return time.perf_counter() - started


def floor(workspace: Workspace, runs: int) -> Row:
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        subprocess.run(workspace.mentortui("export", "--help"), check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return Row(SECTION, "process start only: export --help", ms(statistics.median(times[1:])))


def slope(times: dict[int, float], low: int, high: int) -> float:
    return (times[high] - times[low]) / (high - low)


def measure(workspace: Workspace, runs: int) -> list[Row]:
    rows = [floor(workspace, runs)]
    for form, target in TARGETS.items():
        samples: dict[int, list[float]] = {count: [] for count in SIZES}
        for run in range(runs + 1):
            for count in SIZES if run % 2 else SIZES[::-1]:
                seconds = export_once(workspace, count, form)
                if run:
                    samples[count].append(seconds)
        times = {count: statistics.median(values) for count, values in samples.items()}
        smallest = SIZES[0]
        for count in SIZES:
            at_limit = count == SIZES[-1]
            rows.append(Row(SECTION, f"{form}, {count:,} meetings", ms(times[count]),
                            ms(times[smallest]) if count != smallest else "",
                            ratio(times[count], times[smallest]) if count != smallest else "",
                            f"<= {target:g} s" if at_limit else "", times[count] <= target if at_limit else None))
        (low, middle, high) = SIZES[1:]
        early, late = slope(times, low, middle), slope(times, middle, high)
        rows.append(Row(SECTION, f"{form}, per meeting: {low}->{middle} / {middle}->{high:,}",
                        f"{early * 1e6:.0f} / {late * 1e6:.0f} us", ratio=ratio(late, early),
                        target=f"linear (<= {LINEAR:g}x)", met=late <= LINEAR * early))
    return rows
