"""Every stylesheet is read once, when the app starts: a screen that brings its own CSS_PATH
makes Textual parse all the CSS again and restyle every widget of every screen on its first
visit, and the first screen shown did not get its styles at all."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from textual.screen import Screen
from textual.widgets import DataTable

import mentortui
import mentortui.dialogs
import mentortui.screens
from mentortui.app import MentorApp

from .test_app import settle

PACKAGE = Path(mentortui.__file__).parent


def screen_classes() -> list[type[Screen]]:
    found = []
    for package in (mentortui.screens, mentortui.dialogs):
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            module = importlib.import_module(info.name)
            found += [value for value in vars(module).values()
                      if inspect.isclass(value) and issubclass(value, Screen) and value.__module__ == info.name]
    return found


def test_the_app_reads_every_stylesheet_and_no_screen_brings_its_own():
    read = {str((PACKAGE / path).resolve()) for path in MentorApp.CSS_PATH}
    assert read == {str(path.resolve()) for path in PACKAGE.rglob("*.tcss")}
    classes = screen_classes()
    assert len(classes) > 20
    assert [cls.__name__ for cls in classes if "CSS_PATH" in vars(cls)] == []


async def test_the_first_screen_shown_has_its_own_styles(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#pairs", DataTable)
        # pair_list.tcss: a margin of one column, and the rest of the screen's height.
        assert table.region.x == 1 and table.region.width == 118
        assert table.region.bottom == 39
