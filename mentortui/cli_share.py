"""The sharing commands: ``mentortui share``, ``mentortui join`` and ``mentortui sync``.

Expected problems are StoreErrors (``cli.main`` prints them on one line, status 2); a sync
that could not finish (offline, a refused push) prints why and exits with status 1."""

from __future__ import annotations

import argparse
from pathlib import Path

from mentortui.cli import add_data_dir_option
from mentortui.storage.paths import default_data_dir

ROLES = ("mentor", "mentee")


def share_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentortui share",
        description="Share a pair with the other person, through an empty git repository or a synced folder. "
        "Private notes stay on this machine.",
    )
    parser.add_argument("pair", help="short name of the pair (see `mentortui list`)")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--git", metavar="URL", help="an empty git repository (ssh, https or a path)")
    where.add_argument("--folder", type=Path, metavar="PATH",
                       help="a folder Syncthing, Dropbox or iCloud keeps in step")
    parser.add_argument("--as", dest="role", choices=ROLES, default="mentor",
                        help="whose machine this is (default: mentor)")
    add_data_dir_option(parser)
    return parser


def join_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentortui join",
        description="Join a pair the other person shared: clone its git repository, or use its synced folder.",
    )
    parser.add_argument("url", nargs="?", help="the git repository the pair was shared into")
    parser.add_argument("--folder", type=Path, metavar="PATH", help="the synced folder holding the pair")
    parser.add_argument("--pair", help="with --folder: which pair, when the folder holds several")
    parser.add_argument("--as", dest="role", choices=ROLES, required=True, help="whose machine this is")
    add_data_dir_option(parser)
    return parser


def sync_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentortui sync",
        description="Bring a shared pair in step with the other person's copy: "
        "commit, fetch, merge and push (git), or merge a sync tool's conflict copies (folder).",
    )
    parser.add_argument("pair", help="short name of the pair (see `mentortui list`)")
    add_data_dir_option(parser)
    return parser


def run_share(args: argparse.Namespace) -> int:
    data = args.data_dir or default_data_dir()
    if args.git is not None:
        from mentortui.storage.git_share import share_git

        print(share_git(data, args.pair, args.git, args.role))
    else:
        from mentortui.storage.folder_share import share_folder

        print(share_folder(data, args.pair, args.folder, args.role))
    return 0


def run_join(args: argparse.Namespace) -> int:
    from mentortui.storage.share_common import ShareError

    data = args.data_dir or default_data_dir()
    if (args.url is None) == (args.folder is None):
        raise ShareError("give either the git repository's URL or --folder PATH")
    if args.folder is not None:
        from mentortui.storage.folder_share import join_folder

        slug = join_folder(data, args.folder, args.role, args.pair)
    else:
        from mentortui.storage.git_share import join_git

        slug = join_git(data, args.url, args.role)
    print(f"Joined {slug} as the {args.role}. Open it with: mentortui {slug}")
    return 0


def run_sync(args: argparse.Namespace) -> int:
    from mentortui.storage.sharing import sync_pair

    result = sync_pair(args.data_dir or default_data_dir(), args.pair, interactive=True)
    print(result.message)
    return 0 if result.ok else 1


def run_sharing(command: str, argv: list[str]) -> int:
    """Run ``share``, ``join`` or ``sync`` with the rest of the command line."""
    if command == "share":
        return run_share(share_parser().parse_args(argv))
    if command == "join":
        return run_join(join_parser().parse_args(argv))
    return run_sync(sync_parser().parse_args(argv))
