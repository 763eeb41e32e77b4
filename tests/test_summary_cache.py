"""The pair list's summary cache: a start reads only the pair files that changed, and the
list it shows is the one a fresh read of every file would show."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
import threading
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable

from mentortui.core.demo import demo_pair
from mentortui.core.models import Person
from mentortui.core.summary import PairSummary
from mentortui.storage.pair_file import PairFile
from mentortui.storage.store import PairStore
from mentortui.storage.summary_cache import CACHE_NAME, summary_from_plain, summary_to_plain

from .conftest import TODAY


@pytest.fixture
def two_pairs(store: PairStore) -> tuple[str, str]:
    first = store.create(demo_pair(TODAY))
    second = store.create(demo_pair(TODAY).model_copy(update={"mentee": Person(name="Ada Mentee")}))
    return first, second


@pytest.fixture
def file_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The pair files read (loaded and validated) from here on."""
    reads: list[Path] = []
    load = PairFile.load

    def counted(pair_file: PairFile) -> object:
        reads.append(pair_file.listed_path)
        return load(pair_file)

    monkeypatch.setattr(PairFile, "load", counted)
    return reads


def set_mentee(path: Path, name: str) -> None:
    """Change the mentee's name in a pair file as another program would: a new file."""
    raw = json.loads(path.read_bytes())
    raw["pair"]["1"]["mentee"]["name"] = name
    path.write_text(json.dumps(raw))


def mentees(store: PairStore, today: date = TODAY) -> dict[str, str]:
    return {listing.slug: listing.summary.mentee for listing in store.listings(today) if listing.summary}


def test_a_second_listing_reads_no_file_and_matches_a_fresh_read(store, two_pairs, file_reads):
    first = store.listings(TODAY)
    assert len(file_reads) == 2
    file_reads.clear()

    again = store.listings(TODAY)
    assert file_reads == []
    assert again == first
    (store.folder / CACHE_NAME).unlink()
    assert store.listings(TODAY) == first
    assert len(file_reads) == 2


def test_the_cache_is_a_private_file_in_the_private_folder(store, two_pairs):
    store.listings(TODAY)
    cache = store.folder / CACHE_NAME
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.folder.stat().st_mode) == 0o700
    assert store.slugs() == sorted(two_pairs)  # never taken for a pair


def test_an_edited_pair_file_is_read_again(store, two_pairs, file_reads):
    first, second = two_pairs
    store.listings(TODAY)
    file_reads.clear()

    set_mentee(store.path_for(second), "Bea Longer-Name Mentee")
    assert mentees(store) == {first: "Priya Raman", second: "Bea Longer-Name Mentee"}
    assert file_reads == [store.path_for(second)]


def test_a_same_size_replacement_with_the_old_mtime_is_read_again(store, two_pairs):
    _, second = two_pairs
    path = store.path_for(second)
    store.listings(TODAY)
    before = path.stat()

    replacement = path.with_name("replacement")
    replacement.write_bytes(path.read_bytes().replace(b"Ada Mentee", b"Bob Mentee"))
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    replacement.replace(path)
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)

    assert mentees(store)[second] == "Bob Mentee"


def test_a_pair_file_that_became_unreadable_is_listed_with_its_problem(store, two_pairs):
    first, second = two_pairs
    store.listings(TODAY)

    store.path_for(second).unlink()
    store.path_for(second).mkdir()  # root reads any file; a folder cannot be read as one
    broken = store.path_for(first)
    broken.write_bytes(broken.read_bytes()[:-40])

    by_slug = {listing.slug: listing for listing in store.listings(TODAY)}
    assert by_slug[first].summary is None and "not valid JSON" in by_slug[first].problem
    assert by_slug[second].summary is None and by_slug[second].problem
    # And once a file is good again it is listed again.
    store.path_for(second).rmdir()
    store.create(demo_pair(TODAY))
    assert "Priya Raman" in mentees(store).values()


@pytest.mark.parametrize("cache_bytes", [
    b"not json at all",
    b'{"format": 1, "pairs": ',
    b"[]",
    b"\xff\xfe\x00garbage",
])
def test_a_damaged_cache_is_ignored_and_written_anew(store, two_pairs, file_reads, cache_bytes):
    expected = store.listings(TODAY)
    cache = store.folder / CACHE_NAME
    cache.write_bytes(cache_bytes)
    file_reads.clear()

    assert store.listings(TODAY) == expected
    assert len(file_reads) == 2
    file_reads.clear()
    assert store.listings(TODAY) == expected
    assert file_reads == []


def test_a_cache_entry_with_the_wrong_shape_is_read_from_the_file(store, two_pairs, file_reads):
    first, second = two_pairs
    expected = store.listings(TODAY)
    cache = store.folder / CACHE_NAME
    document = json.loads(cache.read_bytes())
    document["pairs"][first]["summary"]["open_items"] = "4"
    document["pairs"][second]["summary"]["next_meeting"] = "next week"
    cache.write_text(json.dumps(document))
    file_reads.clear()

    assert store.listings(TODAY) == expected
    assert sorted(file_reads) == sorted(store.path_for(slug) for slug in two_pairs)


