"""The current agenda item's conversation starters in the live meeting: ctrl+k lists the
questions of the item's starter groups not yet asked with the pair; the one picked goes
into the notes on show as a line of its own and counts as asked in this meeting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentortui.core import live_meeting
from mentortui.core.starter_bank import item_questions, record_asked
from mentortui.dialogs.item_starters import ItemStartersScreen
from mentortui.widgets.notes import NotesArea
from mentortui.widgets.notes_panes import NotesPanes

if TYPE_CHECKING:
    from mentortui.screens.meeting import MeetingScreen


def offer_item_starters(screen: MeetingScreen) -> None:
    """Open the current item's questions, or say why there are none."""
    meeting, pair, content = screen.meeting, screen.pair, screen.app.content
    index = live_meeting.current_index(meeting)
    item = meeting.agenda[index] if index is not None else None
    if item is None:
        screen.notify("No agenda item is under way.", markup=False)
        return
    questions = item_questions(content, pair, meeting.kind, item)
    if not questions:
        screen.notify("This item offers no questions left to ask with this pair (s on the pair home lists them all).",
                      markup=False)
        return
    notes = screen.query_one(NotesPanes).active

    def picked(starter_id: str | None) -> None:
        if starter_id is not None:
            put_line(notes, content.starters[starter_id].text)
            record_asked(pair, meeting, starter_id, screen.app.today())
            screen.save()
        screen.back_to_notes()

    titles = {group.id: group.title for group in content.groups}
    screen.app.push_screen(ItemStartersScreen(item.title, questions, titles), picked)


def put_line(notes: NotesArea, line: str) -> None:
    """``line`` on the cursor's line when that is blank, else on a new line after it; the
    cursor ends after it. The notes save it as they save typing."""
    row = notes.cursor_location[0]
    current = notes.document.get_line(row)
    if current.strip():
        notes.insert(f"\n{line}", (row, len(current)))
        notes.move_cursor((row + 1, len(line)))
    else:
        notes.replace(line, (row, 0), (row, len(current)))
        notes.move_cursor((row, len(line)))
