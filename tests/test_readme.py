"""The README shows the app as it is: its keys table is the one the bindings write, and its
screenshots are the snapshot tests' current SVGs."""

from __future__ import annotations

import re
from pathlib import Path

from scripts import readme_keys
from scripts.readme_keys import END, START, keys_table, with_table
from scripts.update_screenshots import SCREENSHOTS, TOUR, snapshot_path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_keys_table_is_the_one_the_bindings_write():
    assert with_table(README, keys_table()) == README, "run: python scripts/readme_keys.py"


def test_the_keys_table_has_every_screen_and_a_key_of_each():
    table = README.split(START)[1].split(END)[0]
    # Rows people look for, as the bindings give them (a few, from different places).
    for row in ("| everywhere | `?` or `F1` | Help | `help` |",
                "| pair list | `n` | New pair | `new_pair` |",
                "| agenda | `F5` | Start meeting | `start_meeting` |",
                "| meeting | `ctrl+t` | Capture an action item from the current line | `capture_action` |",
                "| before next | `[` | Earlier notes | `earlier` |",
                "| every form | `ctrl+s` | Save | `save` |"):
        assert row in table


def test_the_script_refuses_a_stale_table_and_writes_the_current_one(tmp_path, capsys):
    readme = tmp_path / "README.md"
    readme.write_text(README.replace("| pair list | `n` | New pair | `new_pair` |\n", ""), encoding="utf-8")

    assert readme_keys.main(["--check", "--readme", str(readme)]) == 1
    assert "README.md's keys table is not current" in capsys.readouterr().err
    assert readme_keys.main(["--readme", str(readme)]) == 0
    assert readme.read_text(encoding="utf-8") == with_table(README, keys_table())
    assert readme_keys.main(["--check", "--readme", str(readme)]) == 0


def test_the_screenshots_are_the_current_snapshots():
    for snapshot_id, name in TOUR:
        copy = SCREENSHOTS / name
        assert copy.read_bytes() == snapshot_path(snapshot_id).read_bytes(), \
            f"{name} differs from its snapshot: run python scripts/update_screenshots.py"


def test_the_tour_shows_every_screenshot_in_order_and_nothing_else():
    shown = re.findall(r"!\[[^\]]+\]\(docs/screenshots/([^)]+)\)", README)
    assert shown == [name for _, name in TOUR]
    assert sorted(path.name for path in SCREENSHOTS.iterdir()) == sorted(shown)
    tour = README.split("## A thirty-second tour")[1].split("\n## ")[0]
    for screen in ("The pair list", "The pair home", "The agenda", "The meeting", "The summary"):
        assert f"**{screen}**" in tour


def test_the_two_main_commands_and_the_other_installs_are_there():
    assert "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/mentortui --demo" in README
    assert "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest" in ci
    for line in ("pipx install mentortui", "uv tool install mentortui", "pipx install .", "uv tool install ."):
        assert line in README
