"""The cyclic garbage collector stays out of the way of a person typing: what lives as long
as the pair is open (the pair, its screens) is frozen out of its walk once built, and given
back when the pair closes, so what the pair kept alive is freed."""

from __future__ import annotations

import gc
import weakref

import pytest

from mentortui import collector
from mentortui.screens.meeting import MeetingScreen
from mentortui.screens.pair_home import PairHomeScreen
from mentortui.screens.pair_list import PairListScreen

from .test_app import settle
from .test_kept_screens import built_ahead
from .test_prepare_screens import open_pair


def walked(*objects: object) -> list[bool]:
    """For each object: would the next full collection walk it?"""
    tracked = {id(thing) for thing in gc.get_objects()}
    return [id(thing) in tracked for thing in objects]


async def test_the_pair_and_the_screens_shown_are_out_of_the_collectors_walk(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        await settle(app, pilot)
        pair = app.session.pair
        home = app.screen_stack[-2]
        assert isinstance(home, PairHomeScreen)
        notes = meeting.query_one("#notes")
        assert walked(pair, pair.meetings[0], pair.action_items[0], home, meeting, notes) == [False] * 6


async def test_a_closed_pairs_screens_and_records_are_freed_before_the_next_pair_is_read(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "g")
        await pilot.press("escape")
        await settle(app, pilot)
        built = await built_ahead(app, pilot)
        closed = [weakref.ref(thing) for thing in (app.screen, *built, app.session.pair, app.session.pair.goals[0])]
        del built
        await pilot.press("escape")  # back to the pair list
        await settle(app, pilot)
        assert isinstance(app.screen, PairListScreen)
        await pilot.press("enter")  # the same pair again: read anew
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        assert [ref() for ref in closed] == [None] * len(closed)


def test_work_done_paused_is_frozen_when_asked_and_collections_start_again():
    assert gc.isenabled()
    with collector.paused(freeze=True):
        assert not gc.isenabled()
        built = [[index] for index in range(50)]
    assert gc.isenabled() and walked(built, built[0]) == [False, False]
    gc.unfreeze()
    with pytest.raises(ValueError), collector.paused(freeze=True):
        failed = [[1]]
        raise ValueError
    assert gc.isenabled() and walked(failed) == [True]
