"""mentortui's benchmark suite: one command, one table.

Every measurement runs in this one session beside its baseline: startup to the first usable
screen against a Textual hello-world with a Header and a Footer, typing in the live notes
against a bare TextArea (both in a real terminal, a private tmux server), the cost of a save
by the pair's size, screen switches and filters at 2,000 meetings, ``export --all`` as a
process at 10 to 2,000 meetings, peak memory against the hello-world, and the merge of
benchmarks/sync.py. Each module's docstring says how it measures. The table shows each target
of issue 15 as met or not met, under the load average of the machine before and after.

Benchmarks report, they do not assert: the exit status is 0 whatever the numbers, and a part
that cannot run (tmux missing, an app that exits or times out) is a line of the table.

Run: python benchmarks/run.py [--quick] [--only PART ...]   (about 20 minutes; --quick about 6)
"""

from __future__ import annotations

import sys
from pathlib import Path

if not __package__:  # run as a script: import the benchmarks package from the checkout
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import contextlib
import io
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import date, datetime
from importlib.metadata import version

from benchmarks import bench_export, bench_save, bench_screens, bench_startup, bench_typing
from benchmarks.apps import Workspace
from benchmarks.sync import merge_measurement
from benchmarks.table import Row, ms, ratio, render
from benchmarks.tmux_server import BenchError, Tmux

# Per part: (its rounds in a quick run, in a full run), and whether it needs tmux.
ROUNDS = {"startup": (3, 10), "typing": (1, 3), "save": (10, 30), "screens": (3, 7), "export": (3, 5),
          "memory": (1, 3), "merge": (3, 7)}
TMUX_PARTS = {"startup", "typing", "screens", "memory"}
MERGE_YEARS = 10


def merge_rows(workspace: Workspace, tmux: Tmux | None, runs: int) -> list[Row]:
    with contextlib.redirect_stdout(io.StringIO()):  # sync.py prints as it goes
        result = merge_measurement(MERGE_YEARS, runs)
    median, baseline = statistics.median(result.times), statistics.median(result.baseline)
    return [Row("sharing: the merge of benchmarks/sync.py, 520 meetings, 10 changes a side",
                result.name, ms(median), f"{ms(baseline)} ({result.baseline_name})", ratio(median, baseline),
                f"< {result.target:g} s", median < result.target)]


def screens_rows(workspace: Workspace, tmux: Tmux | None, walks: int) -> list[Row]:
    assert tmux is not None
    rows, peak = bench_screens.measure(tmux, workspace, walks)
    return [*rows, Row(bench_screens.SECTION, "peak memory after the walk", f"{peak:.0f} MB")]


PARTS: dict[str, Callable[[Workspace, Tmux | None, int], list[Row]]] = {
    "startup": lambda workspace, tmux, rounds: bench_startup.measure(_need(tmux), workspace, rounds),
    "typing": lambda workspace, tmux, rounds: bench_typing.measure(_need(tmux), workspace, rounds),
    "save": lambda workspace, tmux, repeats: bench_save.measure(workspace, repeats),
    "screens": screens_rows,
    "export": lambda workspace, tmux, runs: bench_export.measure(workspace, runs),
    "memory": lambda workspace, tmux, runs: bench_startup.peak_memory(_need(tmux), workspace, runs),
    "merge": merge_rows,
}


def _need(tmux: Tmux | None) -> Tmux:
    assert tmux is not None, "a tmux part runs only with tmux"
    return tmux


def describe_tree() -> str:
    """The commit measured, and whether the work tree has changes on top of it."""
    root = Path(__file__).resolve().parent.parent
    try:
        commit = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
        changed = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                                 capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "commit unknown"
    return f"commit {commit}" + (" with uncommitted changes" if changed else "")


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="mentortui's benchmark suite: one table of ratios and targets.")
    parser.add_argument("--quick", action="store_true", help="fewer rounds of each part")
    parser.add_argument("--only", nargs="+", choices=list(PARTS), metavar="PART",
                        help=f"run only these parts ({', '.join(PARTS)})")
    args = parser.parse_args(argv)
    parts = args.only or list(PARTS)
    tmux_path = shutil.which("tmux")
    started, load_before = time.perf_counter(), load()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="mentortui-bench-") as folder:
        workspace = Workspace.build(Path(folder), date.today())
        tmux = Tmux(tmux_path, "mentortui-bench") if tmux_path else None
        try:
            if tmux is not None:
                tmux.open()
            for part in parts:
                rounds = ROUNDS[part][0 if args.quick else 1]
                if part in TMUX_PARTS and tmux is None:
                    rows.append(Row(part, "skipped: tmux is not installed (not found on PATH)", "-"))
                    continue
                print(f"running {part} ({rounds} rounds)...", file=sys.stderr, flush=True)
                try:
                    rows += PARTS[part](workspace, tmux, rounds)
                except Exception as error:  # a part that fails is reported; the others still run
                    if not isinstance(error, BenchError):
                        traceback.print_exc()
                    rows.append(Row(part, f"failed: {str(error).splitlines()[0]}", "-"))
        finally:
            if tmux is not None:
                tmux.close()
    print(f"mentortui benchmarks, {datetime.now():%Y-%m-%d %H:%M}, {'quick' if args.quick else 'full'} run "
          f"in {time.perf_counter() - started:.0f} s; {describe_tree()}")
    print(f"{os.cpu_count()} cores, Python {platform.python_version()}, Textual {version('textual')}; "
          f"load average (1, 5, 15 min) before {load_before}, after {load()}")
    print(render(rows))
    met = [row.met for row in rows if row.met is not None]
    print(f"targets met: {sum(met)} of {len(met)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
