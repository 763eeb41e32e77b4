"""The live notes during a call: undo never ends the app, the cursor stays where the
mentor is typing, and letters meant for the notes never act on the agenda list."""

from __future__ import annotations

import contextlib
import stat

from textual import events
from textual.document._edit import Edit

from mentortui.core import meeting_notes
from mentortui.screens.meeting import MeetingScreen
from mentortui.widgets.notes import MAX_NOTES_CHARS

from .test_app import type_text
from .test_failed_save import until
from .test_prepare_screens import open_pair, rows

PASTED = "\n".join(f"pasted line {number}" for number in range(45))


def notes_of(app):
    return app.screen.query_one("#notes")


def saved_notes(store, slug) -> str:
    """The saved notes of the agenda item the meeting is on, where the keys went."""
    meeting = store.load(slug).meetings[-1]
    return meeting_notes.notes_of(meeting, meeting.current_item)


async def send_at_once(app, pilot, *keys: str) -> None:
    """Deliver keys in one burst, as a terminal does for fast typing: none waits for the
    app to finish handling the one before."""
    for key in keys:
        app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
    await pilot.pause()
    await pilot.pause()


def fake_editor(tmp_path, monkeypatch, script: str) -> None:
    """Make $EDITOR a shell script run on the notes file. The headless test terminal
    cannot be handed over, so suspending is a no-op here; tests/test_process.py runs the
    real hand-over in a pty."""
    editor = tmp_path / "fake-editor.sh"
    editor.write_text("#!/bin/sh\n" + script)
    editor.chmod(editor.stat().st_mode | stat.S_IXUSR)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(editor))


async def open_meeting(app, pilot) -> None:
    await open_pair(app, pilot, "m")
    assert isinstance(app.screen, MeetingScreen)
    app.suspend = contextlib.nullcontext


# Point 2: undo after a long paste --------------------------------------------------------


