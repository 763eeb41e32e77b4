"""Snapshots of every screen and dialog, at 120x40 and 80x24, on the demo pair.

The app runs on the fixed today and clock of ``tests/conftest.py``, with its data
folder given as the relative path ``data`` (the test runs inside its own temp folder),
so no temp path of the run appears on screen. Each scenario presses the keys a person
presses, waits for what the screen needs, and stops the cursors blinking before the
picture is taken. ``--snapshot-update`` writes the SVGs into ``__snapshots__/``.
"""

from __future__ import annotations

import errno
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, TextArea

from mentortui.dialogs.confirm import ConfirmScreen
from mentortui.dialogs.unsaved import UnsavedScreen
from mentortui.screens.meeting import MeetingScreen
from mentortui.storage.config import Config, LoadedConfig
from mentortui.storage.pair_file import PairFile
from mentortui.storage.snapshots import PairSnapshot
from mentortui.storage.store import PairStore

SIZES = {"wide": (120, 40), "narrow": (80, 24)}
NOTE_LINE = "I will send Priya the slide template by fri"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PairStore:
    """The data folder as the pair list shows it: ``data``, the same on every run."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", "/home/dana")
    return PairStore(Path("data"))


async def until(pilot: Pilot, check: Callable[[], object], what: str) -> None:
    """Wait (bounded) for something the app does after a worker or a message."""
    for _ in range(200):
        if check():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what}")


async def settle(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def still_cursors(pilot: Pilot) -> None:
    """Stop the cursors blinking once focus has landed, and draw them again: a cursor
    stopped is drawn only in the field focused at that moment, and a text area keeps the
    line it drew in the off half of a blink in its line cache (whose key leaves out the
    blinking), so either would leave the picture to the timing of the run."""
    await settle(pilot)
    for widget in [*pilot.app.screen.query(Input), *pilot.app.screen.query(TextArea)]:
        widget.cursor_blink = False
        widget.notify_style_update()
        widget.refresh()
    await settle(pilot)


async def press(pilot: Pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def open_pair(pilot: Pilot) -> None:
    await settle(pilot)
    await press(pilot, "enter")
    await until(pilot, lambda: pilot.app.session is not None, "the pair home")
    await settle(pilot)


async def start_meeting(pilot: Pilot) -> None:
    """The demo's next meeting is days ahead: `m` asks first, `enter` starts it."""
    await open_pair(pilot)
    await press(pilot, "m")
    assert isinstance(pilot.app.screen, ConfirmScreen)
    await press(pilot, "enter")
    assert isinstance(pilot.app.screen, MeetingScreen)
    await until(pilot, lambda: pilot.app.saved_at is not None, "the meeting's first save")


async def meeting_with_a_line(pilot: Pilot) -> None:
    await start_meeting(pilot)
    notes = pilot.app.screen.query_one("#notes", TextArea)
    notes.insert(NOTE_LINE)
    await settle(pilot)


async def private_notes(pilot: Pilot) -> None:
    """F2 in the meeting: the private pane, with a line of its own."""
    await meeting_with_a_line(pilot)
    await press(pilot, "f2")
    pilot.app.screen.query_one("#private-notes", TextArea).insert("Priya seems tired: ask about her workload")
    await settle(pilot)


def on_pair_home(*keys: str) -> Callable[[Pilot], Awaitable[None]]:
    async def run(pilot: Pilot) -> None:
        await open_pair(pilot)
        await press(pilot, *keys)

    return run


def in_meeting(*keys: str) -> Callable[[Pilot], Awaitable[None]]:
    async def run(pilot: Pilot) -> None:
        await meeting_with_a_line(pilot)
        await press(pilot, *keys)

    return run


async def pair_list(pilot: Pilot) -> None:
    await settle(pilot)


async def new_pair(pilot: Pilot) -> None:
    await settle(pilot)
    await press(pilot, "n")


async def changed_kind(pilot: Pilot) -> None:
    """Edit a template item's minutes, then pick another kind: the agenda asks."""
    await open_pair(pilot)
    await press(pilot, "a", "plus")
    pilot.app.screen.query_one("#kind", Select).value = "closing"
    await settle(pilot)


async def unsaved(pilot: Pilot) -> None:
    """A meeting's notes typed on a full disk, then quit: the app asks what to do."""
    await start_meeting(pilot)
    Disk.full = True
    pilot.app.screen.query_one("#notes", TextArea).insert(NOTE_LINE)
    await press(pilot, "escape")
    await until(pilot, lambda: any(n.title == "Not saved" for n in pilot.app._notifications), "the failed save")
    await press(pilot, "q")
    await until(pilot, lambda: isinstance(pilot.app.screen, UnsavedScreen), "the unsaved-changes dialog")
    await settle(pilot)


