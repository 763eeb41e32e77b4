"""The user's settings: a small TOML file in the user config folder (or the file given with
``--config``). Reading never fails: each bad key gives one line naming it and the
problem, and that setting keeps its default.

    theme = "textual-light"          # any theme the command palette lists
    date_order = "day_first"         # how 8/12 reads: "month_first" (12 August) or "day_first" (8 December)
    export_format = "html"           # "md" or "html"
    export_audience = "me"           # "other" (the other person: private notes left out) or "me"
    week_start = "sunday"            # the week's first day
    quick_capture = false            # todo:/decided:/park: lines in the notes (MENTORTUI_QUICK_CAPTURE=off too)

    [capture_prefixes]               # the whole set: prefix = "action" | "decision" | "parked"
    todo = "action"
    decided = "decision"

    [keymap]                         # binding id = keys, as the bindings' ids name them
    quit = "ctrl+q"
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, get_args

from mentortui.core.capture_prefixes import PREFIXES, CaptureKind
from mentortui.storage.files import atomic_write

DateOrder = Literal["month_first", "day_first"]
ExportFormat = Literal["md", "html"]
ExportAudience = Literal["other", "me"]
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DEFAULT_THEME = "textual-dark"
CONFIG_NAME = "config.toml"
_PREFIX = re.compile(r"[a-z]{1,20}")


@dataclass(frozen=True)
class Config:
    """The settings, each at its default unless the file set it well.

    ``week_start`` is a weekday number as ``date.weekday()`` gives it (0 is Monday);
    ``capture_prefixes`` maps a lower-case prefix to what its line captures; ``keymap``
    maps a binding id to its keys (``"ctrl+q"``, or several as ``"f1,ctrl+h"``)."""

    theme: str = DEFAULT_THEME
    date_order: DateOrder = "month_first"
    export_format: ExportFormat = "md"
    export_audience: ExportAudience = "other"
    week_start: int = 0
    capture_prefixes: Mapping[str, CaptureKind] = field(default_factory=lambda: MappingProxyType(dict(PREFIXES)))
    quick_capture: bool = True
    keymap: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class LoadedConfig:
    """The settings read from ``path`` (None: the defaults, from no file, and a theme
    chosen is not remembered), and one line for each thing that was wrong."""

    config: Config = field(default_factory=Config)
    path: Path | None = None
    problems: tuple[str, ...] = ()


def default_config_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("mentortui")) / CONFIG_NAME


def load_config(path: Path | None = None) -> LoadedConfig:
    """The settings in ``path`` (the user's config file by default); a missing file is
    all defaults, and every key that is wrong is named in ``problems`` and left at its default."""
    path = path or default_config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return LoadedConfig(Config(), path)
    except OSError as error:
        return LoadedConfig(Config(), path, (_line(path, f"cannot be read ({error.strerror}); using the defaults"),))
    try:
        table = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return LoadedConfig(Config(), path, (_line(path, f"is not valid TOML ({error}); using the defaults"),))
    settings: dict[str, Any] = {}
    problems = []
    readers = _readers()
    for key, value in table.items():
        reader = readers.get(key)
        if reader is None:
            problems.append(_line(path, f"{key}: unknown setting (known: {', '.join(readers)}); ignored"))
            continue
        try:
            settings[key] = reader(value)
        except ValueError as error:
            default = getattr(Config(), key)
            problems.append(_line(path, f"{key}: {error}; using the default ({_shown(default)})"))
    return LoadedConfig(Config(**settings), path, tuple(problems))


def checked(loaded: LoadedConfig, themes: Collection[str], binding_ids: Collection[str]) -> LoadedConfig:
    """``loaded`` without a theme or keymap entry the app does not have (the app knows
    its themes and bindings; the file cannot), each named in a problem line."""
    config, problems = loaded.config, list(loaded.problems)
    if config.theme not in themes:
        problems.append(_line(loaded.path, f"theme: unknown theme {config.theme!r} "
                                           f"(one of {', '.join(sorted(themes))}); using {DEFAULT_THEME}"))
        config = replace(config, theme=DEFAULT_THEME)
    unknown = [binding for binding in config.keymap if binding not in binding_ids]
    for binding in unknown:
        problems.append(_line(loaded.path, f"keymap: unknown binding id {binding!r}; ignored"))
    if unknown:
        config = replace(config, keymap=MappingProxyType(
            {binding: keys for binding, keys in config.keymap.items() if binding in binding_ids}))
    return LoadedConfig(config, loaded.path, tuple(problems))


def remember_theme(path: Path, theme: str) -> None:
    """Write ``theme = "<theme>"`` into the config file, keeping every other line (comments
    and other keys) as it was: the top-level ``theme`` line is replaced, or one is added at
    the top. A file that is not valid TOML is left alone (ValueError)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path} is not valid TOML ({error})") from error
    setting = f"theme = {_toml_string(theme)}"
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if line.lstrip().startswith("["):
            break
        if re.match(r"\s*theme\s*=", line):
            lines[number] = setting
            break
    else:
        lines.insert(0, setting)
    updated = "\n".join(lines) + "\n"
    if tomllib.loads(updated).get("theme") != theme:
        raise ValueError(f"{path}: cannot rewrite its theme line")
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, updated.encode("utf-8"))


def _readers() -> dict[str, Callable[[Any], Any]]:
    """How each setting's TOML value becomes the Config's, raising ValueError with what is wrong."""
    return {
        "theme": _string,
        "date_order": lambda value: _choice(value, get_args(DateOrder)),
        "export_format": lambda value: _choice(value, get_args(ExportFormat)),
        "export_audience": lambda value: _choice(value, get_args(ExportAudience)),
        "week_start": lambda value: WEEKDAYS.index(_choice(value, WEEKDAYS)),
        "quick_capture": _boolean,
        "capture_prefixes": _capture_prefixes,
        "keymap": _keymap,
    }


def _string(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected a string, got {_shown(value)}")
    return value.strip()


def _boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {_shown(value)}")
    return value


def _choice(value: object, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ValueError(f"{_shown(value)} is not one of {', '.join(choices)}")
    return str(value)


def _table(value: object) -> dict[str, Any]:
    if not isinstance(value, dict) or not value:
        raise ValueError(f"expected a table of one or more entries, got {_shown(value)}")
    return value


def _capture_prefixes(value: object) -> Mapping[str, CaptureKind]:
    kinds = get_args(CaptureKind)
    prefixes: dict[str, CaptureKind] = {}
    for prefix, kind in _table(value).items():
        if not _PREFIX.fullmatch(prefix.lower()):
            raise ValueError(f"prefix {prefix!r} must be one to twenty letters a-z")
        prefixes[prefix.lower()] = _choice(kind, kinds)  # type: ignore[assignment]
    return MappingProxyType(prefixes)


def _keymap(value: object) -> Mapping[str, str]:
    keymap = {}
    for binding, keys in _table(value).items():
        if not isinstance(keys, str) or not keys.strip():
            raise ValueError(f"{binding}: expected keys as a string like \"ctrl+q\", got {_shown(keys)}")
        keymap[binding] = keys.strip()
    return MappingProxyType(keymap)


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _shown(value: object) -> str:
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _line(path: Path | None, problem: str) -> str:
    return f"config {path}: {problem}"

