"""The built-in content: the question bank, the agenda templates and the checklists.

These tests read what ``load_content`` gives the app, and where a loaded ``dict`` would
hide a problem (two questions with one id collapse into one entry), the TOML files too.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from importlib import resources
from typing import Any

import pytest

from mentortui.core import builtin_content as content_module
from mentortui.core.builtin_content import BuiltinContent, ContentError, load_content

GROUPS = (
    "personal", "background", "mentorship", "expectations", "first_meeting",
    "needs_1", "needs_2", "goals_progress", "closing", "grow", "swot",
)
KINDS = {"first", "needs_1", "needs_2", "regular", "closing"}
ASKERS = {"mentor", "mentee", "either"}
CHECKLISTS = ("before_meeting", "end_of_meeting", "program_rules")
DATA_FILES = ("starters.toml", "agendas.toml")

# Programs, organisations and people the seed documents name; the app's content is
# written in its own words and must name none of them. The first ten come from the
# brief; the rest were found by reading /work/shared/seeds/.
FORBIDDEN_NAMES = (
    "Webster", "NACE", "Ratz", "Cindy", "Tracy", "Jack Welch", "Brown", "Chronus",
    "MentorcliQ", "university",
    # from the seeds
    "Illinois", "Illinois Tech", "iit.edu", "Kaylee", "Nguyen", "Emily Ginger", "Ginger",
    "Vanichtheeranont", "Emmy", "Billy", "Phillips-Jones", "Stephen Covey", "Covey",
    "Seven Habits", "IT-oLogy", "diverseIT", "Together Platform", "VMock", "SPARK Page",
    "Mentorship Hub", "The Mentoring Group", "CCC/", "National Academies", "STEMM",
    "United Nations", "O*Net", "Occupational Outlook Handbook", "Office of Student Affairs",
    "Online Mentoring Directory", "Section Support Specialist",
)


@pytest.fixture(scope="module")
def content() -> BuiltinContent:
    return load_content()


def _raw(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("mentortui.data").joinpath(name).read_text("utf-8"))


def _strings(value: object) -> list[str]:
    """Every string anywhere in a parsed TOML document."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in [key, *_strings(item)]]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _normalized(text: str) -> str:
    """Case and punctuation do not make two questions different."""
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def _questions(content: BuiltinContent):
    return [q for group in content.groups for q in group.questions]


# --- the question bank --------------------------------------------------------------


def test_the_bank_has_at_least_100_questions(content):
    assert len(_questions(content)) >= 100
    raw_questions = [q for g in _raw("starters.toml")["group"] for q in g["question"]]
    assert len(raw_questions) == len(_questions(content))


@pytest.mark.parametrize("group_id", GROUPS)
def test_each_required_group_is_there_with_at_least_5_questions(content, group_id):
    groups = {g.id: g for g in content.groups}
    assert group_id in groups
    group = groups[group_id]
    assert len(group.questions) >= 5
    assert group.title.strip() and group.about.strip()
    assert all(q.group == group_id for q in group.questions)


def test_group_ids_are_unique(content):
    ids = [g.id for g in content.groups]
    assert len(ids) == len(set(ids))


def test_every_question_has_stages_within_1_to_4(content):
    bad = [q.id for q in _questions(content)
           if not q.stages or not all(isinstance(s, int) and 1 <= s <= 4 for s in q.stages)]
    assert bad == []


def test_every_question_has_known_meeting_kinds(content):
    bad = [q.id for q in _questions(content) if not q.kinds or not set(q.kinds) <= KINDS]
    assert bad == []


def test_every_question_has_a_known_asker(content):
    assert {q.id: q.asker for q in _questions(content) if q.asker not in ASKERS} == {}


def test_every_group_has_stages_and_kinds_in_range(content):
    for group in content.groups:
        assert group.stages and all(1 <= s <= 4 for s in group.stages), group.id
        assert group.kinds and set(group.kinds) <= KINDS, group.id


def test_no_question_text_repeats_ignoring_case_and_punctuation(content):
    counts = Counter(_normalized(q.text) for q in _questions(content))
    assert [text for text, n in counts.items() if n > 1] == []
    assert all(_normalized(q.text) for q in _questions(content)), "an empty question"


def test_question_ids_are_unique_in_the_files(content):
    raw_ids = [q["id"] for g in _raw("starters.toml")["group"] for q in g["question"]]
    assert [i for i, n in Counter(raw_ids).items() if n > 1] == []
    assert set(content.starters) == set(raw_ids)
    assert all(content.starters[q.id] is q for q in _questions(content))


def test_question_ids_do_not_clash_with_the_custom_group(content):
    # custom starters are stored under the group id "custom"
    assert "custom" not in {g.id for g in content.groups}


@pytest.mark.parametrize("prefix", ["Goal:", "Reality:", "Options:", "Will:"])
def test_grow_covers_goal_reality_options_and_will(content, prefix):
    grow = next(g for g in content.groups if g.id == "grow")
    assert [q for q in grow.questions if q.text.startswith(prefix)], prefix
    assert all(q.text.startswith(("Goal:", "Reality:", "Options:", "Will:"))
               for q in grow.questions)


