"""Double-clicks and fast repeated clicks on every table: no crash, nothing done twice.

The clicks are posted to the app the way the terminal driver posts them (a mouse-down and a
mouse-up per click, the app turning them into clicks and double-clicks), so the second click
of a double-click lands on whatever screen is showing by then, as it does for a person.
"""

from __future__ import annotations

import asyncio

import pytest
from textual import events
from textual.widget import Widget
from textual.widgets import DataTable, OptionList

from mentortui.dialogs.confirm import ConfirmScreen
from mentortui.dialogs.search import SearchScreen
from mentortui.screens.action_list import ActionItemsScreen
from mentortui.screens.agenda import AgendaScreen
from mentortui.screens.before_next import BeforeNextScreen
from mentortui.screens.goals import GoalsScreen
from mentortui.screens.meeting import MeetingScreen
from mentortui.screens.pair_home import PairHomeScreen
from mentortui.screens.pair_home_body import PairHomeBody
from mentortui.screens.pair_list import PairListScreen
from mentortui.screens.starters import StartersScreen

from .test_app import settle, type_text


def post_click(app, x: int, y: int) -> None:
    """One click as the terminal sends it: mouse down, mouse up (the app makes the Click)."""
    for event_class in (events.MouseDown, events.MouseUp):
        app.post_message(event_class(None, x, y, 0, 0, 1, False, False, False, screen_x=x, screen_y=y))


def row_point(widget: Widget, row: int = 0) -> tuple[int, int]:
    """Screen coordinates of a table's (or option list's) ``row``, a little in from the left."""
    header = 1 if isinstance(widget, DataTable) and widget.show_header else 0
    return widget.content_region.x + 3, widget.content_region.y + header + row


async def click_burst(app, pilot, widget: Widget, times: int, row: int = 0) -> None:
    """``times`` clicks on one row as fast as a hand can: all queued before any is handled."""
    x, y = row_point(widget, row)
    for _ in range(times):
        post_click(app, x, y)
    await settle(app, pilot)


def assert_running(app) -> None:
    assert app.is_running and app.return_code is None


def stack(app) -> list[type]:
    return [type(screen) for screen in app.screen_stack]


async def open_home(app, pilot) -> None:
    await settle(app, pilot)
    await pilot.press("enter")
    await settle(app, pilot)
    assert stack(app) == [PairListScreen, PairHomeScreen]


@pytest.mark.parametrize("times", [2, 3, 5])
async def test_clicks_on_a_pair_row_open_it_once(make_app, demo_slug, times):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await click_burst(app, pilot, app.screen.query_one("#pairs"), times)
        assert_running(app)
        assert stack(app) == [PairListScreen, PairHomeScreen]


async def test_enter_twice_on_a_pair_opens_it_once(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for _ in range(2):  # as fast as a key repeats: both before the pair has loaded
            app.post_message(events.Key("enter", "\r"))
        await settle(app, pilot)
        assert_running(app)
        assert stack(app) == [PairListScreen, PairHomeScreen]


@pytest.mark.parametrize("turns", [5, 20])
async def test_second_click_landing_on_the_pair_home_while_it_builds(make_app, demo_slug, turns):
    """The reported crash: the second click of the double-click arrives just after the pair
    home is up, while it rebuilds its body (the first click was on the pair row)."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        x, y = row_point(app.screen.query_one("#pairs"))
        post_click(app, x, y)
        while not isinstance(app.screen, PairHomeScreen):
            await asyncio.sleep(0)
        for _ in range(turns):
            await asyncio.sleep(0)
        post_click(app, x, y)
        await settle(app, pilot)
        assert_running(app)
        assert stack(app) == [PairListScreen, PairHomeScreen]


async def test_click_on_a_widget_removed_before_the_next_layout(make_app, demo_slug):
    """Whatever removed it, a click on a widget that just went away does nothing."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_home(app, pilot)
        facts = app.screen.query_one("#facts-text")
        x, y = facts.region.x + 2, facts.region.y
        app.screen.query_one(PairHomeBody).refresh(recompose=True)
        for _ in range(3):
            post_click(app, x, y)
            await asyncio.sleep(0)
        await settle(app, pilot)
        assert_running(app)
        assert app.screen.query_one("#facts-text").is_attached


async def test_clicks_on_the_pair_home_action_table(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_home(app, pilot)
        table = app.screen.query_one("#action-items", DataTable)
        await click_burst(app, pilot, table, 2, row=1)
        await pilot.double_click(table, offset=(3, 2))
        await click_burst(app, pilot, table, 5, row=0)
        assert_running(app)
        assert stack(app) == [PairListScreen, PairHomeScreen]
        assert table.cursor_row == 0


@pytest.mark.parametrize(("key", "screen_class", "selector"), [
    ("a", AgendaScreen, "#agenda"),
    ("i", ActionItemsScreen, "#items"),
    ("g", GoalsScreen, "#goals"),
    ("s", StartersScreen, "#questions"),
    ("s", StartersScreen, "#groups"),
])
async def test_clicks_on_each_pair_table(make_app, demo_slug, key, screen_class, selector):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_home(app, pilot)
        await pilot.press(key)
        await settle(app, pilot)
        widget = app.screen.query_one(selector)
        await click_burst(app, pilot, widget, 2, row=1)
        await pilot.double_click(widget, offset=(3, 2))
        await click_burst(app, pilot, widget, 6, row=0)
        assert_running(app)
        assert stack(app) == [PairListScreen, PairHomeScreen, screen_class]


async def test_clicks_on_the_meeting_agenda_list(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_home(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        if isinstance(app.screen, ConfirmScreen):  # starting days before the planned date asks
            await pilot.click("#yes")
            await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        table = app.screen.query_one("#items", DataTable)
        await click_burst(app, pilot, table, 2, row=2)
        await click_burst(app, pilot, table, 5, row=1)
        assert_running(app)
        assert stack(app) == [PairListScreen, PairHomeScreen, MeetingScreen]
        assert table.cursor_row == 1


async def test_clicks_on_before_next_and_its_search_results(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_home(app, pilot)
        await pilot.press("b")
        await settle(app, pilot)
        await click_burst(app, pilot, app.screen.query_one("#owed"), 5)
        await pilot.press("slash")
        await type_text(pilot, "portfolio")
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        results = app.screen.query_one("#results", OptionList)
        assert results.option_count > 1
        await click_burst(app, pilot, results, 2)
        assert_running(app)
        # One result chosen: the search closes once, and "before next" stays open.
        assert stack(app) == [PairListScreen, PairHomeScreen, BeforeNextScreen]
