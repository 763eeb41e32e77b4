"""The end-of-meeting checklist, each line ticked by what the app knows (no Textual here).

The lines come from the built-in content (``end_of_meeting``). Three of them the app can
check: the next meeting is set, every action item of the meeting has an owner and a
delivery date, the assignment is written. The others (introductions promised, the format
still suits you) stay unticked, as reminders.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EndFacts:
    """What the app knows as the meeting ends."""

    next_set: bool
    actions_dated: bool
    assignment_written: bool


def _known(line: str, facts: EndFacts) -> bool | None:
    """Whether the line is done, or None when the app cannot know it."""
    words = line.casefold()
    if "action item" in words:
        return facts.actions_dated
    if "next meeting" in words and ("date" in words or "set" in words):
        return facts.next_set
    if "assignment" in words:
        return facts.assignment_written
    return None


def ticked(lines: tuple[str, ...], facts: EndFacts) -> list[tuple[str, bool | None]]:
    """Each line with True (done), False (the app sees it is not) or None (a reminder)."""
    return [(line, _known(line, facts)) for line in lines]
