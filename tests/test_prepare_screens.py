"""Preparing a meeting as a mentor does it: conversation starters and the agenda screen."""

from __future__ import annotations

import json
from datetime import timedelta

from textual.widgets import DataTable, Static

from mentortui.core.demo import demo_pair
from mentortui.dialogs.confirm import ConfirmScreen
from mentortui.dialogs.end_meeting import EndMeetingScreen
from mentortui.screens.agenda import AgendaScreen
from mentortui.screens.meeting import MeetingScreen
from mentortui.screens.starters import StartersScreen

from .conftest import TODAY
from .test_app import settle, type_text

MARKUP = "[bold]Our[/] question [link=x]"


def rows(app, table_id: str) -> list[list[str]]:
    table = app.screen.query_one(table_id, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def pair_file(store, slug: str) -> dict:
    return json.loads(store.path_for(slug).read_text())


def planned_meeting(saved: dict) -> dict:
    return next(m for m in saved["meetings"].values() if m["ended_at"] is None)


async def open_pair(app, pilot, key: str) -> None:
    await settle(app, pilot)
    await pilot.press("enter")
    await settle(app, pilot)
    await pilot.press(key)
    await settle(app, pilot)
    if key == "m" and isinstance(app.screen, ConfirmScreen):
        # The demo's next meeting is three days ahead: starting it now asks first.
        await pilot.press("enter")
        await settle(app, pilot)


async def open_end_meeting(app, pilot) -> None:
    """Open the pair, start its meeting and press F10: the end-of-meeting dialog is shown."""
    await open_pair(app, pilot, "m")
    assert isinstance(app.screen, MeetingScreen)
    await pilot.press("f10")
    await settle(app, pilot)
    assert isinstance(app.screen, EndMeetingScreen)


async def saved(app, pilot) -> None:
    await pilot.pause()
    assert app.session.flush()


async def test_filter_mark_asked_and_add_to_agenda(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "s")
        assert isinstance(app.screen, StartersScreen)
        await pilot.press("slash")
        await type_text(pilot, "free weekend")
        await pilot.press("enter")
        found = rows(app, "#questions")
        assert len(found) == 1
        assert found[0][0].startswith("When you get a free weekend with nothing planned")
        assert found[0][1] == "not asked"
        await pilot.press("m")
        assert rows(app, "#questions")[0][1] == "asked Wed 25 Nov"
        await pilot.press("a")
        await saved(app, pilot)
    data = pair_file(store, demo_slug)
    assert [a["starter_id"] for a in data["asked"].values()] == ["personal-03"]
    agenda = planned_meeting(data)["agenda"]
    starter_items = [item for item in agenda if item["source"] == "starter"]
    assert [item["ref"] for item in starter_items] == ["personal-03"]


async def test_custom_question_is_kept_literally_and_survives_reopening(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "s")
        await pilot.press("c")
        await type_text(pilot, MARKUP)
        await pilot.press("enter")
        await saved(app, pilot)
        assert rows(app, "#questions")[0][0] == MARKUP
    reopened = make_app()
    async with reopened.run_test(size=(120, 40)) as pilot:
        await open_pair(reopened, pilot, "s")
        assert rows(reopened, "#questions")[0][0] == MARKUP  # the pair's own questions come first
        await pilot.press("e", "end")
        await type_text(pilot, "?")
        await pilot.press("enter")
        await saved(reopened, pilot)
        assert rows(reopened, "#questions")[0][0] == MARKUP + "?"
        await pilot.press("d")
        await saved(reopened, pilot)
        assert rows(reopened, "#questions") == []
    assert pair_file(store, demo_slug)["custom_starters"] == {}


async def test_hidden_question_goes_away_until_shown(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "s")
        first = rows(app, "#questions")[0][0]
        await pilot.press("h")
        assert rows(app, "#questions")[0][0] != first
        await pilot.press("H")
        assert rows(app, "#questions")[0][0] == f"{first}  (hidden)"


async def test_first_meeting_agenda_for_a_new_pair_then_every_template(make_app, store):
    slug = store.create(demo_pair(TODAY).model_copy(update={
        "meetings": [], "action_items": [], "goals": [], "stage": 1}))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "a")
        assert isinstance(app.screen, AgendaScreen)
        titles = [row[1] for row in rows(app, "#agenda")]
        assert titles == ["Introductions", "Why we joined", "How we stay in touch", "Expectations",
                          "Confidentiality", "Next steps"]
        assert "Planned 60 of 45 min  OVER by 15 min" in str(app.screen.query_one("#total", Static).render())
        expected = {
            1: ["Check-in", "Feedback on the mentee's note", "Strengths and weaknesses"],
            2: ["Check-in", "Review the development summary", "Shape one to three SMART goals"],
            3: ["Check-in", "Review action items", "Priority topics", "Open conversation", "Next steps"],
            4: ["Reflect on goals", "What comes next", "Keep in touch", "Thanks and feedback"],
        }
        for downs, start in expected.items():
            await pilot.click("#kind")
            await pilot.press("home", *(["down"] * downs), "enter")
            await settle(app, pilot)
            titles = [row[1] for row in rows(app, "#agenda")]
            assert titles[: len(start)] == start
            assert titles[-1] == "Next steps"
        await saved(app, pilot)
    assert planned_meeting(pair_file(store, slug))["kind"] == "closing"


