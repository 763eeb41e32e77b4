"""The pair home keeps the action items, goals and Before next screens once built and shows
them again on later visits: each visit starts as a first one did and shows what changed on
the other screens since."""

from __future__ import annotations

from textual.widgets import Select, Static
from textual.widgets._footer import FooterKey

from mentortui.screens.action_list import ActionItemsScreen
from mentortui.screens.before_next import BeforeNextScreen
from mentortui.screens.goals import GoalsScreen
from mentortui.screens.pair_home import PairHomeScreen
from mentortui.widgets.fields import chosen

from .test_app import settle
from .test_pair_form import fill
from .test_prepare_screens import open_pair, rows

OPEN_ITEMS = ["Rewrite the forecast README to lead with the question", "Share the team's slide template",
              "Book interviews five and six", "Outline the lightning talk together"]


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def footer_keys(app) -> list[str]:
    return [key.description for key in app.screen.query(FooterKey) if key.description]


async def press(app, pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(app, pilot)


async def mark_overdue_done(app, pilot, position: int) -> str:
    """On the action items screen: show the overdue items and mark the one at ``position`` done."""
    await press(app, pilot, "f", *["down"] * position)
    text = rows(app, "#items")[position][0]
    await press(app, pilot, "space")
    return text


async def built_ahead(app, pilot) -> list:
    """Have the pair home build its kept screens behind it, as it does once a person has
    read it for a moment (a headless app, as here, leaves that to the test); they, in the
    order built."""
    home = app.screen
    assert isinstance(home, PairHomeScreen)
    await home.kept.build_ahead()
    await settle(app, pilot)
    return home.kept.built()


async def test_the_kept_screens_are_built_behind_the_pair_home_and_open_on_the_pair_as_it_is(
        make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "e")  # the pair form over the pair home
        await fill(pilot, "mentee-name", "Priya R.")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        home = app.screen
        built = await built_ahead(app, pilot)
        assert [type(screen) for screen in built] == [ActionItemsScreen, GoalsScreen, BeforeNextScreen]
        assert app.screen is home and "Before next" in footer_keys(app)

        await press(app, pilot, "e")  # renamed again once they were built: they show it
        await fill(pilot, "mentee-name", "Priya Raman-Okafor")
        await press(app, pilot, "ctrl+s")
        await press(app, pilot, "i")
        assert app.screen is built[0]
        assert app.screen.sub_title == "Action items · Priya Raman-Okafor with Dana Okafor"
        assert chosen(app.screen.query_one("#status", Select)) == "open"
        assert [row[0] for row in rows(app, "#items")] == OPEN_ITEMS
        assert footer_keys(app)[:3] == ["Done", "Push date", "Edit"]
        await press(app, pilot, "escape", "g")
        assert app.screen is built[1]
        assert app.screen.sub_title == "Goals · Priya Raman-Okafor with Dana Okafor"
        assert rows(app, "#goals")
        await press(app, pilot, "escape", "b")
        assert app.screen is built[2]
        assert app.screen.sub_title == "Before our next meeting · Priya Raman-Okafor with Dana Okafor"
        assert "meeting 6 of 6" in shown(app, "#notes-title")


async def test_action_items_are_built_once_and_open_again_on_the_open_items(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "i")
        first = app.screen
        assert isinstance(first, ActionItemsScreen)
        await press(app, pilot, "f", "f", "f", "end")  # open -> overdue -> due this week -> done
        assert chosen(first.query_one("#status", Select)) == "done"
        await press(app, pilot, "escape", "i")
        assert app.screen is first
        assert chosen(first.query_one("#status", Select)) == "open"
        assert [row[0] for row in rows(app, "#items")] == OPEN_ITEMS
        assert first.query_one("#items").cursor_row == 0
        assert footer_keys(app)[:3] == ["Done", "Push date", "Edit"]


async def test_an_item_marked_done_is_gone_from_the_pair_home_on_return(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "i")
        done = await mark_overdue_done(app, pilot, 0)
        await press(app, pilot, "escape")
        assert isinstance(app.screen, PairHomeScreen)
        home_items = [row[0] for row in rows(app, "#action-items")]
        assert done not in home_items and len(home_items) == 3
        assert "Action items" in footer_keys(app)
        await press(app, pilot, "i")
        assert shown(app, "#summary").startswith("3 open, 1 overdue")


async def test_goals_shown_again_count_an_item_done_since(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "g")
        goals = app.screen
        assert isinstance(goals, GoalsScreen)

        def open_count() -> str:
            return next(row for row in rows(app, "#goals") if row[0].startswith("Build a portfolio"))[-1]

        assert open_count() == "1"
        await press(app, pilot, "escape", "i")
        await mark_overdue_done(app, pilot, 0)  # the portfolio's README item
        await press(app, pilot, "escape", "g")
        assert app.screen is goals
        assert open_count() == "0"


async def test_before_next_shown_again_starts_on_the_last_notes_and_shows_what_is_owed_now(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "b")
        before = app.screen
        assert isinstance(before, BeforeNextScreen)
        last = shown(app, "#notes-title")
        assert "Share the team's slide template" in shown(app, "#owed")
        await press(app, pilot, "left_square_bracket")
        assert shown(app, "#notes-title") != last
        await press(app, pilot, "escape", "i")
        await mark_overdue_done(app, pilot, 1)  # the mentor's slide template
        await press(app, pilot, "escape", "b")
        assert app.screen is before
        assert shown(app, "#notes-title") == last
        assert "Share the team's slide template" not in shown(app, "#owed")


async def test_closing_the_pair_lets_its_kept_screens_go(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "g")
        goals = app.screen
        await press(app, pilot, "escape", "escape")  # goals -> pair home -> the pair list
        assert not isinstance(app.screen, PairHomeScreen)
        assert not app.is_screen_installed(goals) and not goals.is_attached


async def test_a_theme_chosen_while_a_kept_screen_is_away_shows_on_it_when_it_comes_back(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "i")

        def table_background():
            return app.screen.query_one("#items").styles.background

        dark = table_background()
        await press(app, pilot, "escape")
        app.theme = "textual-light"  # as the palette's theme picker sets it
        await press(app, pilot, "i")
        light = table_background()
        assert light != dark
        await press(app, pilot, "escape")
        app.theme = "textual-dark"
        await press(app, pilot, "i")
        assert table_background() == dark
