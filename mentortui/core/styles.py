"""How the pair's agreed mentorship style shapes the suggested conversation starters:
each style favours a few starter groups (they come first) and has a one-line tip."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from mentortui.core.models import MENTOR_STYLES, MentorStyle

ItemT = TypeVar("ItemT")

# Style -> (the starter groups it favours, most first; a tip for the one who mentors so).
STYLE_GUIDE: dict[str, tuple[tuple[str, ...], str]] = {
    "advisor": (("goals_progress", "background"), "share what worked on your own path, then let them choose"),
    "protector": (("personal", "expectations"), "talk risks through before the change, and let them act"),
    "developer": (("swot", "needs_1", "goals_progress"), "name the strengths and warning signs you observe"),
    "broker": (("needs_1", "background"), "ask what they want to learn, then who could teach it"),
    "challenger": (("grow", "goals_progress", "swot"), "question the plan and hold the standard high"),
    "clarifier": (("background", "mentorship"), "explain how things really work: values, politics, unwritten rules"),
    "sponsor": (("goals_progress", "background"), "ask where being seen or introduced would help most"),
    "affirmer": (("personal", "swot", "closing"), "listen first, and say what they already do well"),
}


def favoured_groups(style: MentorStyle | None) -> tuple[str, ...]:
    """The starter groups the style favours, most first; none without a style."""
    return STYLE_GUIDE[style][0] if style else ()


def style_line(style: MentorStyle | None) -> str | None:
    """"Style: Challenger — <tip>" for the pair's style; None without one."""
    if style is None:
        return None
    return f"Style: {MENTOR_STYLES[style][0]} \u2014 {STYLE_GUIDE[style][1]}"


def favoured_first(items: Iterable[ItemT], group_of: Callable[[ItemT], str],
                   style: MentorStyle | None) -> list[ItemT]:
    """``items`` with those in the style's favoured groups first (in the style's order of
    groups), the rest after; each keeps its order otherwise. Unchanged without a style."""
    favoured = favoured_groups(style)
    rank = {group: place for place, group in enumerate(favoured)}
    return sorted(items, key=lambda item: rank.get(group_of(item), len(favoured)))
