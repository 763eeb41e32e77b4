"""The storage layer: pair files on disk, as design.md section 3 ("Storage rules") asks.

Every test works on real files under ``tmp_path`` and checks what a person would get:
the bytes and modes of files, the pairs that load, the messages that are shown.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import textwrap
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mentortui.core.contact_rules import warnings
from mentortui.core.demo import demo_pair
from mentortui.core.models import SCHEMA_VERSION, ActionItem, Meeting, Pair, Person
from mentortui.core.summary import summarize
from mentortui.storage import files
from mentortui.storage.errors import (
    BadPairName,
    NewerSchemaError,
    PairFileError,
    PairLockedError,
    StoreError,
)
from mentortui.storage.pair_file import pair_to_raw
from mentortui.storage.paths import check_slug, slugify
from mentortui.storage.store import PairStore

TODAY = date(2026, 11, 25)
SLUG = "priya-with-dana"
SECRET = "SECRET-MARKER-7f3a9c"
REPO = Path(__file__).resolve().parents[1]
DEMO = demo_pair(TODAY)  # built once: its ids are random, so compare against this one


# --------------------------------------------------------------------------- helpers


@pytest.fixture
def pair_store(tmp_path: Path) -> PairStore:
    return PairStore(tmp_path / "data")


@pytest.fixture
def created(pair_store: PairStore) -> tuple[PairStore, str]:
    """A store holding the demo pair, created the way the app creates pairs."""
    slug = pair_store.create(DEMO)
    assert slug == SLUG
    return pair_store, slug


def read_raw(path: Path) -> dict:
    return json.loads(path.read_bytes().decode("utf-8"))


def write_raw(path: Path, raw: object) -> bytes:
    data = json.dumps(raw, ensure_ascii=False, indent=1).encode("utf-8")
    path.write_bytes(data)
    return data


def temp_files(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def run_python(code: str, *args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True, text=True, timeout=timeout, env=env, cwd=REPO,
    )


def at(day: date, hour: int = 18) -> datetime:
    return datetime.combine(day, clock(hour, 0))


# --------------------------------------------------------------------------- 1. round trip


def test_create_then_load_gives_an_equal_pair(created):
    store, slug = created
    loaded = store.load(slug)
    assert loaded.model_dump() == DEMO.model_dump()
    assert loaded.title == "Priya Raman with Dana Okafor"


def test_loading_and_saving_an_unchanged_pair_writes_the_same_bytes(created):
    store, slug = created
    path = store.path_for(slug)
    before = path.read_bytes()
    with store.open(slug) as pair_file:
        pair_file.save(pair_file.load())
    assert path.read_bytes() == before


def test_a_saved_change_is_what_the_next_load_gives(created):
    store, slug = created
    with store.open(slug) as pair_file:
        pair = pair_file.load()
        pair.meetings[2].notes = "Talked about SQL window functions.\n"
        pair.stage = 4
        pair_file.save(pair)
    loaded = store.load(slug)
    assert loaded.meetings[2].notes == "Talked about SQL window functions.\n"
    assert loaded.stage == 4
    assert loaded.model_dump() == pair.model_dump()


def test_unknown_fields_and_tables_survive_a_load_and_save(created):
    store, slug = created
    path = store.path_for(slug)
    raw = read_raw(path)
    raw["meetings"]["1"]["mood"] = "hopeful"
    raw["meetings"]["1"]["agenda"][0]["colour"] = "green"
    raw["pair"]["1"]["programme"] = {"name": "Spring cohort", "year": 2026}
    raw["goals"]["2"]["checkins"][0]["energy"] = 7
    raw["attachments"] = {"1": {"name": "cv.pdf", "size": 12345}}
    write_raw(path, raw)

    with store.open(slug) as pair_file:
        pair = pair_file.load()
        pair.stage = 4
        pair_file.save(pair)

    saved = read_raw(path)
    assert saved["pair"]["1"]["stage"] == 4
    assert saved["meetings"]["1"]["mood"] == "hopeful"
    assert saved["meetings"]["1"]["agenda"][0]["colour"] == "green"
    assert saved["pair"]["1"]["programme"] == {"name": "Spring cohort", "year": 2026}
    assert saved["goals"]["2"]["checkins"][0]["energy"] == 7
    assert saved["attachments"] == {"1": {"name": "cv.pdf", "size": 12345}}


# --------------------------------------------------------------------------- 2. atomic saves


def test_saves_leave_no_temp_files(created):
    store, slug = created
    assert temp_files(store.folder) == []
    with store.open(slug) as pair_file:
        pair = pair_file.load()
        for number in range(5):
            pair.meetings[0].notes = f"draft {number}\n" * 1000
            pair_file.save(pair)
            assert temp_files(store.folder) == []
    assert store.load(slug).meetings[0].notes == "draft 4\n" * 1000


def _fail_replace(calls: list[dict]):
    def replace(src, dst):
        src = Path(src)
        calls.append({"src": src, "existed": src.exists(), "bytes": src.read_bytes()})
        raise OSError(errno.ENOSPC, "No space left on device")

    return replace


def _fail_first_fsync(calls: list[dict]):
    real_fsync = os.fsync

    def fsync(fd):
        if not calls:
            calls.append({"fd": fd})
            raise OSError(errno.EIO, "Input/output error")
        return real_fsync(fd)

    return fsync


def _fill_the_disk_part_way(calls: list[dict]):
    """The disk fills during the write: the first call writes a few bytes, the next fails."""
    real_writev = os.writev

    def writev(fd, buffers):
        calls.append({"fd": fd})
        if len(calls) == 1:
            return real_writev(fd, [bytes(buffers[0])[:10]])
        raise OSError(errno.ENOSPC, "No space left on device")

    return writev


@pytest.mark.parametrize(
    ("target", "make_fake"),
    [("replace", _fail_replace), ("fsync", _fail_first_fsync), ("writev", _fill_the_disk_part_way)],
    ids=["rename-fails", "fsync-fails", "disk-fills-while-writing"],
)
def test_a_failed_save_keeps_the_old_file_byte_identical_and_removes_the_temp_file(
    created, monkeypatch, target, make_fake
):
    store, slug = created
    path = store.path_for(slug)
    before = path.read_bytes()
    with store.open(slug) as pair_file:
        pair = pair_file.load()
        pair.meetings[0].notes = f"{SECRET} new confidential words\n"
        calls: list[dict] = []
        monkeypatch.setattr(files.os, target, make_fake(calls))
        with pytest.raises(OSError):
            pair_file.save(pair)
        monkeypatch.undo()

        assert calls, "the failing call was never reached"
        if target == "replace":
            # The new data really was written to a temp file next to the pair file...
            assert calls[0]["existed"]
            assert calls[0]["src"].parent == path.parent
            assert SECRET.encode() in calls[0]["bytes"]
            # ...which is gone now.
            assert not calls[0]["src"].exists()
        assert path.read_bytes() == before
        assert temp_files(store.folder) == []
        assert SECRET not in "".join(p.read_text(errors="replace") for p in store.folder.iterdir())

        # The pair file is still usable and the next save works.
        assert store.load(slug).model_dump() == DEMO.model_dump()
        pair_file.save(pair)
    assert store.load(slug).meetings[0].notes == f"{SECRET} new confidential words\n"


def test_a_file_written_in_more_pieces_than_one_call_takes_and_in_short_writes_is_whole(
    tmp_path, monkeypatch
):
    """The kernel may take fewer bytes than asked, and one call takes at most IOV_MAX
    pieces: whatever it does, the file holds every piece once, in order."""
    pieces = [f"{number:05d}|".encode() * (number % 7) * (1 + number % 50)
              for number in range(files.IOV_MAX * 2 + 5)]
    real_writev = os.writev
    calls = []

    def short_writev(fd, buffers):
        assert len(buffers) <= files.IOV_MAX
        calls.append(len(buffers))
        return real_writev(fd, [b"".join(buffers[:3])[:500]])  # what fits: a prefix

    monkeypatch.setattr(files.os, "writev", short_writev)
    path = tmp_path / "pair.json"
    files.atomic_write(path, pieces)
    assert path.read_bytes() == b"".join(pieces)
    assert len(calls) > 3


def test_temp_file_is_private_while_it_is_written(created, monkeypatch):
    store, slug = created
    modes: list[int] = []
    real_replace = os.replace

    def replace(src, dst):
        modes.append(mode_of(Path(src)))
        return real_replace(src, dst)

    with store.open(slug) as pair_file:
        pair = pair_file.load()
        monkeypatch.setattr(files.os, "replace", replace)
        pair_file.save(pair)
    assert modes == [0o600]


def test_leftover_temp_files_are_swept_when_the_pair_is_opened_for_writing(created):
    store, slug = created
    folder = store.folder
    leftovers = [folder / f".{slug}.json.k1lled99.tmp", folder / f".{slug}.json.abcd_efg.tmp"]
    for leftover in leftovers:
        leftover.write_text(f'{{"pair": "{SECRET} half written')
    other_pair_temp = folder / ".dana-with-priya.json.zz9.tmp"  # may belong to a live writer
    other_pair_temp.write_text("another pair's save in progress")

    # Reading only does not take the lock, so it must not touch anyone's temp files.
    with store.open(slug, read_only=True) as pair_file:
        pair_file.load()
    assert all(leftover.exists() for leftover in leftovers)

    with store.open(slug):
        assert not any(leftover.exists() for leftover in leftovers)
        assert other_pair_temp.exists()
    assert temp_files(folder) == [other_pair_temp.name]


# --------------------------------------------------------------------------- 3. permissions


def test_a_new_data_folder_is_private(pair_store):
    assert not pair_store.folder.exists()
    pair_store.create(demo_pair(TODAY))
    assert mode_of(pair_store.folder) == 0o700


def test_an_existing_looser_folder_is_tightened_on_create(pair_store):
    pair_store.folder.mkdir()
    os.chmod(pair_store.folder, 0o755)
    assert mode_of(pair_store.folder) == 0o755
    pair_store.create(demo_pair(TODAY))
    assert mode_of(pair_store.folder) == 0o700


def test_pair_files_are_0600_also_after_later_saves(created):
    store, slug = created
    path = store.path_for(slug)
    assert mode_of(path) == 0o600
    with store.open(slug) as pair_file:
        pair = pair_file.load()
        pair.stage = 4
        pair_file.save(pair)
        assert mode_of(path) == 0o600
        pair_file.save(pair)
    assert mode_of(path) == 0o600


def test_a_world_readable_pair_file_becomes_0600_when_saved(created):
    store, slug = created
    path = store.path_for(slug)
    os.chmod(path, 0o644)
    with store.open(slug) as pair_file:
        pair_file.save(pair_file.load())
    assert mode_of(path) == 0o600


def test_lock_and_holder_files_are_not_readable_by_others(created):
    store, slug = created
    with store.open(slug):
        lock = store.folder / f".{slug}.json.lock"
        holder = store.folder / f".{slug}.json.holder"
        assert lock.exists() and holder.exists()
        for path in (lock, holder):
            assert mode_of(path) & 0o077 == 0, f"{path.name} is {oct(mode_of(path))}"
        assert json.loads(holder.read_text())["pid"] == os.getpid()
    assert not holder.exists()


# --------------------------------------------------------------------------- 4. schema_version


def test_every_saved_file_carries_the_current_schema_version(created):
    store, slug = created
    path = store.path_for(slug)
    assert read_raw(path)["meta"] == {"1": {"schema_version": SCHEMA_VERSION}}
    with store.open(slug) as pair_file:
        pair = pair_file.load()
        pair.stage = 2
        pair_file.save(pair)
    assert read_raw(path)["meta"] == {"1": {"schema_version": SCHEMA_VERSION}}


def _version_0_file() -> dict:
    """The layout written before files carried a version: no meta, bare names."""
    return {
        "pair": {"1": {"mentor": "Dana Okafor", "mentee": "Priya Raman",
                       "started_on": "2026-08-27", "stage": 2}},
        "meetings": {"1": {"id": "m1", "kind": "first", "scheduled": "2026-09-03T18:00:00",
                           "notes": "Getting acquainted.\n",
                           "started_at": "2026-09-03T18:00:00", "ended_at": "2026-09-03T18:45:00"}},
        "action_items": {"1": {"id": "a1", "text": "Send an invite", "owner": "mentor",
                               "due": "2026-09-05", "status": "done", "done_on": "2026-09-04"}},
    }


def test_a_version_0_file_is_migrated_on_load_without_rewriting_it(pair_store):
    pair_store.folder.mkdir()
    path = pair_store.path_for("priya")
    before = write_raw(path, _version_0_file())

    loaded = pair_store.load("priya")
    assert loaded.mentor == Person(name="Dana Okafor")
    assert loaded.mentee == Person(name="Priya Raman")
    assert loaded.stage == 2
    assert loaded.meetings[0].notes == "Getting acquainted.\n"
    assert loaded.action_items[0].owner == "mentor"
    assert path.read_bytes() == before

    with pair_store.open("priya") as pair_file:  # for writing, still only reading
        assert pair_file.load().mentor.name == "Dana Okafor"
    assert path.read_bytes() == before

    with pair_store.open("priya") as pair_file:
        pair_file.save(pair_file.load())
    saved = read_raw(path)
    assert saved["meta"] == {"1": {"schema_version": SCHEMA_VERSION}}
    assert saved["pair"]["1"]["mentor"]["name"] == "Dana Okafor"
    assert saved["pair"]["1"]["mentee"]["name"] == "Priya Raman"


def _newer_file(created) -> tuple[PairStore, str, Path, bytes]:
    store, slug = created
    path = store.path_for(slug)
    raw = read_raw(path)
    raw["meta"]["1"]["schema_version"] = 99
    raw["meetings"]["1"]["reactions"] = ["thumbs-up"]  # something a newer version added
    return store, slug, path, write_raw(path, raw)


def test_a_newer_schema_version_is_refused_for_writing(created):
    store, slug, path, before = _newer_file(created)
    with store.open(slug) as pair_file:
        with pytest.raises(NewerSchemaError) as caught:
            pair_file.load()
    message = str(caught.value)
    assert str(path) in message
    assert "99" in message
    assert f"up to {SCHEMA_VERSION}" in message
    assert "read-only" in message
    assert isinstance(caught.value, PairFileError)
    assert (caught.value.found, caught.value.supported) == (99, SCHEMA_VERSION)
    assert path.read_bytes() == before


def test_a_newer_schema_version_opens_read_only_and_is_never_written(created):
    store, slug, path, before = _newer_file(created)
    with store.open(slug, read_only=True) as pair_file:
        pair = pair_file.load()
        assert pair.mentee.name == "Priya Raman"
        assert pair.meetings[0].model_extra == {"reactions": ["thumbs-up"]}
        with pytest.raises(StoreError):
            pair_file.save(pair)
    assert store.load(slug).mentor.name == "Dana Okafor"
    assert path.read_bytes() == before


@pytest.mark.parametrize("version", ["1", 1.0, -1, None, True])
def test_a_schema_version_that_is_not_a_whole_number_is_reported(created, version):
    store, slug = created
    path = store.path_for(slug)
    raw = read_raw(path)
    raw["meta"]["1"]["schema_version"] = version
    before = write_raw(path, raw)
    with pytest.raises(PairFileError) as caught:
        store.load(slug)
    assert str(path) in str(caught.value)
    assert "meta.schema_version" in str(caught.value)
    assert path.read_bytes() == before


# --------------------------------------------------------------------------- 5. damaged files


def _good_raw() -> dict:
    store_raw = pair_to_raw(demo_pair(TODAY))
    # Put the person's confidential words in the file: they must never reach a message.
    store_raw["meetings"]["1"]["notes"] = f"{SECRET} private words about a colleague\n"
    return store_raw


def _json(raw: dict) -> bytes:
    return json.dumps(raw, ensure_ascii=False).encode("utf-8")


def _changed(change) -> bytes:
    raw = _good_raw()
    change(raw)
    return _json(raw)


def _invalid_utf8() -> bytes:
    data = _json(_good_raw())
    at_secret = data.index(SECRET.encode())
    return data[:at_secret] + b"\xff\xfe" + data[at_secret:]


DAMAGED = {
    # name: (file bytes, words the message must contain)
    "not-json": (f"these are my notes {SECRET}\n".encode(), ["not valid JSON"]),
    "truncated": (_json(_good_raw())[:5000], ["not valid JSON"]),
    "empty": (b"", ["empty"]),
    "whitespace-only": (b"  \n\n", ["empty"]),
    "invalid-utf8": (_invalid_utf8(), ["UTF-8"]),
    "top-level-list": (json.dumps([SECRET, {"pair": {}}]).encode(), ["top level is not an object"]),
    "table-not-documents": (_changed(lambda raw: raw.__setitem__("goals", [SECRET])),
                            ["'goals'", "not a set of documents"]),
    "scheduled-zero": (
        _changed(lambda raw: raw["meetings"]["1"].__setitem__("scheduled", 0)),
        ["meetings[0].scheduled", "must be a date and time"],
    ),
    "scheduled-not-a-date": (
        _changed(lambda raw: raw["meetings"]["1"].__setitem__("scheduled", f"not a date {SECRET}")),
        ["meetings[0].scheduled", "must be a date and time"],
    ),
    "owner-boss": (
        _changed(lambda raw: raw["action_items"]["2"].update(owner="boss", text=f"{SECRET} task")),
        ["action_items[1].owner", "'mentor'", "'mentee'"],
    ),
    "progress-150": (
        _changed(lambda raw: raw["goals"]["2"]["checkins"][1].update(progress=150, note=SECRET)),
        ["goals[1].checkins[1].progress", "100"],
    ),
    "empty-goal-title": (
        _changed(lambda raw: raw["goals"]["3"].update(title="   ", specific=SECRET)),
        ["goals[2].title", "must not be empty"],
    ),
    "notes-not-text": (
        _changed(lambda raw: raw["meetings"]["1"].__setitem__("notes", [SECRET])),
        ["meetings[0].notes", "must be text"],
    ),
    "mentor-missing": (
        _changed(lambda raw: raw["pair"]["1"].pop("mentor")),
        ["mentor", "required"],
    ),
}


@pytest.fixture
def damaged(created, request) -> tuple[PairStore, str, Path, bytes, list[str]]:
    store, good_slug = created
    data, words = DAMAGED[request.param]
    if data.strip():
        assert SECRET.encode() in data, "the damaged file should hold the confidential marker"
    path = store.folder / "broken-pair.json"
    path.write_bytes(data)
    os.chmod(path, 0o600)
    return store, good_slug, path, data, words


def _assert_plain_message(message: str, path: Path, words: list[str]) -> None:
    assert message.startswith(f"{path}: ")
    for word in words:
        assert word in message
    assert SECRET not in message
    assert "boss" not in message
    assert "pydantic" not in message and "Value error" not in message and "\n" not in message


@pytest.mark.parametrize("damaged", list(DAMAGED), indirect=True)
def test_a_damaged_file_is_reported_by_path_and_field_and_left_alone(damaged):
    store, _, path, data, words = damaged

    with pytest.raises(PairFileError) as caught:
        store.load("broken-pair")
    _assert_plain_message(str(caught.value), path, words)
    assert caught.value.path == path
    assert path.read_bytes() == data

    with store.open("broken-pair") as pair_file:  # opened for writing: still never written
        with pytest.raises(PairFileError) as caught:
            pair_file.load()
    _assert_plain_message(str(caught.value), path, words)
    assert path.read_bytes() == data


@pytest.mark.parametrize("damaged", list(DAMAGED), indirect=True)
def test_listings_show_the_good_pairs_and_report_the_damaged_one(damaged):
    store, good_slug, path, data, words = damaged
    listings = store.listings(TODAY)
    by_slug = {listing.slug: listing for listing in listings}
    assert set(by_slug) == {good_slug, "broken-pair"}

    good = by_slug[good_slug]
    assert good.problem == ""
    assert good.summary is not None and good.summary.mentee == "Priya Raman"

    bad = by_slug["broken-pair"]
    assert bad.summary is None
    assert bad.path == path
    for word in words:
        assert word in bad.problem
    assert SECRET not in bad.problem
    assert path.read_bytes() == data


def test_a_document_key_that_is_not_a_number_is_reported_not_crashed(created):
    store, slug = created
    path = store.folder / "odd-keys.json"
    raw = _good_raw()
    raw["meetings"]["²"] = raw["meetings"].pop("1")
    data = write_raw(path, raw)
    try:
        store.load("odd-keys")
    except PairFileError:
        pass
    listings = {listing.slug: listing for listing in store.listings(TODAY)}
    assert listings[slug].summary is not None
    assert path.read_bytes() == data


def test_listings_survive_a_copied_file_with_a_name_that_is_not_a_slug(created):
    store, slug = created
    copy = store.folder / f"{slug} (copy).json"
    copy.write_bytes(store.path_for(slug).read_bytes())
    listings = store.listings(TODAY)
    good = [listing for listing in listings if listing.summary is not None]
    assert [listing.slug for listing in good] == [slug]
    odd = [listing for listing in listings if listing.summary is None]
    assert [listing.path for listing in odd] == [copy]
    assert "rename it to" in odd[0].problem


def test_listings_survive_a_file_that_cannot_be_read(created):
    # Tests run as root, so chmod 000 cannot make EACCES; a folder named like a pair file
    # takes the same path through the code (read_bytes raises an OSError).
    store, slug = created
    (store.folder / "archive.json").mkdir()
    by_slug = {listing.slug: listing for listing in store.listings(TODAY)}
    assert by_slug[slug].summary is not None
    assert by_slug["archive"].summary is None and by_slug["archive"].problem


# --------------------------------------------------------------------------- 6. lock


def test_a_second_open_for_writing_in_the_same_process_is_refused(created):
    store, slug = created
    first = store.open(slug)
    try:
        started = time.monotonic()
        with pytest.raises(PairLockedError) as caught:
            store.open(slug)
        assert time.monotonic() - started < 1.5
        message = str(caught.value)
        assert f"process {os.getpid()}" in message
        assert slug in message and "read-only" in message

        with store.open(slug, read_only=True) as reader:
            assert reader.load().mentee.name == "Priya Raman"
    finally:
        first.close()
    with store.open(slug) as again:
        assert again.load().mentor.name == "Dana Okafor"


_TRY_OPEN = """
    import json, sys, time
    from pathlib import Path
    from mentortui.storage.errors import PairLockedError
    from mentortui.storage.store import PairStore

    store = PairStore(Path(sys.argv[1]))
    started = time.monotonic()
    result = {}
    try:
        pair_file = store.open(sys.argv[2])
    except PairLockedError as error:
        result["error"] = type(error).__name__
        result["message"] = str(error)
    else:
        result["opened"] = pair_file.load().mentee.name
        pair_file.close()
    result["seconds"] = time.monotonic() - started
    with store.open(sys.argv[2], read_only=True) as reader:
        result["read_only"] = reader.load().mentor.name
    print(json.dumps(result))