async def test_agenda_carries_open_items_and_goal_checkins_and_reorders(make_app, store):
    pair = demo_pair(TODAY)
    talk = pair.goals[2]
    talk.checkin_dates = [TODAY + timedelta(days=2), *talk.checkin_dates[1:]]
    slug = store.create(pair)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "a")
        table = rows(app, "#agenda")
        titles = [row[1] for row in table]
        review = titles.index("Review action items")
        assert titles[review + 1] == "Review: Rewrite the forecast README to lead with the question"
        assert table[review + 1][3] == "mentee, Sun 15 Nov, 10 days overdue"
        assert "Review: Try a second project on public transport data" not in titles  # dropped
        assert "Goal check-in: Present to a non-technical audience" in titles
        assert "check-in due Fri 27 Nov" in table[titles.index("Goal check-in: Present to a non-technical audience")][3]

        await pilot.press("down", "down")
        moved = rows(app, "#agenda")[2][1]
        await pilot.press("K")
        assert rows(app, "#agenda")[1][1] == moved
        await pilot.press("plus")
        await saved(app, pilot)
    agenda = planned_meeting(pair_file(store, slug))["agenda"]
    assert agenda[1]["title"] == moved.removeprefix("Review: ")
    assert agenda[1]["minutes"] == 7
    assert [i["source"] for i in agenda].count("goal_checkin") == 1


async def test_typed_item_date_and_length(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "a")
        await pilot.press("n")
        await type_text(pilot, MARKUP)
        await pilot.press("enter")
        titles = [row[1] for row in rows(app, "#agenda")]
        assert titles[-2:] == [MARKUP, "Next steps"]

        await pilot.click("#when")
        await pilot.press("home", "shift+end")
        await type_text(pilot, "fri 5pm")
        await pilot.press("enter")
        await pilot.pause()
        assert str(app.screen.query_one("#when-read", Static).render()) == "Fri 27 Nov 17:00, in 2 days"

        await pilot.click("#when")
        await pilot.press("home", "shift+end")
        await type_text(pilot, "frday")
        await pilot.press("enter")
        await pilot.pause()
        assert "couldn't read 'frday'" in str(app.screen.query_one("#when-read", Static).render())

        await pilot.click("#length")
        await pilot.press("home", "shift+end")
        await type_text(pilot, "90")
        await saved(app, pilot)
        assert "to spare" in str(app.screen.query_one("#total", Static).render())
    meeting = planned_meeting(pair_file(store, demo_slug))
    assert meeting["scheduled"] == "2026-11-27T17:00:00"
    assert meeting["planned_minutes"] == 90
    assert meeting["agenda"][-2]["title"] == MARKUP
