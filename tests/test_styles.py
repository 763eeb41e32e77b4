"""The pair's mentorship style shapes the suggested starters (issue 14, point 13): the
groups it favours come first in "Before next" suggestions and on the starters screen,
which names the style with its tip; no style leaves the order as it was."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from mentortui.core.builtin_content import load_content
from mentortui.core.demo import demo_pair
from mentortui.core.preparation import questions_to_prepare
from mentortui.core.starter_bank import group_rows
from mentortui.core.styles import favoured_groups

from .conftest import TODAY
from .test_prepare_screens import open_pair

CONTENT = load_content()


def test_challenger_puts_its_groups_first_in_the_suggestions():
    pair = demo_pair(TODAY)
    upcoming = pair.next_meeting(TODAY)
    plain = questions_to_prepare(pair, CONTENT, "mentor", upcoming, limit=100)
    pair.expectations.style = "challenger"
    styled = questions_to_prepare(pair, CONTENT, "mentor", upcoming, limit=100)
    assert sorted(q.id for q in styled) == sorted(q.id for q in plain)
    favoured = favoured_groups("challenger")
    assert plain[0].group not in favoured
    count = sum(q.group in favoured for q in styled)
    assert count and all(q.group in favoured for q in styled[:count])
    assert [q.group for q in styled[:count]] == sorted((q.group for q in styled[:count]), key=favoured.index)


def test_no_style_keeps_the_bank_order_of_groups():
    assert group_rows(CONTENT, 3, "regular", None) == group_rows(CONTENT, 3, "regular")
    styled = group_rows(CONTENT, 3, "regular", "challenger")
    assert [row.id for row in styled[1:4]] == ["grow", "goals_progress", "swot"]


async def test_the_starters_screen_names_the_style_and_lists_its_groups_first(make_app, store):
    pair = demo_pair(TODAY)
    pair.expectations.style = "challenger"
    store.create(pair)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "s")
        tip = str(app.screen.query_one("#style", Static).render())
        assert tip == "Style: Challenger \u2014 question the plan and hold the standard high"
        groups = app.screen.query_one("#groups", OptionList)
        titles = [str(groups.get_option_at_index(i).prompt).strip() for i in range(1, 4)]
        assert titles == ["* GROW: Goal, Reality, Options, Will", "* Working towards goals", "* Personal SWOT"]
