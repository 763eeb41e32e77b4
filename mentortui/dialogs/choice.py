"""A question with several answers as a modal that returns the chosen one (None on escape)."""

from __future__ import annotations

from textual.widgets.button import ButtonVariant

from mentortui.dialogs.confirm import QuestionScreen

CANCEL = "cancel"


class ChoiceScreen(QuestionScreen[str | None]):
    def __init__(self, message: str, choices: list[tuple[str, str]]) -> None:
        """``choices`` are (answer, button label) pairs, each answer a valid widget id
        other than "cancel"; the first one has the focus."""
        buttons: list[tuple[str, str, ButtonVariant]] = [
            (answer, label, "default") for answer, label in [*choices, (CANCEL, "Cancel")]]
        super().__init__(message, buttons, choices[0][0])

    def answer(self, button_id: str | None) -> str | None:
        return None if button_id in (None, CANCEL) else button_id
