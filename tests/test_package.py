"""The package people install: its licence, metadata, changelog, and a source release
(sdist) that holds everything its own tests need and passes them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

import mentortui

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
HOME = "https://github.com/mentortui/mentortui"
# Folders whose every file the sdist must hold: the package, and what its tests read.
SUITE_FOLDERS = ("mentortui", "tests", "benchmarks", "docs", "scripts")
# Left out of the copy the sdist is built from: the machine's own state, never shipped.
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.pyc", "*.egg-info", ".hypothesis",
                                    ".mypy_cache", ".pytest_cache", ".ruff_cache", "build", "dist",
                                    "snapshot_report.html")
# A few fast tests that need the suite's helpers, the benchmarks' pairs, a golden file and
# a snapshot SVG: if any of them is missing from the sdist, one of these fails.
SUBSET = (
    "tests/test_benchmark_pairs.py",
    "tests/test_layers.py",
    "tests/test_export.py::test_meeting_summary_of_the_demo_pair_matches_the_golden_file",
    "tests/snapshots/test_screens.py::test_snapshot[pair_list-wide]",
)


def test_the_licence_is_mit_by_its_spdx_name_with_the_licence_file():
    assert PROJECT["license"] == "MIT"
    assert PROJECT["license-files"] == ["LICENSE"]
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n")
    assert "Copyright (c) 2026 mentortui contributors" in licence
    assert "THE SOFTWARE IS PROVIDED \"AS IS\"" in licence


def test_the_project_links_to_its_home_issues_and_changelog():
    assert PROJECT["urls"] == {
        "Homepage": HOME,
        "Issues": f"{HOME}/issues",
        "Changelog": f"{HOME}/blob/main/CHANGELOG.md",
    }


def test_the_classifiers_say_what_it_is_and_where_it_runs():
    classifiers = set(PROJECT["classifiers"])
    assert {
        "Development Status :: 4 - Beta",
        "Environment :: Console",
        "Operating System :: POSIX",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
        "Topic :: Office/Business",
        "Typing :: Typed",
    } <= classifiers
    # The oldest Python named is the one the package requires.
    assert PROJECT["requires-python"] == ">=3.11"
    # "Typed" is only true with the marker that tells type checkers to read the package.
    assert (ROOT / "mentortui" / "py.typed").is_file()
    assert "py.typed" in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["setuptools"]["package-data"]["mentortui"]


def test_the_changelog_has_this_release():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert PROJECT["version"] == mentortui.__version__
    assert f"\n## {mentortui.__version__} " in changelog


def _build_sdist(tmp_path: Path) -> Path:
    # Built from a copy, so the build's egg-info never lands in the work tree.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    subprocess.run([sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir", str(tmp_path / "dist")],
                   cwd=source, check=True, capture_output=True, text=True)
    (sdist,) = (tmp_path / "dist").glob("mentortui-*.tar.gz")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path / "unpacked", filter="data")
    (unpacked,) = (tmp_path / "unpacked").iterdir()
    return unpacked


def _files(root: Path, folder: str) -> set[str]:
    return {path.relative_to(root).as_posix() for path in (root / folder).rglob("*")
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"}


def test_the_sdist_holds_what_its_tests_need_and_passes_them(tmp_path):
    unpacked = _build_sdist(tmp_path)

    for folder in SUITE_FOLDERS:
        assert _files(ROOT, folder) <= _files(unpacked, folder), folder
    for name in ("LICENSE", "CHANGELOG.md", "README.md", "pyproject.toml", ".ci/run"):
        assert (unpacked / name).is_file(), name
    metadata = (unpacked / "PKG-INFO").read_text(encoding="utf-8")
    assert "License-Expression: MIT" in metadata
    assert "License-File: LICENSE" in metadata
    assert f"Project-URL: Issues, {HOME}/issues" in metadata

    # The unpacked sdist's own package and tests, not the work tree's: python -m puts the
    # current folder first on the path.
    env = {name: value for name, value in os.environ.items() if not name.startswith("PYTEST")}
    which = subprocess.run([sys.executable, "-c", "import mentortui; print(mentortui.__file__)"],
                           cwd=unpacked, env=env, check=True, capture_output=True, text=True)
    assert Path(which.stdout.strip()).is_relative_to(unpacked)
    run = subprocess.run([sys.executable, "-m", "pytest", "-n", "0", "-q", "-p", "no:cacheprovider", *SUBSET],
                         cwd=unpacked, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "1 snapshot passed" in run.stdout
