"""Shared fixtures: a temporary data folder, a fixed today, and the app built on them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from mentortui.core.demo import demo_pair
from mentortui.storage.store import PairStore

TODAY = date(2026, 11, 25)


@pytest.fixture
def store(tmp_path: Path) -> PairStore:
    return PairStore(tmp_path / "data")


@pytest.fixture(autouse=True)
def lasting_toasts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A toast shown with the default lifetime (5 s of wall time) stays for the whole test:
    a loaded machine can spend 5 s between the key that raised it and the check or picture
    that reads it, which made tests and snapshots depend on the machine's speed."""
    from mentortui.app import MentorApp

    monkeypatch.setattr(MentorApp, "NOTIFICATION_TIMEOUT", 600.0)


@pytest.fixture
def demo_slug(store: PairStore) -> str:
    return store.create(demo_pair(TODAY))


class Clock:
    """A wall clock the test moves by hand, starting at 17:00 on TODAY."""

    def __init__(self) -> None:
        self.moment = datetime.combine(TODAY, time(17, 0))

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make_app(store: PairStore, clock: Clock):
    """Build the app the way the command line does, on the temp folder and a fixed clock."""
    from mentortui.app import MentorApp

    def build(**options) -> MentorApp:
        return MentorApp(open_store=lambda: store, today=lambda: TODAY, now=clock, **options)

    return build
