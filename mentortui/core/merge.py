"""Merge two versions of one pair into one: the heart of sharing a pair between two machines.

``merge_pairs(base, ours, theirs)`` takes pair documents (dicts shaped like
``Pair.model_dump(mode="json")``, already migrated) and merges record by record by id and
field by field three-way, so that nothing either side wrote is lost:

- a field changed on one side takes that change; new records on either side are kept;
- a short field changed differently on both sides takes the change with the later
  ``updated_at`` (ties: the mentor's, then the larger canonical JSON) and is listed for review;
- action items: done or dropped beat open; goals: achieved or dropped beat active or revised;
  the pair's stage takes the larger; a meeting's ``started_at`` the earliest, ``ended_at`` the
  latest, ``current_item`` follows the later ``current_since``;
- long texts (a meeting's notes, assignment and mentee update, the notes of each of its agenda
  items; a goal's five SMART fields)
  merge by lines; lines both changed differently are kept both, each under a label naming
  its writer (the mentor's first), and the record is listed for review;
- goal check-ins and revisions only grow; decisions, parked topics, planned check-in
  dates, hidden starters, asked starters, tombstones and review items are ordered three-way
  set merges (an addition on either side is kept, a removal on one side sticks);
- a record deleted on one side and unchanged on the other is deleted; deleted on one side and
  changed on the other, it is kept and listed for review;
- fields this version does not know are merged the same way and kept.

Without a base (two copies with no common ancestor) every difference counts as a change on
both sides; records on one side only are kept unless the other side's tombstone is later
than their last change, and notes where neither text contains the other are kept both.

The merge is deterministic and symmetric: ``merge_pairs(b, x, y)`` and ``merge_pairs(b, y, x)``
give equal documents, because every tie is broken by role or by content, never by side. It
has no clock: a review item is dated by the stamps of the records involved.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from mentortui.core.line_merge import Clean, Conflict, LineMerge, merge_lines, merge_sequences
from mentortui.core.models import MEETING_KIND_NAMES, RECORD_TABLES, WORKSHEET_SECTIONS

Doc = dict[str, Any]

_OWN_LISTS = (*RECORD_TABLES, "asked", "deleted", "review")
_AGENDA_ITEM_FIELD = re.compile(r"^agenda\.[^.]+\.")
_LONG_TEXTS = {
    "meetings": frozenset({"notes", "assignment", "mentee_update", "agenda.notes"}),
    "goals": frozenset({"specific", "measurable", "achievable", "relevant", "time_bound"}),
    "worksheets": frozenset(field for sections in WORKSHEET_SECTIONS.values() for field, _, _ in sections),
}
_SET_LISTS = frozenset({("meetings", "decisions"), ("meetings", "parked"), ("goals", "checkin_dates"),
                        ("pair", "hidden_starters")})
_FINAL_STATUS = {"action_items": frozenset({"done", "dropped"}), "goals": frozenset({"achieved", "dropped"})}
_ROLE_RANK = {"mentor": 0, "mentee": 1}
_EPOCH = "1970-01-01T00:00:00"


class _Missing:
    """A key one version does not have (distinct from a null value)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True)
class Merged:
    """The merged pair document and how many review items this merge added to it."""

    document: Doc
    review_added: int


def canonical(value: Any) -> str:
    """The JSON text every tie is broken on."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _later(first: Any, second: Any) -> Any:
    """The later of two ISO moments, None counting as earliest."""
    if first is None or first is MISSING:
        return second
    if second is None or second is MISSING:
        return first
    return max(first, second)


@dataclass(frozen=True)
class _Side:
    """What a record's stamp says about one side's version of it."""

    at: str | None
    by: str | None

    @classmethod
    def of(cls, record: Doc | None) -> _Side:
        record = record or {}
        return cls(record.get("updated_at"), record.get("updated_by"))

    @property
    def rank(self) -> int:
        return _ROLE_RANK.get(self.by or "", 2)


@dataclass(frozen=True)
class _Record:
    """The record being merged: where it lives and each side's stamp."""

    table: str
    record_id: str
    title: str
    ours: _Side
    theirs: _Side


def _ours_wins(record: _Record, ours: Any, theirs: Any) -> bool:
    """Whether ours is the later change: stamp first, then the mentor's, then the content."""
    key_ours = (record.ours.at or "", -record.ours.rank, canonical(ours))
    key_theirs = (record.theirs.at or "", -record.theirs.rank, canonical(theirs))
    return key_ours >= key_theirs


