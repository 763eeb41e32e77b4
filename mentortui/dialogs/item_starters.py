"""The questions the current agenda item offers, to pick one during the meeting: under
each of the item's starter groups, those not yet asked with this pair. Returns the id of
the question picked (enter, a click or ctrl+s), or None on escape."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from mentortui.core.builtin_content import Starter
from mentortui.dialogs.form_dialog import FormDialog


class ItemStartersScreen(FormDialog[str]):
    DEFAULT_CSS = """
    ItemStartersScreen { align: center middle; }
    ItemStartersScreen > Vertical {
        width: 96; max-width: 100%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ItemStartersScreen .modal-title { text-style: bold; }
    ItemStartersScreen .help { color: $text-muted; margin-bottom: 1; }
    ItemStartersScreen OptionList { height: auto; max-height: 1fr; }
    """

    def __init__(self, item_title: str, questions: list[Starter], group_titles: dict[str, str]) -> None:
        """``questions`` in the order to offer them; a heading names each group as it starts."""
        super().__init__()
        self._item_title = item_title
        self._questions = questions
        self._group_titles = group_titles

    def compose(self) -> ComposeResult:
        options: list[Option] = []
        group = None
        for question in self._questions:
            if question.group != group:
                group = question.group
                options.append(Option(Text(self._group_titles.get(group, group), style="bold underline"),
                                      disabled=True))
            options.append(Option(Text(question.text), id=question.id))
        with Vertical():
            yield Static(Text(f"Questions for “{self._item_title}”"), classes="modal-title")
            yield Static("Not yet asked with this pair. enter puts the question in the notes and counts it asked; "
                         "escape goes back.", classes="help")
            yield OptionList(*options, id="questions")

    def first_field(self) -> Widget | None:
        return self.query_one(OptionList)

    def on_mount(self) -> None:
        super().on_mount()
        questions = self.query_one(OptionList)
        questions.highlighted = next(index for index, option in enumerate(questions.options) if not option.disabled)

    def collect(self) -> str | None:
        questions = self.query_one(OptionList)
        if questions.highlighted is None:
            return None
        return questions.get_option_at_index(questions.highlighted).id

    @on(OptionList.OptionSelected, "#questions")
    def _picked(self) -> None:
        self.action_save()
