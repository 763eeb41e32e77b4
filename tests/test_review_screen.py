"""Before the next meeting, as the mentee and as the mentor, and a search."""

from __future__ import annotations

from textual.widgets import Static

from mentortui.dialogs.search import SearchScreen
from mentortui.screens.before_next import BeforeNextScreen
from mentortui.widgets.notes_view import NotesView

from .test_app import settle, type_text
from .test_mentee_prepares import open_as
from .test_prepare_screens import open_pair, saved


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def owed_section(app, heading: str) -> list[str]:
    lines = text_of(app, "#owed").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    items = []
    for line in lines[start + 1:]:
        if not line.startswith("- "):
            break
        items.append(line)
    return items


async def test_mentee_sees_what_they_owe_overdue_first_then_switches_to_mentor(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await open_as(app, pilot, "mentee", "b")
        assert isinstance(app.screen, BeforeNextScreen)
        assert "Seen as the mentee" in text_of(app, "#coming")
        assert "Next meeting: Sat 28 Nov 18:00, in 3 days, regular meeting" in text_of(app, "#coming")
        assert owed_section(app, "What I owe (3)") == [
            "- Rewrite the forecast README to lead with the question  Sun 15 Nov, 10 days overdue",
            "- Book interviews five and six  Mon 30 Nov, due in 5 days",
            "- Outline the lightning talk together  Mon 7 Dec, due in 12 days",
        ]
        assert owed_section(app, "What the mentor owes (2)")[0] == (
            "- Share the team's slide template  Sat 21 Nov, 4 days overdue")
        assert "Notes of Wed 11 Nov 18:00 (regular meeting, meeting 6 of 6)" in text_of(app, "#notes-title")
        assert "Questions I might prepare" in text_of(app, "#questions")

        await pilot.press("r")
        await saved(app, pilot)
        assert "Seen as the mentor" in text_of(app, "#coming")
        assert owed_section(app, "What I owe (2)")[0] == (
            "- Share the team's slide template  Sat 21 Nov, 4 days overdue")
        assert owed_section(app, "What the mentee owes (3)")[0].startswith("- Rewrite the forecast README")

        await pilot.press("left_square_bracket")
        assert "meeting 5 of 6" in text_of(app, "#notes-title")
    assert store.load(demo_slug).review_role == "mentee"  # the switch is a view choice, not written


async def test_search_opens_the_meeting_a_result_came_from(make_app, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "b")
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await type_text(pilot, "README")
        await pilot.pause()
        assert text_of(app, "#count") == "2 found"
        await pilot.press("enter", "enter")  # to the results, then open the first
        await settle(app, pilot)
        assert isinstance(app.screen, BeforeNextScreen)
        title = text_of(app, "#notes-title")
        assert "Notes of Wed 28 Oct 18:00 (regular meeting, meeting 5 of 6)" in title
        assert "README needs work" in app.screen.query_one("#notes", NotesView).source


async def test_export_the_pair_report_from_the_pair_home(make_app, store, demo_slug):
    from mentortui.core.export import pair_markdown
    from mentortui.dialogs.export_preview import ExportScreen

    from .conftest import TODAY

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "x")
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.query_one("#preview").text.startswith("# Priya Raman with Dana Okafor")
        await pilot.press("w")
        await settle(app, pilot)
        path = store.folder / "exports" / f"{demo_slug}-report-2026-11-25.md"
        assert f"Written to {path}" in text_of(app, "#export-status")
    assert path.read_text() == pair_markdown(store.load(demo_slug), TODAY)
    assert path.stat().st_mode & 0o777 == 0o600


async def test_a_summary_that_cannot_be_built_is_reported_in_the_preview(make_app, store, demo_slug):
    from mentortui.dialogs.export_preview import ExportScreen

    def broken(private_notes: object) -> str:
        raise ValueError("the pair changed while it was read")

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "b")
        app.screen.preview_export("Report", "report", broken)
        await settle(app, pilot)
        assert isinstance(app.screen, ExportScreen)
        message = "The summary could not be built: the pair changed while it was read"
        assert text_of(app, "#export-status") == message
        assert any(n.message == message for n in app._notifications)
        await pilot.press("w")
        await settle(app, pilot)
        assert not (store.folder / "exports").exists()
