"""The git merge driver of a shared pair file:
``python -m mentortui.merge_driver %O %A %B %P``.

git hands it the common ancestor (%O), this side's version (%A, where the result goes),
the other side's (%B) and the file's name in the repository (%P). It merges them record
by record and writes the canonical result over %A. Exit status 0: %A holds a valid pair
(what could not be decided is listed in the pair's review list, never as conflict
markers). Exit status 1: a version cannot be read; %A is left as it was and git reports
a conflict, which ``mentortui sync`` explains.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from mentortui.storage.errors import StoreError, describe_error
from mentortui.storage.files import atomic_write
from mentortui.storage.pair_merge import merge_pair_bytes

USAGE = "usage: python -m mentortui.merge_driver ANCESTOR OURS THEIRS PATH"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 4:
        print(USAGE, file=sys.stderr)
        return 1
    base_path, ours_path, theirs_path = (Path(arg) for arg in args[:3])
    name = args[3]
    try:
        # git passes an empty ancestor file when the two sides have no common version.
        base = base_path.read_bytes() or None
        merged = merge_pair_bytes(base, ours_path.read_bytes(), theirs_path.read_bytes(), Path(name))
        atomic_write(ours_path, merged.data)
    except (StoreError, OSError) as error:
        print(f"mentortui merge of {name}: {describe_error(error)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
