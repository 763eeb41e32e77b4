"""The suite's one table: a row per measurement, its baseline and ratio, the issue's target
and whether it is met."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """One line of the table. ``met`` is None for a row that has no target."""

    section: str
    what: str
    measured: str
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    met: bool | None = None


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def ratio(value: float, baseline: float) -> str:
    return f"{value / baseline:.2f}x" if baseline else "-"


def p95(values: Sequence[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


def render(rows: Sequence[Row]) -> str:
    """The rows as one text table, a heading line before each section."""
    headings = ("what", "measured", "baseline", "ratio", "target", "")
    cells = [(row.what, row.measured, row.baseline, row.ratio, row.target,
              "" if row.met is None else "met" if row.met else "NOT MET") for row in rows]
    widths = [max(len(text) for text in column) for column in zip(headings, *cells, strict=True)]

    def line(texts: Sequence[str]) -> str:
        return "  ".join(text.ljust(width) for text, width in zip(texts, widths, strict=True)).rstrip()

    out = [line(headings), "  ".join("-" * width for width in widths)]
    section = None
    for row, texts in zip(rows, cells, strict=True):
        if row.section != section:
            section = row.section
            out.append(f"[{section}]")
        out.append(line(texts))
    return "\n".join(out)
