"""The manuals' guidance on screen: the before-the-meeting checklist on the agenda and
"Before next" screens, the programme's ground rules on the pair home, and each agenda
item's conversation starters during the meeting."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import DataTable, Input, OptionList, Static

from mentortui.core.before_checklist import Sharing, before_meeting
from mentortui.core.builtin_content import load_content
from mentortui.core.demo import demo_pair
from mentortui.core.models import AgendaItem, AskedStarter, Pair, Person
from mentortui.core.starter_bank import item_questions
from mentortui.dialogs.ground_rules import GroundRulesScreen
from mentortui.dialogs.item_starters import ItemStartersScreen
from mentortui.screens.agenda import AgendaScreen
from mentortui.screens.before_next import BeforeNextScreen
from mentortui.screens.meeting import MeetingScreen

from .conftest import TODAY
from .test_app import settle, type_text
from .test_narrow_tables import assert_fits, screen_lines
from .test_prepare_screens import open_pair

CONTENT = load_content()
BEFORE = CONTENT.checklists["before_meeting"]
RULES = CONTENT.checklists["program_rules"].items


def states(lines) -> dict[str, str]:
    """Each line's state, by the first words of its text."""
    return {" ".join(line.text.split()[:2]): line.state for line in lines}


def new_pair() -> Pair:
    return Pair(mentor=Person(name="Ada Mentor"), mentee=Person(name="Ben Mentee"),
                started_on=TODAY - timedelta(days=3))


# --- the checklist, as a rule -------------------------------------------------------


def test_a_new_pair_has_nothing_to_reread_and_nothing_owed_but_no_meeting_set():
    lines = before_meeting(BEFORE, new_pair(), "mentee", None, TODAY, Sharing(shared=False))
    assert [line.text for line in lines] == list(BEFORE.items)
    assert states(lines) == {
        "Reread the": "done", "Check which": "done", "Jot down": "open", "Prepare two": "reminder",
        "Share the": "open", "Confirm the": "open", "Find a": "reminder",
    }


def test_ticks_follow_what_the_pair_shows():
    pair = demo_pair(TODAY)
    upcoming = pair.next_meeting(TODAY)
    assert upcoming is not None
    upcoming.mentee_update = "Two interviews done."
    upcoming.agenda = (*upcoming.agenda, AgendaItem(title="Promotion path", raised_by="mentee"))
    mentee = states(before_meeting(BEFORE, pair, "mentee", upcoming, TODAY, Sharing(shared=True)))
    # the mentee owes an overdue item; the update and a topic are there; the pair is synced
    assert mentee == {
        "Reread the": "reminder", "Check which": "open", "Jot down": "done", "Prepare two": "done",
        "Share the": "done", "Confirm the": "reminder", "Find a": "reminder",
    }
    mentor = before_meeting(BEFORE, pair, "mentor", upcoming, TODAY, Sharing(shared=True, unshared=2))
    assert states(mentor)["Jot down"] == "reminder"  # the mentee's update is not the mentor's to write
    assert states(mentor)["Prepare two"] == "reminder"
    shared = next(line for line in mentor if line.text.startswith("Share the"))
    assert (shared.state, shared.note) == ("open", "2 changes not shared yet")


# --- the checklist on screen ----------------------------------------------------------


def shown_checklist(app) -> str:
    return str(app.screen.query_one("#checklist").query_one(Static).render())


