"""Small terminals and the mouse: the live meeting at 80x24 and down to 60x20 (the notes
keep 40 columns, the status line's parts never run together, the captured panel is a
toggle by key and by click), and every screen's footer shows all its keys at 80 and 120
columns (at 60, those that fit, each whole, and always Help), the keys it leaves out still
reachable from the palette with the mouse."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets import DataTable, Footer
from textual.widgets._footer import FooterKey

from mentortui.dialogs.contact_log import ContactLogScreen
from mentortui.screens.meeting import MeetingScreen
from mentortui.screens.pair_home import PairHomeScreen
from mentortui.screens.sync_review import SyncReviewScreen
from mentortui.widgets.meeting_agenda import fit_parts

from .conftest import TODAY
from .review_items import pair_with_review
from .test_app import settle, type_text
from .test_narrow_tables import screen_lines


def test_the_status_line_leaves_out_its_least_important_parts_first():
    parts = [(Text("Regular meeting  "), 4), (Text("47:10"), 0), (Text(" of 45:00"), 2),
             (Text("  OVER by 2:10"), 0), (Text("  ·  item 3 of 9"), 3)]
    assert fit_parts(parts, 80).plain == "Regular meeting  47:10 of 45:00  OVER by 2:10  ·  item 3 of 9"
    assert fit_parts(parts, 50).plain == "47:10 of 45:00  OVER by 2:10  ·  item 3 of 9"
    assert fit_parts(parts, 30).plain == "47:10 of 45:00  OVER by 2:10"
    assert fit_parts(parts, 20).plain == "47:10  OVER by 2:10"
    assert fit_parts(parts, 10).plain == "47:10"
    assert fit_parts(parts, 3).plain == "47…"


async def start_meeting(app, pilot) -> None:
    await settle(app, pilot)
    for key in ("enter", "m", "enter"):
        await pilot.press(key)
        await settle(app, pilot)
    assert isinstance(app.screen, MeetingScreen)
    await pilot.pause()


def status_line(app) -> str:
    bar = app.screen.query_one("#status-bar")
    return screen_lines(app)[bar.region.y]


def notes_columns(app) -> int:
    return app.screen.query_one("#notes").content_region.width


def shows(app, selector: str) -> bool:
    widget = app.screen.query_one(selector)
    return widget.display and widget.region.width > 0


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_the_meeting_keeps_forty_columns_of_notes_and_a_readable_status_line(make_app, demo_slug, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await start_meeting(app, pilot)
        assert notes_columns(app) >= 40
        line = status_line(app)
        assert "0:00 of 45:00" in line
        assert "F4 show captured (0)  saved 17:00:00" in line
        assert "ofsaved" not in line and "of saved" not in line
        table = app.screen.query_one("#items", DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert not shows(app, "#captured")


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_f4_shows_the_captured_panel_in_the_agendas_place_and_escape_brings_the_agenda_back(
        make_app, demo_slug, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await start_meeting(app, pilot)
        await type_text(pilot, "todo: Priya sends the draft by fri")
        await pilot.press("enter")
        await settle(app, pilot)
        assert "F4 show captured (1)" in status_line(app)
        if size == (80, 24):  # the capture's own key (ctrl+z) is named by its message, not the footer
            assert footer_keys_cut_off(app) == []
        await pilot.press("f4")
        await settle(app, pilot)
        assert shows(app, "#captured") and not shows(app, "#items")
        assert "Priya sends the draft" in "\n".join(screen_lines(app))
        assert "F4 hide captured (1)" in status_line(app)
        assert notes_columns(app) >= 40
        assert app.screen.focused is app.screen.query_one("#notes")
        await pilot.press("escape")
        await settle(app, pilot)
        assert shows(app, "#items") and not shows(app, "#captured")
        assert app.screen.focused is app.screen.query_one("#items")


async def test_a_click_on_the_status_lines_label_shows_and_hides_the_captured_panel(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_meeting(app, pilot)
        assert await pilot.click("#captured-toggle")
        await settle(app, pilot)
        assert shows(app, "#captured")
        assert await pilot.click("#captured-toggle")
        await settle(app, pilot)
        assert not shows(app, "#captured") and shows(app, "#items")


async def test_a_wide_meeting_shows_the_panel_beside_the_agenda_until_f4_hides_it(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await start_meeting(app, pilot)
        assert shows(app, "#captured") and shows(app, "#items")
        assert notes_columns(app) >= 40
        assert "F4 hide captured (0)" in status_line(app)
        await pilot.press("f4")
        await settle(app, pilot)
        assert not shows(app, "#captured") and shows(app, "#items")
        await pilot.resize_terminal(80, 24)
        await settle(app, pilot)
        assert not shows(app, "#captured") and "F4 show captured (0)" in status_line(app)


# Screens by the keys that reach them from the pair list; "meeting_agenda" is the meeting
# with the agenda list focused, which adds its own keys.
FOOTER_SCREENS = {
    "pair_list": (),
    "pair_home": ("enter",),
    "agenda": ("enter", "a"),
    "starters": ("enter", "s"),
    "meeting": ("enter", "m", "enter"),
    "meeting_agenda": ("enter", "m", "enter", "escape"),
    "action_items": ("enter", "i"),
    "goals": ("enter", "g"),
    "before_next": ("enter", "b"),
    "export": ("enter", "x"),
    "sync_review": ("r",),  # opened on a pair with things to review
}


def footer_keys_cut_off(app) -> list[str]:
    """The footer's keys that do not show whole on its line, before the palette's key."""
    footer = app.screen.query_one(Footer)
    line = screen_lines(app)[footer.region.y].split("▏")[0]
    keys = [key for key in footer.query(FooterKey) if not key.has_class("-command-palette")]
    assert keys
    return [f"{key.key_display} {key.description}" for key in keys
            if f" {key.key_display} {key.description} " not in f" {line} "]


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("name", FOOTER_SCREENS)
async def test_every_footer_shows_all_its_keys(make_app, store, demo_slug, name, width):
    app = make_app(open_pair=store.create(pair_with_review(TODAY))) if name == "sync_review" else make_app()
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(app, pilot)
        for key in FOOTER_SCREENS[name]:
            await pilot.press(key)
            await settle(app, pilot)
        if name == "sync_review":
            assert isinstance(app.screen, SyncReviewScreen)
        assert footer_keys_cut_off(app) == []
        shown = [key.description for key in app.screen.query_one(Footer).query(FooterKey)]
        wanted = footer_keys_wanted(app)
        assert {"Help", "palette"} & set(wanted) <= set(shown)  # always there, where the screen has them
        if width >= 80:
            assert shown == wanted, "a key was left out of a wide footer"


def footer_keys_wanted(app) -> list[str]:
    """Every key the screen's footer is to show, one per action, as Textual's Footer does."""
    actions = {}
    for key, (_, binding, _, _) in app.screen.active_bindings.items():
        if binding.show and key != app.COMMAND_PALETTE_BINDING:
            actions.setdefault(binding.action, binding.description)
    palette = app.screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
    return [*actions.values(), *(["palette"] if palette is not None else [])]


async def test_a_key_moved_off_the_footer_is_a_click_away_in_the_palette(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        assert "Log contact" not in screen_lines(app)[-1]
        assert await pilot.click(".-command-palette")
        await settle(app, pilot)
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "Log a contact")
        results = app.screen.query_one(CommandList)
        while not results.option_count:  # the palette searches in the background
            await pilot.pause()
        assert await pilot.click(CommandList, offset=(2, 1))
        await settle(app, pilot)
        assert isinstance(app.screen, ContactLogScreen)
