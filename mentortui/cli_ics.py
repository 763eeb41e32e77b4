"""``mentortui ics``: a pair's next meeting and action item delivery dates as an iCalendar
file, for a calendar app to import (see ``core.calendar_export``).

It only reads, without taking locks. With ``--all-pairs`` a pair file that cannot be read
is named on stderr, the others still go in the calendar, and the status is 1."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from mentortui.cli import add_data_dir_option
from mentortui.cli_output import STDOUT, write_document
from mentortui.core.models import Pair
from mentortui.storage.errors import BadPairName, StoreError
from mentortui.storage.paths import PAIR_SUFFIX, default_data_dir
from mentortui.storage.store import PairStore, bad_name_problem, read_problem


def ics_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentortui ics",
        description="Write an iCalendar (.ics) file with the pair's next meeting (its agenda in the description) "
        "and the delivery dates of its open action items. Importing it again updates the same events.",
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("pair", nargs="?", help="short name of the pair (see `mentortui list`)")
    which.add_argument("--all-pairs", action="store_true", help="one calendar for every pair in the data folder")
    parser.add_argument("-o", "--output", default=STDOUT,
                        help="file to write (default, or -: standard output)")
    parser.add_argument("--today", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="the day the calendar is made on: the next meeting is the first from it (default: today)")
    add_data_dir_option(parser)
    return parser


def run_ics(argv: list[str]) -> int:
    from mentortui.core.calendar_export import pair_calendar

    args = ics_parser().parse_args(argv)
    store = PairStore(args.data_dir or default_data_dir())
    if args.all_pairs:
        pairs, unreadable = read_all(store)
    else:
        pairs, unreadable = [store.load(args.pair)], 0
    today = args.today or date.today()
    if not args.all_pairs and not has_plans(pairs[0], today):
        print(f"mentortui: {args.pair} has no meeting planned and no open action item with a delivery date; "
              "the calendar is empty", file=sys.stderr)
    document = pair_calendar(pairs, today, all_pairs=args.all_pairs)
    write_document(args.output, document)
    return 1 if unreadable else 0


def read_all(store: PairStore) -> tuple[list[Pair], int]:
    """Every pair of the folder that can be read, and how many could not (each named on stderr)."""
    pairs, unreadable = [], 0
    for slug in store.slugs():
        try:
            pairs.append(store.load(slug))
        except BadPairName:
            problem = bad_name_problem(slug)
        except (StoreError, OSError) as error:
            problem = read_problem(error)
        else:
            continue
        unreadable += 1
        print(f"mentortui: could not read {store.folder / (slug + PAIR_SUFFIX)}: {problem}", file=sys.stderr)
    return pairs, unreadable


def has_plans(pair: Pair, today: date) -> bool:
    return pair.next_meeting(today) is not None or any(item.due for item in pair.open_action_items())
