"""Shared fixtures: a temporary data folder, a fixed today, and the app built on them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mentortui.demo import demo_pair
from mentortui.store import PairStore

TODAY = date(2026, 11, 25)


@pytest.fixture
def store(tmp_path: Path) -> PairStore:
    return PairStore(tmp_path / "data")


@pytest.fixture
def demo_slug(store: PairStore) -> str:
    return store.create(demo_pair(TODAY))


@pytest.fixture
def make_app(store: PairStore):
    """Build the app the way the command line does, on the temp folder and a fixed date."""
    from mentortui.app import MentorApp

    def build(**options) -> MentorApp:
        return MentorApp(open_store=lambda: store, today=lambda: TODAY, **options)

    return build
