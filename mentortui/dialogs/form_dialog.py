"""The base of every form dialog: one way to save, one way to cancel, and a refused save
that says why under the field at fault."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select

from mentortui.dialogs.confirm import ConfirmScreen

ResultT = TypeVar("ResultT")

DISCARD_QUESTION = "Discard what you typed?"


class FormDialog(ModalScreen[ResultT | None]):
    """A modal form that returns what ``collect`` builds, or None when cancelled.

    It opens on ``first_field``. ``ctrl+s`` saves from any field; ``enter`` saves too
    when ``ENTER_SAVES`` (single-line dialogs) and otherwise moves to the next field.
    ``escape`` cancels; with ``CONFIRM_DISCARD`` it first asks before throwing away a
    form whose fields were changed. ``collect`` calls ``refuse`` for each problem: the
    reason appears in a line under that field and the focus goes to the first of them.
    """

    DEFAULT_CSS = """
    FormDialog .field-error {
        color: $text-error;
        text-style: bold;
        width: 1fr;
        height: auto;
        padding-left: 12;
    }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save", priority=True),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]
    ENTER_SAVES: ClassVar[bool] = True
    CONFIRM_DISCARD: ClassVar[bool] = False

    def __init__(self) -> None:
        super().__init__()
        self._refusals: dict[str, list[str]] = {}
        self._error_labels: dict[str, Label] = {}
        self._opened_with: list[object] = []

    def collect(self) -> ResultT | None:
        """Read the fields into the dialog's result, calling ``refuse`` for each problem."""
        raise NotImplementedError

    def first_field(self) -> Widget | None:
        """The field that has the focus when the dialog opens: the first one."""
        return next(iter(self.query(Input)), None)

    def refuse(self, field_id: str, why: str) -> None:
        """Record that the field ``field_id`` stops the save, and why."""
        self._refusals.setdefault(field_id, []).append(why)

    def on_mount(self) -> None:
        self._opened_with = self._values()
        first = self.first_field()
        if first is not None:
            first.focus()

    def _values(self) -> list[object]:
        return [field.value for field in self.query(Input)] + [
            field.value for field in self.query(Select)] + [field.value for field in self.query(Checkbox)]

    def action_save(self) -> None:
        """Save once the focused field has handled every key already sent to it: ctrl+s
        is a priority key, so it arrives ahead of letters typed just before it."""
        focused = self.focused
        if focused is None:
            self._save()
        else:
            focused.call_later(self._save)

    def _save(self) -> None:
        if not self.is_active:  # saved or cancelled already (a second ctrl+s, or enter)
            return
        self._refusals = {}
        result = self.collect()
        self._show_refusals()
        if self._refusals:
            self.query_one(f"#{next(iter(self._refusals))}").focus()
            return
        self.dismiss(result)

    def _show_refusals(self) -> None:
        for field_id, shown in self._error_labels.items():
            if field_id not in self._refusals:
                shown.display = False
        for field_id, reasons in self._refusals.items():
            label = self._error_labels.get(field_id)
            if label is None:
                label = Label(id=f"{field_id}-error", classes="field-error")
                self._error_labels[field_id] = label
                field = self.query_one(f"#{field_id}")
                # Under the field's row (label and field side by side) when it has one.
                anchor = field.parent if isinstance(field.parent, Horizontal) else field
                if isinstance(anchor.parent, Widget):
                    anchor.parent.mount(label, after=anchor)
            label.update(Text("\n".join(reasons)))
            label.display = True

    @on(Input.Changed)
    def _field_changed(self, event: Input.Changed) -> None:
        """A field being corrected no longer shows why its last value was refused."""
        field_id = event.input.id
        if field_id in self._error_labels:
            self._error_labels[field_id].display = False

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.enter_pressed(event.input)

    def enter_pressed(self, field: Input) -> None:
        """``enter`` in ``field``: save, or go on to the next field."""
        if self.ENTER_SAVES:
            self.action_save()
        else:
            self.focus_next()

    def action_cancel(self) -> None:
        if self.CONFIRM_DISCARD and self._values() != self._opened_with:
            self.app.push_screen(
                ConfirmScreen(DISCARD_QUESTION, confirm="Discard", cancel="Keep editing", focus_cancel=True),
                self._discard_answered,
            )
        else:
            self.dismiss(None)

    def _discard_answered(self, discard: bool | None) -> None:
        if discard:
            self.dismiss(None)
