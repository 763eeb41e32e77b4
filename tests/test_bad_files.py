"""Pair files of any shape (issue 10, point 4): reported by path and what is wrong,
never in the way of the other pairs, and never changed.

Each bad file sits in the data folder beside a good pair, as a hand edit or a copy from
elsewhere would leave it; the store, `mentortui list` and `export` (real processes, so a
crash or a hang shows as one) and the app's pair list are asked about it.
"""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from mentortui.core.demo import demo_pair
from mentortui.core.models import SCHEMA_VERSION
from mentortui.dialogs.confirm import ConfirmScreen
from mentortui.screens.pair_home import PairHomeScreen
from mentortui.storage.errors import PairFileError
from mentortui.storage.pair_file import pair_to_raw
from mentortui.storage.store import PairStore

from .conftest import TODAY

GOOD = "priya-with-dana"
BAD = "hand-edited"
SECRET = "SECRET-MARKER-51c0"


def good_raw() -> dict:
    raw = pair_to_raw(demo_pair(TODAY))
    raw["meetings"]["1"]["notes"] = f"{SECRET} private words\n"
    return raw


def as_bytes(raw: object) -> bytes:
    return json.dumps(raw, ensure_ascii=False).encode("utf-8")


def changed(change: Callable[[dict], object]) -> bytes:
    raw = good_raw()
    change(raw)
    return as_bytes(raw)


def deeply_nested(depth: int) -> bytes:
    raw = good_raw()
    raw["pair"]["1"]["programme"] = "@"
    data = as_bytes(raw).decode()
    return data.replace('"@"', "[" * depth + "]" * depth).encode()


def same_action_item_id(raw: dict) -> None:
    for key in ("1", "2", "3"):
        raw["action_items"][key]["id"] = "a1b2c3"


def same_agenda_item_id(raw: dict) -> None:
    agenda = raw["meetings"]["2"]["agenda"]
    agenda[1]["id"] = agenda[0]["id"] = "x9"


def duplicate_key_in_a_meeting(raw: dict) -> bytes:
    data = as_bytes(raw).decode()
    return data.replace('"notes": ', '"notes": "first", "notes": ', 1).encode()


# name: (file bytes, words the message must hold)
BAD_FILES: dict[str, tuple[bytes, list[str]]] = {
    "nested-100000-deep": (deeply_nested(100_000), ["nested too deeply"]),
    "nested-500-deep": (deeply_nested(500), ["nested too deeply"]),
    "utf-16": (json.dumps(good_raw()).encode("utf-16"), ["UTF-16", "save it as UTF-8"]),
    "utf-16-without-bom": (json.dumps(good_raw()).encode("utf-16-le"), ["UTF-16"]),
    "utf-8-bom": (codecs.BOM_UTF8 + as_bytes(good_raw()), ["byte order mark"]),
    "duplicate-key": (duplicate_key_in_a_meeting(good_raw()), ["'notes'", "appears twice"]),
    "duplicate-table": (b'{"pair": {}, ' + as_bytes(good_raw())[1:], ["'pair'", "appears twice"]),
    "three-action-items-one-id": (
        changed(same_action_item_id),
        ["action_items: the id 'a1b2c3' is used 3 times", "action_items[0], action_items[1], action_items[2]"],
    ),
    "two-agenda-items-one-id": (changed(same_agenda_item_id), ["meetings[1].agenda: the id 'x9' is used 2 times"]),
    "two-goals-one-id": (
        changed(lambda raw: raw["goals"]["2"].update(id=raw["goals"]["1"]["id"])), ["goals: the id"],
    ),
    "two-meetings-one-id": (
        changed(lambda raw: raw["meetings"]["3"].update(id=raw["meetings"]["1"]["id"])), ["meetings: the id"],
    ),
    "two-pair-documents": (changed(lambda raw: raw["pair"].update({"2": raw["pair"]["1"]})),
                           ["table 'pair' holds 2 documents"]),
    "a-number-of-5000-digits": (as_bytes(good_raw())[:-1] + b', "n": {"1": {"x": ' + b"9" * 5000 + b"}}}",
                                ["not valid JSON"]),
}


