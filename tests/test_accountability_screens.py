"""Action items and SMART goals, driven as a mentor or mentee does between meetings."""

from __future__ import annotations

from textual.widgets import Static

from mentortui.screens.action_list import ActionItemsScreen
from mentortui.screens.goals import GoalsScreen

from .conftest import TODAY
from .test_app import settle, type_text
from .test_prepare_screens import open_pair, rows, saved


def details(app) -> str:
    return str(app.screen.query_one("#details", Static).render())


async def replace(pilot, selector: str, text: str) -> None:
    await pilot.click(selector)
    await pilot.press("home", "shift+end")
    await type_text(pilot, text)


async def test_vague_goal_is_flagged_then_fixed_then_three_checkins(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "g")
        assert isinstance(app.screen, GoalsScreen)
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Get better at [SQL]")
        await replace(pilot, "#specific", "Write the queries for the team dashboard myself")
        await replace(pilot, "#measurable", "get better at SQL")
        await replace(pilot, "#achievable", "Two evenings a week with the course")
        await replace(pilot, "#relevant", "Every analyst job asks for it")
        await replace(pilot, "#time_bound", "Course done in January, dashboard in February")
        await replace(pilot, "#complete-by", "2027-02-26")
        await pilot.pause()
        assert app.screen.query_one("#checkin-2").value == "2027-02-26"  # three proposed evenly
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("end")
        await pilot.pause()
        text = details(app)
        assert text.startswith("Get better at [SQL]")
        assert "Measurable names no number and no sign you could see" in text
        assert "No open action item serves this goal" in text

        await pilot.press("e")
        await pilot.pause()
        await replace(pilot, "#measurable", "10 dashboard queries merged after review")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "Measurable names no number" not in details(app)

        for on, progress in (("2026-11-10", "20"), ("2026-11-18", "45"), ("today", "70")):
            await pilot.press("c")
            await pilot.pause()
            await replace(pilot, "#on", on)
            await replace(pilot, "#progress", progress)
            await pilot.click("#note")
            await type_text(pilot, f"at {progress}")
            await pilot.press("enter")
            await settle(app, pilot)
        goal_row = rows(app, "#goals")[-1]
        assert goal_row[3] == "███████░░░  70%"
        text = details(app)
        assert "Tue 10 Nov   20%  at 20" in text and "Wed 25 Nov   70%  at 70" in text
        await saved(app, pilot)

    reopened = store.load(demo_slug)
    goal = reopened.goals[-1]
    assert goal.title == "Get better at [SQL]"
    assert goal.measurable == "10 dashboard queries merged after review"
    assert [(c.on.isoformat(), c.progress) for c in goal.checkins] == [
        ("2026-11-10", 20), ("2026-11-18", 45), ("2026-11-25", 70)]
    assert goal.complete_by.isoformat() == "2027-02-26" and len(goal.checkin_dates) == 3


async def test_revising_a_goal_keeps_the_old_version(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "g")
        await pilot.press("v")
        await pilot.pause()
        await replace(pilot, "#title", "Build a portfolio of two data projects")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "until Wed 25 Nov: Build a portfolio of three data projects" in details(app)
        assert rows(app, "#goals")[0][2] == "revised"
        await saved(app, pilot)
    goal = store.load(demo_slug).goals[0]
    assert goal.history[0].title == "Build a portfolio of three data projects"
    assert goal.title == "Build a portfolio of two data projects"


async def test_filter_overdue_mark_done_and_find_it_after_reopening(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "i")
        assert isinstance(app.screen, ActionItemsScreen)
        summary = app.screen.query_one("#summary", Static)
        assert str(summary.render()) == "4 open, 2 overdue, 3 done on time, 1 done late"
        await pilot.press("f")  # open -> overdue
        await pilot.pause()
        overdue = rows(app, "#items")
        assert [row[0] for row in overdue] == ["Rewrite the forecast README to lead with the question",
                                               "Share the team's slide template"]
        assert overdue[0][3] == "10 days overdue"
        await pilot.press("space")
        await saved(app, pilot)
        assert [row[0] for row in rows(app, "#items")] == ["Share the team's slide template"]
        assert str(summary.render()) == "3 open, 1 overdue, 3 done on time, 2 done late"
        await pilot.press("f", "f")  # overdue -> due this week -> done
        await pilot.pause()
        assert rows(app, "#items")[-1][3] == "done Wed 25 Nov (late)"

    reopened = make_app()
    async with reopened.run_test(size=(120, 40)) as pilot:
        await open_pair(reopened, pilot, "i")
        assert str(reopened.screen.query_one("#summary", Static).render()).startswith("3 open, 1 overdue")
    item = next(a for a in store.load(demo_slug).action_items if a.text.startswith("Rewrite the forecast"))
    assert (item.status, item.done_on) == ("done", TODAY)


async def test_add_push_and_filter_by_owner(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "i")
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Send [bold]three[/] job links")
        await pilot.click("#due")
        await type_text(pilot, "+1w")
        await pilot.press("enter")
        await settle(app, pilot)
        assert "Send [bold]three[/] job links" in [row[0] for row in rows(app, "#items")]
        await pilot.press("o")  # anyone -> mentee
        await pilot.pause()
        assert {row[1] for row in rows(app, "#items")} == {"Mentee"}
        await pilot.press("p")  # the item just added is still highlighted
        await pilot.pause()
        await type_text(pilot, "2026-12-20")
        await pilot.press("enter")
        await saved(app, pilot)
        assert rows(app, "#items")[-1][2] == "Sun 20 Dec 1×"
    items = store.load(demo_slug).action_items
    added = next(a for a in items if a.text == "Send [bold]three[/] job links")
    assert added.due.isoformat() == "2026-12-20"
    assert added.meeting_id is None and added.goal_id is None and added.owner == "mentee"
