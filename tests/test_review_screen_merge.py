"""The review screen after a sync: what the merge could not decide, both sides' words with
who wrote them, and keep mine / keep theirs / keep both, by key and by button."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Button, Static

from mentortui.screens.pair_home import PairHomeScreen
from mentortui.screens.sync_review import SyncReviewScreen

from .conftest import TODAY
from .review_items import KEPT_BOTH, MENTEE_NOTES, MENTOR_NOTES, pair_with_review
from .test_app import settle
from .test_prepare_screens import rows, saved


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def open_review(app, pilot) -> None:
    await settle(app, pilot)
    assert isinstance(app.screen, PairHomeScreen)
    await pilot.press("r")
    await settle(app, pilot)
    assert isinstance(app.screen, SyncReviewScreen)


async def highlight(app, pilot, row: int) -> None:
    for _ in range(row):
        await pilot.press("down")
    await pilot.pause()


async def test_the_pair_home_counts_what_to_review_and_the_screen_shows_both_sides_literally(make_app, store):
    pair = pair_with_review(TODAY)
    slug = store.create(pair)
    app = make_app(open_pair=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert "3 things to review (press r)" in text_of(app, "#sync-status")
        await open_review(app, pilot)
        assert [row[0] for row in rows(app, "#review-items")] == [
            "Regular meeting of Wed 11 Nov 2026",
            f"Action item: {pair.action_items[0].text}",
            f"Action item: {pair.action_items[1].text}",
        ]
        # The notes exactly as written, markup-looking text included, under who wrote them.
        assert "Mine: Dana Okafor (you)" in text_of(app, "#mine-title")
        assert text_of(app, "#mine-value") == MENTOR_NOTES
        assert "Theirs: Priya Raman" in text_of(app, "#theirs-title")
        assert text_of(app, "#theirs-value") == MENTEE_NOTES
        await highlight(app, pilot, 1)
        assert "deleted it" in text_of(app, "#mine-title") and text_of(app, "#mine-value") == "(deleted)"
        assert "changed it" in text_of(app, "#theirs-title")
        assert not app.screen.query_one("#keep-both", Button).display


@pytest.mark.parametrize(("key", "expected"), [("m", MENTOR_NOTES), ("t", MENTEE_NOTES), ("b", KEPT_BOTH)])
async def test_notes_settle_with_each_choice_and_the_item_leaves_the_list(make_app, store, key, expected):
    slug = store.create(pair_with_review(TODAY))
    app = make_app(open_pair=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(app, pilot)
        await pilot.press(key)
        await saved(app, pilot)
        assert len(rows(app, "#review-items")) == 2
    loaded = store.load(slug)
    assert loaded.last_meeting().notes == expected
    assert [item.id for item in loaded.review] == ["deleted1", "field1"]


@pytest.mark.parametrize(("press", "due"), [("m", date(2026, 12, 2)), ("#keep-theirs", date(2026, 12, 9))])
async def test_a_clashing_date_settles_by_key_or_button(make_app, store, press, due):
    pair = pair_with_review(TODAY)
    item_id = pair.action_items[1].id
    slug = store.create(pair)
    app = make_app(open_pair=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(app, pilot)
        await highlight(app, pilot, 2)
        if press.startswith("#"):
            await pilot.click(press)
        else:
            await pilot.press(press)
        await saved(app, pilot)
    loaded = store.load(slug)
    assert loaded.action_item(item_id).due == due
    assert [item.id for item in loaded.review] == ["notes1", "deleted1"]


@pytest.mark.parametrize(("key", "kept"), [("m", False), ("t", True)])
async def test_a_deleted_but_edited_item_is_deleted_or_kept(make_app, store, key, kept):
    pair = pair_with_review(TODAY)
    item_id = pair.action_items[0].id
    slug = store.create(pair)
    app = make_app(open_pair=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(app, pilot)
        await highlight(app, pilot, 1)
        await pilot.press("b")  # keeping both means nothing for a deletion: refused
        await pilot.press(key)
        await saved(app, pilot)
    loaded = store.load(slug)
    assert (loaded.action_item(item_id) is not None) is kept
    assert any(stone.id == item_id for stone in loaded.deleted) is not kept
    assert [item.id for item in loaded.review] == ["notes1", "field1"]


async def test_when_all_is_settled_the_pair_home_says_nothing_more(make_app, store):
    slug = store.create(pair_with_review(TODAY))
    app = make_app(open_pair=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(app, pilot)
        for key in ("b", "m", "t"):
            await pilot.press(key)
            await pilot.pause()
        assert rows(app, "#review-items") == [["Nothing to review.", "", ""]]
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        assert not app.screen.query("#sync-status")
        await pilot.press("r")  # no longer offered
        await pilot.pause()
        assert isinstance(app.screen, PairHomeScreen)
