"""The command line: open the app (the pair list, one pair, or the demo), list pairs,
create a pair. Expected problems print one line to stderr and exit with status 2."""

from __future__ import annotations

import argparse
import gc
import shutil
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from mentortui.storage.errors import NoSuchPair, StoreError
from mentortui.storage.paths import default_data_dir, pair_path

if TYPE_CHECKING:
    from mentortui.storage.store import PairStore

COMMANDS = ("list", "new", "export", "report", "share", "join", "sync")
EXIT_USAGE = 2


def add_data_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="folder holding the pair files (default: MENTORTUI_DATA_DIR or the user data folder)",
    )


def open_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentortui",
        description="Run mentorship meetings from the terminal. "
        f"Other commands: {', '.join(COMMANDS)} (see `mentortui COMMAND --help`).",
    )
    parser.add_argument("pair", nargs="?", help="short name of a pair to open (see `mentortui list`)")
    parser.add_argument("--demo", action="store_true", help="open a demo pair in a temporary folder")
    parser.add_argument("--read-only", action="store_true", help="open without taking the pair's lock")
    add_data_dir_option(parser)
    return parser


def list_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentortui list",
        description="List the pairs: short name, last and next meeting, open and overdue action items.",
    )
    add_data_dir_option(parser)
    return parser


def new_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mentortui new", description="Create a pair.")
    parser.add_argument("--mentor", required=True, help="the mentor's name")
    parser.add_argument("--mentee", required=True, help="the mentee's name")
    add_data_dir_option(parser)
    return parser


def export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentortui export",
        description="Write a Markdown (or HTML) summary of a meeting, or a report of the whole pair.",
    )
    parser.add_argument("pair", help="short name of the pair (see `mentortui list`)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--meeting", default="latest",
                       help="meeting number (1 is the first held) or 'latest' (default)")
    which.add_argument("--all", action="store_true", help="the pair report: every meeting and goal")
    parser.add_argument("--format", choices=("md", "html"), default="md", help="md (default) or html")
    parser.add_argument("--for", dest="audience", choices=("mentee", "mentor", "me"),
                        help="who it is for: the mentee or the mentor (the default, the other person: "
                        "private notes left out), or me (my private notes included)")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    add_data_dir_option(parser)
    return parser


def _store(data_dir: Path | None) -> PairStore:
    from mentortui.storage.store import PairStore

    return PairStore(data_dir or default_data_dir())


def run_list(args: argparse.Namespace) -> int:
    from mentortui.listing import format_listings

    store = _store(args.data_dir)
    listings = store.listings(date.today())
    if not listings:
        print(f"No pairs yet in {store.folder}. Create one with: mentortui new --mentor NAME --mentee NAME")
        return 0
    print(format_listings(listings, date.today()))
    return 1 if any(listing.problem for listing in listings) else 0


def run_new(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from mentortui.core.models import Pair
    from mentortui.storage.pair_file import format_validation_error

    try:
        pair = Pair.model_validate(
            {"mentor": {"name": args.mentor}, "mentee": {"name": args.mentee}, "started_on": date.today()}
        )
    except ValidationError as error:
        print(f"mentortui: {format_validation_error(error)}", file=sys.stderr)
        return EXIT_USAGE
    slug = _store(args.data_dir).create(pair)
    print(f"Created {pair.title}. Open it with: mentortui {slug}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Export with the cyclic garbage collector paused: the export builds one pair and its
    report and then ends, and with a big pair each collection would only scan it all again
    (a third of the time of a 2,000-meeting HTML report)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _export(args)
    finally:
        if collecting:
            gc.enable()


def _export(args: argparse.Namespace) -> int:
    from mentortui.core.export import ExportError, export_document
    from mentortui.storage.pair_file import newer_schema_notice

    store = _store(args.data_dir)
    with store.open(args.pair, read_only=True) as pair_file:
        pair = pair_file.load()
    private_notes = None
    if args.audience == "me":
        from mentortui.storage.private_notes import PrivateNotes

        private_notes = PrivateNotes.open(store.folder, args.pair, read_only=True).notes
    if pair_file.newer_schema is not None:
        print(f"mentortui: warning: {pair_file.path} was {newer_schema_notice(pair_file.newer_schema)}; "
              "what this version does not know is left out of the export", file=sys.stderr)
    try:
        document = export_document(pair, date.today(), meeting=None if args.all else args.meeting,
                                   html=args.format == "html", private_notes=private_notes)
    except ExportError as error:
        print(f"mentortui: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.output is None:
        sys.stdout.write(document)
    else:
        from mentortui.storage.files import atomic_write

        atomic_write(args.output, document.encode("utf-8"))
        print(f"Wrote {args.output}", file=sys.stderr)
    return 0


def run_app(args: argparse.Namespace) -> int:
    from mentortui.app import MentorApp

    if args.demo and args.pair:
        print("mentortui: give either a pair or --demo, not both", file=sys.stderr)
        return EXIT_USAGE
    data_dir = args.data_dir or default_data_dir()
    if args.pair and not pair_path(data_dir, args.pair).exists():
        raise NoSuchPair(f"no pair called {args.pair!r} in {data_dir}")
    demo_dir = Path(tempfile.mkdtemp(prefix="mentortui-demo-")) if args.demo else None
    try:
        app = MentorApp(open_store=lambda: _store(demo_dir or data_dir), today=date.today,
                        open_pair=args.pair, demo=args.demo, read_only=args.read_only)
        app.run()
        return app.return_code or 0
    finally:
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv[0] if argv and argv[0] in COMMANDS else None
    try:
        if command == "list":
            return run_list(list_parser().parse_args(argv[1:]))
        if command == "new":
            return run_new(new_parser().parse_args(argv[1:]))
        if command == "export":
            return run_export(export_parser().parse_args(argv[1:]))
        if command == "report":
            from mentortui.cli_report import run_report

            return run_report(argv[1:])
        if command in ("share", "join", "sync"):
            from mentortui.cli_share import run_sharing

            return run_sharing(command, argv[1:])
        return run_app(open_parser().parse_args(argv))
    except StoreError as error:
        print(f"mentortui: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        from mentortui.storage.errors import describe_os_error

        print(f"mentortui: {describe_os_error(error)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
