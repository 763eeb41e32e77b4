"""Pair files are written with orjson (issue 15) and read with orjson when the file is just
as mentortui writes it, with the careful standard parser otherwise: every field and any text
come back as they were typed, a shared pair's canonical bytes are stable and standard, and a
damaged or unusual file is refused in plain words by either reader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentortui.storage.decoding import decode
from mentortui.storage.errors import PairFileError
from mentortui.storage.pair_file import canonical_bytes, pair_to_raw, read_documents
from mentortui.storage.pair_settings import PairSettings, save_pair_settings
from mentortui.storage.session import PairSession
from mentortui.storage.store import PairStore
from mentortui.storage.tinydb_storage import decode_pair_bytes, encode_raw

from .test_hostile_text import hostile_pair

AWKWARD = 'quote " backslash \\ tab\t ünïcode 😀 \u2028\u2029 \u202eRTL {"a": 1} : end'


def standard_canonical(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def make_shared(store: PairStore, slug: str) -> None:
    save_pair_settings(store.folder, slug, PairSettings(share_mode="git", remote="/srv/pairs.git"))


@pytest.mark.parametrize("shared", [False, True], ids=["compact", "canonical"])
def test_every_field_and_hostile_text_come_back_as_typed(store, shared):
    pair = hostile_pair()
    slug = store.create(pair)
    if shared:
        make_shared(store, slug)
    session = PairSession.open(store, slug)
    session.set_notes(session.pair.meetings[0], AWKWARD)
    session.save()
    assert session.flush()
    expected = session.pair.model_dump(mode="json")
    session.close()

    assert store.load(slug).model_dump(mode="json") == expected
    assert store.load(slug).meetings[0].notes == AWKWARD


def test_a_shared_pair_is_sorted_indented_utf8_and_newline_terminated(store):
    slug = store.create(hostile_pair())
    documents = read_documents(store.path_for(slug))
    documents["meetings"][0]["notes"] = AWKWARD
    data = canonical_bytes(documents)

    assert data == standard_canonical(json.loads(data))
    assert data.startswith(b'{\n  "') and data.endswith(b"}\n")
    assert "ünïcode 😀".encode() in data  # kept as UTF-8, not escaped
    reordered = {key: documents[key] for key in reversed(list(documents))}
    assert canonical_bytes(reordered) == data


def test_an_unshared_pair_is_the_standard_compact_json(store, demo_slug):
    data = store.path_for(demo_slug).read_bytes()
    assert data == json.dumps(json.loads(data), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def test_a_shared_file_in_the_older_layout_reads_and_is_reformatted_once(store, demo_slug):
    path = store.path_for(demo_slug)
    before = read_documents(path)
    older = json.loads(path.read_bytes())
    path.write_bytes((json.dumps(older, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode())
    make_shared(store, demo_slug)

    session = PairSession.open(store, demo_slug)
    session.save()
    assert session.flush()
    first = path.read_bytes()
    session.save()
    assert session.flush()
    session.close()

    assert first == standard_canonical(older)  # the same data, only laid out anew
    assert path.read_bytes() == first
    assert read_documents(path) == before


# The careful reader, and the one files are read with (orjson first, the careful one when
# the bytes are not exactly what mentortui writes).
READERS = pytest.mark.parametrize("read", [decode, decode_pair_bytes], ids=["careful", "app"])


def file_with(store: PairStore, slug: str, text: str) -> bytes:
    """The pair file of ``slug`` with ``text`` added as a table of a newer version."""
    data = store.path_for(slug).read_bytes()
    return data[:-1] + b',"future":{"1":' + text.encode() + b"}}"


@READERS
def test_a_repeated_key_is_reported_even_beside_an_escaped_colon(store, demo_slug, read):
    data = file_with(store, demo_slug, '{"x":"\\u003a","x":2}')
    with pytest.raises(PairFileError, match="the key 'x' appears twice"):
        read(Path("pair.json"), data)


@READERS
def test_a_repeated_key_holding_a_colon_is_reported(store, demo_slug, read):
    data = file_with(store, demo_slug, '{"x":{"a":"b:c"},"x":2}')
    with pytest.raises(PairFileError, match="the key 'x' appears twice"):
        read(Path("pair.json"), data)


@READERS
def test_nesting_is_allowed_to_64_levels_and_refused_past_them(store, demo_slug, read):
    # The file's object is level 1, the table 2, its document 3, and each list one more;
    # written compact, as mentortui writes, so orjson's reading is the one checked.
    assert read(Path("pair.json"), file_with(store, demo_slug, '{"x":' + "[" * 61 + "]" * 61 + "}"))
    with pytest.raises(PairFileError, match="nested too deeply"):
        read(Path("pair.json"), file_with(store, demo_slug, '{"x":' + "[" * 62 + "]" * 62 + "}"))


@READERS
@pytest.mark.parametrize("number", ["NaN", "-Infinity", "1e400"])
def test_numbers_json_does_not_have_are_refused_in_plain_words(store, demo_slug, number, read):
    data = file_with(store, demo_slug, f'{{"x":{number}}}')
    with pytest.raises(PairFileError, match="not valid JSON"):
        read(Path("pair.json"), data)


def test_a_huge_integer_from_a_newer_version_is_kept_exactly(store, demo_slug):
    huge = 123456789012345678901234567890
    store.path_for(demo_slug).write_bytes(file_with(store, demo_slug, f'{{"x": {huge}, "y": -{huge}}}'))
    session = PairSession.open(store, demo_slug)
    session.pair.stage = 2
    session.save()
    assert session.flush()
    session.close()

    assert json.loads(store.path_for(demo_slug).read_bytes())["future"] == {"1": {"x": huge, "y": -huge}}


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(st.characters(exclude_categories=["Cs"])),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_any_table_from_a_newer_version_reads_back_as_written(value):
    raw = pair_to_raw(hostile_pair())
    raw["future"] = {"1": {"value": value}}
    for canonical in (False, True):
        data = encode_raw(raw, canonical)
        assert decode(Path("pair.json"), data) == raw
        assert decode_pair_bytes(Path("pair.json"), data) == raw
    assert encode_raw(raw, canonical=True) == standard_canonical(raw)
