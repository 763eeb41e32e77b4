"""The mentee prepares: on "Before next" they write their update since last time and raise
topics for the next meeting; the mentor sees both, marked as the mentee's, on the agenda,
in the live meeting and in the meeting's summary. Typed text stays literal everywhere."""

from __future__ import annotations

from textual.widgets import DataTable, Static, TextArea

from mentortui.core.builtin_content import load_content
from mentortui.core.demo import demo_pair
from mentortui.core.export import to_html
from mentortui.core.planning import plan_next_meeting, suggest_start
from mentortui.core.preparation import raise_topic
from mentortui.dialogs.confirm import ConfirmScreen
from mentortui.dialogs.export_preview import ExportScreen
from mentortui.dialogs.mentee_update import MenteeUpdateScreen
from mentortui.dialogs.prompt import PromptScreen
from mentortui.screens.agenda import AgendaScreen
from mentortui.screens.before_next import BeforeNextScreen
from mentortui.screens.meeting import MeetingScreen

from .conftest import TODAY
from .test_app import settle, type_text
from .test_prepare_screens import saved

UPDATE = "Two more interviews done.\nStuck on [bold]x[/] the README intro."
TOPIC_1 = "Ask about [@click=app.quit] the promotion path"
TOPIC_2 = "Salary talk [bold]x[/]"


