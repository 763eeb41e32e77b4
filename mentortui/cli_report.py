"""``mentortui report``: the coordinator's report on every pair in a folder.

It only reads: pair files open in the app are read without their locks, and nothing is
migrated or written but the ``-o`` file. A file that cannot be read is named on stderr
(and in the report) and the rest still reports; the status is then 1."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from mentortui.cli import EXIT_USAGE, add_data_dir_option
from mentortui.cli_output import write_document
from mentortui.storage.paths import default_data_dir

FORMATS = ("md", "html", "json")


def report_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentortui report",
        description="The coordinator's report on every pair in a folder (and in its subfolders, one clone per "
        "pair): stage, match date, last contact, next meeting, contact warnings, goals with progress and "
        "overdue action items. Notes of any kind are never in it.",
    )
    parser.add_argument("--format", choices=FORMATS, default="md", help="md (default), html or json")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default, or -: standard output)")
    parser.add_argument("--today", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="the day the report is for: what is overdue or quiet counts from it (default: today)")
    add_data_dir_option(parser)
    return parser


def run_report(argv: list[str]) -> int:
    from mentortui.core.programme_report import (
        Unreadable,
        programme_records,
        report_html,
        report_json,
        report_markdown,
    )
    from mentortui.storage.programme_folder import read_programme

    args = report_parser().parse_args(argv)
    today = args.today or date.today()
    folder = args.data_dir or default_data_dir()
    if not folder.is_dir():
        print(f"mentortui: {folder} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    found = read_programme(folder)
    unreadable = [Unreadable(str(item.path), item.problem) for item in found if item.pair is None]
    for item in unreadable:
        print(f"mentortui: could not read {item.path}: {item.problem}", file=sys.stderr)
    records = programme_records(((item.slug, item.pair) for item in found if item.pair is not None), today)
    render = {"md": report_markdown, "html": report_html, "json": report_json}[args.format]
    document = render(records, today, unreadable)
    write_document(args.output, document)
    return 1 if unreadable else 0
