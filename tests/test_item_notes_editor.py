"""$EDITOR on a meeting with notes per agenda item: the whole meeting goes out as one
Markdown document and each section comes back to its item."""

from __future__ import annotations

import shlex

from mentortui.core.meeting_notes import whole_document

from .test_app import type_text
from .test_notes_editor import fake_editor, open_meeting

HOSTILE = "[bold red]not markup[/]\n## Check-in\n\\## Check-in\n<b>x</b> `y` **z**"


async def notes_on_three_items(app, pilot) -> None:
    """Type general notes, then notes under the first three agenda items."""
    await pilot.press("ctrl+g")  # the general notes
    await type_text(pilot, "General: Priya joined late.")
    await pilot.press("ctrl+g")  # back to the current item's
    await type_text(pilot, "first item\n" + HOSTILE)
    await pilot.press("ctrl+n")
    await type_text(pilot, "second item")
    await pilot.press("ctrl+n")
    await type_text(pilot, "third item\n\n")


def heading_above(app, first_line: str) -> str:
    """The heading line of the section whose text starts with ``first_line``."""
    lines = whole_document(app.screen.meeting).split("\n")
    return lines[lines.index(first_line) - 2]


def stored(app) -> tuple[str, list[str]]:
    app.screen.flush_pending()
    meeting = app.screen.meeting
    return meeting.notes, [item.notes for item in meeting.agenda]


def on_disk(store, slug, meeting_id) -> tuple[str, list[str]]:
    meeting = next(m for m in store.load(slug).meetings if m.id == meeting_id)
    return meeting.notes, [item.notes for item in meeting.agenda]


async def test_saving_the_document_unchanged_gives_every_item_its_notes_back(
        make_app, store, demo_slug, tmp_path, monkeypatch):
    fake_editor(tmp_path, monkeypatch, "cp \"$1\" \"$0.seen\"\n")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_meeting(app, pilot)
        await notes_on_three_items(app, pilot)
        pane_before = app.screen.query_one("#notes").text
        before = stored(app)
        assert before[0] == "General: Priya joined late." and before[1][:3] == [
            "first item\n" + HOSTILE, "second item", "third item\n\n"]
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert (tmp_path / "fake-editor.sh.seen").read_text() == whole_document(app.screen.meeting)
        assert stored(app) == before
        assert app.screen.query_one("#notes").text == pane_before
        assert any(n.message == "Notes back from the editor and saved" for n in app._notifications)
        meeting_id = app.screen.meeting.id
        assert app.session.flush()
        assert on_disk(store, demo_slug, meeting_id) == before


async def test_text_added_under_an_items_heading_in_the_editor_goes_to_that_item(
        make_app, store, demo_slug, tmp_path, monkeypatch):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_meeting(app, pilot)
        await notes_on_three_items(app, pilot)
        meeting = app.screen.meeting
        app.screen.flush_pending()
        fake_editor(tmp_path, monkeypatch,
                    f"awk -v h={shlex.quote(heading_above(app, 'first item'))} "
                    "'{print} $0==h {print \"\"; print \"added in the editor\"}' \"$1\" > \"$1.new\"\n"
                    "mv \"$1.new\" \"$1\"\n")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert meeting.agenda[0].notes == "added in the editor\n\nfirst item\n" + HOSTILE
        assert [item.notes for item in meeting.agenda[1:3]] == ["second item", "third item\n\n"]
        assert meeting.notes == "General: Priya joined late."
        assert app.screen.query_one("#notes").text == "third item\n\n"  # the current item's


async def test_a_heading_renamed_in_the_editor_moves_its_text_to_the_general_notes_and_says_so(
        make_app, store, demo_slug, tmp_path, monkeypatch):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_meeting(app, pilot)
        await notes_on_three_items(app, pilot)
        meeting = app.screen.meeting
        second = meeting.agenda[1]
        app.screen.flush_pending()
        fake_editor(tmp_path, monkeypatch,
                    f"awk -v h={shlex.quote(heading_above(app, 'second item'))} "
                    "'$0==h {print \"## [b]Renamed[/b]\"; next} {print}' \"$1\" > \"$1.new\"\n"
                    "mv \"$1.new\" \"$1\"\n")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert meeting.agenda[1].id == second.id and meeting.agenda[1].notes == ""
        assert meeting.notes == "General: Priya joined late.\n\n## [b]Renamed[/b]\n\nsecond item"
        assert meeting.agenda[0].notes == "first item\n" + HOSTILE
        assert any(f'"{second.title}"' in n.message and "changed or removed" in n.message
                   for n in app._notifications)
        meeting_id = meeting.id
        assert app.session.flush()
        assert on_disk(store, demo_slug, meeting_id)[0] == meeting.notes