async def open_as(app, pilot, role: str, key: str) -> None:
    """Open the demo pair on a machine that is ``role``'s, then press ``key`` on its home."""
    await settle(app, pilot)
    await pilot.press("enter")
    await settle(app, pilot)
    # Whose machine this is comes from the pair's local settings; the test says it here.
    app.session.role = role
    await pilot.press(key)
    await settle(app, pilot)


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def visible(app) -> str:
    """What the terminal shows now, line by line."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def table_rows(app, selector: str) -> list[list[str]]:
    table = app.screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


async def raise_a_topic(app, pilot, text: str) -> None:
    await pilot.press("t")
    await settle(app, pilot)
    assert isinstance(app.screen, PromptScreen)
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(app, pilot)


async def test_the_mentee_writes_an_update_and_raises_two_topics_and_finds_them_again(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_as(app, pilot, "mentee", "b")
        assert isinstance(app.screen, BeforeNextScreen)
        assert "Seen as the mentee" in shown(app, "#coming")
        assert "My update" in visible(app)  # the footer offers it

        await pilot.press("w")
        await settle(app, pilot)
        assert isinstance(app.screen, MenteeUpdateScreen)
        await type_text(pilot, UPDATE)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, BeforeNextScreen)
        await raise_a_topic(app, pilot, TOPIC_1)
        await raise_a_topic(app, pilot, TOPIC_2)
        await saved(app, pilot)

        coming = shown(app, "#coming")
        assert f"My update since last time:\n{UPDATE}" in coming
        assert f"  - {TOPIC_1} (5 min)  raised by Priya Raman" in coming
        assert f"  - {TOPIC_2} (5 min)  raised by Priya Raman" in coming

        # Leave and come back: the page shows them again, and the update opens to go on with.
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("b")
        await settle(app, pilot)
        assert f"My update since last time:\n{UPDATE}" in shown(app, "#coming")
        assert f"  - {TOPIC_2} (5 min)  raised by Priya Raman" in shown(app, "#coming")
        await pilot.press("w")
        await settle(app, pilot)
        assert app.screen.query_one("#update", TextArea).text == UPDATE
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, BeforeNextScreen)
        assert app.is_running and app.return_code is None

    upcoming = store.load(demo_slug).next_meeting(TODAY)
    assert upcoming is not None
    assert upcoming.mentee_update == UPDATE
    titles = [item.title for item in upcoming.agenda]
    assert [(item.title, item.raised_by, item.source) for item in upcoming.agenda if item.raised_by] == [
        (TOPIC_1, "mentee", "typed"), (TOPIC_2, "mentee", "typed")]
    assert titles.index(TOPIC_2) == titles.index("Next steps") - 1


async def test_the_mentors_machine_opens_as_the_mentor_raises_the_mentors_topics_and_keeps_the_switch_local(
        make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_as(app, pilot, "mentor", "b")
        assert "Seen as the mentor" in shown(app, "#coming")
        assert "My update" not in visible(app)
        await pilot.press("w")  # the update is the mentee's to write
        await settle(app, pilot)
        assert isinstance(app.screen, BeforeNextScreen)

        await raise_a_topic(app, pilot, "Conference budget")
        assert "  - Conference budget (5 min)  raised by Dana Okafor" in shown(app, "#coming")
        await pilot.press("r")
        await settle(app, pilot)
        assert "Seen as the mentee" in shown(app, "#coming")
        await saved(app, pilot)
    pair = store.load(demo_slug)
    assert pair.review_role == demo_pair(TODAY).review_role  # a view choice, not the pair's data
    upcoming = pair.next_meeting(TODAY)
    assert upcoming is not None
    assert [(item.title, item.raised_by) for item in upcoming.agenda if item.raised_by] == [
        ("Conference budget", "mentor")]


async def test_with_no_meeting_planned_the_update_plans_the_next_one(make_app, store):
    pair = demo_pair(TODAY)
    pair.meetings = [meeting for meeting in pair.meetings if meeting.is_held]
    slug = store.create(pair)
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_as(app, pilot, "mentee", "b")
        assert "Next meeting: not set yet" in shown(app, "#coming")
        await pilot.press("w")
        await settle(app, pilot)
        await type_text(pilot, "Finished the course.")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert any(note.message.startswith("Planned the next meeting for") for note in app._notifications)
        assert "My update since last time:\nFinished the course." in shown(app, "#coming")
        await saved(app, pilot)
    upcoming = store.load(slug).next_meeting(TODAY)
    assert upcoming is not None
    assert upcoming.scheduled == suggest_start(pair, TODAY)
    assert upcoming.mentee_update == "Finished the course."


def prepared_pair():
    """The demo pair after the mentee prepared: an update and two topics on the next meeting."""
    pair = demo_pair(TODAY)
    upcoming = plan_next_meeting(pair, TODAY, load_content())
    upcoming.mentee_update = UPDATE
    raise_topic(upcoming, TOPIC_1, 5, "mentee")
    raise_topic(upcoming, TOPIC_2, 10, "mentee")
    return pair


async def test_the_mentor_sees_the_update_and_topics_on_home_agenda_meeting_and_summary(make_app, store):
    store.create(prepared_pair())
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_as(app, pilot, "mentor", "a")
        assert isinstance(app.screen, AgendaScreen)
        rows = table_rows(app, "#agenda")
        assert [row[1:] for row in rows if row[1] in (TOPIC_1, TOPIC_2)] == [
            [TOPIC_1, "5", "raised by Priya Raman (mentee)"], [TOPIC_2, "10", "raised by Priya Raman (mentee)"]]
        update = str(app.screen.query_one("#mentee-update Static", Static).render())
        assert update == f"Priya Raman's update since last time: {UPDATE}"

        await pilot.press("f5")
        await settle(app, pilot)
        if isinstance(app.screen, ConfirmScreen):  # the meeting is days ahead: starting asks first
            await pilot.press("enter")
            await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        titles = [row[0] for row in table_rows(app, "#items")]
        assert f"  {TOPIC_1} (Priya Raman)" in titles
        assert f"  {TOPIC_2} (Priya Raman)" in titles
        assert "Priya Raman's update since last time: Two" in visible(app)
        assert str(app.screen.query_one("#mentee-update Static", Static).render()) == (
            f"Priya Raman's update since last time: {UPDATE}")

        await pilot.press("f9")
        await settle(app, pilot)
        assert isinstance(app.screen, ExportScreen)
        markdown = app.screen.query_one("#preview", TextArea).text
        assert "## Priya Raman's update since last time" in markdown
        html = to_html(markdown)
        assert "Stuck on [bold]x[/] the README intro." in html
        assert f"{TOPIC_1} (raised by Priya Raman)" in html
        assert f"{TOPIC_2} (raised by Priya Raman)" in html
        assert app.is_running and app.return_code is None


async def test_the_pair_home_says_what_was_prepared(make_app, store):
    store.create(prepared_pair())
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert "From Priya Raman: an update, 2 topics (b)" in visible(app)


async def test_without_an_update_the_meeting_and_agenda_say_nothing_of_one(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_as(app, pilot, "mentor", "a")
        assert isinstance(app.screen, AgendaScreen)
        panel = app.screen.query_one("#mentee-update")
        assert not panel.display and str(panel.query_one(Static).render()) == ""
        await pilot.press("f5")
        await settle(app, pilot)
        if isinstance(app.screen, ConfirmScreen):
            await pilot.press("enter")
            await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        panel = app.screen.query_one("#mentee-update")
        assert not panel.display and str(panel.query_one(Static).render()) == ""
        assert "update since last time" not in visible(app)
