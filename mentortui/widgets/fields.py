"""The one-line text field every form uses."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input


class Field(Input):
    """An Input that never selects its text when it gets the focus: tabbing into a filled
    field and typing adds to what is there instead of replacing all of it with one key."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
