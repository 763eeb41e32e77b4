"""GROW and personal SWOT worksheets (issue 14, point 13): filled in on a goal, for the
pair from the palette and during a meeting; opened again they edit the same worksheet;
the pair report shows them, user text made safe."""

from __future__ import annotations

from textual.widgets import Static, TextArea

from mentortui.core.demo import demo_pair
from mentortui.core.export import export_document, pair_markdown
from mentortui.core.models import Worksheet
from mentortui.dialogs.worksheet import WorksheetScreen
from mentortui.screens.meeting import MeetingScreen

from .conftest import TODAY
from .test_app import settle, type_text
from .test_closure import run_command
from .test_prepare_screens import open_pair, rows, saved


async def fill(app, pilot, *texts: str) -> None:
    """Type each text in the next section of the open worksheet (tab moves on), then save."""
    assert isinstance(app.screen, WorksheetScreen)
    for number, text in enumerate(texts):
        if number:
            await pilot.press("tab")
        area = app.screen.focused
        assert isinstance(area, TextArea)
        area.clear()
        await type_text(pilot, text)
    await pilot.press("ctrl+s")
    await settle(app, pilot)


async def test_grow_on_a_goal_is_shown_and_reopened_edits_the_same_one(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "g")
        await pilot.press("w")
        await settle(app, pilot)
        await pilot.press("g")  # GROW, with one key
        await settle(app, pilot)
        await fill(app, pilot, "Three projects online", "One done, no write-up yet",
                   "Blog, GitHub pages", "Write up the forecast by Friday")
        assert rows(app, "#goals")[0][0].endswith("(GROW)")
        assert "Worksheets: GROW" in str(app.screen.query_one("#details", Static).render())

        await pilot.press("w")
        await settle(app, pilot)
        await pilot.press("g")
        await settle(app, pilot)
        assert app.screen.query_one("#reality", TextArea).text == "One done, no write-up yet"
        await fill(app, pilot, "Three projects online", "Two done, one write-up")
        await saved(app, pilot)

    pair = store.load(demo_slug)
    assert len(pair.worksheets) == 1
    sheet = pair.worksheets[0]
    assert (sheet.kind, sheet.goal_id, sheet.created_on) == ("grow", pair.goals[0].id, TODAY)
    assert sheet.reality == "Two done, one write-up" and sheet.will == "Write up the forecast by Friday"
    report = pair_markdown(pair, TODAY)
    assert "## Worksheets\n\n### GROW: Build a portfolio of three data projects" in report
    assert "#### Reality\n\nTwo done, one write-up" in report
    assert "[Worksheets](#worksheets)" in report


async def test_personal_swot_for_the_pair_from_the_palette(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")  # the pair home
        await settle(app, pilot)
        for strengths in ("Clear writing", "Clear writing, patient teacher"):
            await run_command(app, pilot, "Personal SWOT")
            await fill(app, pilot, strengths, "Public speaking")
        await saved(app, pilot)
    sheets = store.load(demo_slug).worksheets
    assert [(s.kind, s.goal_id, s.strengths, s.weaknesses) for s in sheets] == [
        ("swot", None, "Clear writing, patient teacher", "Public speaking")]


async def test_grow_during_a_meeting_records_the_meeting(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")
        assert isinstance(app.screen, MeetingScreen)
        meeting_id = app.screen.meeting.id
        await run_command(app, pilot, "GROW worksheet")
        await fill(app, pilot, "Pick a role to aim for")
        await saved(app, pilot)
    sheet = store.load(demo_slug).worksheets[0]
    assert (sheet.kind, sheet.goal_id, sheet.meeting_id, sheet.goal) == ("grow", None, meeting_id,
                                                                         "Pick a role to aim for")


def test_hostile_worksheet_text_is_exported_safely():
    pair = demo_pair(TODAY)
    pair.worksheets.append(Worksheet(
        kind="swot", created_on=TODAY,
        strengths="<script>alert(1)</script>\n[click](javascript:alert(1))",
        weaknesses="# Not a heading of the report\n```\nan open fence",
        opportunities="| a | b |\n|---|---|\n| c | d |",
    ))
    markdown = pair_markdown(pair, TODAY)
    assert "### Personal SWOT: the pair" in markdown
    assert "\n# Not a heading" not in markdown  # moved below the worksheet's own headings
    assert "##### Not a heading of the report" in markdown
    html = export_document(pair, TODAY, meeting=None, html=True)
    assert "<script>" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<pre>") == html.count("</pre>")
    assert "#### Threats\n\nNot written." in markdown
