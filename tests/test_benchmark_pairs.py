"""The big pairs the benchmarks and the tests of big files share (benchmarks/pairs.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from benchmarks.pairs import pair_with_meetings
from mentortui.storage.store import PairStore
from tests.conftest import TODAY


@pytest.mark.parametrize("count", [10, 520])
def test_a_pair_with_meetings_holds_that_many_weekly_meetings_up_to_last_week_and_reads_back(tmp_path, count):
    pair = pair_with_meetings(count, TODAY)

    held = sorted(meeting.scheduled.date() for meeting in pair.meetings if meeting.is_held)
    assert len(held) == count
    assert held[-1] == TODAY - timedelta(weeks=1)
    assert {later - earlier for earlier, later in zip(held, held[1:], strict=False)} == {timedelta(weeks=1)}
    assert all(meeting.notes for meeting in pair.meetings if meeting.is_held)
    assert [meeting.scheduled.date() > TODAY for meeting in pair.meetings if not meeting.is_held] == [True]
    assert sum(item.status == "done" for item in pair.action_items) >= 3 * count

    store = PairStore(tmp_path / "data")
    assert store.load(store.create(pair)) == pair
