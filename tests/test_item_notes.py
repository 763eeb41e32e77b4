"""Notes that follow the agenda in the live meeting (issue 13, points 1-2): the shared pane
holds the current item's notes, moving to an item (ctrl+n, ctrl+b, enter or a click in the
list) saves what was typed to the item it was typed under, ctrl+g shows the general notes,
F3 the whole meeting as one document, and summaries, Before next and search use them all."""

from __future__ import annotations

from textual.widgets import DataTable

from mentortui.core.export import meeting_markdown, to_html
from mentortui.core.live_meeting import unfinished_meeting
from mentortui.core.meeting_notes import whole_document
from mentortui.core.preparation import search
from mentortui.dialogs.capture import ActionItemScreen
from mentortui.dialogs.end_meeting import EndMeetingScreen
from mentortui.screens.before_next import BeforeNextScreen
from mentortui.screens.pair_home import PairHomeScreen
from mentortui.widgets.notes import NotesArea
from mentortui.widgets.notes_view import NotesView

from .conftest import TODAY
from .test_app import settle, type_text
from .test_narrow_tables import screen_lines
from .test_prepare_screens import open_pair, saved
from .test_slips import push


def pane(app) -> NotesArea:
    return app.screen.query_one("#notes", NotesArea)


def pane_title(app) -> str:
    return str(pane(app).border_title)


def notes_by_item(meeting) -> dict[str, str]:
    return {item.title: item.notes for item in meeting.agenda if item.notes}


async def click_item(app, pilot, title: str) -> None:
    """Click an agenda row twice, as a user does: the first click highlights it, the
    second selects it."""
    table = app.screen.query_one("#items", DataTable)
    region = table.content_region
    lines = screen_lines(app)
    y = next(y for y in range(region.y, region.bottom) if title in lines[y][region.x:region.right])
    for _ in range(2):
        await pilot.click(offset=(region.x + 4, y))
        await pilot.pause()
    await settle(app, pilot)


async def test_a_meeting_through_four_items_keeps_each_items_notes_and_the_summary_shows_them(
        make_app, store, demo_slug, clock):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")
        assert pane_title(app) == "Shared notes · Check-in"
        await type_text(pilot, "Priya had a good week")

        await pilot.press("ctrl+n")  # Review action items
        await settle(app, pilot)
        assert pane_title(app) == "Shared notes · Review action items"
        assert pane(app).text == ""
        await type_text(pilot, "todo: Priya sends the draft by fri")
        await pilot.press("enter")
        await settle(app, pilot)
        await type_text(pilot, "Dana shares the interview list")
        await pilot.press("ctrl+t")
        await settle(app, pilot)
        assert isinstance(app.screen, ActionItemScreen)
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        # Carried items: the forecast README done, the slide template pushed.
        await pilot.press("escape", "down", "d")
        await pilot.pause()
        await pilot.press("down")
        await push(app, pilot, "12/4")

        await click_item(app, pilot, "Priority topics")
        assert pane_title(app) == "Shared notes · Priority topics"
        await type_text(pilot, "Portfolio: the churn project first")
        clock.advance(minutes=3)
        await pilot.press("ctrl+n")  # Open conversation
        await settle(app, pilot)
        await type_text(pilot, "Talked about conferences")

        await pilot.press("ctrl+b")  # back to Priority topics: its notes, cursor at the end
        await settle(app, pilot)
        assert pane(app).text == "Portfolio: the churn project first"
        assert pane(app).cursor_location == (0, len("Portfolio: the churn project first"))
        await type_text(pilot, ", then the talk")

        await pilot.press("ctrl+g")
        await settle(app, pilot)
        assert pane_title(app) == "Shared notes · general notes"
        await type_text(pilot, "Next call by video")
        await pilot.press("ctrl+g")  # back to the current item
        await settle(app, pilot)
        assert pane_title(app) == "Shared notes · Priority topics"

        await pilot.press("f10")
        await settle(app, pilot)
        assert isinstance(app.screen, EndMeetingScreen)
        preview = "\n".join(screen_lines(app))
        assert "Portfolio: the churn project first, then the talk" in preview
        await pilot.click(".due")  # the ctrl+t item has no delivery date yet
        await type_text(pilot, "12/4")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, PairHomeScreen)
        await saved(app, pilot)

    pair = store.load(demo_slug)
    held = pair.last_meeting()
    assert held.notes == "Next call by video"
    assert notes_by_item(held) == {
        "Check-in": "Priya had a good week",
        "Review action items": "todo✓: Priya sends the draft by fri\nDana shares the interview list",
        "Priority topics": "Portfolio: the churn project first, then the talk",
        "Open conversation": "Talked about conferences",
    }
    assert {a.text for a in pair.action_items if a.meeting_id == held.id} == {
        "Priya sends the draft", "Dana shares the interview list"}

    summary = meeting_markdown(pair, held, TODAY)
    assert ("### Priority topics\n\n15 min planned, 3 min used\n\n"
            "Portfolio: the churn project first, then the talk\n\n### Open conversation") in summary
    assert "### Check-in\n\n5 min planned, 0 min used\n\nPriya had a good week\n\n" in summary
    assert "## Notes\n\nNext call by video\n\n" in summary
    assert "## From last time\n\n" in summary
    assert "- Rewrite the forecast README to lead with the question (Priya Raman): done" in summary
    assert ("- Share the team's slide template (Dana Okafor): pushed from Sat 21 Nov 2026 to Fri 4 Dec 2026; "
            "slipped once: 21 Nov → 4 Dec") in summary
    page = to_html(summary)
    assert "<p>Portfolio: the churn project first, then the talk</p>" in page
    assert page.index(">Priority topics</h3>") < page.index("churn project") < page.index(">Open conversation</h3>")
    assert [hit.text for hit in search(pair, "churn")] == ["Portfolio: the churn project first, then the talk"]

    # Reopened, Before next shows each item's notes under the item they were typed under.
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await open_pair(again, pilot, "b")
        assert isinstance(again.screen, BeforeNextScreen)
        shown = again.screen.query_one("#notes", NotesView).source
    assert shown == whole_document_of_notes(held)


