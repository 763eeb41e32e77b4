"""Every view shows the current data (issue 10, point 12): a change made on one screen is
on every other screen when you get there, the next meeting's agenda included."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import DataTable, Static

from mentortui.core.demo import demo_pair
from mentortui.screens.action_list import ActionItemsScreen
from mentortui.screens.agenda import AgendaScreen
from mentortui.screens.before_next import BeforeNextScreen
from mentortui.screens.goals import GoalsScreen
from mentortui.screens.pair_home import PairHomeScreen
from mentortui.screens.pair_list import PairListScreen

from .conftest import TODAY
from .test_accountability_screens import replace
from .test_app import settle, type_text
from .test_prepare_screens import rows, saved

DONE = "Share the team's slide template"
NEW = "Send the portfolio link"
TALK = "Present to a non-technical audience"
CHECKIN = f"Goal check-in: {TALK}"


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def press(app, pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(app, pilot)


async def test_a_change_on_one_screen_shows_on_every_other(make_app, store):
    pair = demo_pair(TODAY)
    talk = next(goal for goal in pair.goals if goal.title == TALK)
    talk.checkin_dates = [TODAY - timedelta(days=1), *talk.checkin_dates[1:]]  # a check-in is due
    slug = store.create(pair)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "enter")
        # The agenda is planned first, so the next meeting holds the carried items as they were.
        await press(app, pilot, "a")
        titles = [row[1] for row in rows(app, "#agenda")]
        assert f"Review: {DONE}" in titles and CHECKIN in titles
        await press(app, pilot, "escape")

        # Action items: one marked done, one added.
        await press(app, pilot, "i")
        assert isinstance(app.screen, ActionItemsScreen)
        table = app.screen.query_one("#items", DataTable)
        table.move_cursor(row=[row[0] for row in rows(app, "#items")].index(DONE))
        await press(app, pilot, "space")
        await press(app, pilot, "n")
        await type_text(pilot, NEW)
        await pilot.click("#due")
        await type_text(pilot, "+1w")
        await press(app, pilot, "enter")
        assert NEW in [row[0] for row in rows(app, "#items")]
        await press(app, pilot, "escape")

        # The pair home.
        assert isinstance(app.screen, PairHomeScreen)
        open_items = [row[0] for row in rows(app, "#action-items")]
        assert NEW in open_items and DONE not in open_items

        # Before next: the coming agenda and what is owed follow the items.
        await press(app, pilot, "b")
        assert isinstance(app.screen, BeforeNextScreen)
        coming = text_of(app, "#coming")
        assert f"- {NEW} (2 min)" in coming
        assert DONE not in coming
        assert f"- {CHECKIN} (5 min)" in coming
        owed = text_of(app, "#owed")
        assert f"- {NEW}" in owed and DONE not in owed

        # From there to the goals (through search), a check-in, and back.
        await press(app, pilot, "slash")
        await type_text(pilot, "pieces of written feedback")
        await press(app, pilot, "enter", "enter")
        assert isinstance(app.screen, GoalsScreen)
        table = app.screen.query_one("#goals", DataTable)
        table.move_cursor(row=[row[0] for row in rows(app, "#goals")].index(TALK))
        await press(app, pilot, "c")
        await replace(pilot, "#progress", "25")
        await pilot.click("#note")
        await type_text(pilot, "rehearsed once")
        await press(app, pilot, "enter")
        assert "25%" in next(row[3] for row in rows(app, "#goals") if row[0] == TALK)
        await press(app, pilot, "escape")
        assert isinstance(app.screen, BeforeNextScreen)
        assert CHECKIN not in text_of(app, "#coming")
        assert f"25%  {TALK}" in text_of(app, "#goals")
        await press(app, pilot, "escape")

        assert isinstance(app.screen, PairHomeScreen)
        assert f" 25% {TALK}" in text_of(app, "#goals-text")

        # The agenda itself.
        await press(app, pilot, "a")
        assert isinstance(app.screen, AgendaScreen)
        titles = [row[1] for row in rows(app, "#agenda")]
        assert f"Review: {NEW}" in titles
        assert f"Review: {DONE}" not in titles and CHECKIN not in titles
        await press(app, pilot, "escape")

        # The pair list: one overdue item fewer.
        await saved(app, pilot)
        await press(app, pilot, "escape")
        assert isinstance(app.screen, PairListScreen)
        listed = rows(app, "#pairs")[0]
        assert (listed[3], listed[4]) == ("4", "1 overdue")

    upcoming = store.load(slug).next_meeting(TODAY)
    carried = [item.title for item in upcoming.agenda if item.source in ("action_item", "goal_checkin")]
    assert NEW in carried and DONE not in carried and CHECKIN not in carried