def _review_id(kind: str, table: str, record_id: str, field: str) -> str:
    return hashlib.sha1(f"{kind}\0{table}\0{record_id}\0{field}".encode()).hexdigest()[:12]


def _in_role_order(options: list[tuple[str | None, Any]]) -> list[Doc]:
    ordered = sorted(options, key=lambda option: (_ROLE_RANK.get(option[0] or "", 2), canonical(option[1])))
    return [{"by": by, "value": value} for by, value in ordered]


def merge_order(base: list[str], ours: list[str], theirs: list[str]) -> list[str]:
    """Three-way merge of two orderings: clean stretches as merged; where both changed the
    same stretch, both runs one after the other (in canonical order), each element as many
    times as a three-way count of it in that stretch says."""
    merged: list[str] = []
    for region in merge_sequences(base, ours, theirs):
        if isinstance(region, Clean):
            merged.extend(region.items)
            continue
        counts_base, counts_ours, counts_theirs = Counter(region.base), Counter(region.ours), Counter(region.theirs)
        wanted: Counter[str] = Counter()
        for item in counts_ours.keys() | counts_theirs.keys():
            in_base, in_ours, in_theirs = counts_base[item], counts_ours[item], counts_theirs[item]
            wanted[item] = in_theirs if in_ours == in_base else in_ours if in_theirs == in_base else max(
                in_ours, in_theirs)
        for item in (*min(region.ours, region.theirs), *max(region.ours, region.theirs)):
            if wanted[item] > 0:
                merged.append(item)
                wanted[item] -= 1
    return merged


def _order_kept(base: list[str], ours: list[str], theirs: list[str], kept: Iterable[str]) -> list[str]:
    """The merged order of the keys in ``kept``: a kept key the merged order dropped (one
    side removed it, the other changed it) goes back after its nearest kept predecessor."""
    keep = set(kept)
    seen: set[str] = set()
    order: list[str] = []
    for key in merge_order(base, ours, theirs):
        if key in keep and key not in seen:
            seen.add(key)
            order.append(key)
    missing = sorted(keep - seen)
    if missing:
        sides = sorted((side for side in (ours, theirs)), key=canonical)
        for key in missing:
            source = next(side for side in sides if key in side)
            position = source.index(key)
            before = next((other for other in reversed(source[:position]) if other in seen), None)
            order.insert(0 if before is None else order.index(before) + 1, key)
            seen.add(key)
    return order


