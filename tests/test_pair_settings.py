"""A pair's settings on this machine (whose machine it is, how the pair is shared): kept
private, read back as written, and a damaged file named in a plain message."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from mentortui.storage.pair_settings import (
    PairSettings,
    SettingsFileError,
    load_pair_settings,
    save_pair_settings,
    settings_path,
)
from mentortui.storage.session import PairSession

from .test_app import settle


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_pair_without_settings_is_the_mentors_and_not_shared(store, demo_slug):
    settings = load_pair_settings(store.folder, demo_slug)
    assert settings == PairSettings(role="mentor")
    assert not settings.shared
    assert not (store.folder / "local").exists()


@pytest.mark.parametrize("settings", [
    PairSettings(role="mentee", share_mode="git", remote="git@host:dana/priya-mentoring.git"),
    PairSettings(role="mentor", share_mode="folder", folder=Path("/home/dana/Sync/mentoring")),
    PairSettings(role="mentee"),
])
def test_settings_read_back_as_written_in_a_private_file(store, demo_slug, settings):
    save_pair_settings(store.folder, demo_slug, settings)
    assert load_pair_settings(store.folder, demo_slug) == settings
    path = settings_path(store.folder, demo_slug)
    assert path == store.folder / "local" / f"{demo_slug}.json"
    assert (mode_of(path.parent), mode_of(path)) == (0o700, 0o600)


def test_the_session_takes_its_role_from_the_settings(store, demo_slug):
    save_pair_settings(store.folder, demo_slug, PairSettings(role="mentee"))
    session = PairSession.open(store, demo_slug, read_only=True)
    assert (session.role, session.settings.role) == ("mentee", "mentee")
    session.close()


@pytest.mark.parametrize(("text", "problem"), [
    ('{"role": "mentor"', "is not valid JSON"),
    ('["mentor"]', "is not a mentortui settings file (the top level is not an object)"),
    ('{"role": "boss"}', 'role: must be "mentor" or "mentee"'),
    ('{"role": "mentee", "share": {"mode": "ftp"}}', 'share.mode: must be "git" or "folder"'),
    ('{"share": {"mode": "git"}}', "share.remote: must be the git remote's URL"),
    ('{"share": {"mode": "folder", "folder": "Sync"}}', "share.folder: must be the synced folder's absolute path"),
    ("\xff", "is not valid JSON"),
])
def test_a_damaged_settings_file_is_named_with_what_is_wrong(store, demo_slug, text, problem):
    path = settings_path(store.folder, demo_slug)
    path.parent.mkdir()
    path.write_text(text, encoding="latin-1")
    with pytest.raises(SettingsFileError) as raised:
        load_pair_settings(store.folder, demo_slug)
    assert str(raised.value).startswith(f"{path}: {problem}")


async def test_the_app_names_a_damaged_settings_file_instead_of_opening_the_pair(store, demo_slug, make_app):
    path = settings_path(store.folder, demo_slug)
    path.parent.mkdir()
    path.write_text("{nope")
    app = make_app(open_pair=demo_slug)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.session is None
        messages = [str(n.message) for n in app._notifications]
        assert any(str(path) in message and "is not valid JSON" in message for message in messages), messages
