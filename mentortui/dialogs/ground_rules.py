"""The programme's ground rules: as Markdown for a screen's help panel, and as a modal
to read them whole (closed with escape, enter or its button)."""

from __future__ import annotations

from mentortui.core.builtin_content import Checklist
from mentortui.dialogs.confirm import QuestionScreen

TITLE = "Programme ground rules"


def ground_rules_markdown(rules: Checklist) -> str:
    """The rules as a Markdown list under a heading (the content is ours: no user text)."""
    return "\n".join([f"**{TITLE}**", "", f"_In a window of their own: ctrl+p, {TITLE}._", "",
                      *(f"- {rule}" for rule in rules.items)])


class GroundRulesScreen(QuestionScreen[None]):
    def __init__(self, rules: Checklist) -> None:
        message = "\n".join([TITLE, "", *(f"• {rule}" for rule in rules.items)])
        super().__init__(message, [("close", "Close", "primary")], "close")

    def answer(self, button_id: str | None) -> None:
        return None
