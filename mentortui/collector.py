"""When Python's cyclic garbage collector may run. A full collection walks every object it
tracks: with a pair open, the pair (a ten-year pair is ~100k objects) and the screens built
for it (tens of thousands of Textual objects) make that a 50-90 ms stall, every few seconds
of typing. So what lives as long as the pair is open is frozen out of the collector's sight
(``gc.freeze``) once it is built, and given back to it when the pair closes; and bulk work
that only builds (reading a pair, an export) runs with the collector paused.

A cycle that becomes garbage after it was frozen is freed only when the pair closes: the
screens and dialogs closed while the pair was open (a finished meeting's screen, say).
The pair list is not frozen: it outlives the pairs opened from it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused(freeze: bool = False) -> Iterator[None]:
    """Run the block without cyclic collections; with ``freeze``, what the block built is
    frozen before they start again, so the first collection does not walk it all."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
        if freeze:
            gc.freeze()
    finally:
        if collecting:
            gc.enable()


def freeze_long_lived() -> None:
    """Hide from the collector everything alive now: a screen just shown, its widgets."""
    gc.freeze()


def release_frozen() -> None:
    """Give everything frozen back to the collector: a pair was closed. What only it kept
    alive goes at the next full collection, or at ``collect_released``."""
    global _released
    gc.unfreeze()
    _released = True


def collect_released() -> None:
    """Collect what a closed pair left, before a new pair is read and frozen with it."""
    global _released
    if _released:
        _released = False
        gc.collect()


_released = False