@pytest.mark.parametrize("prefix", ["Strengths:", "Weaknesses:", "Opportunities:", "Threats:"])
def test_swot_covers_strengths_weaknesses_opportunities_and_threats(content, prefix):
    swot = next(g for g in content.groups if g.id == "swot")
    assert [q for q in swot.questions if q.text.startswith(prefix)], prefix
    assert all(q.text.startswith(("Strengths:", "Weaknesses:", "Opportunities:", "Threats:"))
               for q in swot.questions)


# --- agenda templates ---------------------------------------------------------------


def test_there_is_a_template_for_each_of_the_five_kinds(content):
    assert set(content.templates) == KINDS
    for kind, template in content.templates.items():
        assert template.kind == kind
        assert template.title.strip() and template.assignment.strip()
        assert template.items


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_template_item_minutes_add_up_to_the_template_minutes(content, kind):
    template = content.templates[kind]
    assert sum(item.minutes for item in template.items) == template.minutes
    assert all(item.minutes > 0 for item in template.items)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_template_ends_with_its_only_next_steps_item(content, kind):
    roles = [item.role for item in content.templates[kind].items]
    assert roles.count("next_steps") == 1
    assert roles[-1] == "next_steps"
    assert content.templates[kind].items[-1].title == "Next steps"


def test_the_regular_template_has_one_review_actions_item(content):
    items = content.templates["regular"].items
    reviews = [item for item in items if item.role == "review_actions"]
    assert len(reviews) == 1
    assert reviews[0].title == "Review action items"
    # it comes before the closing "Next steps"
    assert items.index(reviews[0]) < len(items) - 1


def test_starter_groups_named_by_template_items_exist(content):
    group_ids = {g.id for g in content.groups}
    missing = {(kind, item.title, ref)
               for kind, template in content.templates.items()
               for item in template.items for ref in item.starters if ref not in group_ids}
    assert missing == set()


def test_template_item_titles_are_unique_within_a_template(content):
    for kind, template in content.templates.items():
        titles = [item.title for item in template.items]
        assert len(titles) == len(set(titles)), kind


# --- checklists ---------------------------------------------------------------------


@pytest.mark.parametrize("checklist_id", CHECKLISTS)
def test_the_three_checklists_exist_with_items(content, checklist_id):
    checklist = content.checklists[checklist_id]
    assert checklist.id == checklist_id
    assert checklist.title.strip()
    assert len(checklist.items) >= 3
    assert all(item.strip() for item in checklist.items)


def test_end_of_meeting_checklist_asks_for_an_owner_and_a_delivery_date(content):
    items = [item.casefold() for item in content.checklists["end_of_meeting"].items]
    assert any("owner" in item for item in items)
    assert any("delivery date" in item for item in items)


# --- no borrowed names --------------------------------------------------------------


@pytest.mark.parametrize("name", FORBIDDEN_NAMES)
def test_no_content_names_a_program_or_person_from_the_seeds(content, name):
    needle = name.casefold()
    texts = [s for file in DATA_FILES for s in _strings(_raw(file))]
    offending = [text for text in texts if needle in text.casefold()]
    assert offending == []
    # comments in the data files too
    for file in DATA_FILES:
        source = resources.files("mentortui.data").joinpath(file).read_text("utf-8")
        assert needle not in source.casefold(), file


def test_the_name_check_does_see_the_loaded_texts(content):
    """Guard against the check above passing because it looked at nothing."""
    texts = [s for file in DATA_FILES for s in _strings(_raw(file))]
    loaded = [q.text for q in _questions(content)] + [
        item for checklist in content.checklists.values() for item in checklist.items]
    assert set(loaded) <= set(texts)


# --- damaged content is reported ----------------------------------------------------


def _patched_read(monkeypatch, change):
    real = content_module._read

    def read(name: str) -> dict[str, Any]:
        data = real(name)
        change(name, data)
        return data

    monkeypatch.setattr(content_module, "_read", read)


def test_an_unknown_asker_is_reported_as_a_content_error(monkeypatch):
    def change(name, data):
        if name == "starters.toml":
            data["group"][0]["question"][0]["asker"] = "coach"

    _patched_read(monkeypatch, change)
    with pytest.raises(ContentError, match="asker or kind"):
        load_content.__wrapped__()


def test_an_unknown_template_role_is_reported_as_a_content_error(monkeypatch):
    def change(name, data):
        if name == "agendas.toml":
            data["template"][0]["item"][0]["role"] = "party"

    _patched_read(monkeypatch, change)
    with pytest.raises(ContentError, match="unknown item role"):
        load_content.__wrapped__()


def test_a_missing_field_is_reported_as_a_content_error(monkeypatch):
    def change(name, data):
        if name == "agendas.toml":
            del data["checklist"][0]["items"]

    _patched_read(monkeypatch, change)
    with pytest.raises(ContentError, match="damaged"):
        load_content.__wrapped__()
