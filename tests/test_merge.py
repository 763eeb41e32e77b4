"""The merge of two edited copies of a pair, one rule at a time, checked as a reader would:
the demo pair as the common version, two copies each edited the way one person would."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest

from mentortui.core.demo import demo_pair
from mentortui.core.line_merge import merge_lines
from mentortui.core.merge import Merged, merge_pairs
from mentortui.core.models import Pair

BASE: dict[str, Any] = demo_pair(date(2026, 11, 25)).model_dump(mode="json")
MENTOR_AT = "2026-11-26T10:00:00"
MENTEE_AT = "2026-11-26T11:00:00"


def copies() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    return copy.deepcopy(BASE), copy.deepcopy(BASE), copy.deepcopy(BASE)


def stamp(record: dict[str, Any], by: str, at: str | None = None) -> dict[str, Any]:
    record["updated_by"] = by
    record["updated_at"] = at or (MENTOR_AT if by == "mentor" else MENTEE_AT)
    return record


def merge(base: dict[str, Any] | None, ours: dict[str, Any], theirs: dict[str, Any]) -> Merged:
    """Merge both ways round; both must give the same valid pair."""
    merged = merge_pairs(base, ours, theirs)
    swapped = merge_pairs(base, theirs, ours)
    assert json.dumps(merged.document, sort_keys=True) == json.dumps(swapped.document, sort_keys=True)
    Pair.model_validate(merged.document)
    return merged


def by_id(document: dict[str, Any], table: str, record_id: str) -> dict[str, Any] | None:
    return next((record for record in document[table] if record["id"] == record_id), None)


def kinds(merged: Merged) -> list[tuple[str, str]]:
    return [(item["kind"], item["field"]) for item in merged.document["review"]]


# -- the line merge ----------------------------------------------------------------------


def test_line_merge_takes_an_appended_line_and_an_earlier_edit() -> None:
    result = merge_lines("one\ntwo\nthree\n", "one\nTWO\nthree\n", "one\ntwo\nthree\nfour\n")
    assert result.text == "one\nTWO\nthree\nfour\n"


def test_line_merge_takes_the_same_change_once() -> None:
    assert merge_lines("a\nb\n", "a\nB\nc\n", "a\nB\nc\n").text == "a\nB\nc\n"


def test_line_merge_reports_lines_changed_differently() -> None:
    result = merge_lines("a\nb\nc", "a\nX\nc", "a\nY\nc")
    assert result.text is None
    assert not result.clean


# -- records and fields ------------------------------------------------------------------


def test_new_records_on_both_sides_are_kept() -> None:
    base, mentor, mentee = copies()
    mentor["action_items"].append(stamp({"id": "aaaaaaaaaaaa", "text": "Book a room", "owner": "mentor"}, "mentor"))
    mentee["goals"].append(stamp({"id": "bbbbbbbbbbbb", "title": "Learn dbt"}, "mentee"))
    document = merge(base, mentor, mentee).document
    assert by_id(document, "action_items", "aaaaaaaaaaaa")["text"] == "Book a room"
    assert by_id(document, "goals", "bbbbbbbbbbbb")["title"] == "Learn dbt"
    assert len(document["action_items"]) == len(BASE["action_items"]) + 1


def test_fields_changed_on_different_sides_are_both_taken() -> None:
    base, mentor, mentee = copies()
    item_id = BASE["action_items"][-1]["id"]
    stamp(by_id(mentor, "action_items", item_id), "mentor")["due"] = "2026-12-20"
    stamp(by_id(mentee, "action_items", item_id), "mentee")["text"] = "Ask two more people for an interview"
    merged = merge(base, mentor, mentee)
    item = by_id(merged.document, "action_items", item_id)
    assert (item["due"], item["text"]) == ("2026-12-20", "Ask two more people for an interview")
    assert (item["updated_at"], item["updated_by"]) == (MENTEE_AT, "mentee")
    assert merged.review_added == 0


def test_a_short_field_changed_on_both_sides_takes_the_later_change_and_lists_both() -> None:
    base, mentor, mentee = copies()
    item_id = BASE["action_items"][-1]["id"]
    stamp(by_id(mentor, "action_items", item_id), "mentor", "2026-11-26T12:00:00")["due"] = "2026-12-20"
    stamp(by_id(mentee, "action_items", item_id), "mentee", "2026-11-26T09:00:00")["due"] = "2026-12-10"
    merged = merge(base, mentor, mentee)
    assert by_id(merged.document, "action_items", item_id)["due"] == "2026-12-20"
    (review,) = merged.document["review"]
    assert (review["kind"], review["table"], review["record_id"], review["field"]) == (
        "field", "action_items", item_id, "due")
    assert review["options"] == [{"by": "mentor", "value": "2026-12-20"}, {"by": "mentee", "value": "2026-12-10"}]
    assert review["found_at"] == "2026-11-26T12:00:00"
    assert merged.review_added == 1


def test_record_order_follows_both_sides() -> None:
    base, mentor, mentee = copies()
    first, second = mentee["goals"][0], mentee["goals"][1]
    mentee["goals"][0:2] = [second, first]
    mentor["goals"].append(stamp({"id": "cccccccccccc", "title": "Speak at a meetup"}, "mentor"))
    order = [goal["id"] for goal in merge(base, mentor, mentee).document["goals"]]
    assert order == [second["id"], first["id"], BASE["goals"][2]["id"], "cccccccccccc"]


def test_an_action_item_done_on_one_side_stays_done_when_the_other_reopened_it() -> None:
    base, mentor, mentee = copies()
    done = next(item for item in BASE["action_items"] if item["status"] == "done")
    stamp(by_id(mentor, "action_items", done["id"]), "mentor", "2026-11-26T18:00:00").update(
        status="open", done_on=None)
    stamp(by_id(mentee, "action_items", done["id"]), "mentee", "2026-11-26T08:00:00").update(
        status="dropped", done_on=None)
    item = by_id(merge(base, mentor, mentee).document, "action_items", done["id"])
    assert item["status"] == "dropped"


def test_an_action_item_done_beats_open_and_keeps_its_done_day() -> None:
    base, mentor, mentee = copies()
    item_id = next(item for item in BASE["action_items"] if item["status"] == "open")["id"]
    stamp(by_id(mentor, "action_items", item_id), "mentor").update(status="done", done_on="2026-11-26")
    stamp(by_id(mentee, "action_items", item_id), "mentee").update(status="dropped", done_on=None)
    merged = merge(base, mentor, mentee)
    item = by_id(merged.document, "action_items", item_id)
    assert (item["status"], item["done_on"]) == ("dropped", None)  # both final: the mentee's is later
    assert kinds(merged) == [("field", "status")]


def test_a_goal_achieved_beats_a_revision() -> None:
    base, mentor, mentee = copies()
    goal_id = BASE["goals"][0]["id"]
    stamp(by_id(mentor, "goals", goal_id), "mentor", "2026-11-26T08:00:00")["status"] = "achieved"
    stamp(by_id(mentee, "goals", goal_id), "mentee", "2026-11-26T09:00:00")["status"] = "revised"
    assert by_id(merge(base, mentor, mentee).document, "goals", goal_id)["status"] == "achieved"


def test_goal_checkins_and_history_only_grow() -> None:
    base, mentor, mentee = copies()
    goal_id = BASE["goals"][0]["id"]
    mentor_goal = stamp(by_id(mentor, "goals", goal_id), "mentor")
    mentor_goal["checkins"].append({"on": "2026-12-05", "progress": 60, "note": "Second project"})
    mentee_goal = stamp(by_id(mentee, "goals", goal_id), "mentee")
    mentee_goal["checkins"].insert(0, {"on": "2026-10-01", "progress": 10, "note": "Started"})
    mentee_goal["history"].append({"title": "Old wording", "revised_on": "2026-11-20"})
    goal = by_id(merge(base, mentor, mentee).document, "goals", goal_id)
    assert [checkin["on"] for checkin in goal["checkins"]] == ["2026-10-01", "2026-10-28", "2026-12-05"]
    assert [version["title"] for version in goal["history"]] == ["Old wording"]


def test_an_action_items_pushed_dates_only_grow() -> None:
    base, mentor, mentee = copies()
    item_id = BASE["action_items"][0]["id"]
    mentor_item = stamp(by_id(mentor, "action_items", item_id), "mentor")
    mentor_item["due_history"] = ["2026-11-16", "2026-11-23"]
    mentor_item["due"] = "2026-11-30"
    mentee_item = stamp(by_id(mentee, "action_items", item_id), "mentee")
    mentee_item["due_history"] = ["2026-11-16"]
    mentee_item["due"] = "2026-11-20"
    item = by_id(merge(base, mentor, mentee).document, "action_items", item_id)
    assert item["due_history"] == ["2026-11-16", "2026-11-23"]


def test_the_pair_stage_takes_the_larger() -> None:
    base, mentor, mentee = copies()
    stamp(mentor, "mentor", "2026-11-26T20:00:00")["stage"] = 2
    stamp(mentee, "mentee", "2026-11-26T08:00:00")["stage"] = 4
    assert merge(base, mentor, mentee).document["stage"] == 4


def test_meeting_start_takes_the_earliest_end_the_latest_current_item_the_later() -> None:
    base, mentor, mentee = copies()
    planned = BASE["meetings"][-1]
    agenda = ["aaaaaaaaaa01", "aaaaaaaaaa02", "aaaaaaaaaa03"]
    stamp(by_id(mentor, "meetings", planned["id"]), "mentor").update(
        started_at="2026-11-28T18:02:00", ended_at="2026-11-28T18:50:00",
        current_item=agenda[1], current_since="2026-11-28T18:20:00")
    stamp(by_id(mentee, "meetings", planned["id"]), "mentee").update(
        started_at="2026-11-28T18:00:00", ended_at="2026-11-28T18:45:00",
        current_item=agenda[2], current_since="2026-11-28T18:10:00")
    merged = merge(base, mentor, mentee)
    meeting = by_id(merged.document, "meetings", planned["id"])
    assert (meeting["started_at"], meeting["ended_at"]) == ("2026-11-28T18:00:00", "2026-11-28T18:50:00")
    assert (meeting["current_item"], meeting["current_since"]) == (agenda[1], "2026-11-28T18:20:00")
    assert merged.review_added == 0


def test_notes_edited_on_different_lines_merge_cleanly() -> None:
    base, mentor, mentee = copies()
    meeting_id = BASE["meetings"][0]["id"]
    notes = BASE["meetings"][0]["notes"]
    stamp(by_id(mentor, "meetings", meeting_id), "mentor")["notes"] = notes.replace(
        "## Getting acquainted", "## Getting to know each other")
    stamp(by_id(mentee, "meetings", meeting_id), "mentee")["notes"] = notes + "- Priya: send my CV.\n"
    merged = merge(base, mentor, mentee)
    assert by_id(merged.document, "meetings", meeting_id)["notes"] == notes.replace(
        "## Getting acquainted", "## Getting to know each other") + "- Priya: send my CV.\n"
    assert merged.review_added == 0


def test_notes_changed_on_the_same_lines_keep_both_under_each_name_mentor_first() -> None:
    base, mentor, mentee = copies()
    meeting_id = BASE["meetings"][3]["id"]
    notes = BASE["meetings"][3]["notes"]
    old_line = "Exams went fine. First project: bike-share demand forecast."
    stamp(by_id(mentee, "meetings", meeting_id), "mentee")["notes"] = notes.replace(old_line, "Exams: all passed.")
    stamp(by_id(mentor, "meetings", meeting_id), "mentor")["notes"] = notes.replace(old_line, "Exams done.")
    merged = merge(base, mentee, mentor)
    text = by_id(merged.document, "meetings", meeting_id)["notes"]
    assert text == notes.replace(old_line, "--- Dana Okafor (mentor) wrote: ---\nExams done.\n"
                                           "--- Priya Raman (mentee) wrote: ---\nExams: all passed.")
    assert "<<<<<<<" not in text and ">>>>>>>" not in text
    assert kinds(merged) == [("notes", "notes")]
    assert merged.document["review"][0]["record_id"] == meeting_id


def test_agenda_item_notes_merge_by_lines_and_keep_both_where_both_changed_a_line() -> None:
    base, mentor, mentee = copies()
    meeting_id = BASE["meetings"][3]["id"]
    for document in (base, mentor, mentee):
        by_id(document, "meetings", meeting_id)["agenda"][0]["notes"] = "Sleep is better.\nExams next week.\n"
    mentor_meeting = stamp(by_id(mentor, "meetings", meeting_id), "mentor")
    mentee_meeting = stamp(by_id(mentee, "meetings", meeting_id), "mentee")
    mentor_meeting["agenda"][0]["notes"] = "Sleep is much better.\nExams next week.\nGym twice.\n"
    mentee_meeting["agenda"][0]["notes"] = "Sleep: better.\nExams next week.\n"
    merged = merge(base, mentor, mentee)
    item = by_id(merged.document, "meetings", meeting_id)["agenda"][0]
    assert item["notes"] == ("--- Dana Okafor (mentor) wrote: ---\nSleep is much better.\n"
                             "--- Priya Raman (mentee) wrote: ---\nSleep: better.\n"
                             "Exams next week.\nGym twice.\n")
    assert kinds(merged) == [("notes", f"agenda.{item['id']}.notes")]  # the review names the item


def test_a_deleted_record_untouched_on_the_other_side_stays_deleted() -> None:
    base, mentor, mentee = copies()
    item = BASE["action_items"][0]
    mentor["action_items"].remove(by_id(mentor, "action_items", item["id"]))
    tombstone = {"table": "action_items", "id": item["id"], "deleted_at": MENTOR_AT, "deleted_by": "mentor"}
    mentor["deleted"].append(tombstone)
    mentee["goals"][0]["title"] = "Something else entirely"
    document = merge(base, mentor, mentee).document
    assert by_id(document, "action_items", item["id"]) is None
    assert document["deleted"] == [tombstone]


def test_a_record_deleted_on_one_side_and_edited_on_the_other_is_kept_for_review() -> None:
    base, mentor, mentee = copies()
    item = BASE["action_items"][0]
    mentor["action_items"].remove(by_id(mentor, "action_items", item["id"]))
    mentor["deleted"].append({"table": "action_items", "id": item["id"], "deleted_at": MENTOR_AT,
                              "deleted_by": "mentor"})
    stamp(by_id(mentee, "action_items", item["id"]), "mentee")["text"] = "Send the invite again"
    merged = merge(base, mentor, mentee)
    assert by_id(merged.document, "action_items", item["id"])["text"] == "Send the invite again"
    assert merged.document["action_items"][0]["id"] == item["id"]
    assert merged.document["deleted"] == []
    assert kinds(merged) == [("deleted_edited", "")]


def test_a_record_on_one_side_only_without_base_or_tombstone_is_kept() -> None:
    _, mentor, mentee = copies()
    gone = mentee["meetings"].pop(2)
    document = merge(None, mentor, mentee).document
    assert by_id(document, "meetings", gone["id"]) == gone


def test_without_a_base_a_tombstone_later_than_the_last_change_deletes() -> None:
    _, mentor, mentee = copies()
    gone = mentee["action_items"].pop(0)
    mentee["deleted"].append({"table": "action_items", "id": gone["id"], "deleted_at": MENTEE_AT})
    document = merge(None, mentor, mentee).document
    assert by_id(document, "action_items", gone["id"]) is None


def test_tombstones_union_keeping_the_later_deletion() -> None:
    base, mentor, mentee = copies()
    for document, at in ((mentor, "2026-11-20T10:00:00"), (mentee, "2026-11-21T10:00:00")):
        document["deleted"].append({"table": "goals", "id": "dddddddddddd", "deleted_at": at})
    mentee["deleted"].append({"table": "meetings", "id": "eeeeeeeeeeee", "deleted_at": MENTEE_AT})
    deleted = merge(base, mentor, mentee).document["deleted"]
    assert sorted((tomb["id"], tomb["deleted_at"]) for tomb in deleted) == [
        ("dddddddddddd", "2026-11-21T10:00:00"), ("eeeeeeeeeeee", MENTEE_AT)]


def test_review_items_union_by_id_and_a_settled_one_stays_settled() -> None:
    base, mentor, mentee = copies()
    shared = {"id": "ffffffffffff", "kind": "field", "table": "pair", "record_id": "pair", "field": "stage",
              "found_at": MENTOR_AT}
    settled = dict(shared, id="999999999999")
    for document in (base, mentor, mentee):
        document["review"].append(dict(settled))
    mentor["review"].append(shared)
    mentee["review"].append(dict(shared))
    mentee["review"].remove(settled)
    assert [item["id"] for item in merge(base, mentor, mentee).document["review"]] == ["ffffffffffff"]


def test_asked_starters_union() -> None:
    base, mentor, mentee = copies()
    mentor["asked"].append({"starter_id": "s1", "meeting_id": None, "on": "2026-11-20"})
    mentee["asked"].append({"starter_id": "s2", "meeting_id": None, "on": "2026-11-21"})
    mentee["asked"].append({"starter_id": "s1", "meeting_id": None, "on": "2026-11-20"})
    asked = merge(base, mentor, mentee).document["asked"]
    assert sorted(entry["starter_id"] for entry in asked) == ["s1", "s2"]


@pytest.mark.parametrize(("table", "field"), [("meetings", "decisions"), ("meetings", "parked"),
                                              ("goals", "checkin_dates"), ("pair", "hidden_starters")])
def test_string_lists_merge_as_ordered_sets(table: str, field: str) -> None:
    base, mentor, mentee = copies()
    values = ["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"]

    def holder(document: dict[str, Any]) -> dict[str, Any]:
        return document if table == "pair" else document[table][0]

    holder(base)[field] = values[:3]
    holder(mentor)[field] = values[:3] + [values[3]]  # added one at the end
    holder(mentee)[field] = [values[0], values[2]]  # removed the second
    assert holder(merge(base, mentor, mentee).document)[field] == [values[0], values[2], values[3]]


def test_pair_info_fields_merge_field_by_field() -> None:
    base, mentor, mentee = copies()
    stamp(mentor, "mentor")["mentee"]["contact"] = "priya@example.org"
    stamp(mentee, "mentee")["expectations"]["frequency_days"] = 7
    document = merge(base, mentor, mentee).document
    assert document["mentee"]["contact"] == "priya@example.org"
    assert document["expectations"]["frequency_days"] == 7
    assert document["updated_by"] == "mentee"


def test_unknown_fields_are_kept() -> None:
    base, mentor, mentee = copies()
    meeting_id = BASE["meetings"][0]["id"]
    stamp(by_id(mentor, "meetings", meeting_id), "mentor")["mood"] = "good"
    mentee["future_setting"] = {"colour": "blue"}
    merged = merge(base, mentor, mentee)
    assert by_id(merged.document, "meetings", meeting_id)["mood"] == "good"
    assert merged.document["future_setting"] == {"colour": "blue"}


def test_an_unknown_field_changed_on_both_sides_takes_the_later() -> None:
    base, mentor, mentee = copies()
    stamp(mentor, "mentor")["theme"] = "dark"
    stamp(mentee, "mentee")["theme"] = "light"
    assert merge(base, mentor, mentee).document["theme"] == "light"


def test_merging_twice_gives_the_same_and_changes_no_input() -> None:
    base, mentor, mentee = copies()
    stamp(mentor["meetings"][0], "mentor")["notes"] = "mentor"
    stamp(mentee["meetings"][0], "mentee")["notes"] = "mentee"
    before = json.dumps([base, mentor, mentee], sort_keys=True)
    first = merge(base, mentor, mentee).document
    assert json.dumps([base, mentor, mentee], sort_keys=True) == before
    assert merge_pairs(base, mentor, mentee).document == first


def test_a_record_kept_against_a_deletion_is_not_deleted_again_by_the_next_sync() -> None:
    base, mentor, mentee = copies()
    item = BASE["action_items"][0]
    mentor["action_items"].remove(by_id(mentor, "action_items", item["id"]))
    mentor["deleted"].append({"table": "action_items", "id": item["id"], "deleted_at": "2026-11-26T23:00:00",
                              "deleted_by": "mentor"})
    stamp(by_id(mentee, "action_items", item["id"]), "mentee")["text"] = "Send the invite again"
    # The mentor pushed first; the mentee merges that (the item is kept), then the mentor
    # merges the mentee's push, its own push being the common version.
    merged = merge(base, mentee, mentor).document
    again = merge(mentor, mentor, merged).document
    assert by_id(again, "action_items", item["id"])["text"] == "Send the invite again"
    assert again == merged


def test_agenda_items_raised_on_both_sides_are_both_on_the_agenda() -> None:
    base, mentor, mentee = copies()
    meeting_id = BASE["meetings"][0]["id"]
    first = BASE["meetings"][0]["agenda"][0]["id"]
    mentor_meeting = stamp(by_id(mentor, "meetings", meeting_id), "mentor")
    mentor_meeting["agenda"][0]["minutes"] = 15
    mentor_meeting["agenda"].append({"id": "a00000000001", "title": "Salary talk", "raised_by": "mentor"})
    mentee_meeting = stamp(by_id(mentee, "meetings", meeting_id), "mentee")
    mentee_meeting["agenda"][0]["title"] = "Check-in: exams"
    mentee_meeting["agenda"].append({"id": "a00000000002", "title": "My CV", "raised_by": "mentee"})
    agenda = by_id(merge(base, mentor, mentee).document, "meetings", meeting_id)["agenda"]
    assert (agenda[0]["id"], agenda[0]["title"], agenda[0]["minutes"]) == (first, "Check-in: exams", 15)
    assert [(item["title"], item["raised_by"]) for item in agenda[-2:]] == [("Salary talk", "mentor"),
                                                                         ("My CV", "mentee")]


def test_check_ins_logged_on_both_sides_are_all_kept() -> None:
    base, mentor, mentee = copies()
    mentor["contacts"].append(stamp({"id": "c1c1c1c1c1c1", "on": "2026-11-20", "by": "mentor", "way": "phone",
                                     "note": "Quick call about the draft"}, "mentor"))
    mentee["contacts"].append(stamp({"id": "c2c2c2c2c2c2", "on": "2026-11-21", "by": "mentee", "way": "email",
                                     "note": "Sent the outline"}, "mentee"))
    merged = merge(base, mentor, mentee)
    notes = [contact["note"] for contact in merged.document["contacts"]]
    assert len(notes) == len(BASE["contacts"]) + 2
    assert {"Quick call about the draft", "Sent the outline"} <= set(notes)


def test_a_worksheet_filled_in_on_both_sides_merges_by_lines_section_by_section() -> None:
    base, mentor, mentee = copies()
    sheet = {"id": "w1w1w1w1w1w1", "kind": "grow", "created_on": "2026-11-20", "goal": "Lead the next release\n",
             "reality": "Shadowed one release\nNo checklist yet\n"}
    for document in (base, mentor, mentee):
        document["worksheets"].append(copy.deepcopy(sheet))
    stamp(by_id(mentor, "worksheets", "w1w1w1w1w1w1"), "mentor")["options"] = "Pair with the release lead\n"
    mine = stamp(by_id(mentee, "worksheets", "w1w1w1w1w1w1"), "mentee")
    mine["reality"] = "Shadowed two releases\nNo checklist yet\n"
    merged = merge(base, mentor, mentee)
    worksheet = by_id(merged.document, "worksheets", "w1w1w1w1w1w1")
    assert worksheet["options"] == "Pair with the release lead\n"
    assert worksheet["reality"] == "Shadowed two releases\nNo checklist yet\n"
    assert merged.document["review"] == []


def test_a_worksheet_section_both_rewrote_keeps_both_versions_for_review() -> None:
    base, mentor, mentee = copies()
    sheet = {"id": "w2w2w2w2w2w2", "kind": "swot", "created_on": "2026-11-20", "strengths": "Patient\n"}
    for document in (base, mentor, mentee):
        document["worksheets"].append(copy.deepcopy(sheet))
    stamp(by_id(mentor, "worksheets", "w2w2w2w2w2w2"), "mentor")["strengths"] = "Patient with juniors\n"
    stamp(by_id(mentee, "worksheets", "w2w2w2w2w2w2"), "mentee")["strengths"] = "Patient under pressure\n"
    merged = merge(base, mentor, mentee)
    strengths = by_id(merged.document, "worksheets", "w2w2w2w2w2w2")["strengths"]
    assert "Patient with juniors" in strengths and "Patient under pressure" in strengths
    assert kinds(merged) == [("notes", "strengths")]
