"""Private notes in the live meeting, as a mentor types them during a call: a second pane
one key away, kept on this machine only, and left out of every export for the other person."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual.widgets import Static, TextArea

from mentortui.dialogs.capture import ActionItemScreen
from mentortui.dialogs.end_meeting import EndMeetingScreen
from mentortui.dialogs.export_preview import ExportScreen
from mentortui.screens.meeting import MeetingScreen
from mentortui.screens.pair_home import PairHomeScreen
from mentortui.screens.pair_list import PairListScreen

from .test_app import settle, type_text
from .test_prepare_screens import open_pair, saved

HOSTILE = "[bold red]not markup[/] <b>x</b> | $(rm -rf ~) \\n"
PRIVATE = f"Priya seems tired: ask about workload {HOSTILE}"


def pane(app, selector: str) -> TextArea:
    return app.screen.query_one(selector, TextArea)


def showing(app) -> str:
    """The border title of the notes pane on show: what someone watching the screen reads."""
    shown = [area for area in app.screen.query("#notes, #private-notes").results(TextArea) if area.display]
    assert len(shown) == 1
    return str(shown[0].border_title)


def pair_files(store, slug: str) -> bytes:
    return b"".join(path.read_bytes() for path in store.folder.glob(f"{slug}*.json"))


def run_cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mentortui", *args, "--data-dir", str(data_dir)],
                          capture_output=True, text=True, timeout=60)


async def type_in_both(app, pilot) -> None:
    """Shared notes, then the private pane, then more of each, switching with F2."""
    await type_text(pilot, "Shared: CV review")
    assert showing(app) == "Shared notes · Check-in"
    await pilot.press("f2")
    assert showing(app) == "Private notes — only on this machine"
    assert app.focused is pane(app, "#private-notes")
    await type_text(pilot, PRIVATE)
    await pilot.press("f2")
    await type_text(pilot, " done")
    await pilot.press("f2")
    await type_text(pilot, " (again)")
    await settle(app, pilot)


async def test_each_pane_keeps_what_was_typed_in_it_and_the_pair_file_never_holds_the_private_text(
        make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")
        await type_in_both(app, pilot)
        assert pane(app, "#notes").text == "Shared: CV review done"
        assert pane(app, "#private-notes").text == PRIVATE + " (again)"
        await pilot.press("escape", "escape")  # to the agenda list, then back to the pair home
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        await saved(app, pilot)
        await pilot.press("escape")  # close the pair
        await settle(app, pilot)
        assert isinstance(app.screen, PairListScreen)
        assert b"Priya seems tired" not in pair_files(store, demo_slug)
        assert (store.folder / "private" / f"{demo_slug}.json").exists()

        await open_pair(app, pilot, "m")  # back to the meeting under way
        assert isinstance(app.screen, MeetingScreen)
        assert showing(app) == "Shared notes · Check-in"
        assert pane(app, "#notes").text == "Shared: CV review done"
        await pilot.press("f2")
        assert pane(app, "#private-notes").text == PRIVATE + " (again)"

    assert store.load(demo_slug).meetings[-1].agenda[0].notes == "Shared: CV review done"
    assert b"Priya seems tired" not in pair_files(store, demo_slug)


async def test_switching_keeps_each_panes_cursor_and_captures_take_the_line_on_show(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")
        await type_text(pilot, "first shared line\nsecond shared line")
        await pilot.press("ctrl+home")
        await pilot.press("f2")
        await type_text(pilot, "I will call HR about the reorg")
        await pilot.press("f2")
        assert pane(app, "#notes").cursor_location == (0, 0)
        await type_text(pilot, "top: ")
        assert pane(app, "#notes").text == "top: first shared line\nsecond shared line"

        await pilot.press("f2", "ctrl+t")
        await settle(app, pilot)
        assert isinstance(app.screen, ActionItemScreen)
        assert app.screen.query_one("#text").value == "I will call HR about the reorg"
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.focused is pane(app, "#private-notes")


async def test_ending_the_meeting_right_after_typing_keeps_the_private_words(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")
        await pilot.press("f2")
        await type_text(pilot, "last private words")
        await pilot.press("f10")  # well inside the half second before the notes would save
        await settle(app, pilot)
        assert isinstance(app.screen, EndMeetingScreen)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await saved(app, pilot)
        meeting = store.load(demo_slug).last_meeting()
        assert app.session.private_notes(meeting.id) == "last private words"
    private_file = (store.folder / "private" / f"{demo_slug}.json").read_text()
    assert "last private words" in private_file
    assert b"last private words" not in pair_files(store, demo_slug)


async def test_the_export_preview_says_who_it_is_for_and_f_switches_to_me(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")
        await type_in_both(app, pilot)
        await pilot.press("f9")
        await settle(app, pilot)
        assert isinstance(app.screen, ExportScreen)
        assert str(app.screen.query_one("#audience", Static).render()) == \
            "For: Priya Raman (private notes left out)"
        preview = pane(app, "#preview").text
        assert "Shared: CV review done" in preview
        assert "Priya seems tired" not in preview and "Private notes" not in preview

        await pilot.press("f")
        await settle(app, pilot)
        assert str(app.screen.query_one("#audience", Static).render()) == "For: me (includes my private notes)"
        preview = pane(app, "#preview").text
        assert "## Private notes (only on this machine)\n\nPriya seems tired: ask about workload" in preview
        assert "[bold red]not markup[/]" in preview and "$(rm -rf ~)" in preview
        assert "-for-me.md" in str(app.screen.query_one("#export-status", Static).render())

        await pilot.press("f")
        await settle(app, pilot)
        assert "Priya seems tired" not in pane(app, "#preview").text


async def test_the_command_line_export_leaves_private_notes_out_unless_it_is_for_me(
        make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")
        await type_in_both(app, pilot)
        await pilot.press("f10")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await saved(app, pilot)

    for other in ((), ("--for", "mentee"), ("--all",)):
        sent = run_cli("export", demo_slug, *other, data_dir=store.folder)
        assert sent.returncode == 0, sent.stderr
        assert "Shared: CV review done" in sent.stdout
        assert "Priya seems tired" not in sent.stdout and "Private notes" not in sent.stdout

    mine = run_cli("export", demo_slug, "--for", "me", data_dir=store.folder)
    assert mine.returncode == 0, mine.stderr
    assert "## Private notes (only on this machine)\n\nPriya seems tired: ask about workload" in mine.stdout
    # Literal, with raw HTML made inert as in the shared notes.
    assert "[bold red]not markup[/] &lt;b>x&lt;/b> | $(rm -rf ~) \\n (again)" in mine.stdout