def make_folder(tmp_path: Path) -> PairStore:
    store = PairStore(tmp_path / "data")
    assert store.create(demo_pair(TODAY)) == GOOD
    return store


def put(store: PairStore, data: bytes) -> Path:
    path = store.folder / f"{BAD}.json"
    path.write_bytes(data)
    os.chmod(path, 0o600)
    return path


def fingerprint(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), os.stat(path).st_mtime_ns


def run_cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """`mentortui` as a person runs it; a hang fails the test instead of stalling it."""
    return subprocess.run([sys.executable, "-m", "mentortui", *args, "--data-dir", str(data_dir)],
                          capture_output=True, text=True, timeout=60)


def assert_reported(message: str, path: Path, words: list[str]) -> None:
    assert message.startswith(f"{path}: ") or message.startswith(f"mentortui: {path}: "), message
    for word in words:
        assert word in message
    assert SECRET not in message
    assert "\n" not in message.rstrip("\n")


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_file_is_reported_and_the_good_pair_still_lists(tmp_path, name):
    store = make_folder(tmp_path)
    data, words = BAD_FILES[name]
    path = put(store, data)
    before = fingerprint(path)

    with pytest.raises(PairFileError) as caught:
        store.load(BAD)
    assert_reported(str(caught.value), path, words)

    listings = {listing.slug: listing for listing in store.listings(TODAY)}
    assert listings[GOOD].summary is not None and listings[GOOD].summary.mentee == "Priya Raman"
    assert listings[BAD].summary is None
    assert_reported(f"{path}: {listings[BAD].problem}", path, words)
    assert fingerprint(path) == before


@pytest.mark.parametrize("name", ["nested-100000-deep", "three-action-items-one-id", "utf-16", "duplicate-key"])
def test_list_and_export_report_the_bad_file_by_path(tmp_path, name):
    store = make_folder(tmp_path)
    data, words = BAD_FILES[name]
    path = put(store, data)
    before = fingerprint(path)

    listed = run_cli("list", data_dir=store.folder)
    assert listed.returncode == 1, listed.stderr
    assert "Traceback" not in listed.stderr
    assert listed.stdout.splitlines()[1].split()[0] == GOOD
    problem = next(line for line in listed.stderr.splitlines() if line.startswith("! "))
    assert_reported(problem.removeprefix("! "), path, words)

    exported = run_cli("export", BAD, data_dir=store.folder)
    assert exported.returncode == 2
    assert exported.stdout == ""
    assert "Traceback" not in exported.stderr
    assert_reported(exported.stderr.strip(), path, words)
    assert fingerprint(path) == before


def test_a_huge_file_is_refused_by_its_size_without_reading_it(tmp_path):
    store = make_folder(tmp_path)
    path = store.folder / f"{BAD}.json"
    with open(path, "wb") as handle:  # sparse: no disk space used
        handle.truncate(200 * 2**20)
    before = fingerprint(path)
    with pytest.raises(PairFileError) as caught:
        store.load(BAD)
    assert_reported(str(caught.value), path, ["200 MB", "at most 64 MB"])
    assert [listing.slug for listing in store.listings(TODAY) if listing.summary] == [GOOD]
    assert fingerprint(path) == before


def test_a_folder_a_fifo_and_a_dangling_link_named_like_pairs_are_reported(tmp_path):
    store = make_folder(tmp_path)
    (store.folder / "archive.json").mkdir()
    os.mkfifo(store.folder / "pipe.json")
    (store.folder / "gone.json").symlink_to(tmp_path / "moved-away.json")

    listed = run_cli("list", data_dir=store.folder)
    assert listed.returncode == 1
    assert listed.stdout.splitlines()[1].split()[0] == GOOD
    lines = listed.stderr.splitlines()
    assert f"! {store.folder / 'archive.json'}: is a folder, not a pair file" in lines
    assert f"! {store.folder / 'pipe.json'}: is a named pipe (fifo), not a pair file" in lines
    assert (f"! {store.folder / 'gone.json'}: is a link to {tmp_path / 'moved-away.json'}, "
            "which does not exist") in lines

    exported = run_cli("export", "pipe", data_dir=store.folder)
    assert exported.returncode == 2
    pipe = store.folder / "pipe.json"
    assert exported.stderr.strip() == f"mentortui: {pipe}: is a named pipe (fifo), not a pair file"