async def test_the_checklist_on_before_next_and_the_agenda_ticks_a_raised_topic(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        app.session.role = "mentee"
        await pilot.press("b")
        await settle(app, pilot)
        assert isinstance(app.screen, BeforeNextScreen)
        text = shown_checklist(app)
        assert text.startswith("Before the meeting: 0 of 7 ticked, 2 not yet")
        assert "✗ Check which action items you owe" in text
        assert "✗ Jot down what has happened since last time" in text
        await pilot.press("t")
        await type_text(pilot, "Promotion path")
        await pilot.press("enter")
        await settle(app, pilot)
        assert "✓ Prepare two or three questions or topics you want to cover (1 topic raised" in shown_checklist(app)

        await pilot.press("escape", "a")
        await settle(app, pilot)
        assert isinstance(app.screen, AgendaScreen)
        folded = "Before the meeting: 1 of 7 ticked, 2 not yet  (c or a click shows the list)"
        assert folded in "\n".join(screen_lines(app))
        await pilot.press("c")
        await settle(app, pilot)
        text = "\n".join(screen_lines(app))
        assert "✓ Prepare two or three questions" in text
        assert "· Find a quiet spot and silence notifications" in text


async def test_the_open_checklist_leaves_the_agenda_whole_at_80_by_24(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        # The pair opens on a thread: "a" pressed before its home shows would reach the list.
        await open_pair(app, pilot, "a")
        await pilot.press("c")
        await settle(app, pilot)
        panel = app.screen.query_one("#checklist")
        lines = screen_lines(app)
        assert "Before the meeting: 0 of 7 ticked" in lines[panel.region.y]
        assert panel.max_scroll_y > 0  # the rest of the list scrolls, it is not cut off
        assert_fits(app, app.screen.query_one("#agenda", DataTable), ["#", "Item", "Min", "From"])
        field = app.screen.query_one("#new-item", Input)
        assert field.region.bottom <= app.size.height - 1  # above the footer


# --- the ground rules -------------------------------------------------------------------


async def test_help_on_the_pair_home_shows_the_ground_rules_and_the_palette_shows_them_whole(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        text = "\n".join(screen_lines(app))
        assert "Programme ground rules" in text
        assert "Be in contact at least" in text
        await pilot.press("question_mark", "ctrl+p")
        await settle(app, pilot)
        await type_text(pilot, "ground rules")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, GroundRulesScreen)
        text = " ".join(" ".join(screen_lines(app)).split())
        assert all(" ".join(rule.split()[:6]) in text for rule in RULES)


# --- each item's starters in the meeting --------------------------------------------------


def test_an_item_offers_its_groups_questions_for_its_kind_never_asked_or_hidden():
    pair = new_pair()
    intro = AgendaItem(title="Introductions", source="template")
    offered = [q.id for q in item_questions(CONTENT, pair, "first", intro)]
    assert offered[0] == "personal-01" and "background-01" in offered
    assert {q.split("-")[0] for q in offered} == {"personal", "background"}
    pair.asked.append(AskedStarter(starter_id="personal-01", on=TODAY))
    pair.hidden_starters = ["background-01"]
    offered = [q.id for q in item_questions(CONTENT, pair, "first", intro)]
    assert "personal-01" not in offered and "background-01" not in offered
    assert item_questions(CONTENT, pair, "first", AgendaItem(title="Introductions", source="typed")) == []


async def test_ctrl_k_on_introductions_puts_a_question_in_the_notes_and_counts_it_asked(make_app, store):
    slug = store.create(new_pair())
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("m")  # nothing planned: the first meeting starts now
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert "ctrl+k: questions for this item" in "\n".join(screen_lines(app))
        await type_text(pilot, "Met at the cafe")
        await pilot.press("ctrl+k")
        await settle(app, pilot)
        assert isinstance(app.screen, ItemStartersScreen)
        listed = [str(option.prompt).strip() for option in app.screen.query_one(OptionList).options]
        first = CONTENT.starters["personal-01"].text
        assert listed[:2] == ["Getting to know each other", first]
        assert CONTENT.starters["background-05"].text in listed
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        meeting = app.screen.meeting
        assert meeting.agenda[0].title == "Introductions"
        assert [(a.starter_id, a.meeting_id) for a in app.session.pair.asked] == [("personal-01", meeting.id)]
        notes = app.screen.query_one("#notes").text
        assert notes == f"Met at the cafe\n{first}"
        await pilot.press("ctrl+k")
        await settle(app, pilot)
        listed = [str(option.prompt).strip() for option in app.screen.query_one(OptionList).options]
        assert first not in listed
        await pilot.press("escape")
        await settle(app, pilot)
        app.screen.flush_pending()
        assert app.session.flush()
    saved = store.load(slug)
    held = next(m for m in saved.meetings if m.started_at is not None)
    assert held.agenda[0].notes == f"Met at the cafe\n{first}"
    assert [a.starter_id for a in saved.asked] == ["personal-01"]
