"""Captures in the live meeting from the current line of the notes: ctrl+t an action item
(owner guessed from the line), ctrl+r a decision, ctrl+l a topic parked for next time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentortui.core import live_meeting
from mentortui.dialogs.capture import ActionDraft, ActionItemScreen
from mentortui.dialogs.prompt import PromptAnswer, PromptScreen

if TYPE_CHECKING:
    from mentortui.screens.meeting import MeetingScreen


def capture_action(screen: MeetingScreen) -> None:
    pair, meeting = screen.pair, screen.meeting
    text = screen.notes_on_show.current_line()
    owner = live_meeting.guess_owner(text, pair)
    goals = [goal for goal in pair.goals if goal.is_active]

    def captured(draft: ActionDraft | None) -> None:
        if draft is not None:
            live_meeting.capture_action(pair, meeting, draft.text, draft.owner, draft.due, draft.goal_id)
            screen.changed()
        screen.back_to_notes()

    screen.app.push_screen(ActionItemScreen(text, owner, goals, screen.app.today(), day_first=screen.app.day_first),
                           captured)


def capture_line(screen: MeetingScreen, title: str, lines: live_meeting.LineField) -> None:
    """A decision or a parked topic, from the current line, into the meeting's ``lines``."""
    def captured(answer: PromptAnswer | None) -> None:
        if answer is not None:
            live_meeting.add_line(screen.meeting, lines, answer.text)
            screen.changed()
        screen.back_to_notes()

    screen.app.push_screen(PromptScreen(title, screen.notes_on_show.current_line()), captured)
