"""How long the Markdown export of a big pair takes: ten years of weekly meetings.

Builds ``long_pair(date.today())`` (520 held meetings with about 1.9 kB of notes each, 1,569
action items, 3 goals), then times ``pair_markdown`` followed by ``to_html`` for the whole
pair, after one warm-up run that is not counted. Prints the median and min of the runs in
milliseconds for each step and together, the Markdown and HTML sizes, and the target.
Exit status is always 0: benchmarks report, they do not assert (design.md section 5).

Run: python benchmarks/export.py [--runs N] [--years N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date

# Run as a script, this folder is sys.path[0]; keep it from shadowing anything, and let the
# script work from a checkout that is not installed.
if sys.path and os.path.realpath(sys.path[0]) == os.path.dirname(os.path.realpath(__file__)):
    sys.path.append(sys.path.pop(0))
sys.path.append(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))

from mentortui.core.demo import long_pair
from mentortui.core.export import pair_markdown, to_html

TARGET_SECONDS = 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs (default 5)")
    parser.add_argument("--years", type=int, default=10, help="years of weekly meetings (default 10)")
    args = parser.parse_args(argv)

    today = date.today()
    pair = long_pair(today, years=args.years)
    held = len(pair.held_meetings())
    print(f"pair: {held} held meetings, {len(pair.action_items)} action items, {len(pair.goals)} goals")

    markdown_times, html_times, totals = [], [], []
    for run in range(args.runs + 1):
        start = time.perf_counter()
        markdown = pair_markdown(pair, today)
        middle = time.perf_counter()
        html = to_html(markdown)
        end = time.perf_counter()
        if run:  # the first run warms up
            markdown_times.append(middle - start)
            html_times.append(end - middle)
            totals.append(end - start)

    def line(name: str, times: list[float]) -> str:
        return (f"{name:<26} median {statistics.median(times) * 1000:8.1f} ms"
                f"   min {min(times) * 1000:8.1f} ms")

    print(f"runs: {args.runs} (after 1 warm-up)")
    print(line("pair_markdown", markdown_times))
    print(line("to_html", html_times))
    print(line("pair_markdown + to_html", totals))
    print(f"output: Markdown {len(markdown.encode()) / 1e6:.2f} MB ({markdown.count(chr(10)):,} lines), "
          f"HTML {len(html.encode()) / 1e6:.2f} MB")
    median = statistics.median(totals)
    verdict = "met" if median < TARGET_SECONDS else "MISSED"
    print(f"target: under 1 s for pair_markdown + to_html (median {median:.2f} s: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
