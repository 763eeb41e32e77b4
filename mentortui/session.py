"""An open pair: its file (and lock) together with the pair as loaded."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Pair
from .store import PairFile, PairStore


@dataclass
class PairSession:
    pair_file: PairFile
    pair: Pair

    @property
    def slug(self) -> str:
        return self.pair_file.slug

    @property
    def read_only(self) -> bool:
        return self.pair_file.read_only

    @classmethod
    def open(cls, store: PairStore, slug: str, read_only: bool = False) -> PairSession:
        """Open and load a pair; the lock is released again if loading fails."""
        pair_file = store.open(slug, read_only=read_only)
        try:
            return cls(pair_file, pair_file.load())
        except BaseException:
            pair_file.close()
            raise

    def close(self) -> None:
        self.pair_file.close()
