"""Deleting can be undone: `d` says how to take it back, and `u` puts the item back where
it was and saves it, on the agenda and among the pair's own conversation starters."""

from __future__ import annotations

from mentortui.screens.agenda import AgendaScreen
from mentortui.screens.starters import StartersScreen

from .conftest import TODAY
from .test_app import settle, type_text
from .test_prepare_screens import open_pair, rows, saved


def messages(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


def planned_titles(store, slug: str) -> list[str]:
    return [item.title for item in store.load(slug).next_meeting(TODAY).agenda]


async def test_deleting_an_agenda_item_can_be_undone_in_place(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "a")
        assert isinstance(app.screen, AgendaScreen)
        before = [row[1] for row in rows(app, "#agenda")]
        stored = planned_titles(store, demo_slug)
        await pilot.press("down", "d")
        await saved(app, pilot)
        assert [row[1] for row in rows(app, "#agenda")] == before[:1] + before[2:]
        assert f"Deleted “{stored[1]}” — press u to undo" in messages(app)
        assert planned_titles(store, demo_slug) == stored[:1] + stored[2:]

        await pilot.press("u")
        await saved(app, pilot)
        assert [row[1] for row in rows(app, "#agenda")] == before
        assert app.screen.query_one("#agenda").cursor_row == 1
        assert planned_titles(store, demo_slug) == stored

        await pilot.press("u")  # nothing left to undo: nothing changes
        await pilot.pause()
        assert "Nothing deleted to undo" in messages(app)
        assert [row[1] for row in rows(app, "#agenda")] == before


async def test_several_deletes_undo_newest_first(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "a")
        before = [row[1] for row in rows(app, "#agenda")]
        stored = planned_titles(store, demo_slug)
        await pilot.press("d", "d")
        await pilot.pause()
        assert [row[1] for row in rows(app, "#agenda")] == before[2:]
        await pilot.press("u")
        await pilot.pause()
        assert [row[1] for row in rows(app, "#agenda")] == before[1:]
        await pilot.press("u")
        await saved(app, pilot)
        assert [row[1] for row in rows(app, "#agenda")] == before
    assert planned_titles(store, demo_slug) == stored


async def test_removing_an_own_question_can_be_undone(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "s")
        assert isinstance(app.screen, StartersScreen)
        for text in ("What made you smile this week?", "Which talk do you want to give?"):
            await pilot.press("c")
            await pilot.pause()
            await type_text(pilot, text)
            await pilot.press("enter")
            await settle(app, pilot)
        await pilot.press("up", "h")  # hide the first: it must come back hidden
        await pilot.press("H")
        await pilot.pause()
        assert rows(app, "#questions")[0][0] == "What made you smile this week?  (hidden)"
        await pilot.press("up", "up")
        await pilot.press("d")
        await saved(app, pilot)
        assert "Removed “What made you smile this week?” — press u to undo" in messages(app)
        assert [s.text for s in store.load(demo_slug).custom_starters] == ["Which talk do you want to give?"]

        await pilot.press("u")
        await saved(app, pilot)
        assert rows(app, "#questions")[0][0].startswith("What made you smile this week?")
    pair = store.load(demo_slug)
    assert [s.text for s in pair.custom_starters] == ["What made you smile this week?",
                                                     "Which talk do you want to give?"]
    assert pair.custom_starters[0].id in pair.hidden_starters
