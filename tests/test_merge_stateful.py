"""Two replicas of one pair making random edits and syncing in random orders, the git way.

The "remote" is the last pushed version with its history. A sync merges with the version
this replica last synced as the base (the last common commit, as ``git merge`` would find
it), then both the replica and the remote hold the result. After a final round of syncs
(A, B, A) both replicas are identical, and nothing either side wrote is missing unless
someone deleted it."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from mentortui.core.merge import merge_pairs
from mentortui.core.models import Pair
from tests.test_merge_properties import BASE, TABLES, edit_once

Document = dict[str, Any]
ROLES = st.sampled_from(["mentor", "mentee"])


def note_lines(document: Document) -> dict[str, set[str]]:
    return {meeting["id"]: set(meeting.get("notes", "").split("\n")) for meeting in document["meetings"]}


def record_ids(document: Document) -> set[str]:
    return {record["id"] for table in TABLES for record in document[table]}


class TwoReplicas(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.history: list[Document] = [copy.deepcopy(BASE)]  # every version the remote held
        self.replicas = {role: copy.deepcopy(BASE) for role in ("mentor", "mentee")}
        self.last_synced = {"mentor": 0, "mentee": 0}  # index in history of each one's last sync
        self.minutes = 0
        self.written: set[tuple[str, str]] = set()  # (meeting id, line) someone typed
        self.removed: set[tuple[str, str]] = set()  # (meeting id, line) someone took out
        self.created: set[str] = set()
        self.deleted: set[str] = set()

    @rule(data=st.data(), role=ROLES)
    def edit(self, data: st.DataObject, role: str) -> None:
        self.minutes += 1
        document = self.replicas[role]
        lines_before, ids_before = note_lines(document), record_ids(document)
        edit_once(data, document, role, f"2026-11-26T{self.minutes // 60:02d}:{self.minutes % 60:02d}:00")
        lines_after, ids_after = note_lines(document), record_ids(document)
        for meeting_id, lines in lines_after.items():
            self.written |= {(meeting_id, line) for line in lines - lines_before.get(meeting_id, set())}
        for meeting_id, lines in lines_before.items():
            self.removed |= {(meeting_id, line) for line in lines - lines_after.get(meeting_id, lines)}
        self.created |= ids_after - ids_before
        self.deleted |= ids_before - ids_after

    @rule(role=ROLES)
    def sync(self, role: str) -> None:
        base = self.history[self.last_synced[role]]
        remote = self.history[-1]
        merged = merge_pairs(base, self.replicas[role], remote).document
        Pair.model_validate(merged)
        self.history.append(merged)
        self.last_synced[role] = len(self.history) - 1
        self.replicas[role] = copy.deepcopy(merged)

    @invariant()
    def replicas_are_valid_pairs(self) -> None:
        for document in self.replicas.values():
            Pair.model_validate(document)

    def teardown(self) -> None:
        for role in ("mentor", "mentee", "mentor"):
            self.sync(role)
        mentor, mentee = self.replicas["mentor"], self.replicas["mentee"]
        assert json.dumps(mentor, sort_keys=True) == json.dumps(mentee, sort_keys=True)
        assert self.created - self.deleted <= record_ids(mentor)
        lines = note_lines(mentor)
        missing = {(meeting_id, line) for meeting_id, line in self.written - self.removed
                   if meeting_id not in self.deleted and line not in lines.get(meeting_id, set())}
        assert not missing


TwoReplicas.TestCase.settings = settings(max_examples=40, stateful_step_count=25, deadline=None)
test_two_replicas_end_identical_and_lose_nothing = TwoReplicas.TestCase
