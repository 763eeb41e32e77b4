"""Whether a clipboard copy can reach the user's clipboard through the terminal.

Textual copies with OSC 52, an escape sequence the terminal may honour or silently drop;
no answer ever comes back. So this can only name the well-known terminals that drop it,
and says nothing (None) about any other: the caller then says how the copy was sent.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping

# Asking tmux is a local socket round trip; a tmux that does not answer in this time is
# taken as unknown rather than making the person wait.
_TMUX_TIMEOUT = 2.0


def clipboard_blocker(environ: Mapping[str, str]) -> str | None:
    """Why this terminal drops clipboard copies, in words, or None when it is not known to.

    Runs ``tmux`` inside tmux, so call it off the UI thread."""
    if environ.get("TMUX"):
        return _tmux_blocker(environ)
    if environ.get("STY"):
        return "GNU screen does not pass clipboard copies on"
    if environ.get("TERM") == "linux":
        return "the Linux console has no clipboard"
    if environ.get("TERM_PROGRAM") == "Apple_Terminal":
        return "macOS Terminal ignores clipboard copies from programs"
    return None


def _tmux_blocker(environ: Mapping[str, str]) -> str | None:
    """tmux takes a program's copy only with ``set-clipboard on``; its default since
    tmux 2.6, ``external``, drops it."""
    try:
        result = subprocess.run(["tmux", "show-options", "-sv", "set-clipboard"], env=dict(environ),
                                stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                timeout=_TMUX_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    setting = result.stdout.strip()
    if result.returncode != 0 or setting == "on":
        return None
    return f"tmux passes clipboard copies on only with set-clipboard on (it is {setting!r} here)"