async def test_undo_and_redo_after_a_long_paste_keep_the_app_and_the_cursor(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_meeting(app, pilot)
        notes = notes_of(app)
        await type_text(pilot, "Check-in")
        await pilot.press("enter")
        app.post_message(events.Paste(PASTED))  # as the terminal delivers a paste
        await pilot.pause()
        await type_text(pilot, " word")
        assert notes.text == "Check-in\n" + PASTED + " word"

        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")
        assert app.is_running
        assert notes.text == "Check-in"
        assert notes.cursor_location == (0, 8)

        await pilot.press("ctrl+z", "ctrl+z", "ctrl+y", "ctrl+y", "ctrl+y", "ctrl+y", "ctrl+y")
        assert app.is_running
        assert notes.text == "Check-in\n" + PASTED + " word"
        assert notes.cursor_location == (45, len("pasted line 44 word"))

        await pilot.press("ctrl+z", "ctrl+z")  # the word, then the paste: back on the empty line
        await type_text(pilot, "done")
        assert app.is_running
        await pilot.press("ctrl+q")  # quitting saves what was typed first
    assert saved_notes(store, demo_slug) == "Check-in\ndone"


async def test_an_undo_textual_cannot_finish_is_reported_and_the_notes_are_kept(
        make_app, store, demo_slug, monkeypatch):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_meeting(app, pilot)
        await type_text(pilot, "kept words")

        def broken_undo(edit, text_area):
            raise ValueError("The document line index 8 is out of bounds.")

        monkeypatch.setattr(Edit, "undo", broken_undo)
        await pilot.press("ctrl+z")
        assert app.is_running
        assert any("Undo could not finish" in n.message for n in app._notifications)
        monkeypatch.undo()

        await pilot.press("ctrl+z")  # the history that no longer matches is gone
        await type_text(pilot, "!")
        await pilot.press("ctrl+q")  # quitting saves what was typed first
    assert saved_notes(store, demo_slug) == "kept words!"


# Point 16: the cursor stays where the user is ---------------------------------------------


async def test_ctrl_home_and_ctrl_end_go_to_the_start_and_end_of_the_notes(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_meeting(app, pilot)
        await type_text(pilot, "first")
        await pilot.press("enter")
        await type_text(pilot, "second")
        await pilot.press("ctrl+home")
        await type_text(pilot, "A ")
        await pilot.press("ctrl+end")
        await type_text(pilot, " Z")
        await pilot.press("ctrl+q")  # quitting saves what was typed first
    assert saved_notes(store, demo_slug) == "A first\nsecond Z"


async def test_after_the_editor_appends_the_next_words_follow_what_it_added(
        make_app, store, demo_slug, tmp_path, monkeypatch):
    fake_editor(tmp_path, monkeypatch, "sed -i 's/^typed before$/&\\nadded by the editor/' \"$1\"\n")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_meeting(app, pilot)
        await type_text(pilot, "typed before")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert notes_of(app).text == "typed before\nadded by the editor"
        await type_text(pilot, " and after")
        await pilot.press("ctrl+q")  # quitting saves what was typed first
    # Typed under the first agenda item, the meeting's current one.
    assert store.load(demo_slug).meetings[-1].agenda[0].notes == "typed before\nadded by the editor and after"


async def test_notes_back_from_the_editor_are_kept_to_one_meetings_limit(
        make_app, store, demo_slug, tmp_path, monkeypatch):
    fake_editor(tmp_path, monkeypatch,
                "awk '$0==\"start\" {for (i = 0; i < 250000; i++) printf \"x\"; print \"\"; next} {print}' "
                "\"$1\" > \"$1.new\"\nmv \"$1.new\" \"$1\"\n")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_meeting(app, pilot)
        await type_text(pilot, "start")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert len(notes_of(app).text) == MAX_NOTES_CHARS
        assert any(n.message.startswith("Kept the first 200,000 of 250,000 characters")
                   for n in app._notifications)
        await pilot.press("ctrl+q")
    assert store.load(demo_slug).meetings[-1].agenda[0].notes == "x" * MAX_NOTES_CHARS


async def test_after_the_editor_the_cursor_stays_in_the_line_it_was_in(
        make_app, store, demo_slug, tmp_path, monkeypatch):
    fake_editor(tmp_path, monkeypatch,
                "awk '$0==\"one\" {print \"added on top\"} {print} $0==\"three\" {print \"added below\"}' "
                "\"$1\" > \"$1.new\"\nmv \"$1.new\" \"$1\"\n")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_meeting(app, pilot)
        await type_text(pilot, "one")
        await pilot.press("enter")
        await type_text(pilot, "two")
        await pilot.press("enter")
        await type_text(pilot, "three")
        await pilot.press("up", "left")  # in "two", before its last letter
        await pilot.press("ctrl+o")
        await pilot.pause()
        await type_text(pilot, "X")
        assert notes_of(app).text == "added on top\none\ntwXo\nthree\nadded below"

        await pilot.press("ctrl+z", "ctrl+z")  # the typing, then what the editor did
        assert notes_of(app).text == "one\ntwo\nthree"
        assert notes_of(app).cursor_location == (1, 2)
        await type_text(pilot, "Y")
        await pilot.press("ctrl+q")  # quitting saves what was typed first
    assert store.load(demo_slug).meetings[-1].agenda[0].notes == "one\ntwYo\nthree"


async def test_an_editor_that_cannot_run_leaves_the_notes_and_the_app(
        make_app, store, demo_slug, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_meeting(app, pilot)
        await type_text(pilot, "safe")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert any("The editor '/nonexistent/editor' did not run" in n.message for n in app._notifications)
        monkeypatch.setenv("EDITOR", "vi 'unclosed")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert any("cannot be read" in n.message for n in app._notifications)
        await type_text(pilot, "!")
        assert app.is_running
        await pilot.press("ctrl+q")  # quitting saves what was typed first
    assert saved_notes(store, demo_slug) == "safe!"


# Point 20: letter keys do not fire by accident ----------------------------------------------


def review_statuses(app) -> list[str]:
    return [action.status for action in app.screen.pair.action_items]


async def test_next_and_previous_item_give_the_notes_the_next_letters(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_meeting(app, pilot)
        before = review_statuses(app)
        await pilot.press("escape", "down", "down")  # the list, on a carried item
        await pilot.press("ctrl+n")
        await type_text(pilot, "d")
        assert notes_of(app).text == "d"

        # Keys that arrive in one burst, right behind the move, are notes too.
        await pilot.press("escape")
        await pilot.pause()
        await send_at_once(app, pilot, "ctrl+n", "x", "p", "d")
        assert notes_of(app).text == "xpd"  # the next item's notes: "d" stayed with the one before
        assert review_statuses(app) == before
        assert rows(app, "#items")[2][0].startswith("> Review: Rewrite the forecast README")
        await pilot.press("ctrl+q")  # quitting saves what was typed first
    assert saved_notes(store, demo_slug) == "xpd"
    assert store.load(demo_slug).meetings[-1].agenda[1].notes == "d"


async def test_done_drop_and_push_keep_the_highlight_on_the_row_acted_on(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_meeting(app, pilot)
        table = app.screen.query_one("#items")
        await pilot.press("escape", "down", "down", "down")
        await pilot.press("d")
        assert rows(app, "#items")[3][0] == "  Review: Share the team's slide template (done)"
        assert table.cursor_row == 3

        await pilot.press("down", "x")
        assert rows(app, "#items")[4][0] == "  Review: Book interviews five and six (dropped)"
        assert table.cursor_row == 4

        await pilot.press("down", "p")
        await pilot.pause()
        await type_text(pilot, "12/31")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#items") is table
        assert table.cursor_row == 5
        await pilot.press("d")
        assert rows(app, "#items")[5][0] == "  Review: Outline the lightning talk together (done)"


async def test_ctrl_q_in_the_same_burst_as_the_last_letters_saves_them(make_app, store, demo_slug):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_meeting(app, pilot)
        await send_at_once(app, pilot, *"last words", "ctrl+q")
        await until(pilot, lambda: app.return_code is not None, "the app to quit")
    assert app.return_code == 0
    assert saved_notes(store, demo_slug) == "last words"