def test_a_cache_made_by_someone_else_or_reached_by_a_link_is_not_trusted(store, two_pairs, tmp_path):
    first, second = two_pairs
    expected = store.listings(TODAY)
    cache = store.folder / CACHE_NAME
    document = json.loads(cache.read_bytes())
    document["pairs"][first]["summary"]["mentee"] = "Planted Name"
    planted = json.dumps(document)

    cache.write_text(planted)
    cache.chmod(0o644)  # not a private file: not ours to believe
    assert store.listings(TODAY) == expected
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600

    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_text(planted)
    elsewhere.chmod(0o600)
    cache.unlink()
    cache.symlink_to(elsewhere)
    assert store.listings(TODAY) == expected
    assert not cache.is_symlink()
    assert elsewhere.read_text() == planted  # the link's target is left alone

    cache.unlink()
    os.mkfifo(cache)  # opening a FIFO to read would wait for a writer that never comes
    listed: list[object] = []
    reader = threading.Thread(target=lambda: listed.append(store.listings(TODAY)), daemon=True)
    reader.start()
    reader.join(timeout=30)
    assert listed == [expected]
    assert stat.S_ISREG(cache.stat().st_mode)


def test_another_day_summarises_the_pairs_anew(store, two_pairs):
    first, _ = two_pairs
    store.listings(TODAY)
    later = TODAY + timedelta(days=30)
    fresh = PairStore(store.folder).listings(later)
    (store.folder / CACHE_NAME).unlink()
    assert store.listings(later) == fresh
    overdue = {listing.slug: listing.summary.overdue_items for listing in fresh if listing.summary}
    assert overdue[first] > 2  # the demo pair has 2 overdue today, more a month on


def test_a_summary_round_trips_through_plain_data():
    summary = PairSummary(slug="ada-with-dana", mentee="Ada [bold]x[/]", mentor="Dana", stage=3,
                          last_meeting=datetime(2026, 11, 11, 18, 0), next_meeting=datetime(2026, 11, 28, 18, 30),
                          open_items=4, overdue_items=2, warning="no meeting for a month", closed_on=date(2026, 12, 1))
    plain = summary_to_plain(summary)
    assert summary_from_plain(json.loads(json.dumps(plain))) == summary
    empty = PairSummary("x", "A", "B", 1, None, None, 0, 0, "")
    assert summary_from_plain(json.loads(json.dumps(summary_to_plain(empty)))) == empty


async def test_a_cold_and_a_warm_start_show_the_same_pair_list(make_app, store, two_pairs, file_reads):
    async def pair_list_rows() -> list[list[str]]:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            table = app.screen.query_one("#pairs", DataTable)
            return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]

    cold = await pair_list_rows()
    assert len(file_reads) == 2
    file_reads.clear()
    warm = await pair_list_rows()
    assert file_reads == []
    assert warm == cold
    assert sorted(row[0] for row in warm) == ["Ada Mentee", "Priya Raman"]


async def test_a_pair_named_at_start_opens_without_the_list_reading_every_pair_file_first(
        make_app, store, two_pairs, file_reads):
    first, second = two_pairs
    app = make_app(open_pair=first)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert type(app.screen).__name__ == "PairHomeScreen"
        assert [path.stem for path in file_reads] == [first]  # the pair itself, once
        await pilot.press("escape")  # back to the list, which reads the files now
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#pairs", DataTable)
        assert table.row_count == 2


async def test_a_pair_that_cannot_open_at_start_leaves_the_pair_list_filled(make_app, store, two_pairs):
    first, _ = two_pairs
    store.path_for(first).write_text("{ not json")
    app = make_app(open_pair=first)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one("#pairs", DataTable).row_count == 1
        assert "Cannot read" in str(app.screen.query_one("#problems").render())


START_AND_LIST_MODULES = textwrap.dedent("""\
    import asyncio, sys
    from datetime import date
    from pathlib import Path

    from mentortui.app import MentorApp


    def open_store():
        from mentortui.storage.store import PairStore

        return PairStore(Path(sys.argv[1]))


    async def main():
        app = MentorApp(open_store=open_store, today=date.today)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            print(str(app.screen.query_one("#status").render()))
            print(" ".join(sorted(sys.modules)))


    asyncio.run(main())
""")
NOT_NEEDED_FOR_THE_PAIR_LIST = (
    "markdown_it", "mentortui.core.export", "mentortui.core.builtin_content", "mentortui.core.demo",
    "mentortui.dialogs", "mentortui.screens.pair_home", "mentortui.screens.meeting", "mentortui.storage.session",
    "mentortui.storage.journal", "mentortui.storage.save_queue", "mentortui.storage.sharing",
    "mentortui.storage.git_share", "mentortui.storage.folder_share", "mentortui.storage.private_notes",
)


@pytest.mark.parametrize("with_pairs", [False, True], ids=["empty folder", "two pairs"])
def test_the_pair_list_start_imports_only_what_it_needs(store, two_pairs, tmp_path, with_pairs):
    folder = store.folder if with_pairs else tmp_path / "empty"
    done = subprocess.run([sys.executable, "-c", START_AND_LIST_MODULES, str(folder)],
                          capture_output=True, text=True, timeout=60, check=True)
    status, modules = done.stdout.splitlines()[-2:]
    assert ("2 pairs in" if with_pairs else "No pairs yet") in status
    imported = modules.split()
    assert [name for name in imported if name.startswith(NOT_NEEDED_FOR_THE_PAIR_LIST)] == []
