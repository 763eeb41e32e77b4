"""What the sharing tests share: git with an isolated config, the real command line, and
edits made through the storage API as the app makes them."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path

import pytest

from mentortui.core.models import ActionItem, Meeting, Pair, Person
from mentortui.storage.session import PairSession
from mentortui.storage.store import PairStore

SLUG = "priya-with-dana"
DAY = date(2026, 11, 25)
NOTES = "Intro\nline two\nline three\nline four\n"


def isolate_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No config from this machine reaches git: an empty global file, no system file, a
    home of its own (so no ~/.gitconfig and no credential helpers)."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "gitconfig").write_text("")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for variable in ("GIT_DIR", "GIT_WORK_TREE", "GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        monkeypatch.delenv(variable, raising=False)


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Plain git, as a person would type it (no merge driver configured)."""
    return subprocess.run(["git", "-C", str(cwd), "-c", "user.name=Test", "-c", "user.email=t@example.invalid",
                           *args], capture_output=True, text=True, check=check)


def cli(data: Path, *args: str, env: dict[str, str] | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real command line: ``python -m mentortui ARGS --data-dir DATA``."""
    return subprocess.run([sys.executable, "-m", "mentortui", *args, "--data-dir", str(data)],
                          capture_output=True, text=True, timeout=120, env=env, cwd=cwd)


def starting_pair() -> Pair:
    """A pair with one held meeting (four lines of notes) and two open action items."""
    meeting = Meeting(id="m0", kind="first", scheduled=datetime.combine(DAY, time(17)), notes=NOTES,
                      started_at=datetime.combine(DAY, time(17)), ended_at=datetime.combine(DAY, time(18)))
    return Pair(
        mentor=Person(name="Dana Okafor"), mentee=Person(name="Priya Raman"), started_on=DAY,
        meetings=[meeting],
        action_items=[ActionItem(id="a1", text="Draft the talk outline", owner="mentee", due=date(2026, 12, 2)),
                      ActionItem(id="a2", text="Send the reading list", owner="mentor", due=date(2026, 12, 1))],
    )


def edit(data: Path, at: datetime, change: Callable[[PairSession], object]) -> None:
    """Open the pair of ``data`` as the app does, make ``change``, save (stamped ``at``)
    and close."""
    session = PairSession.open(PairStore(data), SLUG, now=lambda: at)
    try:
        change(session)
        session.save()
    finally:
        session.close()


def meeting(session: PairSession, meeting_id: str) -> Meeting:
    return next(m for m in session.pair.meetings if m.id == meeting_id)


def pair_bytes(data: Path) -> bytes:
    return (data / f"{SLUG}.json").read_bytes()


def load(data: Path) -> Pair:
    return PairStore(data).load(SLUG)


def new_meeting(meeting_id: str, day: int) -> Meeting:
    return Meeting(id=meeting_id, scheduled=datetime.combine(date(2026, 12, day), time(17)))
