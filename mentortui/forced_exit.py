"""A last resort for ending the process when a closed terminal or a kill asked it to.

By the time this is armed the app has saved and released the pair's lock; what is left
is Textual's shutdown. If that has not ended the process within the grace period (a
thread blocked on a terminal that is gone, a worker waiting on a loop that has stopped),
the process ends anyway: a mentortui left running with no terminal helps nobody.
"""

from __future__ import annotations

import os
import threading
import time

GRACE_SECONDS = 1.0


def exit_after(seconds: float = GRACE_SECONDS, status: int = 0) -> None:
    """End the process with ``status`` in ``seconds`` unless it has ended by then."""

    def force() -> None:
        time.sleep(seconds)
        os._exit(status)

    # A daemon thread: it never keeps the process alive, and it still runs while the
    # interpreter waits for stuck non-daemon threads at exit.
    threading.Thread(target=force, name="mentortui-forced-exit", daemon=True).start()
