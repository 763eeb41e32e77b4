"""Stamps and tombstones: each save marks what changed, when and on whose machine, and
keeps what was deleted, as the merge of two people's copies needs (issue 12)."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from mentortui.core.demo import demo_pair
from mentortui.core.models import CustomStarter, Tombstone
from mentortui.screens.starters import StartersScreen
from mentortui.storage.errors import PairFileError
from mentortui.storage.pair_file import canonical_bytes, read_documents
from mentortui.storage.pair_settings import PairSettings, save_pair_settings
from mentortui.storage.session import PairSession
from mentortui.storage.store import PairStore

from .conftest import TODAY
from .test_prepare_screens import open_pair, rows, saved

LATER = datetime(2026, 11, 25, 18, 30, 15)


def pair_document(store: PairStore, slug: str) -> dict:
    return read_documents(store.path_for(slug))


def stamps(document: dict) -> dict[str, tuple[str | None, str | None]]:
    """Every stamped record's (updated_at, updated_by), by table and id; "pair" for the
    pair's own fields."""
    found = {"pair": (document.get("updated_at"), document.get("updated_by"))}
    for table in ("meetings", "action_items", "goals", "custom_starters"):
        for row in document[table]:
            found[f"{table}/{row['id']}"] = (row.get("updated_at"), row.get("updated_by"))
    return found


def open_session(store: PairStore, slug: str, when: datetime = LATER) -> PairSession:
    return PairSession.open(store, slug, now=lambda: when)


def test_a_new_pair_is_stamped_as_made_by_the_mentor(store, demo_slug):
    found = stamps(pair_document(store, demo_slug))
    assert len(found) > 5
    assert {by for _at, by in found.values()} == {"mentor"}
    assert all(at is not None for at, _by in found.values())


def test_a_save_stamps_exactly_the_changed_records_with_this_machines_role(store, demo_slug):
    save_pair_settings(store.folder, demo_slug, PairSettings(role="mentee"))
    before = stamps(pair_document(store, demo_slug))
    session = open_session(store, demo_slug)
    item, goal = session.pair.action_items[1], session.pair.goals[0]
    item.text = "Send Dana the talk abstract"
    goal.title = "Give a conference talk"
    session.save()
    assert session.flush()
    session.close()

    after = stamps(pair_document(store, demo_slug))
    changed = {key for key in after if after[key] != before[key]}
    assert changed == {f"action_items/{item.id}", f"goals/{goal.id}"}
    assert after[f"action_items/{item.id}"] == ("2026-11-25T18:30:15", "mentee")
    assert session.pair.goal(goal.id).updated_by == "mentee"  # the model is stamped too


def test_the_pairs_own_fields_share_one_stamp(store, demo_slug):
    session = open_session(store, demo_slug)
    session.pair.stage = 4
    session.save()
    session.close()
    document = pair_document(store, demo_slug)
    assert (document["stage"], document["updated_at"]) == (4, "2026-11-25T18:30:15")


def test_a_save_with_nothing_changed_stamps_nothing(store, demo_slug):
    before = pair_document(store, demo_slug)
    session = open_session(store, demo_slug)
    session.save()
    session.close()
    assert pair_document(store, demo_slug) == before


def with_own_question(store: PairStore) -> tuple[str, CustomStarter]:
    pair = demo_pair(TODAY)
    own = CustomStarter(text="What made you smile this week?")
    pair.custom_starters.append(own)
    return store.create(pair), own


async def test_removing_an_own_question_in_the_app_leaves_a_tombstone(store, make_app, clock):
    slug, own = with_own_question(store)
    save_pair_settings(store.folder, slug, PairSettings(role="mentee"))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "s")
        assert isinstance(app.screen, StartersScreen)
        app.session.now = clock
        assert rows(app, "#questions")[0][0].startswith(own.text)
        await pilot.press("d")
        await saved(app, pilot)
        document = pair_document(store, slug)
        assert document["custom_starters"] == []
        assert document["deleted"] == [{"table": "custom_starters", "id": own.id,
                                        "deleted_at": "2026-11-25T17:00:00", "deleted_by": "mentee"}]

        await pilot.press("u")  # back again: the tombstone goes, the question is new
        await saved(app, pilot)
    document = pair_document(store, slug)
    assert document["deleted"] == []
    assert [(row["id"], row["updated_by"]) for row in document["custom_starters"]] == [(own.id, "mentee")]


