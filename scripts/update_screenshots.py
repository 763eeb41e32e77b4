"""Copies the README's screenshots from the snapshot tests into docs/screenshots/.

The screenshots are the snapshot tests' own SVGs (the demo pair at 120 x 40), copied byte
for byte, so the README shows exactly what the tests check. After regenerating a
snapshot, run this again; tests/test_readme.py fails while a copy differs from its
snapshot.

    python scripts/update_screenshots.py
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "tests" / "snapshots" / "__snapshots__" / "test_screens"
SCREENSHOTS = ROOT / "docs" / "screenshots"

# The README's tour, in order: the snapshot's id and the screenshot's file name.
TOUR = (
    ("pair_list-wide", "pair-list.svg"),
    ("pair_home-wide", "pair-home.svg"),
    ("agenda-wide", "agenda.svg"),
    ("meeting-wide", "meeting.svg"),
    ("export_preview-wide", "summary.svg"),
)


def snapshot_path(snapshot_id: str) -> Path:
    """The SVG pytest-textual-snapshot keeps for ``test_snapshot[snapshot_id]``."""
    return SNAPSHOTS / f"test_snapshot[{snapshot_id}].svg"


def update() -> list[Path]:
    """Copies every screenshot of the tour whose snapshot changed; returns the ones written."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    written = []
    for snapshot_id, name in TOUR:
        target = SCREENSHOTS / name
        source = snapshot_path(snapshot_id)
        if not target.exists() or target.read_bytes() != source.read_bytes():
            shutil.copyfile(source, target)
            written.append(target)
    return written


def main() -> int:
    for path in update():
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