"""


def test_another_process_is_told_who_holds_the_pair_and_can_read_it(created):
    store, slug = created
    holder = store.open(slug)
    try:
        run = run_python(_TRY_OPEN, str(store.folder), slug)
        assert run.returncode == 0, run.stderr
        result = json.loads(run.stdout)
        assert result["error"] == "PairLockedError"
        assert f"process {os.getpid()} " in result["message"]
        assert result["seconds"] < 1.5
        assert result["read_only"] == "Dana Okafor"
    finally:
        holder.close()

    run = run_python(_TRY_OPEN, str(store.folder), slug)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result.get("error") is None
    assert result["opened"] == "Priya Raman"


_HOLD = """
    import sys
    from pathlib import Path
    from mentortui.storage.store import PairStore

    pair_file = PairStore(Path(sys.argv[1])).open(sys.argv[2])
    print("holding", flush=True)
    sys.stdin.read()  # until the test closes our stdin
    pair_file.close()
    print("closed", flush=True)
"""


def test_a_pair_held_by_another_process_is_refused_until_it_closes(created):
    store, slug = created
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(_HOLD), str(store.folder), slug],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        assert child.stdout.readline() == "holding\n", child.stderr.read()
        started = time.monotonic()
        with pytest.raises(PairLockedError) as caught:
            store.open(slug)
        assert time.monotonic() - started < 1.5
        assert f"process {child.pid} " in str(caught.value)
        assert store.load(slug).mentee.name == "Priya Raman"  # read-only works meanwhile
    finally:
        child.stdin.close()
        assert child.wait(timeout=20) == 0
    with store.open(slug) as pair_file:
        pair_file.save(pair_file.load())


# --------------------------------------------------------------------------- 7. names


BAD_NAMES = ["../x", "/etc/x", "", ".", "..", "...", "a/b", "x\0y", "x/../../y", "Priya",
             " priya", "priya-", "-priya", "pri ya", "priya.json", "~", "\\x"]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_names_that_are_not_slugs_are_refused(created, name, tmp_path):
    store, _ = created
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    with pytest.raises(BadPairName):
        store.path_for(name)
    with pytest.raises(BadPairName):
        check_slug(name)
    for options in ({}, {"read_only": True}, {"create": True}):
        with pytest.raises(BadPairName):
            store.open(name, **options)
    with pytest.raises(BadPairName):
        store.load(name)
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before
    assert not Path("/etc/x.json").exists()


def _pair(mentee: str, mentor: str) -> Pair:
    return Pair(mentor=Person(name=mentor), mentee=Person(name=mentee), started_on=TODAY)


@pytest.mark.parametrize(
    ("mentee", "mentor", "expected"),
    [
        ("Priya Raman", "Dana Okafor", "priya-with-dana"),
        ("  Priya   Raman ", "DANA", "priya-with-dana"),
        ("Zoë Ångström", "José Núñez", "zoe-with-jose"),
        ("Anne-Marie O'Neil", "Dana", "anne-marie-with-dana"),
        ("Jo_Ann", "Dana", "jo-ann-with-dana"),
        ("../../etc/passwd", "Dana", "etc-passwd-with-dana"),
        ("a/b\\c", "/", "a-b-c-with-mentor"),
        ("Sam 🙂", "🌟 Kim", "sam-with-mentor"),
        ("ｐｒｉｙａ", "Ｄａｎａ", "priya-with-dana"),  # full-width letters
        ("...", "..", "mentee-with-mentor"),
        ("王芳", "李雷", "mentee-with-mentor"),
        ("王芳", "Dana", "mentee-with-dana"),
    ],
)
def test_new_slug_makes_a_safe_name_inside_the_folder(pair_store, mentee, mentor, expected):
    pair = _pair(mentee, mentor)
    slug = pair_store.new_slug(pair)
    assert slug == expected
    assert check_slug(slug) == slug
    created_slug = pair_store.create(pair)
    assert created_slug == slug
    path = pair_store.path_for(slug)
    assert path.parent == pair_store.folder
    assert path.is_file() and not path.name.startswith(".")
    assert pair_store.load(slug).mentee.name == " ".join(mentee.split())


def test_duplicate_names_get_numbered(pair_store):
    slugs = [pair_store.create(_pair("Priya Raman", "Dana Okafor")) for _ in range(3)]
    slugs.append(pair_store.create(_pair("priya", "dana")))
    assert slugs == ["priya-with-dana", "priya-with-dana-2", "priya-with-dana-3", "priya-with-dana-4"]
    assert pair_store.slugs() == sorted(slugs)
    for slug in slugs:
        assert pair_store.load(slug).mentor.name.lower().startswith("dana")


def test_created_files_always_land_inside_the_data_folder(tmp_path):
    store = PairStore(tmp_path / "deep" / "data")
    names = ["../../outside", "/tmp/evil", "..", "a/../../b", "C:\\Windows\\x", "~root"]
    for name in names:
        store.create(_pair(name, name))
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert path.parent == store.folder, path
    assert len(store.slugs()) == len(names)


_names = st.text(min_size=1, max_size=30)


@settings(max_examples=300, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(mentee=_names, mentor=_names)
def test_any_valid_names_give_a_slug_that_check_slug_accepts(mentee, mentor):
    try:
        pair = _pair(mentee, mentor)
    except ValidationError:
        assume(False)
    store = PairStore(Path("/nonexistent-mentortui-test-folder") / "data")
    slug = store.new_slug(pair)
    assert check_slug(slug) == slug
    assert slugify(slug) == slug
    assert store.path_for(slug).parent == store.folder
    assert "/" not in slug and "\0" not in slug and not slug.startswith(".")


def test_a_very_long_name_still_gives_a_pair_file(pair_store):
    long_name = "Wolfeschlegelsteinhausenbergerdorff" * 7  # one word, 245 characters
    slug = pair_store.create(_pair(long_name, "Dana"))
    assert pair_store.path_for(slug).parent == pair_store.folder
    assert pair_store.load(slug).mentee.name == long_name


# --------------------------------------------------------------------------- 8. summary


def held(days_ago: int) -> Meeting:
    start = at(TODAY - timedelta(days=days_ago))
    return Meeting(scheduled=start, started_at=start, ended_at=start + timedelta(minutes=50))


def planned(days_ahead: int) -> Meeting:
    return Meeting(scheduled=at(TODAY + timedelta(days=days_ahead)))


def pair_with(meetings=(), started_days_ago: int = 100, items=()) -> Pair:
    return Pair(
        mentor=Person(name="Dana Okafor"), mentee=Person(name="Priya Raman"),
        started_on=TODAY - timedelta(days=started_days_ago),
        meetings=list(meetings), action_items=list(items),
    )


def contact_warning(pair: Pair, today: date) -> str:
    """The warnings as the pair list shows them: one line."""
    return "; ".join(warnings(pair, today))


def assert_two_week_warning(warning: str, days: int) -> None:
    """The two-week rule's warning: how long, and that nothing is planned (wording may vary)."""
    assert warning, "expected a warning"
    assert f"{days} days" in warning
    assert "planned" in warning
    assert "monthly" not in warning


