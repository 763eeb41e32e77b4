"""Sharing a pair through git, driven by the real command line against a bare repository
in a temp folder: a mentor's machine and a mentee's, each with its own data folder."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import pytest

from mentortui.storage.session import PairSession
from mentortui.storage.sharing import sync_pair, unshared_changes
from mentortui.storage.store import PairStore
from tests.sharing_support import (
    DAY,
    NOTES,
    SLUG,
    cli,
    edit,
    git,
    isolate_git,
    load,
    meeting,
    new_meeting,
    pair_bytes,
    starting_pair,
)

MENTOR_TIME = datetime.combine(DAY, time(19, 0))
MENTEE_TIME = datetime.combine(DAY, time(19, 5))
SECRET = "Priya seems anxious about the promotion panel"


@dataclass
class Machines:
    remote: Path
    mentor: Path
    mentee: Path

    def work_tree(self, data: Path) -> Path:
        return data / "shared" / SLUG


@pytest.fixture
def bare(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    isolate_git(monkeypatch, tmp_path)
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", "-b", "main", str(remote))
    return remote


@pytest.fixture
def mentor_data(tmp_path: Path) -> Path:
    data = tmp_path / "mentor"
    PairStore(data).create(starting_pair())
    return data


@pytest.fixture
def machines(tmp_path: Path, bare: Path, mentor_data: Path) -> Machines:
    shared = cli(mentor_data, "share", SLUG, "--git", str(bare))
    assert shared.returncode == 0, shared.stderr
    joined = cli(tmp_path / "mentee", "join", str(bare), "--as", "mentee")
    assert joined.returncode == 0, joined.stderr
    return Machines(bare, mentor_data, tmp_path / "mentee")


def sync(data: Path) -> str:
    result = cli(data, "sync", SLUG)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_share_moves_the_pair_into_a_private_work_tree_and_join_clones_it(machines: Machines):
    for data, role in ((machines.mentor, "mentor"), (machines.mentee, "mentee")):
        tree = machines.work_tree(data)
        link = data / f"{SLUG}.json"
        assert link.is_symlink() and link.resolve() == (tree / f"{SLUG}.json").resolve()
        assert stat.S_IMODE(tree.stat().st_mode) == 0o700
        assert stat.S_IMODE((tree / f"{SLUG}.json").stat().st_mode) == 0o600
        assert "merge=mentortui" in (tree / ".gitattributes").read_text()
        assert "merge=mentortui" in (tree / ".git" / "info" / "attributes").read_text()
        assert json.loads((data / "local" / f"{SLUG}.json").read_text())["role"] == role
        assert git(tree, "rev-parse", "--abbrev-ref", "HEAD").stdout.strip() == "main"
    assert pair_bytes(machines.mentor) == pair_bytes(machines.mentee)
    assert load(machines.mentee).meetings[0].notes == starting_pair().meetings[0].notes
    # Pretty-printed, so that two edits of different records touch different lines.
    assert pair_bytes(machines.mentor).count(b"\n") > 30


def _mentor_edits(session: PairSession) -> None:
    session.pair.meetings.append(new_meeting("m-mentor", 2))
    held = meeting(session, "m0")
    session.set_notes(held, held.notes.replace("Intro", "Intro: career goals"))
    session.pair.action_items[0].due = date(2026, 12, 5)
    session.pair.action_items = [item for item in session.pair.action_items if item.id != "a2"]


def _mentee_edits(session: PairSession) -> None:
    session.pair.meetings.append(new_meeting("m-mentee", 3))
    held = meeting(session, "m0")
    session.set_notes(held, held.notes.replace("line four", "line four, and the offsite"))
    session.pair.action_items[0].due = date(2026, 12, 9)
    next(item for item in session.pair.action_items if item.id == "a2").text = "Send the reading list (3 books)"


@pytest.mark.parametrize("first", ["mentor", "mentee"])
def test_concurrent_edits_sync_in_either_order_to_identical_files_with_nothing_lost(machines: Machines, first):
    edit(machines.mentor, MENTOR_TIME, _mentor_edits)
    edit(machines.mentee, MENTEE_TIME, _mentee_edits)
    order = [machines.mentor, machines.mentee] if first == "mentor" else [machines.mentee, machines.mentor]
    sync(order[0])
    second = sync(order[1])
    sync(order[0])

    assert pair_bytes(machines.mentor) == pair_bytes(machines.mentee)
    pair = load(machines.mentor)
    assert {"m0", "m-mentor", "m-mentee"} <= {m.id for m in pair.meetings}
    notes = next(m for m in pair.meetings if m.id == "m0").notes
    assert "Intro: career goals" in notes and "line four, and the offsite" in notes
    assert "<<<<<<<" not in pair_bytes(machines.mentor).decode()
    items = {item.id: item for item in pair.action_items}
    assert items["a1"].due == date(2026, 12, 9)  # the later change
    assert items["a2"].text == "Send the reading list (3 books)"  # edited there, so not deleted
    kinds = {(review.kind, review.record_id) for review in pair.review}
    assert ("field", "a1") in kinds and ("deleted_edited", "a2") in kinds
    assert "to review" in second
    assert "from" in second  # what came in, and from whom


def test_the_same_lines_edited_on_both_sides_keep_both_versions_for_review(machines: Machines):
    edit(machines.mentor, MENTOR_TIME, lambda s: s.set_notes(meeting(s, "m0"), NOTES_WITH("Dana's version")))
    edit(machines.mentee, MENTEE_TIME, lambda s: s.set_notes(meeting(s, "m0"), NOTES_WITH("Priya's version")))
    sync(machines.mentee)
    out = sync(machines.mentor)
    sync(machines.mentee)

    assert pair_bytes(machines.mentor) == pair_bytes(machines.mentee)
    pair = load(machines.mentee)
    notes = next(m for m in pair.meetings if m.id == "m0").notes
    assert "Dana's version" in notes and "Priya's version" in notes
    assert any(review.kind == "notes" and review.record_id == "m0" for review in pair.review)
    assert "1 thing to review" in out


def NOTES_WITH(line_two: str) -> str:  # noqa: N802 - reads as the notes it builds
    return f"Intro\n{line_two}\nline three\nline four\n"


def test_a_fresh_clone_without_config_merges_through_the_command_line_driver(machines: Machines):
    for data in (machines.mentor, machines.mentee):
        assert git(machines.work_tree(data), "config", "--get", "merge.mentortui.driver", check=False).stdout == ""
    # Both edit the one JSON line that holds the notes: a text merge could only conflict.
    edit(machines.mentor, MENTOR_TIME, lambda s: s.set_notes(meeting(s, "m0"), "Intro from Dana\n" + NOTES))
    edit(machines.mentee, MENTEE_TIME, lambda s: s.set_notes(meeting(s, "m0"), NOTES + "Outro from Priya\n"))
    sync(machines.mentor)
    sync(machines.mentee)

    notes = load(machines.mentee).meetings[0].notes
    assert notes.startswith("Intro from Dana\n") and notes.endswith("Outro from Priya\n")
    log = git(machines.work_tree(machines.mentee), "log", "--format=%an <%ae>").stdout
    assert "Priya Raman <mentee@mentortui.invalid>" in log and "Dana Okafor <mentor@mentortui.invalid>" in log


def test_a_manual_git_pull_that_left_conflict_markers_is_recovered_by_sync(machines: Machines):
    edit(machines.mentee, MENTEE_TIME, lambda s: s.set_notes(meeting(s, "m0"), NOTES + "Outro from Priya\n"))
    sync(machines.mentee)
    edit(machines.mentor, MENTOR_TIME, lambda s: s.set_notes(meeting(s, "m0"), "Intro from Dana\n" + NOTES))
    tree = machines.work_tree(machines.mentor)
    git(tree, "commit", "--quiet", "-am", "by hand")
    pulled = git(tree, "pull", "--no-rebase", "origin", "main", check=False)
    assert pulled.returncode != 0 and "<<<<<<<" in pair_bytes(machines.mentor).decode()

    sync(machines.mentor)
    sync(machines.mentee)

    assert pair_bytes(machines.mentor) == pair_bytes(machines.mentee)
    notes = load(machines.mentor).meetings[0].notes
    assert notes.startswith("Intro from Dana\n") and notes.endswith("Outro from Priya\n")
    assert git(tree, "status", "--porcelain").stdout == ""


def test_private_notes_never_reach_the_shared_folder_or_any_commit(machines: Machines):
    def write_privately(session: PairSession) -> None:
        session.set_private_notes(meeting(session, "m0"), SECRET)
        session.pair.meetings.append(new_meeting("m-next", 2))

    edit(machines.mentor, MENTOR_TIME, write_privately)
    sync(machines.mentor)
    sync(machines.mentee)

    assert any(m.id == "m-next" for m in load(machines.mentee).meetings)
    for data in (machines.mentor, machines.mentee):
        tree = machines.work_tree(data)
        for path in tree.rglob("*"):
            if path.is_file() and ".git" not in path.relative_to(tree).parts:
                assert SECRET not in path.read_text(errors="replace"), path
        assert SECRET not in git(tree, "log", "-p", "--all").stdout
    assert SECRET not in git(machines.remote, "log", "-p", "--all").stdout
    assert SECRET in (machines.mentor / "private" / f"{SLUG}.json").read_text()


def test_sync_refuses_to_commit_a_pair_file_holding_private_text(machines: Machines):
    def leak(session: PairSession) -> None:
        session.set_private_notes(meeting(session, "m0"), SECRET)
        session.set_notes(meeting(session, "m0"), NOTES + SECRET + "\n")

    tree = machines.work_tree(machines.mentor)
    commits = git(tree, "rev-list", "--count", "HEAD").stdout
    edit(machines.mentor, MENTOR_TIME, leak)
    refused = cli(machines.mentor, "sync", SLUG)

    assert refused.returncode == 2
    assert "private notes" in refused.stderr and "was not shared" in refused.stderr
    assert git(tree, "rev-list", "--count", "HEAD").stdout == commits
    assert SECRET not in git(machines.remote, "log", "-p", "--all").stdout
    assert SECRET in load(machines.mentor).meetings[0].notes  # nothing lost here either


def test_sync_refuses_a_field_named_private(machines: Machines):
    path = machines.work_tree(machines.mentor) / f"{SLUG}.json"
    raw = json.loads(path.read_text())
    raw["private"] = {"1": {"text": "my own thoughts"}}  # a table this version does not know
    path.write_text(json.dumps(raw))
    refused = cli(machines.mentor, "sync", SLUG)
    assert refused.returncode == 2 and "'private'" in refused.stderr


def test_offline_changes_stay_committed_here_and_are_counted_until_the_remote_is_back(machines: Machines):
    moved = machines.remote.with_name("away.git")
    machines.remote.rename(moved)
    edit(machines.mentor, MENTOR_TIME, lambda s: s.pair.meetings.append(new_meeting("m-offline", 2)))

    offline = cli(machines.mentor, "sync", SLUG)
    assert offline.returncode == 1
    assert "Could not sync" in offline.stdout and "1 change not shared yet" in offline.stdout
    assert unshared_changes(machines.mentor, SLUG) == 1
    assert "m-offline" in git(machines.work_tree(machines.mentor), "show", "HEAD").stdout

    moved.rename(machines.remote)
    sync(machines.mentor)
    assert unshared_changes(machines.mentor, SLUG) == 0
    sync(machines.mentee)
    assert any(m.id == "m-offline" for m in load(machines.mentee).meetings)


def test_a_push_the_remote_keeps_refusing_is_reported_and_kept(machines: Machines):
    hook = machines.remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'not today' >&2\nexit 1\n")
    hook.chmod(0o755)
    edit(machines.mentor, MENTOR_TIME, lambda s: s.pair.meetings.append(new_meeting("m-kept", 2)))

    refused = cli(machines.mentor, "sync", SLUG)
    assert refused.returncode == 1
    assert "refused" in refused.stdout and "not shared yet" in refused.stdout
    assert any(m.id == "m-kept" for m in load(machines.mentor).meetings)


def test_a_push_rejected_because_the_other_pushed_first_is_merged_and_pushed_again(machines: Machines):
    # The mentee's push lands between the mentor's fetch and push: the mentor's pre-push
    # hook makes it, once.
    edit(machines.mentee, MENTEE_TIME, lambda s: s.pair.meetings.append(new_meeting("m-mentee", 3)))
    mentee_tree = machines.work_tree(machines.mentee)
    git(mentee_tree, "commit", "--quiet", "-am", "the mentee's meeting")
    mentor_tree = machines.work_tree(machines.mentor)
    hook = mentor_tree / ".git" / "hooks" / "pre-push"
    flag = mentor_tree.parent / "raced"
    hook.write_text(f"#!/bin/sh\n[ -e '{flag}' ] && exit 0\ntouch '{flag}'\n"
                    f"unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE\ngit -C '{mentee_tree}' push --quiet origin main\n")
    hook.chmod(0o755)
    edit(machines.mentor, MENTOR_TIME, lambda s: s.pair.meetings.append(new_meeting("m-mentor", 2)))

    sync(machines.mentor)
    sync(machines.mentee)

    assert flag.exists()
    assert pair_bytes(machines.mentor) == pair_bytes(machines.mentee)
    assert {"m-mentor", "m-mentee"} <= {m.id for m in load(machines.mentor).meetings}


def test_share_refuses_a_remote_that_is_not_empty_and_changes_nothing(tmp_path: Path, bare: Path, mentor_data: Path):
    other = tmp_path / "other"
    git(tmp_path, "clone", "--quiet", str(bare), str(other))
    (other / "README").write_text("someone else's project\n")
    git(other, "add", "README")
    git(other, "commit", "--quiet", "-m", "start")
    git(other, "push", "--quiet", "origin", "main")
    before = pair_bytes(mentor_data)

    refused = cli(mentor_data, "share", SLUG, "--git", str(bare))

    assert refused.returncode == 2 and "is not empty" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    link = mentor_data / f"{SLUG}.json"
    assert not link.is_symlink() and link.read_bytes() == before
    assert not (mentor_data / "shared" / SLUG).exists()
    assert not PairStore(mentor_data).settings(SLUG).shared


def test_join_refuses_a_remote_that_holds_no_pair(tmp_path: Path, bare: Path):
    other = tmp_path / "other"
    git(tmp_path, "clone", "--quiet", str(bare), str(other))
    (other / "notes.txt").write_text("not a pair\n")
    git(other, "add", "notes.txt")
    git(other, "commit", "--quiet", "-m", "start")
    git(other, "push", "--quiet", "origin", "main")
    data = tmp_path / "mentee"

    refused = cli(data, "join", str(bare), "--as", "mentee")

    assert refused.returncode == 2 and "holds no mentortui pair" in refused.stderr
    assert PairStore(data).slugs() == []
    assert [path.name for path in (data / "shared").iterdir()] == []


def test_join_refuses_an_empty_remote(tmp_path: Path, bare: Path):
    refused = cli(tmp_path / "mentee", "join", str(bare), "--as", "mentee")
    assert refused.returncode == 2 and "is empty" in refused.stderr


def test_share_refuses_a_pair_shared_already_and_an_unknown_pair(machines: Machines, tmp_path: Path):
    again = cli(machines.mentor, "share", SLUG, "--git", str(tmp_path / "elsewhere.git"))
    assert again.returncode == 2 and "shared already" in again.stderr
    unknown = cli(machines.mentor, "sync", "nobody-with-dana")
    assert unknown.returncode == 2 and "no pair called 'nobody-with-dana'" in unknown.stderr


def test_sync_refuses_while_the_pair_is_open_in_the_app(machines: Machines):
    session = PairSession.open(PairStore(machines.mentor), SLUG)
    try:
        refused = cli(machines.mentor, "sync", SLUG)
    finally:
        session.close()
    assert refused.returncode == 2 and "is open in mentortui" in refused.stderr


def test_without_git_on_path_share_says_so_and_changes_nothing(tmp_path: Path, bare: Path, mentor_data: Path):
    empty = tmp_path / "bin"
    empty.mkdir()
    environment = {**os.environ, "PATH": str(empty)}
    before = pair_bytes(mentor_data)

    refused = cli(mentor_data, "share", SLUG, "--git", str(bare), env=environment)

    assert refused.returncode == 2 and "git is not installed" in refused.stderr
    assert not (mentor_data / f"{SLUG}.json").is_symlink() and pair_bytes(mentor_data) == before


def test_a_remote_path_typed_relative_to_where_the_command_ran_works(tmp_path: Path, bare: Path, mentor_data: Path):
    shared = cli(mentor_data, "share", SLUG, "--git", bare.name, cwd=tmp_path)
    assert shared.returncode == 0, shared.stderr
    assert PairStore(mentor_data).settings(SLUG).remote == str(bare)
    joined = cli(tmp_path / "mentee", "join", f"./{bare.name}", "--as", "mentee", cwd=tmp_path)
    assert joined.returncode == 0, joined.stderr
    assert pair_bytes(tmp_path / "mentee") == pair_bytes(mentor_data)


def test_share_refuses_a_pair_open_in_the_app(bare: Path, mentor_data: Path):
    session = PairSession.open(PairStore(mentor_data), SLUG)
    try:
        refused = cli(mentor_data, "share", SLUG, "--git", str(bare))
    finally:
        session.close()
    assert refused.returncode == 2 and "is open in mentortui" in refused.stderr
    assert not (mentor_data / f"{SLUG}.json").is_symlink()


def test_a_background_sync_never_prompts(machines: Machines, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    seen = tmp_path / "ssh-was-called-with"
    fake_ssh = tmp_path / "fake-ssh"
    fake_ssh.write_text(f"#!/bin/sh\necho \"$GIT_TERMINAL_PROMPT $*\" > '{seen}'\nexit 255\n")
    fake_ssh.chmod(0o755)
    monkeypatch.setenv("GIT_SSH_COMMAND", str(fake_ssh))
    git(machines.work_tree(machines.mentor), "remote", "set-url", "origin", "ssh://example.invalid/pair.git")
    edit(machines.mentor, MENTOR_TIME, lambda s: s.pair.meetings.append(new_meeting("m-later", 2)))

    result = sync_pair(machines.mentor, SLUG, interactive=False)

    assert not result.ok and result.unshared == 1
    assert "1 change not shared yet" in result.message
    assert seen.read_text().startswith("0 -o BatchMode=yes")
