"""The app shell driven as a person drives it: the pair list, creating a pair, the pair home."""

from __future__ import annotations

import json

import pytest
from rich.text import Text
from textual import events
from textual.widgets import DataTable, Static

from mentortui.screens.pair_home import PairHomeScreen
from mentortui.screens.pair_list import PairListScreen

from .conftest import TODAY


def screen_text(app) -> str:
    """Everything the current screen shows, as plain text."""
    parts = []
    for widget in app.screen.query("Static, DataTable"):
        if isinstance(widget, DataTable):
            for row in range(widget.row_count):
                parts.append(" | ".join(str(cell) for cell in widget.get_row_at(row)))
        elif isinstance(widget, Static):
            content = widget.render()
            parts.append(str(content.plain if isinstance(content, Text) else content))
    return "\n".join(parts)


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    """Put ``text`` into the focused field as the terminal does for a paste: one event,
    where a press per letter would make the pilot wait twice per letter. Tests about
    typing itself (keys landing during a save, undo) press keys one by one instead."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def test_pair_list_shows_demo_pair_and_counts(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, PairListScreen)
        table = app.screen.query_one("#pairs", DataTable)
        assert table.row_count == 1
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row[0] == "Priya Raman" and row[1] == "Dana Okafor"
        assert row[2] == "Sat 28 Nov 18:00 (in 3 days)"
        assert row[3] == "4" and row[4] == "2 overdue"
        assert row[5] == "Wed 11 Nov 18:00"


async def test_create_pair_in_app_then_reopen(make_app, store):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await type_text(pilot, "Ada [bold]Lovelace[/]")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "Grace Hopper")
        await pilot.press("tab")
        await type_text(pilot, "she/her")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        table = app.screen.query_one("#pairs", DataTable)
        assert [str(cell) for cell in table.get_row_at(0)][:2] == ["Grace Hopper", "Ada [bold]Lovelace[/]"]
        await pilot.press("q")
    assert store.slugs() == ["grace-with-ada"]
    saved = json.loads(store.path_for("grace-with-ada").read_text())
    assert saved["pair"]["1"]["mentee"]["pronouns"] == "she/her"

    reopened = make_app()
    async with reopened.run_test(size=(120, 40)) as pilot:
        await settle(reopened, pilot)
        await pilot.press("enter")
        await settle(reopened, pilot)
        assert isinstance(reopened.screen, PairHomeScreen)
        text = screen_text(reopened)
        assert "Grace Hopper with Ada [bold]Lovelace[/]" in text
        assert "Mentee: Grace Hopper (she/her)" in text
        assert "Next: none planned" in text


async def test_new_pair_form_reports_missing_names(make_app, store):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert str(app.screen.query_one("#mentor-name-error").render()) == "Must not be empty."
        assert str(app.screen.query_one("#mentee-name-error").render()) == "Must not be empty."
        assert app.focused.id == "mentor-name"
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, PairListScreen)
    assert store.slugs() == []


async def test_open_pair_shows_facts_and_open_items_then_escape_back(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        text = screen_text(app)
        assert "Next: Sat 28 Nov 18:00 (in 3 days), regular meeting" in text
        assert "Rewrite the forecast README to lead with the question | Mentee | Sun 15 Nov | 10 days overdue" in text
        assert "Outline the lightning talk together | Both | Mon 7 Dec | due in 12 days" in text
        assert "40% Build a portfolio of three data projects" in text
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, PairListScreen)


async def test_demo_option_opens_demo_pair_home(make_app, store):
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        # Made on one thread, then opened on another, which settle does not wait for.
        await wait_for_screen(pilot, PairHomeScreen)
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        assert "Priya Raman with Dana Okafor" in screen_text(app)
        assert app.screen.has_class("-narrow")


async def test_pair_open_elsewhere_offers_read_only(make_app, store, demo_slug):
    holder = store.open(demo_slug)
    try:
        app = make_app(open_pair=demo_slug)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            message = str(app.screen.query_one("#message", Static).render())
            assert "is open in another mentortui" in message
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, PairHomeScreen)
            assert "(read-only" in screen_text(app)
    finally:
        holder.close()


async def test_damaged_pair_is_named_while_good_pairs_list(make_app, store, demo_slug):
    bad = store.folder / "broken.json"
    bad.write_text('{"pair": {"1": {"mentor": ')
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.screen.query_one("#pairs", DataTable).row_count == 1
        problems = str(app.screen.query_one("#problems", Static).render())
        assert f"Cannot read {bad}: not valid JSON" in problems
    assert bad.read_text() == '{"pair": {"1": {"mentor": '


async def test_contact_warning_after_two_quiet_weeks(make_app, store):
    from datetime import datetime, timedelta

    from mentortui.core.models import Meeting, Pair, Person

    last = datetime.combine(TODAY - timedelta(days=20), datetime.min.time())
    store.create(Pair(
        mentor=Person(name="M"), mentee=Person(name="E"), started_on=TODAY - timedelta(days=60),
        meetings=[Meeting(scheduled=last, started_at=last, ended_at=last + timedelta(hours=1))],
    ))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        row = [str(cell) for cell in app.screen.query_one("#pairs", DataTable).get_row_at(0)]
        assert row[-1] == "! last contact 20 days ago, nothing planned"


async def wait_for_screen(pilot, screen_type) -> None:
    for _ in range(500):
        if isinstance(pilot.app.screen, screen_type):
            return
        await pilot.pause(0.01)
    raise AssertionError(f"{screen_type.__name__} never opened")


async def test_quitting_the_moment_the_pair_home_opens_ends_cleanly(make_app, demo_slug):
    """A quit (or a signal) that lands while the new screen's first resume is still queued:
    the app ends without an error, whatever the screen had left to show."""
    app = make_app(open_pair=demo_slug)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, PairHomeScreen)
        app.exit()
    assert app.return_code == 0


@pytest.mark.parametrize("key", ["a", "b"])
async def test_quitting_the_moment_a_screen_opens_from_the_pair_home_ends_cleanly(make_app, demo_slug, key):
    app = make_app(open_pair=demo_slug)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, PairHomeScreen)
        await settle(app, pilot)
        home = app.screen
        await pilot.press(key)
        for _ in range(500):
            if app.screen is not home:
                break
            await pilot.pause(0.01)
        await pilot.press("escape")
        app.exit()
    assert app.return_code == 0
