"""The command line: open the app (the pair list, one pair, or the demo), list pairs,
create a pair. Expected problems print one line to stderr and exit with status 2; a pair
file that could not be read (the rest still done) or an unexpected error exit with 1.
What scripts read (`list --json`, `export --format json`) is shaped in ``cli_json``."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from mentortui import collector
from mentortui.cli_output import write_document
from mentortui.storage.errors import NoSuchPair, StoreError
from mentortui.storage.paths import default_data_dir, pair_path

if TYPE_CHECKING:
    from mentortui.storage.store import PairStore

COMMANDS = ("list", "new", "export", "report", "share", "join", "sync", "ics", "config", "completion")
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
        f"Other commands: {', '.join(COMMANDS)} (see `mentortui COMMAND --help`). "
        "`--config FILE` (with any command) reads the settings from FILE instead of `mentortui config path`.",
    )
    parser.add_argument("pair", nargs="?", help="short name of a pair to open (see `mentortui list`)")
    parser.add_argument("--demo", action="store_true", help="open a demo pair in a temporary folder")
    parser.add_argument("--read-only", action="store_true", help="open without taking the pair's lock")
    parser.add_argument("--version", action="version", version=f"mentortui {_version()}")
    add_data_dir_option(parser)
    return parser


def _version() -> str:
    """The installed version; run from a checkout that was never installed, there is none."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mentortui")
    except PackageNotFoundError:
        return "(not installed)"


def list_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentortui list",
        description="List the pairs: short name, last and next meeting, open and overdue action items. "
        "Files that cannot be read are named on standard error.",
    )
    shape = parser.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="a JSON list of pairs (see the README, \"Scripting\")")
    shape.add_argument("--names", action="store_true", help="only the short names, one a line")
    add_data_dir_option(parser)
    return parser


def new_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mentortui new", description="Create a pair.")
    parser.add_argument("--mentor", required=True, help="the mentor's name")
    parser.add_argument("--mentee", required=True, help="the mentee's name")
    parser.add_argument("--again", action="store_true",
                        help="make another pair even when these two names already have one")
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
    parser.add_argument("--format", choices=("md", "html", "json"), default="md",
                        help="md (default), html or json (see the README, \"Scripting\")")
    parser.add_argument("--for", dest="audience", choices=("mentee", "mentor", "me"),
                        help="who it is for: the mentee or the mentor (the default, the other person: "
                        "private notes left out), or me (my private notes included)")
    parser.add_argument("-o", "--output", type=Path, help="file to write; - or none: standard output")
    add_data_dir_option(parser)
    return parser


def _store(data_dir: Path | None) -> PairStore:
    from mentortui.storage.store import PairStore

    return PairStore(data_dir or default_data_dir())


def run_list(args: argparse.Namespace) -> int:
    from mentortui.listing import format_listings, listing_problems

    if args.names:
        from mentortui.cli_completion import pair_names

        sys.stdout.writelines(f"{name}\n" for name in pair_names(args.data_dir))
        return 0
    store = _store(args.data_dir)
    listings = store.listings(date.today())
    if args.json:
        from mentortui.cli_json import listings_json

        sys.stdout.write(listings_json(listings))
    elif not listings:
        print(f"No pairs yet in {store.folder}. Create one with: mentortui new --mentor NAME --mentee NAME")
        return 0
    elif any(listing.summary for listing in listings):
        print(format_listings(listings, date.today()))
    for problem in listing_problems(listings):
        print(problem, file=sys.stderr)
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
    store = _store(args.data_dir)
    if not args.again:
        from mentortui.listing import same_pair

        existing = same_pair(store.listings(date.today()), pair.mentee.name, pair.mentor.name)
        if existing is not None:
            print(f"mentortui: there is already a pair of {pair.mentee.name} and {pair.mentor.name}: {existing} "
                  f"(open it with: mentortui {existing}); to make a second pair of them, add --again",
                  file=sys.stderr)
            return EXIT_USAGE
    slug = store.create(pair)
    print(f"Created {pair.title}. Open it with: mentortui {slug}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Export with the cyclic garbage collector paused: the export builds one pair and its
    report and then ends, and with a big pair each collection would only scan it all again
    (a third of the time of a 2,000-meeting HTML report)."""
    with collector.paused():
        return _export(args)


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
        if args.format == "json":
            from mentortui.cli_json import meeting_export, pair_export

            document = (pair_export(pair, date.today(), private_notes) if args.all
                        else meeting_export(pair, args.meeting, date.today(), private_notes))
        else:
            document = export_document(pair, date.today(), meeting=None if args.all else args.meeting,
                                       html=args.format == "html", private_notes=private_notes)
    except ExportError as error:
        print(f"mentortui: {error}", file=sys.stderr)
        return EXIT_USAGE
    write_document(args.output, document)
    return 0


def run_app(args: argparse.Namespace, config_path: Path | None = None) -> int:
    from mentortui.app import MentorApp
    from mentortui.cli_config import settings

    if args.demo and args.pair:
        print("mentortui: give either a pair or --demo, not both", file=sys.stderr)
        return EXIT_USAGE
    data_dir = args.data_dir or default_data_dir()
    if args.pair and not pair_path(data_dir, args.pair).exists():
        raise NoSuchPair(f"no pair called {args.pair!r} in {data_dir}")
    demo_dir = Path(tempfile.mkdtemp(prefix="mentortui-demo-")) if args.demo else None
    try:
        app = MentorApp(open_store=lambda: _store(demo_dir or data_dir), today=date.today,
                        open_pair=args.pair, demo=args.demo, read_only=args.read_only,
                        config=settings(config_path, for_app=True))
        app.run()
        return app.return_code or 0
    finally:
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    if "_ARGCOMPLETE" in os.environ:  # the shell asks for completions (see cli_completion)
        from mentortui.cli_completion import complete

        complete()
    from mentortui.cli_config import split_config_option

    config_path, argv = split_config_option(list(sys.argv[1:] if argv is None else argv))
    if argv[:1] == ["config"]:
        from mentortui.cli_config import run_config

        return run_config(argv[1:], config_path)
    command = argv[0] if argv and argv[0] in COMMANDS else None
    try:
        if command == "list":
            return run_list(list_parser().parse_args(argv[1:]))
        if command == "new":
            return run_new(new_parser().parse_args(argv[1:]))
        if command == "export":
            from mentortui.cli_config import export_defaults

            return run_export(export_parser().parse_args(argv[1:], namespace=export_defaults(config_path)))
        if command == "report":
            from mentortui.cli_report import run_report

            return run_report(argv[1:])
        if command == "ics":
            from mentortui.cli_ics import run_ics

            return run_ics(argv[1:])
        if command in ("share", "join", "sync"):
            from mentortui.cli_share import run_sharing

            return run_sharing(command, argv[1:])
        if command == "completion":
            from mentortui.cli_completion import completion_parser, completion_script

            sys.stdout.write(completion_script(completion_parser().parse_args(argv[1:]).shell))
            return 0
        return run_app(open_parser().parse_args(argv), config_path)
    except StoreError as error:
        print(f"mentortui: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        from mentortui.storage.errors import describe_os_error

        print(f"mentortui: {describe_os_error(error)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
