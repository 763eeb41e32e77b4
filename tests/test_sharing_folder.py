"""Sharing a pair through a synced folder: share, join, and the conflict copies a sync tool
leaves, merged and moved aside by ``mentortui sync``."""

from __future__ import annotations

import stat
from datetime import datetime, time
from pathlib import Path

import pytest

from mentortui.storage.folder_share import conflict_copies
from mentortui.storage.store import PairStore
from tests.sharing_support import DAY, SLUG, cli, edit, load, meeting, new_meeting, pair_bytes, starting_pair

SYNCTHING_COPY = f"{SLUG}.sync-conflict-20261125-190312-ABCDEFG.json"
SECRET = "Dana wonders whether the team lead is the real problem"


@pytest.fixture
def synced(tmp_path: Path) -> Path:
    return tmp_path / "Sync" / "mentoring"


@pytest.fixture
def mentor(tmp_path: Path, synced: Path) -> Path:
    data = tmp_path / "mentor"
    PairStore(data).create(starting_pair())
    shared = cli(data, "share", SLUG, "--folder", str(synced))
    assert shared.returncode == 0, shared.stderr
    return data


@pytest.fixture
def mentee(tmp_path: Path, synced: Path, mentor: Path) -> Path:
    data = tmp_path / "mentee"
    joined = cli(data, "join", "--folder", str(synced), "--as", "mentee")
    assert joined.returncode == 0, joined.stderr
    return data


def test_share_moves_the_pair_into_the_folder_it_makes_private(mentor: Path, synced: Path):
    assert (mentor / f"{SLUG}.json").resolve() == (synced / f"{SLUG}.json").resolve()
    assert stat.S_IMODE(synced.stat().st_mode) == 0o700
    assert ".*" in (synced / ".stignore").read_text().splitlines()
    assert (mentor / "base" / f"{SLUG}.json").read_bytes() == pair_bytes(mentor)
    assert PairStore(mentor).settings(SLUG).folder == synced


def test_share_warns_about_a_folder_others_can_read_and_leaves_its_mode(tmp_path: Path):
    data = tmp_path / "mentor"
    PairStore(data).create(starting_pair())
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    folder.chmod(0o755)

    shared = cli(data, "share", SLUG, "--folder", str(folder))

    assert shared.returncode == 0 and "other users of this machine can read" in shared.stdout
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755


def test_both_machines_see_one_pair_and_the_mentee_edits_as_the_mentee(mentor: Path, mentee: Path):
    edit(mentee, datetime.combine(DAY, time(20)), lambda s: s.pair.meetings.append(new_meeting("m-prep", 2)))
    added = next(m for m in load(mentor).meetings if m.id == "m-prep")
    assert added.updated_by == "mentee"


def test_a_syncthing_conflict_copy_is_merged_and_moved_aside(mentor: Path, mentee: Path, synced: Path):
    original = pair_bytes(mentor)
    # The mentor's machine wrote its version; the sync tool kept the mentee's and renamed
    # the mentor's into a conflict copy.
    edit(mentor, datetime.combine(DAY, time(19)), lambda s: (
        s.pair.meetings.append(new_meeting("m-mentor", 2)),
        s.set_notes(meeting(s, "m0"), "Intro from Dana\n" + s.pair.meetings[0].notes)))
    (synced / SYNCTHING_COPY).write_bytes(pair_bytes(mentor))
    (synced / f"{SLUG}.json").write_bytes(original)
    edit(mentee, datetime.combine(DAY, time(19, 5)), lambda s: (
        s.pair.meetings.append(new_meeting("m-mentee", 3)),
        s.set_notes(meeting(s, "m0"), s.pair.meetings[0].notes + "Outro from Priya\n")))

    result = cli(mentor, "sync", SLUG)

    assert result.returncode == 0, result.stderr
    pair = load(mentor)
    assert {"m0", "m-mentor", "m-mentee"} <= {m.id for m in pair.meetings}
    notes = pair.meetings[0].notes
    assert notes.startswith("Intro from Dana\n") and notes.endswith("Outro from Priya\n")
    assert not (synced / SYNCTHING_COPY).exists()
    assert (mentor / "conflicts" / SLUG / SYNCTHING_COPY).is_file()
    assert (mentor / "base" / f"{SLUG}.json").read_bytes() == pair_bytes(mentor)
    assert load(mentee).meetings == pair.meetings


def test_an_unreadable_conflict_copy_is_moved_aside_and_reported(mentor: Path, synced: Path):
    before = pair_bytes(mentor)
    (synced / SYNCTHING_COPY).write_text("{ half a file")

    result = cli(mentor, "sync", SLUG)

    assert result.returncode == 0, result.stderr
    assert "could not be read" in result.stdout and SYNCTHING_COPY in result.stdout
    assert pair_bytes(mentor) == before
    assert (mentor / "conflicts" / SLUG / SYNCTHING_COPY).read_text() == "{ half a file"


def test_conflict_copies_of_every_sync_tool_are_found_and_nothing_else(tmp_path: Path):
    names = [
        SYNCTHING_COPY,
        f"{SLUG} (Dana Okafor's conflicted copy 2026-11-25).json",
        f"{SLUG} (cópia em conflito de Priya 2026-11-25).json",
        f"{SLUG} 2.json",
        f"{SLUG}.json",
        f"{SLUG}-2.json",
        "other-pair.sync-conflict-20261125-190312-ABCDEFG.json",
        f".{SLUG}.json.lock",
    ]
    for name in names:
        (tmp_path / name).write_text("{}")

    found = {path.name for path in conflict_copies(tmp_path, SLUG)}

    assert found == set(names[:4])


def test_private_notes_never_reach_the_synced_folder(mentor: Path, synced: Path):
    edit(mentor, datetime.combine(DAY, time(19)), lambda s: s.set_private_notes(meeting(s, "m0"), SECRET))
    assert cli(mentor, "sync", SLUG).returncode == 0
    for path in synced.rglob("*"):
        assert SECRET not in path.read_text(errors="replace"), path
    assert SECRET in (mentor / "private" / f"{SLUG}.json").read_text()


def test_join_refuses_a_folder_without_a_pair_and_share_refuses_one_holding_it(tmp_path: Path, mentor: Path,
                                                                               synced: Path):
    empty = tmp_path / "empty"
    empty.mkdir()
    refused = cli(tmp_path / "mentee", "join", "--folder", str(empty), "--as", "mentee")
    assert refused.returncode == 2 and "holds no mentortui pair" in refused.stderr

    other = tmp_path / "other"
    PairStore(other).create(starting_pair())
    taken = cli(other, "share", SLUG, "--folder", str(synced))
    assert taken.returncode == 2 and "holds a pair called" in taken.stderr
    assert not (other / f"{SLUG}.json").is_symlink()
