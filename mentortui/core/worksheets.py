"""GROW and personal SWOT worksheets: one of each kind for the pair and for each goal,
found again and filled in (no Textual here)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from mentortui.core.models import WORKSHEET_NAMES, WORKSHEET_SECTIONS, Pair, Worksheet, WorksheetKind


def find_worksheet(pair: Pair, kind: WorksheetKind, goal_id: str | None) -> Worksheet | None:
    """The pair's worksheet of ``kind`` for the goal ``goal_id`` (None: for the pair itself)."""
    return next((sheet for sheet in pair.worksheets if sheet.kind == kind and sheet.goal_id == goal_id), None)


def fill_worksheet(pair: Pair, kind: WorksheetKind, goal_id: str | None, texts: Mapping[str, str],
                   today: date, meeting_id: str | None = None) -> Worksheet:
    """Write ``texts`` (section field to text) into the worksheet of that kind for that goal
    or the pair, making it (dated ``today``, in the meeting ``meeting_id``) when there is none."""
    sheet = find_worksheet(pair, kind, goal_id)
    if sheet is None:
        sheet = Worksheet(kind=kind, goal_id=goal_id, meeting_id=meeting_id, created_on=today)
        pair.worksheets.append(sheet)
    for field, _, _ in WORKSHEET_SECTIONS[kind]:
        setattr(sheet, field, texts.get(field, ""))
    return sheet


def worksheet_title(pair: Pair, sheet: Worksheet) -> str:
    """What the worksheet is, for whom: "GROW: <goal title>" or "Personal SWOT: the pair"."""
    goal = pair.goal(sheet.goal_id) if sheet.goal_id else None
    return f"{WORKSHEET_NAMES[sheet.kind]}: {goal.title if goal else 'the pair'}"


def goal_worksheet_names(pair: Pair, goal_id: str) -> list[str]:
    """The names of the worksheets the goal has ("GROW", "Personal SWOT"), in kind order."""
    kinds = {sheet.kind for sheet in pair.worksheets if sheet.goal_id == goal_id}
    return [name for kind, name in WORKSHEET_NAMES.items() if kind in kinds]
