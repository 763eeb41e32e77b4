"""What the last syncs could not decide: each item with both sides' values, who wrote
which, and keep mine / keep theirs / keep both."""

from __future__ import annotations

import json
from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Static

from mentortui.core import review_resolution
from mentortui.core.models import MEETING_KIND_NAMES, Meeting, Pair, ReviewItem, ReviewOption, Role
from mentortui.core.review_resolution import Choice, ReviewError
from mentortui.screens.base import PairScreen
from mentortui.widgets.keys_footer import KeysFooter
from mentortui.widgets.title_header import TitleHeader

FIELD_NAMES = {"notes": "Notes", "due": "Delivery date", "scheduled": "Date and time", "stage": "Stage",
               "text": "Text", "title": "Title", "status": "Status", "owner": "Owner"}
KIND_NAMES = {"notes": "Changed on both sides", "deleted_edited": "Deleted on one side, changed on the other",
              "field": "Changed on both sides"}
SHORT_KIND_NAMES = {"notes": "both changed", "deleted_edited": "deleted and changed", "field": "both changed"}
WHAT_IS_IN_PLACE = {
    "notes": "For now both versions are kept, one after the other, each labelled with who wrote it.",
    "deleted_edited": "For now the record is kept, with the changes.",
    "field": "For now the later change is in place.",
}
BUTTONS: tuple[tuple[Choice, str], ...] = (("mine", "keep-mine"), ("theirs", "keep-theirs"), ("both", "keep-both"))


