"""The app syncs a shared pair by itself: opening it brings in what the other person
pushed, ending a meeting pushes, offline it opens anyway and counts what waits. Real git
against a bare repository in a temp folder, with an isolated git config."""

from __future__ import annotations

import subprocess
from datetime import date, datetime, time
from pathlib import Path

import pytest
from textual.widgets import Static

from mentortui.app import MentorApp
from mentortui.core.models import ActionItem
from mentortui.dialogs.end_meeting import EndMeetingScreen
from mentortui.screens.meeting import MeetingScreen
from mentortui.screens.pair_home import PairHomeScreen
from mentortui.storage.store import PairStore
from tests.sharing_support import DAY, SLUG, cli, edit, git, isolate_git, starting_pair

from .test_app import settle, type_text
from .test_prepare_screens import rows

MENTEE_ITEM = "Book interviews five and six"


@pytest.fixture
def machines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    """(bare remote, mentor's data folder, mentee's data folder), the pair shared and joined."""
    isolate_git(monkeypatch, tmp_path)
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", "-b", "main", str(remote))
    mentor, mentee = tmp_path / "mentor", tmp_path / "mentee"
    PairStore(mentor).create(starting_pair())
    for result in (cli(mentor, "share", SLUG, "--git", str(remote)),
                   cli(mentee, "join", str(remote), "--as", "mentee")):
        assert result.returncode == 0, result.stderr
    return remote, mentor, mentee


def mentee_pushes_an_item(mentee: Path) -> None:
    def add(session) -> None:
        session.pair.action_items.append(ActionItem(id="a3", text=MENTEE_ITEM, owner="mentee",
                                                    due=date(2026, 11, 30)))

    edit(mentee, datetime.combine(DAY, time(18, 30)), add)
    synced = cli(mentee, "sync", SLUG)
    assert synced.returncode == 0, synced.stdout + synced.stderr


def app_for(data: Path, clock) -> MentorApp:
    return MentorApp(open_store=lambda: PairStore(data), today=lambda: DAY, now=clock, open_pair=SLUG)


def messages(app) -> list[str]:
    return [notice.message for notice in app._notifications]


def remote_log(remote: Path) -> list[str]:
    return git(remote, "log", "--format=%an: %s", "main").stdout.splitlines()


def remote_pair(remote: Path) -> str:
    return git(remote, "show", f"main:{SLUG}.json").stdout


async def test_opening_the_pair_shows_what_the_other_side_pushed(machines, clock):
    _remote, mentor, mentee = machines
    mentee_pushes_an_item(mentee)
    app = app_for(mentor, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        assert MENTEE_ITEM in [row[0] for row in rows(app, "#action-items")]
        assert any("1 action item from Priya Raman" in message for message in messages(app))
        assert not app.screen.query("#sync-status")  # everything is shared, nothing to review


async def test_ending_a_meeting_pushes_it(machines, clock):
    remote, mentor, _mentee = machines
    pushed_before = len(remote_log(remote))
    app = app_for(mentor, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        await type_text(pilot, "We rehearsed the lightning talk")
        clock.advance(minutes=40)
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, EndMeetingScreen)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        assert any(message.startswith(f"Synced {SLUG}") for message in messages(app))
    log = remote_log(remote)
    assert len(log) > pushed_before and log[0].startswith("Dana Okafor: Dana Okafor (mentor)")
    assert "We rehearsed the lightning talk" in remote_pair(remote)


async def test_offline_the_pair_opens_and_says_what_is_not_shared_yet(machines, clock, tmp_path):
    remote, mentor, _mentee = machines
    edit(mentor, datetime.combine(DAY, time(18, 45)),
         lambda session: setattr(session.pair.action_items[0], "text", "Draft the talk outline, v2"))
    remote.rename(tmp_path / "gone.git")
    app = app_for(mentor, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        status = str(app.screen.query_one("#sync-status", Static).render())
        assert "1 change not shared yet (y syncs now)" in status
        assert any(f"Could not sync {SLUG}" in message for message in messages(app))
        assert "Draft the talk outline, v2" in [row[0] for row in rows(app, "#action-items")]


async def test_sync_now_brings_in_a_change_made_while_the_pair_is_open(machines, clock):
    _remote, mentor, mentee = machines
    app = app_for(mentor, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert MENTEE_ITEM not in [row[0] for row in rows(app, "#action-items")]
        mentee_pushes_an_item(mentee)
        await pilot.press("y")
        await settle(app, pilot)
        assert MENTEE_ITEM in [row[0] for row in rows(app, "#action-items")]
        assert MENTEE_ITEM in [item.text for item in app.session.pair.action_items]


async def test_an_unshared_pair_shows_no_sync_and_runs_no_git(make_app, store, demo_slug, monkeypatch):
    def no_git(*args, **kwargs):
        raise AssertionError("git ran for a pair that is not shared")

    monkeypatch.setattr(subprocess, "run", no_git)
    app = make_app(open_pair=demo_slug)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        assert not app.screen.query("#sync-status")
        await pilot.press("y")
        await settle(app, pilot)
        assert not any("sync" in message.lower() for message in messages(app))


async def test_quitting_pushes_what_was_changed(machines, clock):
    remote, mentor, _mentee = machines
    app = app_for(mentor, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("h")  # mark the last meeting not held
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert app.session.pair.last_meeting() is None
        await pilot.press("q")
        for _ in range(400):  # the push happens before the app exits
            if app.return_code is not None:
                break
            await pilot.pause(0.05)
    assert app.return_code == 0
    assert '"not_held": true' in remote_pair(remote)
