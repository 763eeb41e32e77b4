"""The settings on the command line: ``--config FILE`` (before or after the command, for
the app and every command), ``mentortui config path``, and a bad setting's one line on stderr."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mentortui.storage.config import LoadedConfig, default_config_path, load_config

CONFIG_OPTION = "--config"


def split_config_option(argv: list[str]) -> tuple[Path | None, list[str]]:
    """The file ``--config FILE`` (or ``--config=FILE``) names, and the arguments without it
    (a ``--`` ends the options: what follows is left alone)."""
    path: Path | None = None
    rest: list[str] = []
    arguments = iter(argv)
    for argument in arguments:
        if argument == "--":
            rest += [argument, *arguments]
            break
        if argument == CONFIG_OPTION:
            value = next(arguments, None)
            if value is None:
                raise SystemExit(_usage_error(f"{CONFIG_OPTION} needs a file"))
            path = Path(value)
        elif argument.startswith(f"{CONFIG_OPTION}="):
            path = Path(argument.partition("=")[2])
        else:
            rest.append(argument)
    return path, rest


def settings(path: Path | None, for_app: bool = False) -> LoadedConfig:
    """The settings for a command or the app (then checked against its themes and
    bindings too), each problem said in one line on stderr."""
    loaded = load_config(path or default_config_path())
    if for_app:
        from mentortui.app_settings import checked_for_app

        loaded = checked_for_app(loaded)
    for problem in loaded.problems:
        print(f"mentortui: {problem}", file=sys.stderr)
    return loaded


def run_config(argv: list[str], path: Path | None) -> int:
    parser = argparse.ArgumentParser(
        prog="mentortui config",
        description="The settings file (TOML): theme, date_order, export_format, export_audience, week_start, "
        "quick_capture, [capture_prefixes], [keymap]. `--config FILE` uses another file.",
    )
    parser.add_argument("what", choices=("path",), help="path: print where the settings file is (or would be)")
    parser.parse_args(argv)
    print(path or default_config_path())
    return 0


def export_defaults(path: Path | None) -> argparse.Namespace:
    """``export``'s format and audience as the settings give them; what is typed wins (argparse
    only fills in defaults the namespace does not have)."""
    config = settings(path).config
    return argparse.Namespace(format=config.export_format, audience="me" if config.export_audience == "me" else None)


def _usage_error(message: str) -> int:
    print(f"mentortui: {message}", file=sys.stderr)
    return 2
