"""A meeting's notes per agenda item, and the one Markdown document they make."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentortui.core.meeting_notes import (
    GENERAL,
    meeting_text,
    notes_of,
    set_notes_of,
    split_document,
    whole_document,
)
from mentortui.core.models import AgendaItem, Meeting, clean_text

TRICKY_LINES = ["## Check-in", "## General notes", "\\## Check-in", "\\\\## Check-in", "## Check\\-in",
                "## *Check-in*", "## \\*Check-in\\*", "## Check-in (2)", "", " ", "#", "##", "## ",
                "[red]x[/]", "<b>bold</b>", "**bold**", "`code`", "- [ ] task"]
LINES = st.one_of(st.sampled_from(TRICKY_LINES), st.text(max_size=12).map(lambda text: text.replace("\n", " ")))
TEXTS = st.one_of(st.just(""), st.lists(LINES, max_size=6).map("\n".join), st.text(max_size=40))
TITLES = st.one_of(st.sampled_from(["Check-in", "Check-in", "*Check-in*", "Check-in (2)", "General notes",
                                    "[bold]x[/]", "#1 priority", "a\\b", "<i>x</i>", "## Check-in"]),
                   st.text(min_size=1, max_size=12).filter(lambda title: clean_text(title).strip() != ""))


def meeting(*titles: str) -> Meeting:
    return Meeting(scheduled=datetime(2026, 11, 26, 17, 0),
                   agenda=[AgendaItem(title=title) for title in titles])


def everything(of: Meeting) -> tuple[str, list[str]]:
    return of.notes, [item.notes for item in of.agenda]


def test_notes_of_and_set_notes_of_reach_the_general_notes_and_each_item() -> None:
    record = meeting("Check-in", "Next steps")
    set_notes_of(record, GENERAL, "general")
    set_notes_of(record, record.agenda[1].id, "next\x1b[31m steps\r\n")
    assert notes_of(record, GENERAL) == record.notes == "general"
    assert notes_of(record, record.agenda[1].id) == "next steps\n"
    assert notes_of(record, record.agenda[0].id) == ""
    with pytest.raises(KeyError):
        notes_of(record, "no-such-item")


def test_the_document_has_a_heading_per_item_in_agenda_order_with_markup_escaped_and_twins_numbered() -> None:
    record = meeting("Check-in", "*Big* news", "Check-in")
    record.notes = "Arrived late."
    record.change_item(record.agenda[0].id, notes="Tired.\n## Check-in")
    assert whole_document(record) == ("## General notes\n\nArrived late.\n\n"
                                      "## Check-in\n\nTired.\n\\## Check-in\n\n"
                                      "## \\*Big\\* news\n\n"
                                      "## Check-in (2)\n")


def test_split_gives_back_what_whole_wrote() -> None:
    record = meeting("Check-in", "Action items", "Next steps")
    record.notes = "general\n"
    record.change_item(record.agenda[0].id, notes="## Action items\nnot a heading")
    record.change_item(record.agenda[2].id, notes="\n\nspaced\n\n")
    split = split_document(record, whole_document(record))
    assert (split.general, [split.items[item.id] for item in record.agenda]) == everything(record)
    assert split.unmatched == []


@settings(max_examples=300, deadline=None)
@given(titles=st.lists(TITLES, max_size=5), general=TEXTS, texts=st.lists(TEXTS, min_size=5, max_size=5))
def test_split_of_whole_round_trips_any_notes_and_titles(titles: list[str], general: str, texts: list[str]) -> None:
    record = meeting(*titles)
    set_notes_of(record, GENERAL, general)
    for item, text in zip(record.agenda, texts, strict=False):
        set_notes_of(record, item.id, text)
    split = split_document(record, whole_document(record))
    assert (split.general, [split.items[item.id] for item in record.agenda]) == everything(record)
    assert split.unmatched == []


def test_text_typed_under_a_heading_goes_to_that_item() -> None:
    record = meeting("Check-in", "Next steps")
    document = whole_document(record).replace("## Next steps\n", "## Next steps\nPriya sends the CV.\n")
    split = split_document(record, document)
    assert split.items[record.agenda[1].id] == "Priya sends the CV."
    assert split.items[record.agenda[0].id] == ""


def test_a_renamed_heading_moves_its_text_to_the_general_notes_and_is_named() -> None:
    record = meeting("Check-in", "Goals", "Next steps")
    record.notes = "general"
    record.change_item(record.agenda[0].id, notes="tired")
    record.change_item(record.agenda[1].id, notes="CV goal at 40%")
    record.change_item(record.agenda[2].id, notes="meet on fri")
    document = whole_document(record).replace("## Goals", "## Our goals")
    split = split_document(record, document)
    assert split.unmatched == ["Goals"]
    assert split.items == {record.agenda[0].id: "tired", record.agenda[1].id: "",
                           record.agenda[2].id: "meet on fri"}
    assert split.general == "general\n\n## Our goals\n\nCV goal at 40%"


def test_a_heading_line_in_the_notes_above_a_renamed_heading_stays_with_its_item() -> None:
    record = meeting("Check-in", "Goals")
    record.change_item(record.agenda[0].id, notes="tired\n## Sleep\nbetter")
    record.change_item(record.agenda[1].id, notes="CV goal")
    split = split_document(record, whole_document(record).replace("## Goals", "## Our goals"))
    assert split.items == {record.agenda[0].id: "tired\n## Sleep\nbetter", record.agenda[1].id: ""}
    assert split.general == "## Our goals\n\nCV goal"
    assert split.unmatched == ["Goals"]


def test_a_removed_heading_keeps_its_text_in_the_section_above() -> None:
    record = meeting("Check-in", "Goals")
    record.change_item(record.agenda[0].id, notes="tired")
    record.change_item(record.agenda[1].id, notes="CV goal")
    split = split_document(record, whole_document(record).replace("## Goals\n", ""))
    assert split.unmatched == ["Goals"]
    assert split.items[record.agenda[0].id] == "tired\n\n\nCV goal"
    assert split.items[record.agenda[1].id] == ""


def test_text_above_the_general_heading_is_kept_in_the_general_notes() -> None:
    record = meeting("Check-in")
    record.notes = "general"
    split = split_document(record, "typed on top\n" + whole_document(record))
    assert split.general == "typed on top\n\ngeneral"


def test_meeting_text_is_the_general_notes_alone_until_an_item_has_notes() -> None:
    record = meeting("Check-in", "Goals")
    record.notes = "general"
    assert meeting_text(record) == "general"
    record.change_item(record.agenda[1].id, notes="CV goal")
    assert meeting_text(record) == "## General notes\n\ngeneral\n\n## Goals\n\nCV goal"