def _index(items: list[Any], key: Callable[[Any], str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for item in items:
        found.setdefault(key(item), item)
    return found


def _id_of(record: Any) -> str:
    return str(record.get("id"))


def _record_title(table: str, record: Doc) -> str:
    if table == "meetings":
        kind = MEETING_KIND_NAMES.get(str(record.get("kind")), "Meeting")
        return f"{kind}, {str(record.get('scheduled', ''))[:10]}"
    if table == "goals":
        return str(record.get("title", ""))
    if table == "pair":
        return "The pair"
    return str(record.get("text", ""))


class _Merger:
    """One merge: the three documents, and the review items found on the way."""

    def __init__(self, base: Doc | None, ours: Doc, theirs: Doc) -> None:
        self.has_base = base is not None
        self.base: Doc = base or {}
        self.ours = ours
        self.theirs = theirs
        self.reviews: dict[str, Doc] = {}
        self.names: dict[str, str] = {}

    # -- the review list ------------------------------------------------------------------

    def _review(self, kind: str, record: _Record, field: str, options: list[Doc], found_at: Any) -> None:
        review_id = _review_id(kind, record.table, record.record_id, field)
        self.reviews[review_id] = {
            "id": review_id, "kind": kind, "table": record.table, "record_id": record.record_id,
            "field": field, "title": record.title, "options": options, "found_at": found_at or _EPOCH,
        }

    def _review_field(self, record: _Record, path: str, ours: Any, theirs: Any) -> None:
        options = _in_role_order([(record.ours.by, None if ours is MISSING else ours),
                                  (record.theirs.by, None if theirs is MISSING else theirs)])
        self._review("field", record, path, options, _later(record.ours.at, record.theirs.at))

    # -- values ---------------------------------------------------------------------------

    def value(self, record: _Record, path: str, base: Any, ours: Any, theirs: Any) -> Any:
        """One field three-way; MISSING when the merged record has no such key."""
        if ours == theirs:
            return ours
        if self.has_base or base is not MISSING:
            if ours == base:
                return theirs
            if theirs == base:
                return ours
        return self._both_changed(record, path, base, ours, theirs)

    def _both_changed(self, record: _Record, path: str, base: Any, ours: Any, theirs: Any) -> Any:
        # An agenda item's fields are "agenda.<item id>.<field>", so that a review names
        # the item; the rules below match them by "agenda.<field>".
        rule = _AGENDA_ITEM_FIELD.sub("agenda.", path)
        table = record.table
        if rule == "updated_at":
            return _later(ours, theirs)
        if rule == "updated_by":
            return ours if _ours_wins(record, record.ours.at, record.theirs.at) else theirs
        if MISSING in (ours, theirs):
            return theirs if ours is MISSING else ours
        if ((table, rule) in (("pair", "stage"), ("meetings", "agenda.used_seconds"))
                and isinstance(ours, int) and isinstance(theirs, int)):
            return max(ours, theirs)
        if table == "meetings" and rule in ("started_at", "ended_at"):
            moments = [moment for moment in (ours, theirs) if moment is not None]
            return min(moments) if rule == "started_at" else max(moments)
        if rule == "status" and table in _FINAL_STATUS:
            final = _FINAL_STATUS[table]
            if (ours in final) != (theirs in final):
                return ours if ours in final else theirs
            if ours in final:
                self._review_field(record, path, ours, theirs)
            return ours if _ours_wins(record, ours, theirs) else theirs
        if rule in _LONG_TEXTS.get(table, ()) and isinstance(ours, str) and isinstance(theirs, str):
            return self._text(record, path, base if isinstance(base, str) else None, ours, theirs)
        if (table, rule) in _SET_LISTS and isinstance(ours, list) and isinstance(theirs, list):
            return merge_order(base if isinstance(base, list) else [], ours, theirs)
        if (table, rule) == ("goals", "checkins") and isinstance(ours, list) and isinstance(theirs, list):
            return _grow(ours, theirs, lambda checkin: (checkin.get("on"), checkin.get("progress"),
                                                        checkin.get("note")))
        if (table, rule) == ("goals", "history") and isinstance(ours, list) and isinstance(theirs, list):
            return _grow(ours, theirs, lambda version: (version.get("revised_on"), version.get("title")))
        if (table, rule) == ("action_items", "due_history") and isinstance(ours, list) and isinstance(theirs, list):
            return _grow(ours, theirs, lambda day: (day,))
        if (table, rule) == ("meetings", "agenda") and isinstance(ours, list) and isinstance(theirs, list):
            return self._agenda(record, base if isinstance(base, list) else [], ours, theirs)
        if isinstance(ours, dict) and isinstance(theirs, dict):
            return self._fields(record, base if isinstance(base, dict) else MISSING, ours, theirs, f"{path}.")
        self._review_field(record, path, ours, theirs)
        return ours if _ours_wins(record, ours, theirs) else theirs

    def _fields(self, record: _Record, base: Any, ours: Doc, theirs: Doc, prefix: str = "",
                settled: Doc | None = None) -> Doc:
        """Field by field; ``settled`` holds fields already merged together with another."""
        base_fields: Doc = base if isinstance(base, dict) else {}
        merged: Doc = {}
        for key in (*ours, *(key for key in theirs if key not in ours)):
            if settled and key in settled:
                value = settled[key]
            else:
                value = self.value(record, prefix + key, base_fields.get(key, MISSING), ours.get(key, MISSING),
                                   theirs.get(key, MISSING))
            if value is not MISSING:
                merged[key] = value
        return merged

    def _text(self, record: _Record, path: str, base: str | None, ours: str, theirs: str) -> str:
        if base is None:
            if ours in theirs or theirs in ours:
                return theirs if ours in theirs else ours
            lines = LineMerge((Conflict((), tuple(ours.split("\n")), tuple(theirs.split("\n"))),))
        else:
            lines = merge_lines(base, ours, theirs)
            if lines.text is not None:
                return lines.text
        self._review("notes", record, path, _in_role_order([(record.ours.by, ours), (record.theirs.by, theirs)]),
                     _later(record.ours.at, record.theirs.at))
        return lines.render(lambda conflict: self._both_versions(record, conflict))

    def _both_versions(self, record: _Record, conflict: Conflict[str]) -> list[str]:
        versions = sorted([(record.ours.rank, "\n".join(conflict.ours), record.ours.by, conflict.ours),
                           (record.theirs.rank, "\n".join(conflict.theirs), record.theirs.by, conflict.theirs)])
        lines: list[str] = []
        for _rank, _text, by, version in versions:
            writer = f"{self.names[by]} ({by})" if by in self.names else "Someone"
            lines.append(f"--- {writer} wrote: ---")
            lines.extend(version)
        return lines

    def _agenda(self, record: _Record, base: list[Doc], ours: list[Doc], theirs: list[Doc]) -> list[Doc]:
        """Agenda items by id: an item removed on one side and untouched on the other goes."""
        in_base, in_ours, in_theirs = _index(base, _id_of), _index(ours, _id_of), _index(theirs, _id_of)
        kept: dict[str, Doc] = {}
        for key in in_ours.keys() | in_theirs.keys():
            old, mine, other = in_base.get(key), in_ours.get(key), in_theirs.get(key)
            if mine is not None and other is not None:
                kept[key] = mine if mine == other else self._fields(
                    record, old if old is not None else MISSING, mine, other, f"agenda.{key}.")
                continue
            alive: Doc | None = mine if mine is not None else other
            if alive is not None and (old is None or alive != old):
                kept[key] = alive
        return [kept[key] for key in _order_kept(list(in_base), list(in_ours), list(in_theirs), kept)]

    # -- records --------------------------------------------------------------------------

    def record(self, table: str, base: Doc | None, ours: Doc, theirs: Doc) -> Doc:
        if ours == theirs:
            return ours
        record = _Record(table, str(ours.get("id")), "", _Side.of(ours), _Side.of(theirs))
        old: Any = base if base is not None else MISSING
        before = set(self.reviews)
        merged = self._fields(record, old, ours, theirs, settled=self._settled(record, old, ours, theirs))
        for review_id in self.reviews.keys() - before:
            self.reviews[review_id]["title"] = _record_title(table, merged)
        return merged

    def _settled(self, record: _Record, base: Any, ours: Doc, theirs: Doc) -> Doc:
        """Fields that belong together, taken from one side when both sides changed the first:
        a meeting's current item with its ``current_since`` (the later), an action item's
        status with its ``done_on`` (the side whose status won)."""
        fields = {"meetings": ("current_item", "current_since"), "action_items": ("status", "done_on")}
        if record.table not in fields:
            return {}
        lead, follower = fields[record.table]
        old = base.get(lead, MISSING) if isinstance(base, dict) else MISSING
        mine, other = ours.get(lead, MISSING), theirs.get(lead, MISSING)
        if mine == other or (old is not MISSING and old in (mine, other)):
            return {}
        if record.table == "meetings":
            key_ours = (ours.get(follower) or "", canonical([mine, ours.get(follower)]))
            key_theirs = (theirs.get(follower) or "", canonical([other, theirs.get(follower)]))
            source = ours if key_ours >= key_theirs else theirs
        else:
            source = ours if self.value(record, lead, old, mine, other) == mine else theirs
        return {lead: source.get(lead, MISSING), follower: source.get(follower, MISSING)}

    def table(self, table: str, tombstones: dict[str, Doc]) -> list[Doc]:
        """One table's records: merged by id, deletions settled, in merged order."""
        in_base = _index(list(self.base.get(table, [])), _id_of)
        in_ours = _index(list(self.ours.get(table, [])), _id_of)
        in_theirs = _index(list(self.theirs.get(table, [])), _id_of)
        dead_ours = self._tombstones(self.ours, table)
        dead_theirs = self._tombstones(self.theirs, table)
        # A tombstone the base already had is old news: a side that has the record kept it since.
        dead_before = self._tombstones(self.base, table)
        kept: dict[str, Doc] = {}
        for key in in_ours.keys() | in_theirs.keys():
            mine, other = in_ours.get(key), in_theirs.get(key)
            if mine is not None and other is not None:
                kept[key] = self.record(table, in_base.get(key), mine, other)
                continue
            alive = mine if mine is not None else other
            assert alive is not None
            tombstone = (dead_theirs if mine is not None else dead_ours).get(key)
            if key in dead_before:
                tombstone = None
            if key in in_base:
                changed = alive != in_base[key]
            elif tombstone is not None:
                changed = (alive.get("updated_at") or "") > tombstone["deleted_at"]
            else:
                kept[key] = alive
                continue
            if not changed:
                continue
            kept[key] = alive
            title = _record_title(table, alive)
            side = _Side.of(alive)
            record = _Record(table, key, title, side, side)
            deleted_by = tombstone.get("deleted_by") if tombstone else None
            self._review("deleted_edited", record, "", _in_role_order([(deleted_by, None), (side.by, alive)]),
                         _later(side.at, tombstone["deleted_at"] if tombstone else None))
        for key in kept:
            tombstones.pop(canonical([table, key]), None)
        return [kept[key] for key in _order_kept(list(in_base), list(in_ours), list(in_theirs), kept)]

    @staticmethod
    def _tombstones(document: Doc, table: str) -> dict[str, Doc]:
        return {str(tombstone.get("id")): tombstone for tombstone in document.get("deleted", [])
                if tombstone.get("table") == table}

    # -- keyed lists ----------------------------------------------------------------------

    def keyed(self, name: str, key: Callable[[Any], str], settle: Callable[[Any, Any], Any]) -> dict[str, Any]:
        """A three-way set merge of a list keyed by ``key``: kept when on both sides, or on one
        side and new there; ``settle`` picks between two different versions of one key.
        Returned in merged order."""
        in_base = _index(list(self.base.get(name, [])), key)
        in_ours = _index(list(self.ours.get(name, [])), key)
        in_theirs = _index(list(self.theirs.get(name, [])), key)
        kept: dict[str, Any] = {}
        for item in in_ours.keys() | in_theirs.keys():
            mine, other = in_ours.get(item), in_theirs.get(item)
            if mine is not None and other is not None:
                old = in_base.get(item)
                kept[item] = (mine if mine == other else other if mine == old else mine if other == old
                              else settle(mine, other))
            elif item not in in_base:
                kept[item] = mine if mine is not None else other
        order = _order_kept(list(in_base), list(in_ours), list(in_theirs), kept)
        return {item: kept[item] for item in order}

    # -- the whole pair -------------------------------------------------------------------

    def run(self) -> Merged:
        pair = _Record("pair", "pair", "The pair", _Side.of(self.ours), _Side.of(self.theirs))
        info = self._fields(pair, {key: value for key, value in self.base.items() if key not in _OWN_LISTS}
                            if self.has_base else MISSING,
                            {key: value for key, value in self.ours.items() if key not in _OWN_LISTS},
                            {key: value for key, value in self.theirs.items() if key not in _OWN_LISTS})
        for role in ("mentor", "mentee"):
            person = info.get(role)
            if isinstance(person, dict) and person.get("name"):
                self.names[role] = str(person["name"])
        tombstones = self.keyed("deleted", lambda tomb: canonical([tomb.get("table"), tomb.get("id")]),
                                lambda mine, other: max(mine, other, key=lambda tomb: (tomb.get("deleted_at") or "",
                                                                                        canonical(tomb))))
        document: Doc = dict(info)
        for table in RECORD_TABLES:
            document[table] = self.table(table, tombstones)
        document["asked"] = list(self.keyed(
            "asked", lambda asked: canonical([asked.get("starter_id"), asked.get("meeting_id"), asked.get("on")]),
            lambda mine, other: max(mine, other, key=canonical)).values())
        document["deleted"] = list(tombstones.values())
        review = self.keyed("review", lambda item: str(item.get("id")), lambda mine, other: max(mine, other,
                                                                                                 key=canonical))
        added = sum(1 for review_id, item in self.reviews.items() if review.get(review_id) != item)
        for review_id in sorted(self.reviews):  # found in traversal order, which is not symmetric
            review[review_id] = self.reviews[review_id]
        document["review"] = list(review.values())
        return Merged(document, added)


def _grow(ours: list[Any], theirs: list[Any], key: Callable[[Any], tuple[Any, ...]]) -> list[Any]:
    """A grow-only union, sorted; of two entries with one key, the larger canonical JSON."""
    found: dict[str, Any] = {}
    for entry in (*ours, *theirs):
        name = canonical(list(key(entry)))
        if name not in found or canonical(entry) > canonical(found[name]):
            found[name] = entry
    return sorted(found.values(), key=lambda entry: (canonical(list(key(entry))), canonical(entry)))


def merge_pairs(base: Doc | None, ours: Doc, theirs: Doc) -> Merged:
    """Merge ``ours`` and ``theirs``, two edits of ``base`` (None when no common version is
    known). The documents are not changed; the result shares unchanged parts with them."""
    return _Merger(base, ours, theirs).run()
