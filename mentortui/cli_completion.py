"""Shell completion for bash, zsh and fish, with argcomplete (Apache-2.0).

`mentortui completion SHELL` prints the script a shell loads once. On each tab the shell
runs `mentortui` again with argcomplete's variables set (``_ARGCOMPLETE``, ``COMP_LINE``,
``COMP_POINT``); ``main`` then calls :func:`complete`, which answers from the parser of
the command being typed and ends the process. Wherever a pair is expected (the first
word, `export PAIR`, `sync PAIR`, ...) the answer is the pair names, the slugs
`mentortui list --names` prints, read from ``--data-dir`` when it is on the line.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from mentortui.storage.paths import default_data_dir, is_pair_name

SHELLS = ("bash", "zsh", "fish")


def completion_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentortui completion",
        description="Print the shell code that completes mentortui's commands, options and pair names. "
        "bash: add `eval \"$(mentortui completion bash)\"` to ~/.bashrc; zsh: the same with zsh in ~/.zshrc "
        "(after compinit); fish: `mentortui completion fish > ~/.config/fish/completions/mentortui.fish`.",
    )
    parser.add_argument("shell", choices=SHELLS, help="the shell: bash, zsh or fish")
    return parser


def completion_script(shell: str) -> str:
    """What the shell loads: it hands every tab on a `mentortui` line back to the program."""
    from argcomplete.shell_integration import shellcode

    return shellcode(["mentortui"], shell=shell)


def pair_names(data_dir: Path | None) -> list[str]:
    """The short names of the pairs in the folder, sorted; files whose names are not
    pair names (which nothing could open by name) are left out."""
    from mentortui.storage.store import PairStore

    return [slug for slug in PairStore(data_dir or default_data_dir()).slugs() if is_pair_name(slug)]


def _pair_completer(also: tuple[str, ...] = ()) -> Callable[..., list[str]]:
    def complete_pair(prefix: str, parsed_args: argparse.Namespace, **_: Any) -> list[str]:
        names = [*also, *pair_names(getattr(parsed_args, "data_dir", None))]
        return [name for name in names if name.startswith(prefix)]

    return complete_pair


def _command_parsers() -> dict[str, Callable[[], argparse.ArgumentParser]]:
    from mentortui.cli import export_parser, list_parser, new_parser
    from mentortui.cli_ics import ics_parser
    from mentortui.cli_report import report_parser
    from mentortui.cli_share import join_parser, share_parser, sync_parser

    return {"list": list_parser, "new": new_parser, "export": export_parser, "report": report_parser,
            "share": share_parser, "join": join_parser, "sync": sync_parser, "ics": ics_parser,
            "completion": completion_parser}


def completing_parser(words: list[str]) -> tuple[argparse.ArgumentParser, int]:
    """The parser that reads the line whose finished words are ``words`` (the program's
    name first), and the word its arguments start after (argcomplete's ``_ARGCOMPLETE``)."""
    from mentortui.cli import COMMANDS, open_parser

    parsers = _command_parsers()
    if len(words) > 1 and words[1] in parsers:
        parser, start = parsers[words[1]](), 2
    else:
        parser, start = open_parser(), 1
    for action in parser._actions:
        if action.dest == "pair" and not action.option_strings:
            action.completer = _pair_completer(COMMANDS if start == 1 else ())  # type: ignore[attr-defined]
        elif action.dest == "pair":
            action.completer = _pair_completer()  # type: ignore[attr-defined]
    return parser, start


def complete(output_stream: TextIO | None = None, exit_method: Callable[[int], Any] = os._exit) -> None:
    """Answer the shell's request for completions and end the process (``exit_method``)."""
    import argcomplete
    from argcomplete.lexers import split_line

    line = os.environ.get("COMP_LINE", "")
    words = split_line(line, int(os.environ.get("COMP_POINT", len(line))))[3]
    parser, start = completing_parser(words)
    os.environ["_ARGCOMPLETE"] = str(start)
    argcomplete.autocomplete(parser, exit_method=exit_method, output_stream=output_stream)
