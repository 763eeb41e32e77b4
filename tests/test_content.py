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


# --- the seeds' meeting guides are all here -----------------------------------------

# Every question of the seeds' guide for meetings 1-3 and the first-meeting guiding
# questions, by topic (in our words), with the starters that ask it. Each must be
# offered by an item of that meeting's template (its groups, its kind).
GUIDE_QUESTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "first": {
        "career so far": ("first_meeting-05",),
        "current work priorities": ("background-07",),
        "the work wanted in future": ("background-11",),
        "education": ("background-05",),
        "professional associations": ("background-08",),
        "spare time": ("personal-03",),
        "hobbies": ("personal-12", "personal-05"),
        "how they like to learn": ("first_meeting-06",),
        "proudest achievement": ("background-03",),
        "what they expect from the mentor": ("mentorship-09",),
        # the guiding questions for a first meeting
        "what they want from the programme": ("first_meeting-01",),
        "goals to focus on": ("first_meeting-02",),
        "what the mentee wants to improve": ("first_meeting-03",),
        "what the mentee can offer the mentor": ("mentorship-08",),
        "soft or hard skills": ("first_meeting-04",),
        "how often to meet": ("expectations-01",),
    },
    "needs_1": {
        "strengths and weaknesses": ("needs_1-01", "needs_1-03"),
        "compliments received": ("needs_1-02",),
        "weaknesses others see": ("needs_1-04",),
        "what the current work requires": ("needs_1-05",),
        "the skill that would make the biggest difference": ("needs_1-06",),
        "one thing to change about working life": ("needs_1-07",),
        "how mastery will show, to them and to others": ("needs_1-13", "needs_1-14"),
        "who and what is affected, in measurable outcomes": ("needs_1-15",),
        "counting the outcome and judging its quality": ("needs_1-16",),
        "the resources drawn on": ("needs_1-17",),
        "someone admired who has the skill": ("needs_1-09",),
    },
    "needs_2": {
        "where the mentor can help most": ("needs_2-07",),
        "skills most important for the goals": ("needs_2-14",),
        "themes that recur at work": ("needs_2-15",),
        "situations where the skill is used": ("needs_2-12",),
        "which parts of those situations to be mentored on": ("needs_2-16",),
        "the people the skill is used with": ("needs_2-12", "needs_2-17"),
        "who else could help": ("needs_2-08",),
        "information needed, and what to discuss": ("needs_2-10", "needs_2-18"),
        "what has been read already": ("needs_2-19",),
        "what to learn first": ("needs_2-13",),
        "the key issues": ("needs_2-20",),
        "what other people think": ("needs_2-21",),
    },
}
# What each guide's assignment asks for, in words the template's assignment must use.
GUIDE_ASSIGNMENTS = {
    "first": ("make the most of this mentorship", "sends it to the mentor before the next meeting"),
    "needs_1": ("areas they most want to develop", "biggest difference", "how they will know",
                "who and what it will change", "measure"),
    "needs_2": ("development plan", "improve or strengthen", "resources", "skill gaps"),
}


@pytest.mark.parametrize(("kind", "topic"), [(k, t) for k, topics in GUIDE_QUESTIONS.items() for t in topics])
def test_each_guide_question_is_offered_in_its_meeting(content, kind, topic):
    offered_groups = {group for item in content.templates[kind].items for group in item.starters}
    for starter_id in GUIDE_QUESTIONS[kind][topic]:
        starter = content.starters[starter_id]
        assert kind in starter.kinds, starter_id
        assert starter.group in offered_groups, starter_id


@pytest.mark.parametrize("kind", sorted(GUIDE_ASSIGNMENTS))
def test_each_guide_assignment_is_the_templates(content, kind):
    assignment = content.templates[kind].assignment
    assert [words for words in GUIDE_ASSIGNMENTS[kind] if words not in assignment] == []


def test_the_before_meeting_checklist_says_what_the_app_checks_for_each_line(content):
    checklist = content.checklists["before_meeting"]
    assert len(checklist.checks) == len(checklist.items)
    assert set(checklist.checks) == {"last_notes", "owed", "update", "topics", "agenda_shared", "time_place", ""}


def test_checks_that_do_not_match_the_items_are_a_content_error(monkeypatch):
    def change(name, data):
        if name == "agendas.toml":
            data["checklist"][0]["checks"] = ["owed"]

    _patched_read(monkeypatch, change)
    with pytest.raises(ContentError, match="1 checks for 7 items"):
        load_content.__wrapped__()


@pytest.mark.parametrize(("kind", "title", "groups"), [
    ("first", "Introductions", ("personal", "background")),
    ("needs_2", "Obstacles and first steps", ("needs_2", "grow", "swot")),
    ("regular", "Introductions", ("personal", "background")),  # an item kept from another kind's template
    ("first", "Something typed", ()),
])
def test_an_items_starter_groups_come_from_its_template(content, kind, title, groups):
    assert content.item_groups(kind, title) == groups
