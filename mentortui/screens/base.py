"""What every screen about the open pair shares: the session it works on."""

from __future__ import annotations

from textual.screen import Screen

from ..models import Pair
from ..session import PairSession
from .mouse_guard import StaleMouseGuard


class PairScreen(StaleMouseGuard, Screen[None]):
    def __init__(self, session: PairSession) -> None:
        super().__init__()
        self.session = session

    @property
    def pair(self) -> Pair:
        return self.session.pair
