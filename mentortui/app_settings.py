"""The user's settings in the app: checked against the themes and bindings the app has,
applied (theme, keymap), and the theme chosen from the palette written back."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from functools import cache
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.theme import BUILTIN_THEMES

from mentortui.storage.config import LoadedConfig, checked

UI_PACKAGES = ("mentortui.screens", "mentortui.dialogs", "mentortui.widgets")


@cache
def binding_ids() -> frozenset[str]:
    """Every binding id of the app, its screens, dialogs and widgets (and the Textual
    widgets they build on): the names a keymap may use."""
    ids = set()
    for node_class in _node_classes():
        for ancestor in node_class.__mro__:
            for binding in getattr(ancestor, "BINDINGS", ()):
                if isinstance(binding, Binding) and binding.id:
                    ids.add(binding.id)
    return frozenset(ids)


def _node_classes() -> Iterator[type[DOMNode]]:
    from mentortui.app import MentorApp

    yield MentorApp
    for package_name in UI_PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__, f"{package_name}."):
            module = importlib.import_module(info.name)
            for _, value in inspect.getmembers(module, inspect.isclass):
                if issubclass(value, DOMNode):
                    yield value


def checked_for_app(loaded: LoadedConfig) -> LoadedConfig:
    """``loaded`` with an unknown theme or binding id named and left out. The bindings are
    only gathered (importing every screen) when there is a keymap to check."""
    ids = binding_ids() if loaded.config.keymap else frozenset()
    return checked(loaded, BUILTIN_THEMES, ids)


def apply_settings(app: App[Any], loaded: LoadedConfig) -> None:
    """Give the app the theme and keymap of the settings."""
    app.theme = loaded.config.theme
    if loaded.config.keymap:
        app.set_keymap(dict(loaded.config.keymap))
