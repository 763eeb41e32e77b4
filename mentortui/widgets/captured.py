"""What a meeting has captured so far: its action items, decisions and parked topics; and
the status line's label that shows or hides that panel with a click."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from mentortui.core.dates import due_label
from mentortui.core.models import ActionItem


@dataclass(frozen=True)
class CapturedAction:
    """One action item as the panel shows it; ``when`` is None while it has no date."""

    text: str
    owner: str
    when: str | None

    @classmethod
    def of(cls, action: ActionItem, today: date) -> CapturedAction:
        return cls(action.text, action.owner, due_label(action.due, today) if action.due else None)


class CapturedItems(Static):
    """The captured panel. It shows its three reactive lists, so a screen only sets
    them (through :meth:`show`) and the panel redraws itself when they change."""

    actions: reactive[tuple[CapturedAction, ...]] = reactive((), layout=True)
    decisions: reactive[tuple[str, ...]] = reactive((), layout=True)
    parked: reactive[tuple[str, ...]] = reactive((), layout=True)

    def show(self, actions: Iterable[ActionItem], decisions: Iterable[str], parked: Iterable[str],
             today: date) -> None:
        self.actions = tuple(CapturedAction.of(action, today) for action in actions)
        self.decisions = tuple(decisions)
        self.parked = tuple(parked)

    def render(self) -> Text:
        text = Text()
        text.append(f"Action items ({len(self.actions)})\n", style="bold")
        for action in self.actions:
            text.append(f"- {action.text}\n")
            text.append(f"  {action.owner}, {action.when or 'NO DATE'}\n", style="dim" if action.when else "bold")
        text.append(f"\nDecisions ({len(self.decisions)})\n", style="bold")
        for decision in self.decisions:
            text.append(f"- {decision}\n")
        text.append(f"\nParked for next time ({len(self.parked)})\n", style="bold")
        for topic in self.parked:
            text.append(f"- {topic}\n")
        return text


class CapturedToggle(Static):
    """A label that says how many things the meeting has captured and whether a click (or
    the key it names) shows the captured panel or hides it."""

    DEFAULT_CSS = """
    CapturedToggle { width: auto; }
    CapturedToggle:hover { text-style: reverse; }
    """

    class Pressed(Message):
        """The label was clicked."""

    count: reactive[int] = reactive(0, layout=True)
    panel_shown: reactive[bool] = reactive(False, layout=True)

    def __init__(self, key: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.key = key
        self.tooltip = "Show or hide the action items, decisions and parked topics captured so far"

    def render(self) -> Text:
        verb = "hide" if self.panel_shown else "show"
        return Text(f"{self.key} {verb} captured ({self.count})")

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Pressed())
