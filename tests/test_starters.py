"""Conversation starters for one pair (``mentortui.core.starter_bank``)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from mentortui.core.builtin_content import load_content
from mentortui.core.models import AgendaItem, AskedStarter, Meeting, Pair, Person
from mentortui.core.planning import add_item, change_kind
from mentortui.core.starter_bank import (
    CUSTOM_GROUP,
    CUSTOM_TITLE,
    add_custom,
    agenda_item_for,
    edit_custom,
    group_rows,
    last_asked,
    record_reached,
    remove_custom,
    starter_rows,
    toggle_asked,
    toggle_hidden,
)
from mentortui.storage.store import PairStore
from tests.conftest import TODAY

CONTENT = load_content()
ALL_GROUPS = [g.id for g in CONTENT.groups]


def make_pair(**fields) -> Pair:
    return Pair(mentor=Person(name="Ada Mentor"), mentee=Person(name="Ben Mentee"),
                started_on=date(2026, 9, 1), **fields)


def row_for(pair: Pair, starter_id: str, **options):
    found = [r for r in starter_rows(CONTENT, pair, None, **options) if r.id == starter_id]
    assert len(found) <= 1
    return found[0] if found else None


def ids(rows) -> list[str]:
    return [row.id for row in rows]


# --- group_rows ---------------------------------------------------------------------


def test_own_questions_come_first_then_the_fitting_groups_then_the_rest():
    rows = group_rows(CONTENT, 3, "regular")
    assert (rows[0].id, rows[0].title, rows[0].fits) == (CUSTOM_GROUP, "Our own questions", True)
    fitting = ["personal", "goals_progress", "grow", "swot", "review_point"]
    assert ids(rows[1:6]) == fitting
    assert all(row.fits for row in rows[:6])
    assert ids(rows[6:]) == [g for g in ALL_GROUPS if g not in fitting]
    assert not any(row.fits for row in rows[6:])


def test_the_closing_stage_brings_the_closing_group_up():
    rows = group_rows(CONTENT, 4, "closing")
    assert ids(rows[:2]) == [CUSTOM_GROUP, "closing"]
    assert [row.fits for row in rows] == [True, True] + [False] * (len(rows) - 2)


def test_a_new_pair_sees_the_first_meeting_groups_first():
    rows = group_rows(CONTENT, 1, "first")
    assert ids(rows[1:6]) == ["personal", "background", "mentorship", "expectations",
                              "first_meeting"]


def test_the_meeting_kind_alone_can_make_a_group_fit():
    # stage 3 alone does not fit "needs_1"; the kind does
    assert "needs_1" not in ids(r for r in group_rows(CONTENT, 3, None) if r.fits)
    assert "needs_1" in ids(r for r in group_rows(CONTENT, 3, "needs_1") if r.fits)


@pytest.mark.parametrize("stage", [1, 2, 3, 4])
@pytest.mark.parametrize("kind", [None, "first", "needs_1", "needs_2", "regular", "closing"])
def test_no_group_is_missing_or_repeated(stage, kind):
    rows = group_rows(CONTENT, stage, kind)
    assert sorted(ids(rows)) == sorted([CUSTOM_GROUP, *ALL_GROUPS])
    assert rows[0].id == CUSTOM_GROUP
    titles = {g.id: g.title for g in CONTENT.groups}
    assert all(row.title == titles[row.id] for row in rows[1:])


# --- starter_rows -------------------------------------------------------------------


def test_rows_of_one_group_are_its_questions_in_order():
    rows = starter_rows(CONTENT, make_pair(), "grow")
    grow = next(g for g in CONTENT.groups if g.id == "grow")
    assert ids(rows) == [q.id for q in grow.questions]
    assert [row.text for row in rows] == [q.text for q in grow.questions]
    assert {row.group_title for row in rows} == {grow.title}
    assert not any(row.custom or row.hidden or row.asked for row in rows)


def test_all_groups_gives_every_question_with_own_questions_first():
    pair = make_pair()
    own = add_custom(pair, "What did you learn from your last job move?")
    rows = starter_rows(CONTENT, pair, None)
    assert len(rows) == len(CONTENT.starters) + 1
    assert rows[0].id == own.id and rows[0].custom


@pytest.mark.parametrize("query", ["option ADMIRE", "admire options", "  Admire\tOPTIONS  "])
def test_query_words_match_in_any_order_and_case(query):
    rows = starter_rows(CONTENT, make_pair(), None, query)
    assert ids(rows) == ["grow-11"]


def test_every_query_word_must_match():
    assert starter_rows(CONTENT, make_pair(), None, "admire zebra") == []


def test_query_also_matches_the_group_title():
    swot = next(g for g in CONTENT.groups if g.id == "swot")
    rows = starter_rows(CONTENT, make_pair(), None, "swot")
    assert ids(rows) == [q.id for q in swot.questions]
    rows = starter_rows(CONTENT, make_pair(), None, "personal swot threats")
    assert rows and all(row.group == "swot" and row.text.startswith("Threats:") for row in rows)


def test_query_and_group_combine():
    rows = starter_rows(CONTENT, make_pair(), "swot", "admire")
    assert rows == []
    rows = starter_rows(CONTENT, make_pair(), "grow", "admire")
    assert ids(rows) == ["grow-11"]


def test_custom_starters_are_found_by_the_own_questions_title():
    pair = make_pair()
    own = add_custom(pair, "Which meetup should I try next?")
    assert "own" not in own.text.casefold()
    found = ids(starter_rows(CONTENT, pair, None, "OUR OWN"))
    assert found[0] == own.id
    # bank questions found only because their own text has both words ("your ... down")
    others = [CONTENT.starters[i].text.casefold() for i in found[1:]]
    assert all("our" in text and "own" in text for text in others)
    assert ids(starter_rows(CONTENT, pair, CUSTOM_GROUP)) == [own.id]


def test_hidden_starters_are_left_out_unless_asked_for():
    pair = make_pair()
    assert toggle_hidden(pair, "grow-11") is True
    assert "grow-11" not in ids(starter_rows(CONTENT, pair, "grow"))
    assert starter_rows(CONTENT, pair, None, "admire options") == []
    shown = starter_rows(CONTENT, pair, "grow", show_hidden=True)
    assert "grow-11" in ids(shown)
    assert next(r for r in shown if r.id == "grow-11").hidden is True
    assert toggle_hidden(pair, "grow-11") is False
    assert row_for(pair, "grow-11").hidden is False


# --- asked marks --------------------------------------------------------------------


def test_toggle_asked_marks_today_and_the_row_shows_it():
    pair = make_pair()
    assert toggle_asked(pair, "personal-03", TODAY) is True
    row = row_for(pair, "personal-03")
    assert row.asked is not None and row.asked.on == TODAY
    assert pair.asked == [AskedStarter(starter_id="personal-03", on=TODAY)]


def test_toggle_asked_again_takes_back_todays_mark():
    pair = make_pair()
    toggle_asked(pair, "personal-03", TODAY)
    assert toggle_asked(pair, "personal-03", TODAY) is False
    assert row_for(pair, "personal-03").asked is None
    assert pair.asked == []


def test_taking_back_todays_mark_keeps_an_earlier_one():
    earlier = date(2026, 10, 1)
    pair = make_pair(asked=[AskedStarter(starter_id="personal-03", on=earlier)])
    toggle_asked(pair, "personal-03", TODAY, meeting_id="m1")
    assert row_for(pair, "personal-03").asked.on == TODAY
    assert row_for(pair, "personal-03").asked.meeting_id == "m1"
    toggle_asked(pair, "personal-03", TODAY)
    assert row_for(pair, "personal-03").asked.on == earlier


def test_toggle_asked_only_touches_that_starter():
    pair = make_pair()
    toggle_asked(pair, "personal-03", TODAY)
    toggle_asked(pair, "grow-01", TODAY)
    toggle_asked(pair, "personal-03", TODAY)
    assert [r.starter_id for r in pair.asked] == ["grow-01"]


def test_last_asked_picks_the_latest_date_whatever_the_order():
    pair = make_pair(asked=[
        AskedStarter(starter_id="grow-01", on=date(2026, 11, 10)),
        AskedStarter(starter_id="grow-01", on=date(2026, 11, 20), meeting_id="late"),
        AskedStarter(starter_id="grow-01", on=date(2026, 10, 1)),
        AskedStarter(starter_id="swot-01", on=date(2026, 9, 1)),
    ])
    latest = last_asked(pair)
    assert latest["grow-01"].on == date(2026, 11, 20)
    assert latest["grow-01"].meeting_id == "late"
    assert latest["swot-01"].on == date(2026, 9, 1)
    assert set(latest) == {"grow-01", "swot-01"}
    assert row_for(pair, "grow-01").asked.on == date(2026, 11, 20)


# --- the pair's own questions -------------------------------------------------------


def test_add_custom_starter_shows_as_own_question():
    pair = make_pair()
    own = add_custom(pair, "  What does a good week look like for you?  ")
    row = row_for(pair, own.id)
    assert row.text == "What does a good week look like for you?"
    assert (row.group, row.group_title, row.custom) == (CUSTOM_GROUP, CUSTOM_TITLE, True)
    assert pair.custom_starters == [own]


def test_edit_custom_changes_the_text():
    pair = make_pair()
    own = add_custom(pair, "Old wording")
    other = add_custom(pair, "Keep me")
    edit_custom(pair, own.id, "New wording")
    assert row_for(pair, own.id).text == "New wording"
    assert row_for(pair, other.id).text == "Keep me"


def test_edit_custom_refuses_blank_text():
    pair = make_pair()
    own = add_custom(pair, "Old wording")
    with pytest.raises(ValueError):
        edit_custom(pair, own.id, "   ")
    assert row_for(pair, own.id).text == "Old wording"


def test_remove_custom_drops_it_and_its_hidden_mark():
    pair = make_pair()
    own = add_custom(pair, "Gone soon")
    kept = add_custom(pair, "Staying")
    toggle_hidden(pair, own.id)
    toggle_hidden(pair, "grow-01")
    remove_custom(pair, own.id)
    assert row_for(pair, own.id, show_hidden=True) is None
    assert pair.hidden_starters == ["grow-01"]
    assert [s.id for s in pair.custom_starters] == [kept.id]


@pytest.mark.parametrize("text", [
    "[bold]Really?[/]",
    "Ask about [link=x]this[/link] and [/] stray closers",
    "[red on white]Colours[/red on white] \\[escaped]",
])
def test_markup_like_text_is_kept_literally(text, tmp_path):
    pair = make_pair()
    own = add_custom(pair, text)
    assert row_for(pair, own.id).text == text
    edit_custom(pair, own.id, text + " [/]")
    assert row_for(pair, own.id).text == text + " [/]"
    assert agenda_item_for(row_for(pair, own.id)).title == text + " [/]"
    # and it survives the trip through a pair file
    store = PairStore(tmp_path / "data")
    slug = store.create(pair)
    assert store.load(slug).custom_starters[0].text == text + " [/]"


# --- starters on the agenda ---------------------------------------------------------


def test_agenda_item_for_a_starter():
    row = row_for(make_pair(), "grow-11")
    item = agenda_item_for(row)
    assert (item.title, item.source, item.ref, item.minutes) == (
        row.text, "starter", "grow-11", 5)


def test_a_starter_item_goes_before_next_steps():
    meeting = Meeting(scheduled=datetime(2026, 12, 2, 18, 0))
    change_kind(meeting, "regular", CONTENT)
    add_item(meeting, agenda_item_for(row_for(make_pair(), "grow-11")))
    assert [i.ref for i in meeting.agenda[-2:]] == ["grow-11", "next_steps"]


def make_meeting() -> Meeting:
    start = datetime(2026, 11, 25, 18, 0)
    return Meeting(scheduled=start, started_at=start, ended_at=start + timedelta(minutes=45))


def test_a_reached_starter_counts_as_asked_in_that_meeting():
    pair = make_pair()
    meeting = make_meeting()
    item = agenda_item_for(row_for(pair, "closing-01"))
    record_reached(pair, meeting, item, TODAY)
    assert pair.asked == [AskedStarter(starter_id="closing-01", meeting_id=meeting.id, on=TODAY)]
    assert row_for(pair, "closing-01").asked.meeting_id == meeting.id


def test_recording_the_same_reached_starter_twice_logs_it_once():
    pair = make_pair()
    meeting = make_meeting()
    item = agenda_item_for(row_for(pair, "closing-01"))
    record_reached(pair, meeting, item, TODAY)
    record_reached(pair, meeting, item, TODAY + timedelta(days=1))
    assert len(pair.asked) == 1


def test_the_same_starter_in_another_meeting_is_logged_again():
    pair = make_pair()
    item = agenda_item_for(row_for(pair, "closing-01"))
    first, second = make_meeting(), make_meeting()
    record_reached(pair, first, item, date(2026, 11, 11))
    record_reached(pair, second, item, TODAY)
    assert [(r.meeting_id, r.on) for r in pair.asked] == [
        (first.id, date(2026, 11, 11)), (second.id, TODAY)]
    assert row_for(pair, "closing-01").asked.meeting_id == second.id


@pytest.mark.parametrize("item", [
    AgendaItem(title="Check-in", source="template"),
    AgendaItem(title="Salary talk", source="typed", ref="closing-01"),
    AgendaItem(title="Send the CV", source="action_item", ref="closing-01"),
    AgendaItem(title="Goal check-in: X", source="goal_checkin", ref="closing-01"),
    AgendaItem(title="A starter without a ref", source="starter"),
])
def test_items_that_are_not_starters_are_not_logged(item):
    pair = make_pair()
    record_reached(pair, make_meeting(), item, TODAY)
    assert pair.asked == []