def newer_file(store: PairStore) -> Path:
    raw = pair_to_raw(demo_pair(TODAY))
    raw["meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    raw["pair"]["1"]["mentee"]["name"] = "Noor Haddad"
    raw["pair"]["1"]["feature_from_the_future"] = {"x": 1}
    path = store.folder / "noor-with-dana.json"
    path.write_bytes(as_bytes(raw))
    os.chmod(path, 0o600)
    return path


def test_list_marks_a_file_from_a_newer_mentortui_and_still_lists_it(tmp_path):
    store = make_folder(tmp_path)
    path = newer_file(store)
    before = fingerprint(path)

    listed = run_cli("list", data_dir=store.folder)
    assert listed.returncode == 0, listed.stdout
    rows = {line.split()[0]: line for line in listed.stdout.splitlines()[1:]}
    assert set(rows) == {GOOD, "noor-with-dana"}
    assert "Noor Haddad" in rows["noor-with-dana"]
    assert (f"! noor-with-dana: written by a newer mentortui (schema {SCHEMA_VERSION + 1}; "
            f"this version reads up to {SCHEMA_VERSION}); read-only") in listed.stderr.splitlines()
    assert fingerprint(path) == before


def test_export_of_a_newer_file_warns_on_stderr_and_still_exports(tmp_path):
    store = make_folder(tmp_path)
    path = newer_file(store)
    before = fingerprint(path)

    exported = run_cli("export", "noor-with-dana", "--all", data_dir=store.folder)
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.startswith("# Noor Haddad with Dana Okafor")
    assert exported.stderr.startswith(f"mentortui: warning: {path} was written by a newer mentortui "
                                      f"(schema {SCHEMA_VERSION + 1}")
    assert fingerprint(path) == before


async def test_the_pair_list_shows_the_good_pair_and_names_the_bad_files(tmp_path, store, make_app):
    store.create(demo_pair(TODAY))
    nested = store.folder / "nested.json"
    nested.write_bytes(BAD_FILES["nested-100000-deep"][0])
    repeated = store.folder / "repeated.json"
    repeated.write_bytes(BAD_FILES["three-action-items-one-id"][0])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#pairs", DataTable)
        assert [str(cell) for cell in table.get_row_at(0)][:2] == ["Priya Raman", "Dana Okafor"]
        assert table.row_count == 1
        assert str(app.screen.query_one("#status", Static).render()).startswith("1 pair in ")
        problems = str(app.screen.query_one("#problems", Static).render())
        assert f"Cannot read {nested}: nested too deeply" in problems
        assert f"Cannot read {repeated}: action_items: the id 'a1b2c3' is used 3 times" in problems
    assert nested.read_bytes() == BAD_FILES["nested-100000-deep"][0]


async def test_the_pair_list_marks_a_file_from_a_newer_mentortui(store, make_app):
    store.create(demo_pair(TODAY))
    path = newer_file(store)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one("#pairs", DataTable).row_count == 2
        problems = str(app.screen.query_one("#problems", Static).render())
        assert f"{path}: written by a newer mentortui (schema {SCHEMA_VERSION + 1}" in problems
        assert problems.rstrip().endswith("read-only")


async def test_opening_a_newer_file_in_the_app_offers_read_only_and_never_writes_it(store, make_app):
    store.folder.mkdir(parents=True)
    path = newer_file(store)
    before = fingerprint(path)
    app = make_app(open_pair="noor-with-dana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        message = str(app.screen.query_one("#message", Static).render())
        assert f"written by a newer mentortui (schema version {SCHEMA_VERSION + 1}" in message
        await pilot.press("enter")  # "Open read-only" has the focus
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PairHomeScreen)
        assert app.session is not None and app.session.read_only
        await pilot.press("q")
    assert fingerprint(path) == before
