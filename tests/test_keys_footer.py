"""The footer of every screen: it shows the keys of what has the focus, and builds its keys
again only when they change (Textual's Footer rebuilds them on every focus change)."""

from __future__ import annotations

from textual.widgets import Input, Select
from textual.widgets._footer import FooterKey

from mentortui.screens.action_list import ActionItemsScreen
from mentortui.screens.agenda import AgendaScreen
from mentortui.screens.pair_list import PairListScreen

from .test_app import settle
from .test_prepare_screens import open_pair


def footer_keys(app) -> list[tuple[str, str]]:
    return [(key.key_display, key.description) for key in app.screen.query(FooterKey)]


async def tab_round(app, pilot) -> list[tuple[object, list[FooterKey]]]:
    """Tab once round the screen's focus chain; what has the focus and the footer's key
    widgets at each stop."""
    stops = []
    for _ in app.screen.focus_chain:
        await pilot.press("tab")
        await pilot.pause()
        stops.append((app.focused, list(app.screen.query(FooterKey))))
    return stops


async def test_the_agenda_footer_is_built_again_only_where_its_keys_change(make_app, demo_slug):
    """Round the agenda screen: the list and its buttons share their keys; a text field
    takes the letters, so its footer has only the keys that still work there."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "a")
        assert isinstance(app.screen, AgendaScreen)
        previous = list(app.screen.query(FooterKey))
        previous_keys = footer_keys(app)
        kept = 0
        for focused, widgets in await tab_round(app, pilot):
            keys = [(key.key_display, key.description) for key in widgets]
            if isinstance(focused, Input):
                assert keys == [("f5", "Start meeting"), ("f1", "Help"), ("^p", "palette")], focused
            else:
                assert ("n", "New item") in keys and ("q", "Quit") in keys, focused
            if keys == previous_keys:
                assert widgets == previous, f"the footer was built again when {focused} took the focus"
                kept += 1
            previous, previous_keys = widgets, keys
        assert kept >= 5  # the list and the buttons


async def test_the_footer_shows_the_keys_of_what_has_the_focus(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "i")
        assert isinstance(app.screen, ActionItemsScreen)
        assert ("space", "Done") in footer_keys(app)  # the list has the focus

        await pilot.press("shift+tab")  # to the last filter
        await pilot.pause()
        assert isinstance(app.focused, Select)
        assert ("space", "Done") not in footer_keys(app)
        assert ("f", "Filter") in footer_keys(app)

        await pilot.press("tab")  # back to the list
        await pilot.pause()
        assert ("space", "Done") in footer_keys(app)


async def test_the_pair_list_footer_stays_through_a_round_of_tabs(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, PairListScreen)
        shown = list(app.screen.query(FooterKey))
        assert ("^p", "palette") in footer_keys(app)
        for _, widgets in await tab_round(app, pilot):
            assert widgets == shown
