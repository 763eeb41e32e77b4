"""Writes the README's table of every key, read from the bindings in the code.

Every class of the app, its screens, dialogs and widgets that declares its own BINDINGS
gives its rows; a class inheriting keys from one of ours (every form from FormDialog) is
not listed again. The table goes between the two markers in README.md.

    python scripts/readme_keys.py           # write the table
    python scripts/readme_keys.py --check   # exit 1 when README.md's table is not current

tests/test_readme.py fails when the README's table differs from what this writes.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.keys import format_key

README = Path(__file__).resolve().parent.parent / "README.md"
START = "<!-- keys:start (written by scripts/readme_keys.py; edit the bindings, not this table) -->"
END = "<!-- keys:end -->"
PACKAGES = ("mentortui.screens", "mentortui.dialogs", "mentortui.widgets")

# Where a class's keys work, when its name does not say it plainly.
WHERE = {
    "MentorApp": "everywhere",
    "NotesArea": "meeting notes",
    "FormDialog": "every form",
    "QuestionScreen": "every question",
    "ExportScreen": "export preview",
    "ContactWayPicker": "log contact",
    "DateScreen": "date dialog",
    "WorksheetKindScreen": "worksheet choice",
    "UnsavedScreen": "unsaved changes",
}
# The order a user meets them in; any other place follows, alphabetically.
ORDER = ("everywhere", "pair list", "pair home", "agenda", "starters", "meeting", "meeting notes",
         "action items", "goals", "before next", "sync review")


def where(cls: type) -> str:
    """The place a class's keys work, as the table names it."""
    if cls.__name__ in WHERE:
        return WHERE[cls.__name__]
    words = re.findall(r"[A-Z][a-z]*", cls.__name__)
    if words and words[-1] in ("Screen", "Dialog"):
        words = words[:-1]
    return " ".join(words).lower()


def _modules() -> Iterator[ModuleType]:
    yield importlib.import_module("mentortui.app")
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__):
            yield importlib.import_module(f"{package_name}.{info.name}")


def classes_with_keys() -> list[type[DOMNode]]:
    """Every class of ours that declares BINDINGS of its own, in the order a user meets them."""
    found = [cls for module in _modules() for cls in vars(module).values()
             if inspect.isclass(cls) and issubclass(cls, DOMNode) and cls.__module__ == module.__name__
             and cls.__dict__.get("BINDINGS")]

    def rank(cls: type) -> tuple[int, str]:
        name = where(cls)
        return (ORDER.index(name) if name in ORDER else len(ORDER), name)

    return sorted(found, key=rank)


def key_display(keys: str) -> str:
    """`question_mark,f1` as `?` or `F1`, each key as a person types it."""
    shown = []
    for key in keys.split(","):
        key = key.strip()
        character = format_key(key)
        if re.fullmatch(r"f\d+", key):
            key = key.upper()
        elif "+" not in key and len(character) == 1 and character.isascii() and character.isprintable():
            key = character
        shown.append(f"`{key}`")
    return " or ".join(shown)


def _binding(entry: BindingType) -> Binding:
    return entry if isinstance(entry, Binding) else Binding(*entry)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def keys_table() -> str:
    """The Markdown table of every key: where, which key, what it does, its id for a keymap."""
    lines = ["| where | key | what it does | id |", "| --- | --- | --- | --- |"]
    for cls in classes_with_keys():
        for binding in map(_binding, cls.__dict__["BINDINGS"]):
            what = binding.tooltip or binding.description or binding.action
            binding_id = f"`{binding.id}`" if binding.id else ""
            lines.append(f"| {where(cls)} | {key_display(binding.key)} | {_cell(what)} | {binding_id} |")
    return "\n".join(lines)


def with_table(readme: str, table: str) -> str:
    """The README's text with ``table`` between the markers (which must be there, once each)."""
    if readme.count(START) != 1 or readme.count(END) != 1:
        raise ValueError(f"README.md needs the markers {START!r} and {END!r}, once each")
    head, rest = readme.split(START)
    _, tail = rest.split(END)
    return f"{head}{START}\n{table}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when README.md's table is not current")
    parser.add_argument("--readme", type=Path, default=README, help="the README to write or check")
    args = parser.parse_args(argv)
    readme = args.readme.read_text(encoding="utf-8")
    current = with_table(readme, keys_table())
    if args.check:
        if current != readme:
            print(f"{args.readme.name}'s keys table is not current: run python scripts/readme_keys.py",
                  file=sys.stderr)
            return 1
        return 0
    if current != readme:
        args.readme.write_text(current, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