async def closing_form(pilot: Pilot) -> None:
    """The palette's "Close the relationship" on the pair home: the closing summary form."""
    await open_pair(pilot)
    await press(pilot, "ctrl+p", *"closerel", "enter")


async def closed_home(pilot: Pilot) -> None:
    """The closing summary saved: the pair home of a closed pair."""
    await closing_form(pilot)
    await press(pilot, "ctrl+s")


SCENARIOS: dict[str, Callable[[Pilot], Awaitable[None]]] = {
    "pair_list": pair_list,
    "pair_home": on_pair_home(),
    "agenda": on_pair_home("a"),
    "starters": on_pair_home("s"),
    "meeting": in_meeting(),
    "private_notes": private_notes,
    "action_items": on_pair_home("i"),
    "goals": on_pair_home("g"),
    "before_next": on_pair_home("b"),
    "new_pair": new_pair,
    "edit_pair": on_pair_home("e"),
    "capture_action": in_meeting("ctrl+t"),
    "decision_prompt": in_meeting("ctrl+r"),
    "date": on_pair_home("i", "p"),
    "goal_editor": on_pair_home("g", "n"),
    "check_in": on_pair_home("g", "c"),
    "end_meeting": in_meeting("f10"),
    "contact_log": on_pair_home("c"),
    "confirm_start": on_pair_home("m"),
    "search": on_pair_home("b", "slash"),
    "export_preview": on_pair_home("x"),
    "unsaved": unsaved,
    "choice": changed_kind,
    "closing_form": closing_form,
    "closed_home": closed_home,
    "worksheet": on_pair_home("g", "w", "g"),
    "agenda_checklist": on_pair_home("a", "c"),
    "ground_rules": on_pair_home("ctrl+p", *"groundrules", "enter"),
    "item_starters": in_meeting("ctrl+k"),
}


class Disk:
    """Set ``full`` and ``PairFile.write_snapshot`` fails as on a full disk (see test_failed_save)."""

    full = False


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = PairFile.write_snapshot
    monkeypatch.setattr(Disk, "full", False)

    def write(pair_file: PairFile, snapshot: PairSnapshot) -> None:
        if Disk.full:
            raise OSError(errno.ENOSPC, "No space left on device", str(pair_file.path))
        real_write(pair_file, snapshot)

    monkeypatch.setattr(PairFile, "write_snapshot", write)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_snapshot(snap_compare, make_app, demo_slug, full_disk, scenario: str, size: str) -> None:
    async def run_before(pilot: Pilot) -> None:
        await SCENARIOS[scenario](pilot)
        await still_cursors(pilot)

    assert snap_compare(make_app(), terminal_size=SIZES[size], run_before=run_before)


async def small_meeting(pilot: Pilot, *keys: str) -> None:
    """A meeting with a note and a quick-captured action item, then ``keys``."""
    await meeting_with_a_line(pilot)
    pilot.app.screen.query_one("#notes", TextArea).insert("\ntodo: Priya books interview six by fri")
    await press(pilot, "enter", *keys)


SMALL_SIZES = {"60x20": (60, 20), "80x24": (80, 24)}
# The captured panel as it comes on a small terminal (hidden) and after F4 (in the agenda's place).
PANEL_KEYS = {"agenda": (), "captured": ("f4",)}


@pytest.mark.parametrize("size", SMALL_SIZES)
@pytest.mark.parametrize("panel", PANEL_KEYS)
def test_small_meeting(snap_compare, make_app, demo_slug, panel: str, size: str) -> None:
    async def run_before(pilot: Pilot) -> None:
        await small_meeting(pilot, *PANEL_KEYS[panel])
        await still_cursors(pilot)

    assert snap_compare(make_app(), terminal_size=SMALL_SIZES[size], run_before=run_before)


@pytest.mark.parametrize("scenario", ["pair_home", "meeting"])
@pytest.mark.parametrize("look", ["light", "no_color"])
def test_snapshot_look(snap_compare, make_app, demo_slug, monkeypatch, scenario: str, look: str) -> None:
    """The pair home (with an overdue item) and the live meeting under a light theme, and
    under NO_COLOR, which Textual reads when the app is made and turns into greys."""
    if look == "no_color":
        monkeypatch.setenv("NO_COLOR", "1")
        app = make_app()
        assert app.no_color
    else:
        app = make_app(config=LoadedConfig(Config(theme="textual-light")))

    async def run_before(pilot: Pilot) -> None:
        await SCENARIOS[scenario](pilot)
        await still_cursors(pilot)

    assert snap_compare(app, terminal_size=SIZES["wide"], run_before=run_before)
