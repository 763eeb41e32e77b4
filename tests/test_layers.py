"""The layers the folders show: the domain (core) and persistence (storage) never import
Textual or Rich, and each layer imports only from the layers below it.

Every module is found by walking the packages, so a module added later is checked too.
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import mentortui
import mentortui.core
import mentortui.storage

PACKAGE = Path(mentortui.__file__).parent

# What each layer may import from the package, by top-level part of the module name.
ALLOWED = {
    "core": {"core"},
    "storage": {"core", "storage"},
    "widgets": {"core", "widgets"},
    "dialogs": {"core", "storage", "widgets", "dialogs"},
    "screens": {"core", "storage", "widgets", "dialogs", "screens"},
}


def modules(package) -> list[str]:
    return sorted(info.name for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."))


def test_every_domain_and_storage_module_is_found():
    names = modules(mentortui.core) + modules(mentortui.storage)
    assert "mentortui.core.models" in names and "mentortui.storage.store" in names
    assert len(names) == len(list((PACKAGE / "core").glob("*.py")) + list((PACKAGE / "storage").glob("*.py"))) - 2


def test_core_and_storage_never_import_textual_or_rich():
    names = modules(mentortui.core) + modules(mentortui.storage)
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "    ui = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "    if ui:\n"
        "        print(name, ui[:3])\n"
        "        break\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"imports Textual or Rich: {result.stdout}"


def _runtime_nodes(tree: ast.AST):
    """Every node but those under ``if TYPE_CHECKING:``: an import there only names a type
    (screens naming the app they run in) and is never executed."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for child in node.orelse:
                yield child
                yield from _runtime_nodes(child)
            continue
        yield node
        yield from _runtime_nodes(node)


def _imported_parts(path: Path) -> set[tuple[str, int]]:
    """The package parts (``core``, ``storage``, ...) a module imports when it runs, with
    line numbers."""
    tree = ast.parse(path.read_text(), str(path))
    found = set()
    for node in _runtime_nodes(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: use absolute imports (mentortui....)"
            names = [node.module or ""]
        for name in names:
            parts = name.split(".")
            if parts[0] == "mentortui" and len(parts) > 1:
                found.add((parts[1], node.lineno))
    return found


def test_each_layer_imports_only_from_the_layers_below_it():
    wrong = []
    for layer, allowed in ALLOWED.items():
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            for part, line in _imported_parts(path):
                if part not in allowed:
                    wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports mentortui.{part}")
    assert not wrong, "\n".join(wrong)