def assert_monthly_warning(warning: str, days: int) -> None:
    assert warning, "expected a warning"
    assert f"{days} days" in warning
    assert "monthly" in warning


def test_fifteen_days_without_a_meeting_and_none_planned_is_a_warning():
    warning = contact_warning(pair_with([held(40), held(15)]), TODAY)
    assert_two_week_warning(warning, 15)


def test_a_planned_next_meeting_silences_the_two_week_warning():
    assert contact_warning(pair_with([held(15), planned(3)]), TODAY) == ""
    assert contact_warning(pair_with([planned(2), held(29)]), TODAY) == ""


def test_a_missed_meeting_in_the_past_does_not_count_as_planned():
    warning = contact_warning(pair_with([held(20), planned(-6)]), TODAY)
    assert_two_week_warning(warning, 20)


def test_a_recent_meeting_gives_no_warning():
    assert contact_warning(pair_with([held(13)]), TODAY) == ""
    assert contact_warning(pair_with([held(0)]), TODAY) == ""


def test_more_than_a_month_breaks_the_monthly_minimum_even_with_a_meeting_planned():
    assert_monthly_warning(contact_warning(pair_with([held(60), held(31), planned(1)]), TODAY), 31)
    assert_monthly_warning(contact_warning(pair_with([held(31)]), TODAY), 31)