class SyncReviewScreen(PairScreen):
    """Settles ``pair.review`` one item at a time; each choice is saved at once."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("m", "settle('mine')", "Keep mine", id="keep_mine"),
        Binding("t", "settle('theirs')", "Keep theirs", id="keep_theirs"),
        Binding("b", "settle('both')", "Keep both", id="keep_both"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleHeader()
        with Vertical(id="sync-review"):
            yield DataTable(id="review-items", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="review-detail"):
                yield Static(id="review-what")
                with Horizontal(id="review-sides"):
                    with Vertical(id="mine-side", classes="side"):
                        yield Static(id="mine-title", classes="side-title")
                        yield Static(id="mine-value")
                    with Vertical(id="theirs-side", classes="side"):
                        yield Static(id="theirs-title", classes="side-title")
                        yield Static(id="theirs-value")
            with Horizontal(id="review-buttons"):
                for _choice, button_id in BUTTONS:
                    yield Button("", id=button_id, compact=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = f"To review after syncing · {self.pair.title}"
        table = self.query_one("#review-items", DataTable)
        table.add_columns("What", "Which", "Found")
        self._show_items()

    def on_screen_resume(self) -> None:
        if self.is_shown:
            self._show_items()

    @property
    def role(self) -> Role:
        return self.session.role

    def _show_items(self) -> None:
        table: DataTable[Text] = self.query_one("#review-items", DataTable)
        highlighted = self._highlighted()
        table.clear()
        for item in self.pair.review:
            table.add_row(Text(describe_record(self.pair, item)),
                          Text(f"{field_name(item)}: {SHORT_KIND_NAMES[item.kind]}"),
                          Text(f"{item.found_at:%a %d %b %H:%M}"), key=item.id)
        if not self.pair.review:
            table.add_row(Text("Nothing to review."), Text(""), Text(""))
        elif highlighted is not None and highlighted.id in {item.id for item in self.pair.review}:
            table.move_cursor(row=table.get_row_index(highlighted.id))
        self._show_detail()

    def _highlighted(self) -> ReviewItem | None:
        table = self.query_one("#review-items", DataTable)
        if not self.pair.review or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((item for item in self.pair.review if item.id == key), None)

    @on(DataTable.RowHighlighted, "#review-items")
    def _row_highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        item = self._highlighted()
        self.query_one("#review-detail").display = item is not None
        self.query_one("#review-buttons").display = item is not None
        if item is None:
            return
        pair, role = self.pair, self.role
        what = Text(describe_record(pair, item), style="bold")
        what.append(f"\n{field_name(item)}: {KIND_NAMES[item.kind].lower()}. ", style="")
        what.append(WHAT_IS_IN_PLACE[item.kind])
        self.query_one("#review-what", Static).update(what)
        for side, option in (("mine", review_resolution.my_option(item, role)),
                             ("theirs", review_resolution.their_option(item, role))):
            self.query_one(f"#{side}-title", Static).update(side_title(pair, item, option, role, side == "mine"))
            self.query_one(f"#{side}-value", Static).update(value_text(item, option))
        offered = review_resolution.choices(item, role)
        for choice, button_id in BUTTONS:
            button = self.query_one(f"#{button_id}", Button)
            button.display = choice in offered
            button.label = button_label(pair, item, choice, role)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "settle":
            item = self._highlighted()
            return item is not None and parameters[0] in review_resolution.choices(item, self.role)
        return True

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        choice = next((choice for choice, button_id in BUTTONS if button_id == event.button.id), None)
        if choice is not None:
            self.action_settle(choice)

    def action_settle(self, choice: Choice) -> None:
        """Apply the choice to the highlighted item, save, and go on to the next one."""
        item = self._highlighted()
        if item is None:
            return
        if self.session.read_only:
            self.notify("Open read-only: nothing can be changed here.", severity="warning", markup=False)
            return
        try:
            review_resolution.settle(self.pair, item.id, choice, self.role, self.app.now())
        except ReviewError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        self.save()
        left = len(self.pair.review)
        self.notify(f"Settled: {describe_record(self.pair, item)}. "
                    + (f"{left} left to review." if left else "Nothing left to review."), markup=False)
        self._show_items()

    def action_back(self) -> None:
        self.dismiss()

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Keep mine", "Settle the highlighted item with my version",
                            lambda: self.action_settle("mine"))
        yield SystemCommand("Keep theirs", "Settle the highlighted item with the other person's version",
                            lambda: self.action_settle("theirs"))
        yield SystemCommand("Keep both", "Keep both versions of the notes", lambda: self.action_settle("both"))


def person_name(pair: Pair, role: Role | None) -> str:
    if role == "mentor":
        return pair.mentor.name
    if role == "mentee":
        return pair.mentee.name
    return "the other copy"


def describe_record(pair: Pair, item: ReviewItem) -> str:
    """What the item is about, as a person knows it: a meeting by its kind and date, an
    action item or goal by its words."""
    record = review_resolution.record_of(pair, item)
    if item.table == "pair":
        return "The pair's details"
    if record is None:
        return item.title or "A record that is gone"
    if isinstance(record, Meeting):
        return f"{MEETING_KIND_NAMES[record.kind]} of {record.scheduled:%a %d %b %Y}"
    words = str(getattr(record, "title", None) or getattr(record, "text", "") or item.title)
    noun = {"action_items": "Action item", "goals": "Goal", "custom_starters": "Question", "contacts": "Check-in",
            "worksheets": "Worksheet"}[item.table]
    return f"{noun}: {words}"


def field_name(item: ReviewItem) -> str:
    if item.kind == "deleted_edited":
        return "The whole record"
    name = item.field.split(".")[-1]
    return FIELD_NAMES.get(name, name.replace("_", " ").capitalize() or "Value")


def side_title(pair: Pair, item: ReviewItem, option: ReviewOption | None, role: Role, mine: bool) -> Text:
    title = Text(f"{'Mine' if mine else 'Theirs'}: ", style="bold")
    if mine:
        title.append(f"{person_name(pair, role)} (you)")
    else:
        title.append(person_name(pair, "mentee" if role == "mentor" else "mentor"))
    if item.kind == "deleted_edited" and option is not None:
        title.append(" deleted it" if review_resolution.deletes(option) else " changed it")
    return title


def value_text(item: ReviewItem, option: ReviewOption | None) -> Text:
    """A side's value exactly as written (never parsed as markup)."""
    if option is None:
        return Text("(no value recorded)", style="italic")
    value = option.value
    if item.kind == "deleted_edited" and value is None:
        return Text("(deleted)", style="italic")
    if value is None or value == "":
        return Text("(empty)", style="italic")
    if isinstance(value, str):
        return Text(value)
    if isinstance(value, dict) and item.kind == "deleted_edited":
        words = value.get("notes") or value.get("title") or value.get("text")
        if isinstance(words, str) and words:
            return Text(words)
    return Text(json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True))


def button_label(pair: Pair, item: ReviewItem, choice: Choice, role: Role) -> Text:
    if choice == "both":
        return Text("Keep both (b)")
    option = (review_resolution.my_option(item, role) if choice == "mine"
              else review_resolution.their_option(item, role))
    key = "m" if choice == "mine" else "t"
    if item.kind == "deleted_edited":
        return Text(f"{'Delete it' if review_resolution.deletes(option) else 'Keep it'} ({key})")
    return Text(f"Keep {choice} ({key})")
