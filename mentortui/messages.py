"""Messages the whole app hears: how a save on the save thread turned out."""

from __future__ import annotations

from datetime import datetime

from textual.message import Message


class PairSaved(Message):
    """Posted from the save thread after a successful write."""

    def __init__(self, when: datetime) -> None:
        super().__init__()
        self.when = when


class SaveFailed(Message):
    """Posted from the save thread when a write failed; the pair in memory is intact."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error