def test_the_latest_held_meeting_counts_whatever_the_order_in_the_file():
    pair = pair_with([held(5), held(50), held(20)])
    assert contact_warning(pair, TODAY) == ""
    assert summarize("x", pair, TODAY).last_meeting == at(TODAY - timedelta(days=5))


def test_a_new_pair_with_no_meetings_is_warned_after_two_weeks():
    warning = contact_warning(pair_with([], started_days_ago=20), TODAY)
    assert_two_week_warning(warning, 20)
    assert "start" in warning
    assert contact_warning(pair_with([], started_days_ago=10), TODAY) == ""
    warning = contact_warning(pair_with([planned(4)], started_days_ago=20), TODAY)
    assert "20 days" in warning and "two weeks" in warning and "planned for" in warning
    assert_monthly_warning(contact_warning(pair_with([planned(4)], started_days_ago=45), TODAY), 45)


def test_summary_of_the_demo_pair():
    summary = summarize(SLUG, demo_pair(TODAY), TODAY)
    assert summary.slug == SLUG
    assert (summary.mentee, summary.mentor, summary.stage) == ("Priya Raman", "Dana Okafor", 3)
    assert summary.last_meeting == at(TODAY - timedelta(days=14))
    assert summary.next_meeting == at(TODAY + timedelta(days=3))
    assert (summary.open_items, summary.overdue_items) == (4, 2)
    assert summary.warning == ""


