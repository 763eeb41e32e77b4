"""The settings file: what it sets, one line per mistake (and the default kept), where it
is, --config, the keymap and the theme as the app uses them, and no colour named in code."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from mentortui.cli import main
from mentortui.core.demo import demo_pair
from mentortui.core.quick_capture import read_line, unmarked
from mentortui.storage.config import Config, LoadedConfig, default_config_path, load_config, remember_theme
from mentortui.storage.store import PairStore

from .conftest import TODAY

PACKAGE = Path(__file__).parent.parent / "mentortui"


def written(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_setting_is_read(tmp_path):
    loaded = load_config(written(tmp_path, """
theme = "textual-light"
date_order = "day_first"
export_format = "html"
export_audience = "me"
week_start = "sunday"
quick_capture = false
[capture_prefixes]
todo = "action"
afaire = "action"
[keymap]
new_pair = "z"
"""))
    assert loaded.problems == ()
    config = loaded.config
    assert (config.theme, config.date_order, config.export_format, config.export_audience, config.week_start,
            config.quick_capture) == ("textual-light", "day_first", "html", "me", 6, False)
    assert dict(config.capture_prefixes) == {"todo": "action", "afaire": "action"}
    assert dict(config.keymap) == {"new_pair": "z"}


def test_no_file_is_all_defaults(tmp_path):
    assert load_config(tmp_path / "none.toml") == LoadedConfig(Config(), tmp_path / "none.toml")


@pytest.mark.parametrize(("text", "problem"), [
    ('theme = "textual-light"\ndate_order = [\n', "is not valid TOML (Invalid value (at end of document)); "
                                                   "using the defaults"),
    ("colour = 'red'", "colour: unknown setting (known: theme, date_order,"),
    ("week_start = 3", "week_start: 3 is not one of monday, tuesday,"),
    ("quick_capture = 'no'", 'quick_capture: expected true or false, got "no"; using the default (true)'),
    ("date_order = 'dmy'", 'date_order: "dmy" is not one of month_first, day_first; using the default ("month_first")'),
    ("export_format = 'pdf'", 'export_format: "pdf" is not one of md, html'),
    ("[capture_prefixes]\n'to do' = 'action'", "capture_prefixes: prefix 'to do' must be one to twenty letters a-z"),
    ("[capture_prefixes]\ntodo = 'task'", 'capture_prefixes: "task" is not one of action, decision, parked'),
    ("keymap = 'ctrl+q'", 'keymap: expected a table of one or more entries, got "ctrl+q"'),
    ("[keymap]\nquit = 3", 'keymap: quit: expected keys as a string like "ctrl+q", got 3'),
])
def test_each_mistake_is_one_line_naming_the_key_and_the_rest_still_applies(tmp_path, text, problem):
    good = "" if "TOML" in problem else 'export_audience = "me"\n'
    path = written(tmp_path, good + text)
    loaded = load_config(path)
    assert len(loaded.problems) == 1
    assert loaded.problems[0].startswith(f"config {path}: {problem}")
    assert "\n" not in loaded.problems[0]
    defaults = Config()
    assert loaded.config.export_audience == ("me" if good else "other")
    assert loaded.config.week_start == defaults.week_start
    assert loaded.config.capture_prefixes == defaults.capture_prefixes


def test_an_unknown_theme_or_binding_id_is_named_on_stderr_and_left_out(tmp_path, capsys):
    from mentortui.cli_config import settings

    path = written(tmp_path, 'theme = "neon"\n[keymap]\nnew_pair = "z"\nteleport = "t"\n')
    loaded = settings(path, for_app=True)
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"mentortui: config {path}: theme: unknown theme 'neon' (one of ")
    assert err[0].endswith("; using textual-dark")
    assert err[1] == f"mentortui: config {path}: keymap: unknown binding id 'teleport'; ignored"
    assert len(err) == 2
    assert loaded.config.theme == "textual-dark" and dict(loaded.config.keymap) == {"new_pair": "z"}


def test_config_path_prints_where_the_file_is(capsys, tmp_path):
    assert main(["config", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(default_config_path())
    assert default_config_path().name == "config.toml"
    assert main(["config", "path", "--config", str(tmp_path / "mine.toml")]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "mine.toml")


def test_config_option_gives_export_its_defaults_and_typed_options_win(tmp_path, capsys):
    store = PairStore(tmp_path / "data")
    slug = store.create(demo_pair(TODAY))
    path = written(tmp_path, 'export_format = "html"\nbogus = 1\n')
    assert main(["--config", str(path), "export", slug, "--data-dir", str(store.folder)]) == 0
    out, err = capsys.readouterr()
    assert out.lstrip().lower().startswith("<!doctype html")
    assert err == f"mentortui: config {path}: bogus: unknown setting (known: theme, date_order, export_format, " \
                  "export_audience, week_start, quick_capture, capture_prefixes, keymap); ignored\n"
    assert main(["export", slug, "--format", "md", f"--config={path}", "--data-dir", str(store.folder)]) == 0
    assert not capsys.readouterr().out.lstrip().lower().startswith("<!doctype html")


def test_remembering_the_theme_keeps_comments_and_other_keys(tmp_path):
    path = written(tmp_path, '# my settings\ndate_order = "day_first"  # UK\ntheme = "nord"\n'
                             '[keymap]\nquit = "ctrl+q"\n')
    remember_theme(path, "textual-light")
    text = path.read_text()
    assert text == '# my settings\ndate_order = "day_first"  # UK\ntheme = "textual-light"\n[keymap]\nquit = "ctrl+q"\n'
    fresh = tmp_path / "new" / "config.toml"
    remember_theme(fresh, "gruvbox")
    assert tomllib.loads(fresh.read_text()) == {"theme": "gruvbox"}
    broken = written(tmp_path, "theme = [")
    with pytest.raises(ValueError, match="not valid TOML"):
        remember_theme(broken, "nord")
    assert broken.read_text() == "theme = ["


def test_capture_prefixes_from_the_settings_are_the_ones_recognised():
    pair = demo_pair(TODAY)
    prefixes = {"afaire": "action", "decide": "decision"}
    capture = read_line("- AFAIRE: send the CV by fri", pair, TODAY, prefixes)
    assert capture is not None and (capture.kind, capture.text) == ("action", "send the CV")
    assert unmarked(capture.marked, prefixes) == "- AFAIRE: send the CV by fri"
    assert read_line("todo: send the CV", pair, TODAY, prefixes) is None
    assert read_line("todo: send the CV", pair, TODAY) is not None


async def test_a_rebound_key_works_and_the_old_one_no_longer_does(make_app, tmp_path):
    from mentortui.dialogs.pair_form import PairFormScreen
    from mentortui.screens.pair_list import PairListScreen

    app = make_app(config=load_config(written(tmp_path, '[keymap]\nnew_pair = "z"\n')))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PairListScreen)
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, PairFormScreen)


async def test_a_bad_setting_is_a_notification_and_the_app_starts(make_app, tmp_path):
    path = written(tmp_path, 'theme = "neon"\n')
    app = make_app(config=load_config(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert [note.message for note in app._notifications][0].startswith(f"config {path}: theme: unknown theme")


async def test_the_theme_picked_in_the_palette_is_there_next_time(make_app, tmp_path):
    path = written(tmp_path, '# mine\nweek_start = "sunday"\n')
    app = make_app(config=load_config(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"theme")
        await until(pilot, lambda: any("Change the current theme" in line for line in options(app)),
                    "the palette's Theme command")
        await pilot.press("enter")
        await pilot.press(*"textual-light")
        await until(pilot, lambda: options(app) == ["textual-light"], "the theme found")
        await pilot.press("enter")
        await until(pilot, lambda: app.theme == "textual-light", "the theme applied")
        await app.workers.wait_for_complete()
    again = make_app(config=load_config(path))
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.theme == "textual-light"
    assert path.read_text() == 'theme = "textual-light"\n# mine\nweek_start = "sunday"\n'


def options(app) -> list[str]:
    """The lines the command palette offers now."""
    from textual.command import CommandList

    found = app.screen.query(CommandList)
    return [str(option.prompt) for option in found.first().options] if found else []


async def until(pilot, check, what: str) -> None:
    for _ in range(200):
        if check():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def test_no_colour_is_named_in_the_app_only_theme_variables():
    """Colours come from the theme ($error, $text-muted, ...): a colour name, a hex colour or
    rgb() in a stylesheet or in a Python style string would ignore the theme and NO_COLOR. The
    HTML export's page (core/export.py) is a web page, not the terminal's theme."""
    colour = (r"\b(red|green|yellow|blue|magenta|cyan|white|black|grey\d*|gray\d*|orange|purple|pink)\b"
              r"|#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bcolor\(\d")
    found = []
    for path in PACKAGE.rglob("*.tcss"):
        code = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.DOTALL)
        found += [f"{path.name}: {line.strip()}" for line in code.splitlines()
                  if ":" in line and re.search(colour, line.split(":", 1)[1], re.IGNORECASE)]
    style_string = re.compile(r"""(?:style\s*=\s*|Style\.parse\(|Style\(color\s*=\s*)["']([^"']*)["']""")
    for path in PACKAGE.rglob("*.py"):
        if path.parent.name == "core":
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            for style in style_string.findall(line):
                if re.search(colour, style, re.IGNORECASE):
                    found.append(f"{path.relative_to(PACKAGE)}:{number}: {style}")
            if re.search(r"\[/?(?:bold |italic )?(?:" + colour + r")\]", line):
                found.append(f"{path.relative_to(PACKAGE)}:{number}: markup colour")
    assert found == []

