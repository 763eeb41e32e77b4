"""The command line as a person types it: list, new, bad names, damaged files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mentortui.cli import main
from mentortui.core.demo import demo_pair
from mentortui.storage.store import PairStore

from .conftest import TODAY


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mentortui", *args, "--data-dir", str(data_dir)],
        capture_output=True, text=True, timeout=60,
    )


def test_new_then_list_shows_the_pair(tmp_path):
    data = tmp_path / "data"
    created = run("new", "--mentor", "Dana Okafor", "--mentee", "Priya Raman", data_dir=data)
    assert created.returncode == 0, created.stderr
    assert "mentortui priya-with-dana" in created.stdout
    listed = run("list", data_dir=data)
    assert listed.returncode == 0
    header, row = listed.stdout.splitlines()
    assert header.split()[:3] == ["PAIR", "MENTEE", "MENTOR"]
    assert row.split()[:5] == ["priya-with-dana", "Priya", "Raman", "Dana", "Okafor"]
    assert os.stat(data).st_mode & 0o777 == 0o700


def test_list_names_a_damaged_file_and_still_lists_good_pairs(tmp_path, capsys):
    store = PairStore(tmp_path / "data")
    store.create(demo_pair(TODAY))
    (store.folder / "broken.json").write_text("{not json")
    code = main(["list", "--data-dir", str(store.folder)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "priya-with-dana" in out
    assert f"! {store.folder / 'broken.json'}: not valid JSON" in err


def test_list_on_an_empty_folder_says_how_to_start(tmp_path, capsys):
    assert main(["list", "--data-dir", str(tmp_path / "nothing")]) == 0
    assert "mentortui new --mentor NAME --mentee NAME" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["../x", "/etc/passwd", "..", "a/b"])
def test_a_pair_name_that_leaves_the_folder_is_refused(tmp_path, name):
    result = run(name, data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert "is not a pair name" in result.stderr
    assert "Traceback" not in result.stderr


def test_opening_a_pair_that_does_not_exist_is_a_clean_error(tmp_path, capsys):
    assert main(["nobody", "--data-dir", str(tmp_path)]) == 2
    assert "no pair called 'nobody'" in capsys.readouterr().err


def test_new_with_a_blank_name_is_refused(tmp_path):
    result = run("new", "--mentor", "  ", "--mentee", "Sam", data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert "mentor.name: must not be empty" in result.stderr
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("command", [[], ["list"], ["new"], ["export"]])
def test_every_command_has_help(command):
    result = subprocess.run([sys.executable, "-m", "mentortui", *command, "--help"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "usage: mentortui" in result.stdout


def test_export_latest_meeting_to_stdout_and_the_report_to_an_html_file(tmp_path):
    data = tmp_path / "data"
    slug = PairStore(data).create(demo_pair(TODAY))
    latest = run("export", slug, data_dir=data)
    assert latest.returncode == 0, latest.stderr
    assert latest.stdout.startswith("# Priya Raman with Dana Okafor: meeting of ")
    first = run("export", slug, "--meeting", "1", data_dir=data)
    assert "- Kind: First meeting" in first.stdout
    out = tmp_path / "report.html"
    report = run("export", slug, "--all", "--format", "html", "-o", str(out), data_dir=data)
    assert report.returncode == 0 and out.read_text().startswith("<!doctype html>")
    assert "<table>" in out.read_text()


def test_export_with_a_bad_meeting_or_a_damaged_file_fails_cleanly(tmp_path):
    data = tmp_path / "data"
    slug = PairStore(data).create(demo_pair(TODAY))
    missing = run("export", slug, "--meeting", "9", data_dir=data)
    assert missing.returncode == 2
    assert "there is no meeting '9': give a number from 1 to 6 or 'latest'" in missing.stderr
    (data / "broken.json").write_text('{"pair": ')
    damaged = run("export", "broken", data_dir=data)
    assert damaged.returncode == 2
    assert f"{data / 'broken.json'}: not valid JSON" in damaged.stderr
    assert "Traceback" not in damaged.stderr
