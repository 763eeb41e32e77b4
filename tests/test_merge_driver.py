"""The git merge driver as git runs it: ``python -m mentortui.merge_driver %O %A %B %P``."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from mentortui.core.models import Pair
from mentortui.storage.pair_file import canonical_bytes, read_documents
from tests.sharing_support import NOTES, new_meeting, starting_pair


def _write(path: Path, pair: Pair) -> Path:
    path.write_bytes(canonical_bytes(pair.model_dump(mode="json")))
    return path


def _drive(base: Path, ours: Path, theirs: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mentortui.merge_driver", str(base), str(ours), str(theirs),
                           "priya-with-dana.json"], capture_output=True, text=True, timeout=60)


def _versions(tmp_path: Path) -> tuple[Path, Path, Path]:
    base = starting_pair()
    ours = base.model_copy(deep=True)
    ours.meetings.append(new_meeting("m-ours", 2))
    ours.meetings[0].notes = "Intro from Dana\n" + NOTES
    theirs = base.model_copy(deep=True)
    theirs.meetings.append(new_meeting("m-theirs", 3))
    theirs.meetings[0].notes = NOTES + "Outro from Priya\n"
    theirs.action_items[1].due = date(2026, 12, 20)
    return (_write(tmp_path / "O", base), _write(tmp_path / "A", ours), _write(tmp_path / "B", theirs))


def test_the_driver_writes_the_merged_pair_over_ours_and_exits_0(tmp_path: Path):
    base, ours, theirs = _versions(tmp_path)

    result = _drive(base, ours, theirs)

    assert result.returncode == 0, result.stderr
    merged = Pair.model_validate(read_documents(ours))
    assert {"m0", "m-ours", "m-theirs"} == {m.id for m in merged.meetings}
    assert merged.meetings[0].notes == "Intro from Dana\n" + NOTES + "Outro from Priya\n"
    assert merged.action_items[1].due == date(2026, 12, 20)
    # Canonical: the bytes a shared pair file is written in, so both machines agree.
    assert ours.read_bytes() == canonical_bytes(read_documents(ours))


def test_the_merge_is_the_same_bytes_whichever_side_is_ours(tmp_path: Path):
    base, ours, theirs = _versions(tmp_path)
    swapped_ours = tmp_path / "A2"
    swapped_ours.write_bytes(theirs.read_bytes())
    swapped_theirs = tmp_path / "B2"
    swapped_theirs.write_bytes(ours.read_bytes())

    assert _drive(base, ours, theirs).returncode == 0
    assert _drive(base, swapped_ours, swapped_theirs).returncode == 0
    assert ours.read_bytes() == swapped_ours.read_bytes()


def test_an_empty_ancestor_means_no_common_version_and_still_loses_nothing(tmp_path: Path):
    base, ours, theirs = _versions(tmp_path)
    base.write_bytes(b"")

    assert _drive(base, ours, theirs).returncode == 0
    assert {"m0", "m-ours", "m-theirs"} <= {m["id"] for m in read_documents(ours)["meetings"]}


def test_an_unreadable_version_exits_1_and_leaves_ours_untouched(tmp_path: Path):
    base, ours, theirs = _versions(tmp_path)
    theirs.write_text('{"pair": {"1": {"mentor": <<<<<<< HEAD')
    before = ours.read_bytes()

    result = _drive(base, ours, theirs)

    assert result.returncode == 1
    assert "priya-with-dana.json" in result.stderr and "other version" in result.stderr
    assert ours.read_bytes() == before


def test_a_version_from_a_newer_mentortui_is_not_merged(tmp_path: Path):
    base, ours, theirs = _versions(tmp_path)
    raw = json.loads(theirs.read_text())
    raw["meta"] = {"1": {"schema_version": 99}}
    theirs.write_text(json.dumps(raw))
    before = ours.read_bytes()

    result = _drive(base, ours, theirs)

    assert result.returncode == 1 and "newer mentortui" in result.stderr
    assert ours.read_bytes() == before
