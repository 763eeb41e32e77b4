"""The export preview in Markdown or HTML, copied or written: `h` switches the format,
`c` copies what is shown through the terminal, and where the terminal is known to drop
clipboard copies (the Linux console, tmux without set-clipboard on) the file is written
instead and its path shown."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from textual.widgets import Static, TextArea

from mentortui.dialogs.export_preview import ExportScreen
from mentortui.widgets.clipboard import clipboard_blocker

from .test_app import settle

HOSTILE = "[bold red]not markup[/] <b>x</b>"
HOSTILE_IN_MARKDOWN = "Talked about [bold red]not markup[/] &lt;b>x&lt;/b>"  # raw HTML made inert


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """A terminal that is none of the ones known to drop clipboard copies; a test makes
    it one of them."""
    for name in ("TMUX", "STY", "TERM_PROGRAM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    return monkeypatch


@pytest.fixture
def hostile_notes(store, demo_slug) -> None:
    """The demo's last held meeting with notes that look like Rich markup and HTML."""
    with store.open(demo_slug) as pair_file:
        pair = pair_file.load()
        pair.held_meetings()[-1].notes = f"Talked about {HOSTILE}"
        pair_file.save(pair)


async def open_report(app, pilot) -> ExportScreen:
    await settle(app, pilot)
    await pilot.press("enter")  # open the pair
    await settle(app, pilot)
    await pilot.press("x")
    await settle(app, pilot)
    assert isinstance(app.screen, ExportScreen)
    return app.screen


def shown(screen: ExportScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def preview(screen: ExportScreen) -> str:
    return screen.query_one("#preview", TextArea).text


def exports(store) -> list[Path]:
    return sorted((store.folder / "exports").glob("*"))


async def test_h_shows_the_html_page_and_c_copies_what_is_shown(make_app, store, demo_slug, hostile_notes, terminal):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_report(app, pilot)
        assert shown(screen, "#format").startswith("Markdown")
        markdown = preview(screen)

        await pilot.press("h")
        await settle(app, pilot)
        assert shown(screen, "#format").startswith("The HTML page's source")
        html = preview(screen)
        assert html.startswith("<!doctype html>")
        assert "Talked about [bold red]not markup[/] &lt;b&gt;x&lt;/b&gt;" in html
        assert f"{demo_slug}-report-2026-11-25.html" in shown(screen, "#export-status")

        await pilot.press("c")
        await settle(app, pilot)
        assert app.clipboard == html
        assert shown(screen, "#export-status") == (
            f"Copied {len(html):,} characters (through the terminal; if your terminal blocks clipboard access, "
            "press w to write the file)")

        await pilot.press("h", "c")
        await settle(app, pilot)
        assert preview(screen) == markdown and app.clipboard == markdown
        assert HOSTILE_IN_MARKDOWN in markdown
        assert exports(store) == []


async def test_w_writes_the_html_page_private_to_me(make_app, store, demo_slug, hostile_notes, terminal):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_report(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        await pilot.press("w")
        await settle(app, pilot)
        path = store.folder / "exports" / f"{demo_slug}-report-2026-11-25.html"
        assert shown(screen, "#export-status") == f"Written to {path}"
        assert path.read_text(encoding="utf-8") == preview(screen)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


async def test_in_the_linux_console_c_writes_the_file_instead_and_shows_its_path(
        make_app, store, demo_slug, hostile_notes, terminal):
    terminal.setenv("TERM", "linux")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_report(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        path = store.folder / "exports" / f"{demo_slug}-report-2026-11-25.md"
        assert shown(screen, "#export-status") == \
            f"Not copied: the Linux console has no clipboard. Written to {path} instead"
        assert app.clipboard == ""
        assert path.read_text(encoding="utf-8") == preview(screen)
        assert HOSTILE_IN_MARKDOWN in path.read_text(encoding="utf-8")
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def fake_tmux(folder: Path, terminal: pytest.MonkeyPatch, setting: str) -> None:
    """Inside tmux, whose set-clipboard option is ``setting``."""
    script = folder / "tmux"
    script.write_text(f"#!/bin/sh\necho {setting}\n")
    script.chmod(0o700)
    terminal.setenv("PATH", f"{folder}:{os.environ['PATH']}")
    terminal.setenv("TMUX", f"{folder}/socket,4242,0")


@pytest.mark.parametrize("setting", ["external", "off"])
async def test_inside_tmux_without_set_clipboard_on_c_writes_the_file(
        make_app, store, demo_slug, terminal, tmp_path, setting):
    fake_tmux(tmp_path, terminal, setting)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_report(app, pilot)
        await pilot.press("h", "c")
        await settle(app, pilot)
        path = store.folder / "exports" / f"{demo_slug}-report-2026-11-25.html"
        assert shown(screen, "#export-status") == (
            f"Not copied: tmux passes clipboard copies on only with set-clipboard on (it is '{setting}' here). "
            f"Written to {path} instead")
        assert app.clipboard == ""
        assert path.read_text(encoding="utf-8") == preview(screen)


async def test_inside_tmux_with_set_clipboard_on_c_copies(make_app, store, demo_slug, terminal, tmp_path):
    fake_tmux(tmp_path, terminal, "on")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_report(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        assert app.clipboard == preview(screen)
        assert shown(screen, "#export-status").startswith("Copied ")
        assert exports(store) == []


@pytest.mark.parametrize(("environ", "said"), [
    ({"STY": "1234.pts-0.host", "TERM": "screen"}, "GNU screen does not pass clipboard copies on"),
    ({"TERM_PROGRAM": "Apple_Terminal", "TERM": "xterm-256color"},
     "macOS Terminal ignores clipboard copies from programs"),
    ({"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}, None),
])
def test_the_other_terminals_known_to_drop_copies_are_named(environ, said):
    assert clipboard_blocker(environ) == said