def test_tombstones_older_than_a_year_are_dropped_at_the_next_save(store, demo_slug):
    session = open_session(store, demo_slug)
    session.pair.deleted = [
        Tombstone(table="goals", id="old", deleted_at=LATER - timedelta(days=364)),
        Tombstone(table="goals", id="recent", deleted_at=LATER - timedelta(days=300)),
    ]
    session.save()
    session.close()
    assert [stone["id"] for stone in pair_document(store, demo_slug)["deleted"]] == ["old", "recent"]

    session = open_session(store, demo_slug, when=LATER + timedelta(days=2))
    session.pair.stage = 2
    session.save()
    session.close()
    assert [stone["id"] for stone in pair_document(store, demo_slug)["deleted"]] == ["recent"]


def test_reload_takes_what_a_sync_wrote_and_stamps_only_later_changes(store, demo_slug):
    session = open_session(store, demo_slug)
    path = session.pair_file.path
    # A sync (holding the lock) rewrites the file: the other person finished an item.
    raw = json.loads(path.read_text())
    first = raw["action_items"]["1"]
    first.update(status="done", updated_at="2026-11-24T09:00:00", updated_by="mentee")
    path.write_text(json.dumps(raw))

    session.reload()
    assert session.pair.action_items[0].status == "done"
    assert session.unsaved_characters() == 0
    session.pair.stage = 4
    session.save()
    session.close()
    document = pair_document(store, demo_slug)
    assert (document["action_items"][0]["status"], document["action_items"][0]["updated_by"]) == ("done", "mentee")
    assert document["action_items"][0]["updated_at"] == "2026-11-24T09:00:00"
    assert document["updated_at"] == "2026-11-25T18:30:15"


def test_reload_keeps_notes_the_journal_holds_that_no_save_wrote(store, demo_slug, monkeypatch):
    session = open_session(store, demo_slug)
    meeting = session.pair.meetings[0]
    monkeypatch.setattr(session.pair_file, "write_snapshot", lambda raw: (_ for _ in ()).throw(OSError(28, "full")))
    session.set_notes(meeting, "typed while the disk was full")
    session.save()
    session.flush()
    assert session.save_error is not None
    monkeypatch.undo()

    session.reload()
    assert session.flush()
    session.close()
    assert store.load(demo_slug).meetings[0].notes == "typed while the disk was full"


def shared_through_link(store: PairStore, slug: str) -> Path:
    """The pair moved into a git work tree and linked back in, as `share` leaves it."""
    root = store.folder / "shared" / slug
    root.mkdir(parents=True)
    real = root / f"{slug}.json"
    os.replace(store.path_for(slug), real)
    store.path_for(slug).symlink_to(real)
    save_pair_settings(store.folder, slug, PairSettings(share_mode="git", remote="/srv/pairs.git"))
    return real


def test_a_shared_pair_is_written_canonically_through_its_link(store, demo_slug):
    real = shared_through_link(store, demo_slug)
    session = open_session(store, demo_slug)
    assert session.slug == demo_slug and session.pair_file.path == real
    assert (real.parent / f".{real.name}.lock").exists()
    assert (real.parent / f".{real.name}.holder").exists()
    assert session.export_path("summary").parent == store.folder / "exports"  # never into the shared folder
    session.set_notes(session.pair.meetings[0], "Talked about the conference — ünïcode kept")
    session.save()
    assert session.flush()
    session.close()

    data = real.read_bytes()
    assert data == (json.dumps(json.loads(data), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
    assert "ünïcode" in data.decode("utf-8")
    assert store.path_for(demo_slug).is_symlink()
    assert store.slugs() == [demo_slug]
    # The merge driver's "document → bytes" gives exactly the bytes the app writes.
    assert canonical_bytes(read_documents(real)) == data


def test_an_unshared_pair_stays_compact(store, demo_slug):
    session = open_session(store, demo_slug)
    session.pair.stage = 2
    session.save()
    session.close()
    assert b"\n" not in store.path_for(demo_slug).read_bytes()


def test_read_documents_migrates_old_bytes_and_refuses_bad_ones(store, demo_slug, tmp_path):
    raw = json.loads(store.path_for(demo_slug).read_text())
    raw["meta"]["1"]["schema_version"] = 1
    del raw["deleted"], raw["review"]
    document = read_documents(Path("old.json"), json.dumps(raw).encode())
    assert (document["deleted"], document["review"]) == ([], [])
    assert document["mentor"]["name"] == "Dana Okafor"

    with pytest.raises(PairFileError, match="theirs.json: not valid JSON"):
        read_documents(Path("theirs.json"), b"{<<<<<<< ours")
    raw["pair"]["1"]["stage"] = 9
    with pytest.raises(PairFileError, match="stage"):
        read_documents(Path("theirs.json"), json.dumps(raw).encode())
    with pytest.raises(PairFileError, match="does not exist"):
        read_documents(tmp_path / "missing.json")