def whole_document_of_notes(meeting) -> str:
    return ("## General notes\n\nNext call by video\n\n## Check-in\n\nPriya had a good week\n\n"
            "## Review action items\n\ntodo✓: Priya sends the draft by fri\nDana shares the interview list\n\n"
            "## Priority topics\n\nPortfolio: the churn project first, then the talk\n\n"
            "## Open conversation\n\nTalked about conferences")


async def test_a_message_from_before_the_move_never_writes_one_items_text_into_another(
        make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")
        await type_text(pilot, "said at check-in")
        area = pane(app)
        # The timers' messages are still on their way when ctrl+n (the same burst) moves on.
        area.post_message(NotesArea.JournalDue(area))
        area.post_message(NotesArea.Settled(area))
        app.screen.action_next_item()
        await settle(app, pilot)
        assert pane_title(app) == "Shared notes · Review action items"
        await saved(app, pilot)
    meeting = unfinished_meeting(store.load(demo_slug))
    assert notes_by_item(meeting) == {"Check-in": "said at check-in"}


async def test_the_whole_meeting_as_one_document_puts_what_is_typed_under_each_title_back_in_its_item(
        make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "m")
        await type_text(pilot, "fine")
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        await pilot.press("f3")
        await settle(app, pilot)
        assert pane_title(app) == "Shared notes · whole meeting"
        meeting = app.screen.meeting
        assert pane(app).text == whole_document(meeting)
        assert pane(app).text.startswith("## General notes\n\n## Check-in\n\nfine\n\n## Review action items\n")
        # Typed under "Priority topics" and "Open conversation", then that heading renamed.
        lines = pane(app).text.split("\n")
        pane(app).move_cursor((lines.index("## Priority topics") + 1, 0))
        await type_text(pilot, "the churn project first")
        lines = pane(app).text.split("\n")
        pane(app).move_cursor((lines.index("## Open conversation") + 1, 0))
        await type_text(pilot, "conferences")
        pane(app).move_cursor((lines.index("## Open conversation"), len("## Open conversation")))
        await type_text(pilot, " [b]renamed[/b]")

        await pilot.press("f3")  # back to the current item; the lost heading is told
        await settle(app, pilot)
        assert pane_title(app) == "Shared notes · Review action items"
        told = [str(n.message) for n in app._notifications]
        assert any('"Open conversation"' in message and "general notes" in message for message in told)
        await saved(app, pilot)

    held = unfinished_meeting(store.load(demo_slug))
    assert notes_by_item(held) == {"Check-in": "fine", "Priority topics": "the churn project first"}
    assert held.notes == "## Open conversation [b]renamed[/b]\nconferences"
