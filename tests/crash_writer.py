"""Helper for test_crash.py: save one pair over and over until killed.

Usage: python crash_writer.py DATA_DIR SLUG FIRST_VERSION

Opens the pair for writing, then for version = FIRST_VERSION, FIRST_VERSION + 1, ...
sets the first meeting's notes to ``notes_for(version)`` (about 2 MB), saves, and prints
the version on its own line once the save has returned.
"""

from __future__ import annotations

import sys
from pathlib import Path

LINE = "the quick brown fox takes notes about the lazy dog, version {:>6}\n"
BASE_LINES = 30_000  # about 2 MB of notes


def notes_for(version: int) -> str:
    """The notes of one version: every line names the version, and each is longer than the last."""
    return f"# Notes, version {version}\n" + LINE.format(version) * (BASE_LINES + version)


def main(argv: list[str]) -> None:
    from mentortui.storage.store import PairStore

    data_dir, slug, first = Path(argv[0]), argv[1], int(argv[2])
    store = PairStore(data_dir)
    pair_file = store.open(slug)
    pair = pair_file.load()
    version = first
    while True:
        pair.meetings[0].notes = notes_for(version)
        pair_file.save(pair)
        sys.stdout.write(f"{version}\n")
        sys.stdout.flush()
        version += 1


if __name__ == "__main__":
    main(sys.argv[1:])
