"""The pair report at any size: each meeting shows its own action items and the items carried
into it, found through one index of the pair's items built once per export; and the HTML,
converted one part of the report at a time, is the HTML of the whole report, hostile notes,
repeated headings and link references between meetings included."""

from __future__ import annotations

import re
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.pairs import pair_with_meetings
from mentortui.core import export
from mentortui.core.export import export_document, html_document, pair_markdown, pair_sections, pair_title, to_html
from mentortui.core.models import CarriedOutcome, Pair
from tests.conftest import TODAY
from tests.test_export import NASTY, note_line

ITEM = re.compile(r"Follow-up \d from week (\d+)")


def meeting_parts(pair: Pair) -> list[str]:
    return [part for part in pair_sections(pair, TODAY) if part.startswith("## Meeting ")]


def carry_one_item_into_each_meeting(pair: Pair) -> None:
    """Each meeting after the first records what it did with an item of the meeting before."""
    held = pair.held_meetings()
    for before, meeting in zip(held, held[1:], strict=False):
        item = next(item for item in pair.action_items if item.meeting_id == before.id)
        meeting.carried = [CarriedOutcome(item_id=item.id, outcome="pushed", old_due=item.due,
                                          new_due=meeting.scheduled.date() + timedelta(days=7))]


def test_each_meeting_lists_its_own_action_items_whatever_their_order_in_the_pair():
    pair = pair_with_meetings(12, TODAY)
    pair.action_items.reverse()
    parts = meeting_parts(pair)
    assert len(parts) == 12
    for week, part in enumerate(parts):
        new_items = part.split("### New action items", 1)[1].split("### From last time", 1)[0]
        assert ITEM.findall(new_items) == [str(week)] * 3


def test_each_meeting_lists_the_items_carried_into_it():
    pair = pair_with_meetings(8, TODAY)
    carry_one_item_into_each_meeting(pair)
    parts = meeting_parts(pair)
    assert "Nothing carried in." in parts[0]
    for week, part in enumerate(parts[1:], start=1):
        carried = part.split("### From last time", 1)[1].split("### Assignment", 1)[0]
        assert ITEM.findall(carried) == [str(week - 1)]
        assert "pushed from" in carried


def test_the_action_item_index_is_built_once_per_export(monkeypatch):
    built = []

    def counted(pair):
        built.append(pair)
        return index_actions(pair)

    index_actions = export.index_actions
    monkeypatch.setattr(export, "index_actions", counted)
    pair = pair_with_meetings(30, TODAY)
    carry_one_item_into_each_meeting(pair)
    for html in (False, True):
        built.clear()
        document = export_document(pair, TODAY, meeting=None, html=html)
        assert len(built) == 1
        assert "Follow-up 2 from week 29" in document


def test_the_report_is_the_same_as_the_markdown_of_its_parts():
    pair = pair_with_meetings(5, TODAY)
    assert pair_markdown(pair, TODAY) == "\n\n".join(pair_sections(pair, TODAY)) + "\n"
    assert export_document(pair, TODAY, meeting=None) == pair_markdown(pair, TODAY)


hostile_notes = st.lists(
    st.one_of(note_line, st.sampled_from(["[later]: https://example.org/later", "see [later] and [x][later]",
                                          "# Notes", "## Meeting 2: Mon 1 Jan 2024", "```", "## Decisions"])),
    max_size=8,
).map("\n".join)


@settings(max_examples=60, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(notes=st.lists(hostile_notes, min_size=3, max_size=3),
       decision=st.sampled_from([text for text in NASTY if text.strip()]))
def test_html_converted_part_by_part_is_the_html_of_the_whole_report(notes, decision):
    pair = pair_with_meetings(3, TODAY)
    for meeting, text in zip(pair.held_meetings(), notes, strict=True):
        meeting.notes = text
        meeting.decisions = [decision]
    markdown = pair_markdown(pair, TODAY)
    assert to_html(pair_sections(pair, TODAY)) == to_html(markdown)
    assert export_document(pair, TODAY, meeting=None, html=True) == html_document(markdown, pair_title(pair))


def test_a_link_reference_defined_in_a_later_meeting_works_in_an_earlier_one_and_ids_stay_unique():
    pair = pair_with_meetings(3, TODAY)
    first, _, last = pair.held_meetings()
    first.notes = "See [the guide] before we meet.\n\n# Plan"
    last.notes = "[the guide]: https://example.org/guide\n\n# Plan"
    html = to_html(pair_sections(pair, TODAY))
    assert '<a href="https://example.org/guide">the guide</a>' in html
    ids = re.findall(r'<h\d id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert {"plan", "plan-1"} <= set(ids)
    assert html == to_html(pair_markdown(pair, TODAY))
