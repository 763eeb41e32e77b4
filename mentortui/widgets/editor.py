"""Hand text to the user's own editor ($VISUAL, then $EDITOR, then vi) and take back
what they saved, on a private temporary file that is removed afterwards."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from textual.app import App, SuspendNotSupported

from mentortui.core.models import clean_text


class EditorFailed(Exception):
    """The editor could not be handed the text; ``str()`` says why, for the user."""


def editor_command() -> str:
    """The command line the user chose for editing, as they wrote it."""
    return os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"


def edit_externally(app: App[Any], text: str) -> str:
    """Suspend ``app``, run the editor on ``text`` and return what it saved, cleaned of
    control characters. Raises :class:`EditorFailed` when that cannot be done."""
    editor = editor_command()
    try:
        command = shlex.split(editor, posix=True)
    except ValueError as error:
        raise EditorFailed(f"The editor command {editor!r} cannot be read: {error}.") from error
    # mkstemp makes the file 0600: the notes stay private while the editor has them.
    handle, name = tempfile.mkstemp(prefix="mentortui-notes-", suffix=".md")
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        with app.suspend():
            subprocess.run([*command, str(path)], check=False)
        edited = path.read_text(encoding="utf-8", errors="replace")
    except SuspendNotSupported as error:
        raise EditorFailed("This terminal cannot hand the screen to an editor.") from error
    except OSError as error:
        raise EditorFailed(f"The editor {editor!r} did not run: {error.strerror or error}.") from error
    finally:
        path.unlink(missing_ok=True)
    edited = clean_text(edited)
    # Most editors end a file with a newline; one the notes did not have is not the user's.
    if edited.endswith("\n") and not text.endswith("\n"):
        edited = edited[:-1]
    return edited
