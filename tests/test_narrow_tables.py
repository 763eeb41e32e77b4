"""Every table fits its terminal: at 80x24 and at 120x40 each table's header shows the
titles of the columns it keeps, whole, and no table scrolls sideways."""

from __future__ import annotations

import re

import pytest
from textual.widgets import DataTable

from mentortui.screens.meeting import MeetingScreen

from .test_app import settle

FULL_ACTIONS = ["What", "Who", "Delivery", "When", "Status", "Meeting", "Goal"]
FULL_PAIRS = ["Mentee", "Mentor", "Next meeting", "Open", "Overdue", "Last meeting", "Stage", "Contact"]
FULL_GOALS = ["Goal", "Term", "Status", "Progress", "Complete by", "Next check-in", "Open"]
HOME_ITEMS = ["What", "Who", "Delivery", "When"]

# (keys from the pair list, table, its titles at 80x24, its titles at 120x40)
TABLES = {
    "pair_list": ((), "#pairs", ["Mentee", "Mentor", "Next meeting", "Contact"], FULL_PAIRS),
    "pair_home": (("enter",), "#action-items", HOME_ITEMS, HOME_ITEMS),
    "action_items": (("enter", "i"), "#items", ["What", "Who", "Delivery", "When", "Status"], FULL_ACTIONS),
    "agenda": (("enter", "a"), "#agenda", ["#", "Item", "Min", "From"], ["#", "Item", "Min", "From"]),
    "starters": (("enter", "s"), "#questions", ["Question", "Asked"], ["Question", "Asked"]),
    "goals": (("enter", "g"), "#goals", ["Goal", "Status", "Progress", "Complete by", "Open"], FULL_GOALS),
    "meeting": (("enter", "m", "enter"), "#items", ["Item", "Time"], ["Item", "Time"]),
}
SIZES = {"narrow": (80, 24), "wide": (120, 40)}


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def header_titles(app, table: DataTable) -> list[str]:
    """The column titles on the table's header line, as the terminal shows them."""
    region = table.content_region
    line = screen_lines(app)[region.y][region.x:region.right]
    return re.split(r" {2,}", line.strip(" ▌"))


def assert_fits(app, table: DataTable, titles: list[str]) -> None:
    assert header_titles(app, table) == titles
    assert table.virtual_size.width <= table.scrollable_content_region.width
    assert not table.show_horizontal_scrollbar


async def open_screen(app, pilot, keys: tuple[str, ...]) -> None:
    await settle(app, pilot)
    for key in keys:
        await pilot.press(key)
        await settle(app, pilot)


async def bring_into_view(app, pilot, table: DataTable) -> None:
    """Tab to the table, as a person does, which scrolls it into view."""
    for _ in range(5):
        if app.screen.focused is table:
            break
        await pilot.press("tab")
        await settle(app, pilot)
    assert app.screen.focused is table
    assert table.content_region.y < app.size.height - 1


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", TABLES)
async def test_every_table_fits_the_terminal(make_app, demo_slug, name, size):
    keys, selector, narrow_titles, wide_titles = TABLES[name]
    app = make_app()
    async with app.run_test(size=SIZES[size]) as pilot:
        await open_screen(app, pilot, keys)
        if name == "meeting":
            assert isinstance(app.screen, MeetingScreen)
        table = app.screen.query_one(selector, DataTable)
        if name == "pair_home":
            await bring_into_view(app, pilot, table)
        assert_fits(app, table, narrow_titles if size == "narrow" else wide_titles)


async def test_action_items_keep_their_row_when_the_terminal_narrows_and_widens(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(app, pilot, ("enter", "i"))
        table = app.screen.query_one("#items", DataTable)
        await pilot.press("down", "down")
        chosen = table.get_row_at(2)[0]
        await pilot.resize_terminal(80, 24)
        await settle(app, pilot)
        assert_fits(app, table, ["What", "Who", "Delivery", "When", "Status"])
        assert table.get_row_at(table.cursor_row)[0] == chosen
        await pilot.resize_terminal(120, 40)
        await settle(app, pilot)
        assert_fits(app, table, FULL_ACTIONS)
        assert table.get_row_at(table.cursor_row)[0] == chosen


async def test_long_action_text_on_the_pair_home_is_cut_with_an_ellipsis(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(app, pilot, ("enter",))
        table = app.screen.query_one("#action-items", DataTable)
        await bring_into_view(app, pilot, table)
        row = next(line for line in screen_lines(app) if "Rewrite the forecast README" in line)
        assert "…" in row and "question" not in row
        assert "Mentee" in row and "10 days overdue" in row
