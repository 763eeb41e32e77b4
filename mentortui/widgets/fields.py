"""The one-line text field every form uses, and what a choice list holds."""

from __future__ import annotations

from typing import Any, TypeVar

from textual.widgets import Input, Select
from textual.widgets.select import NoSelection

Choice = TypeVar("Choice")


class Field(Input):
    """An Input that never selects its text when it gets the focus: tabbing into a filled
    field and typing adds to what is there instead of replacing all of it with one key."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)


def chosen(select: Select[Choice]) -> Choice:
    """The choice a ``Select`` made with ``allow_blank=False`` holds: never blank."""
    value = select.value
    if isinstance(value, NoSelection):
        raise ValueError(f"#{select.id} has no choice, though it cannot be left blank")
    return value
