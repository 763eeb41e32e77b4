"""An open pair: its file (and lock), the pair as loaded, and its background saves."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from .models import Pair
from .saver import SaveQueue
from .store import PairFile, PairStore

FLUSH_TIMEOUT_SECONDS = 10.0


class PairSession:
    """Changes are made to ``pair`` on the UI thread, then ``save()`` hands a snapshot to
    the save thread. The callbacks run on that thread and must not block."""

    def __init__(
        self,
        pair_file: PairFile,
        pair: Pair,
        on_saved: Callable[[datetime], None] = lambda when: None,
        on_error: Callable[[Exception], None] = lambda error: None,
    ) -> None:
        self.pair_file = pair_file
        self.pair = pair
        self._saves = SaveQueue(pair_file.write, on_saved, on_error)

    @property
    def slug(self) -> str:
        return self.pair_file.slug

    @property
    def read_only(self) -> bool:
        return self.pair_file.read_only

    @classmethod
    def open(
        cls,
        store: PairStore,
        slug: str,
        read_only: bool = False,
        on_saved: Callable[[datetime], None] = lambda when: None,
        on_error: Callable[[Exception], None] = lambda error: None,
    ) -> PairSession:
        """Open and load a pair; the lock is released again if loading fails."""
        pair_file = store.open(slug, read_only=read_only)
        try:
            return cls(pair_file, pair_file.load(), on_saved, on_error)
        except BaseException:
            pair_file.close()
            raise

    def save(self) -> None:
        """Queue the pair as it is now for writing; returns at once."""
        self._saves.submit(self.pair_file.snapshot(self.pair))

    def flush(self) -> bool:
        return self._saves.flush(FLUSH_TIMEOUT_SECONDS)

    def close(self) -> None:
        self.flush()
        self.pair_file.close()
