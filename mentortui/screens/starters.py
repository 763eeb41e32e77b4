"""Conversation starters: groups on the left, questions on the right, filter as you type."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from mentortui.core import starter_bank, styles
from mentortui.core.dates import short_day
from mentortui.core.planning import add_item, plan_next_meeting
from mentortui.dialogs.prompt import PromptAnswer, PromptScreen
from mentortui.screens.base import PairScreen
from mentortui.storage.session import PairSession
from mentortui.widgets.fields import Field
from mentortui.widgets.keys_footer import KeysFooter
from mentortui.widgets.tables import Column, ColumnPlan, FittedRow, FittedTable, cursor_key
from mentortui.widgets.title_header import TitleHeader

FITS_MARK = "*"
COLUMNS = ColumnPlan((Column("question", "Question", 24), Column("asked", "Asked", 16)),
                     flexible="question", drop_order=("asked",))


class StartersScreen(PairScreen):
    BINDINGS = [
        # The footer shows what fits in 80 columns; the rest are in the palette and help (?).
        Binding("escape", "back", "Back", id="back", show=False),
        Binding("slash", "focus_filter", "Filter", id="filter"),
        Binding("a", "add_to_agenda", "To agenda", id="add_to_agenda"),
        Binding("m", "toggle_asked", "Mark asked", id="toggle_asked"),
        Binding("c", "new_custom", "New own", id="new_custom"),
        Binding("e", "edit_custom", "Edit", id="edit_custom", show=False),
        Binding("delete,d", "remove_custom", "Remove", id="remove_custom", show=False),
        Binding("u", "undo_remove", "Undo remove", id="undo_remove", show=False),
        Binding("h", "toggle_hidden", "Hide", id="toggle_hidden", show=False),
        Binding("H", "toggle_show_hidden", "Hidden", id="show_hidden", show=False),
    ]

    def __init__(self, session: PairSession) -> None:
        super().__init__(session)
        self._group: str | None = None
        self._show_hidden = False
        self._removed: list[starter_bank.RemovedStarter] = []  # newest last, for u

    def compose(self) -> ComposeResult:
        yield TitleHeader()
        with Horizontal():
            with Vertical(id="groups-pane"):
                yield Static(Text(f"{FITS_MARK} fits now"), id="legend")
                yield OptionList(id="groups")
            with Vertical(id="questions-pane"):
                yield Field(placeholder="Filter: type words to search every group", id="filter")
                yield Static(id="style")
                yield Static(id="about")
                yield FittedTable(COLUMNS, id="questions")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Conversation starters · {self.session.pair.title}"
        pair = self.session.pair
        upcoming = pair.next_meeting(self.app.today())
        style = pair.expectations.style
        self._groups = starter_bank.group_rows(self.app.content, pair.stage, upcoming.kind if upcoming else None,
                                               style)
        style_tip = self.query_one("#style", Static)
        style_tip.update(Text(styles.style_line(style) or ""))
        style_tip.display = style is not None
        groups = self.query_one("#groups", OptionList)
        for row in self._groups:
            fits = row.fits and row.id != starter_bank.CUSTOM_GROUP
            groups.add_option(Option(Text(f"{FITS_MARK if fits else ' '} {row.title}"), id=row.id))
        first_fitting = next((i for i, row in enumerate(self._groups) if row.id != starter_bank.CUSTOM_GROUP), 0)
        groups.highlighted = first_fitting if not pair.custom_starters else 0
        self.query_one("#questions", FittedTable).focus()

    @on(OptionList.OptionHighlighted, "#groups")
    def _group_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._group = event.option.id
        self._show_rows()

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._show_rows()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.query_one("#questions", FittedTable).focus()

    def _query(self) -> str:
        return self.query_one("#filter", Input).value

    def _show_rows(self, keep: str | None = None) -> None:
        query = self._query()
        group = None if query.strip() else self._group
        rows = starter_bank.starter_rows(self.app.content, self.session.pair, group, query, self._show_hidden)
        self._rows = {row.id: row for row in rows}
        today = self.app.today()
        shown = []
        for row in rows:
            question = Text(row.text, style="dim" if row.hidden else "")
            if group is None:
                question.append(f"  ({row.group_title})", style="italic dim")
            if row.hidden:
                question.append("  (hidden)", style="italic")
            asked = Text(f"asked {short_day(row.asked.on, today)}" if row.asked else "not asked")
            shown.append(FittedRow({"question": question, "asked": asked}, key=row.id))
        self.query_one("#questions", FittedTable).show_rows(shown, keep, row=0)
        about = self.query_one("#about", Static)
        if group is None:
            noun = "question matches" if len(rows) == 1 else "questions match"
            about.update(Text(f"{len(rows)} {noun} {query.strip()!r} in all groups"))
        else:
            description = next((g.about for g in self._groups if g.id == group), "")
            about.update(Text(description))

    def _current(self) -> starter_bank.StarterRow | None:
        key = cursor_key(self.query_one("#questions", FittedTable))
        return self._rows.get(key) if key else None

    def _changed(self, keep: str | None) -> None:
        self.save()
        self._show_rows(keep)

    def action_back(self) -> None:
        """Escape leaves a text field first, then the screen."""
        if isinstance(self.focused, Input):
            self.query_one("#questions", FittedTable).focus()
        else:
            self.dismiss()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_toggle_asked(self) -> None:
        if self.refuse_if_closed():
            return
        row = self._current()
        if row is not None:
            now_asked = starter_bank.toggle_asked(self.session.pair, row.id, self.app.today())
            self.notify("Marked as asked today" if now_asked else "Today's mark taken back", markup=False)
            self._changed(row.id)

    def action_toggle_hidden(self) -> None:
        if self.refuse_if_closed():
            return
        row = self._current()
        if row is not None:
            hidden = starter_bank.toggle_hidden(self.session.pair, row.id)
            self.notify("Hidden: H shows hidden questions" if hidden else "Shown again", markup=False)
            self._changed(row.id)

    def action_toggle_show_hidden(self) -> None:
        self._show_hidden = not self._show_hidden
        self._show_rows()

    def action_add_to_agenda(self) -> None:
        if self.refuse_if_closed():
            return
        row = self._current()
        if row is None:
            return
        pair, today = self.session.pair, self.app.today()
        meeting = plan_next_meeting(pair, today, self.app.content)
        if any(item.source == "starter" and item.ref == row.id for item in meeting.agenda):
            self.notify("Already on the next meeting's agenda", markup=False)
            return
        add_item(meeting, starter_bank.agenda_item_for(row))
        self.notify(f"Added to the agenda of {short_day(meeting.scheduled.date(), today)}", markup=False)
        self._changed(row.id)

    def action_new_custom(self) -> None:
        if self.refuse_if_closed():
            return
        def added(answer: PromptAnswer | None) -> None:
            if answer is not None:
                starter = starter_bank.add_custom(self.session.pair, answer.text)
                self._select_group(starter_bank.CUSTOM_GROUP)
                self._changed(starter.id)

        self.app.push_screen(PromptScreen("Your own question for this pair"), added)

    def _select_group(self, group_id: str) -> None:
        self.query_one("#filter", Input).value = ""
        groups = self.query_one("#groups", OptionList)
        groups.highlighted = groups.get_option_index(group_id)
        self._group = group_id

    def _custom_row(self) -> starter_bank.StarterRow | None:
        if self.refuse_if_closed():
            return None
        row = self._current()
        if row is not None and not row.custom:
            self.notify("Only your own questions can be edited or removed; h hides a built-in one.",
                        markup=False)
            return None
        return row

    def action_edit_custom(self) -> None:
        row = self._custom_row()
        if row is None:
            return

        def edited(answer: PromptAnswer | None) -> None:
            if answer is not None:
                starter_bank.edit_custom(self.session.pair, row.id, answer.text)
                self._changed(row.id)

        self.app.push_screen(PromptScreen("Edit your question", row.text), edited)

    def action_remove_custom(self) -> None:
        row = self._custom_row()
        if row is not None:
            removed = starter_bank.remove_custom(self.session.pair, row.id)
            if removed is not None:
                self._removed.append(removed)
            self.notify(f"Removed “{row.text}” — press u to undo", markup=False)
            self._changed(None)

    def action_undo_remove(self) -> None:
        """Put the last removed question back where it was, and highlight it."""
        if self.refuse_if_closed():
            return
        if not self._removed:
            self.notify("Nothing removed to undo", markup=False)
            return
        removed = self._removed.pop()
        starter_bank.restore_custom(self.session.pair, removed)
        self.notify(f"Restored “{removed.starter.text}”", markup=False)
        self._changed(removed.starter.id)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Add question to agenda", "Put the highlighted question on the next agenda",
                            self.action_add_to_agenda)
        yield SystemCommand("Mark question asked", "Record that you asked it today", self.action_toggle_asked)
        yield SystemCommand("Add your own question", "A question of your own for this pair",
                            self.action_new_custom)
        yield SystemCommand("Edit your question", "Change the highlighted question of your own (e)",
                            self.action_edit_custom)
        yield SystemCommand("Remove your question", "Take the highlighted question of your own away (d)",
                            self.action_remove_custom)
        yield SystemCommand("Undo remove", "Put back the last question of your own you removed",
                            self.action_undo_remove)
        yield SystemCommand("Hide question", "Stop showing the highlighted question",
                            self.action_toggle_hidden)
        yield SystemCommand("Show hidden questions", "Show or hide the questions you hid",
                            self.action_toggle_show_hidden)
        yield SystemCommand("Back", "Leave the conversation starters (escape)", self.action_back)
