"""Personal preferences of the person at this keyboard, from the environment as
``MENTORTUI_DATA_DIR`` is: they belong to the user, not to a pair, so they never go into a
pair file or its local settings, and a shell profile keeps them across sessions."""

from __future__ import annotations

import os
from collections.abc import Mapping

QUICK_CAPTURE_VARIABLE = "MENTORTUI_QUICK_CAPTURE"
_OFF = frozenset({"0", "off", "no", "false"})


def quick_capture_on(environment: Mapping[str, str] = os.environ) -> bool:
    """Whether lines typed as ``todo: ...``, ``decided: ...`` or ``park: ...`` are captured
    when finished; ``MENTORTUI_QUICK_CAPTURE=off`` (or 0, no, false) switches it off."""
    return environment.get(QUICK_CAPTURE_VARIABLE, "").strip().lower() not in _OFF
