"""Closing the live meeting: the end-of-meeting checklist, or cancelling a start made by mistake.

Each flow saves what was typed, asks its question and, on yes, changes the pair, saves it and
leaves the meeting screen; on no, the focus goes back to the notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentortui.core import live_meeting
from mentortui.core.meeting_notes import meeting_text
from mentortui.dialogs.confirm import ConfirmScreen
from mentortui.dialogs.end_meeting import EndChoice, EndMeetingScreen
from mentortui.screens.closure import ask_closing_summary
from mentortui.screens.meeting_calendar import write_pair_calendar

if TYPE_CHECKING:
    from mentortui.screens.meeting import MeetingScreen


def end_meeting(screen: MeetingScreen) -> None:
    """Ask the end-of-meeting checklist (next meeting, assignment, stage, missing dates) and
    end the meeting as answered."""
    screen.flush_pending()
    pair, meeting, app = screen.pair, screen.meeting, screen.app
    today = app.today()
    template = app.content.templates.get(meeting.kind)
    dialog = EndMeetingScreen(
        suggested=live_meeting.suggest_next_start(pair, meeting, today),
        assignment=meeting.assignment or (template.assignment if template else ""),
        stage=pair.stage,
        missing=live_meeting.missing_dates(pair, meeting),
        notes=meeting_text(meeting),
        today=today,
        checklist=checklist.items if (checklist := app.content.checklists.get("end_of_meeting")) else (),
        closing=meeting.kind == "closing",
        day_first=app.day_first,
    )

    def ended(choice: EndChoice | None) -> None:
        if choice is None:
            screen.back_to_notes()
            return
        for action in live_meeting.missing_dates(pair, meeting):
            action.due = choice.due_dates.get(action.id, action.due)
        upcoming = live_meeting.end(pair, meeting, app.now(), choice.next_start, choice.assignment,
                                    choice.stage, app.content, attended=choice.attended,
                                    assignment_due=choice.assignment_due)
        screen.save()
        if upcoming is None:
            screen.notify("The closing meeting has ended.", markup=False)
            screen.dismiss()
            ask_closing_summary(screen)
        else:
            screen.notify(f"Meeting ended. Next: {upcoming.scheduled:%a %d %b %H:%M}", markup=False)
            if choice.calendar:
                write_pair_calendar(screen)
            screen.dismiss()
        app.sync.in_background()  # a shared pair: the other person gets this meeting now

    app.push_screen(dialog, ended)


def cancel_meeting(screen: MeetingScreen) -> None:
    """Take back a start made by mistake, while nothing was typed or captured."""
    screen.flush_pending()
    pair, meeting = screen.pair, screen.meeting
    refusal = live_meeting.cancel_refusal(pair, meeting)
    if refusal is not None:
        screen.notify(f"{refusal} in this meeting, so it cannot be cancelled. End it (F10); if it "
                      "did not really happen, press h on the pair home to mark it not held.",
                      severity="warning", timeout=10, markup=False)
        return

    def answered(yes: bool | None) -> None:
        if not yes:
            screen.back_to_notes()
            return
        live_meeting.cancel_start(pair, meeting)
        screen.save()
        screen.notify(f"Meeting cancelled: planned again for {meeting.scheduled:%a %d %b %H:%M}.", markup=False)
        screen.dismiss()

    question = ("Cancel this meeting? It goes back to planned, and nothing of it is recorded "
                "(no start, no time, no questions asked).")
    screen.app.push_screen(ConfirmScreen(question, confirm="Cancel meeting", cancel="Keep it running",
                                         focus_cancel=True), answered)