def test_open_and_overdue_counts():
    items = [
        ActionItem(text="overdue", owner="mentee", due=TODAY - timedelta(days=1)),
        ActionItem(text="due today", owner="mentor", due=TODAY),
        ActionItem(text="no date", owner="both"),
        ActionItem(text="later", owner="mentee", due=TODAY + timedelta(days=7)),
        ActionItem(text="done late", owner="mentee", due=TODAY - timedelta(days=9), status="done"),
        ActionItem(text="dropped", owner="mentor", due=TODAY - timedelta(days=9), status="dropped"),
    ]
    summary = summarize("x", pair_with([held(3)], items=items), TODAY)
    assert (summary.open_items, summary.overdue_items) == (4, 1)
    assert summarize("x", pair_with([held(3)]), TODAY).open_items == 0


def test_listings_carry_the_summary_of_each_pair(created):
    store, slug = created
    second = store.create(pair_with([held(15)]))
    listings = store.listings(TODAY)
    assert [listing.slug for listing in listings] == sorted([slug, second])
    by_slug = {listing.slug: listing for listing in listings}
    assert by_slug[slug].summary == summarize(slug, demo_pair(TODAY), TODAY)
    assert_two_week_warning(by_slug[second].summary.warning, 15)
    assert by_slug[second].path == store.folder / f"{second}.json"
