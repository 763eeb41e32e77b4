"""A pair's home: who they are, what they agreed, the next meeting, open work and goals."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Static

from mentortui.core.action_items import select_actions
from mentortui.core.contact_rules import warnings
from mentortui.core.dates import due_phrase, relative_day, short_day, short_moment
from mentortui.core.live_meeting import mark_not_held, unfinished_meeting
from mentortui.core.models import (
    MEETING_KIND_NAMES,
    OWNER_NAMES,
    STAGE_NAMES,
    ActionItem,
    Pair,
    Person,
)
from mentortui.core.planning import plan_next_meeting
from mentortui.core.preparation import prepared_line
from mentortui.core.sync_summary import describe_review, describe_unshared
from mentortui.dialogs.confirm import ConfirmScreen
from mentortui.dialogs.early_start import confirm_start
from mentortui.screens.base import PairScreen
from mentortui.storage.session import PairSession
from mentortui.widgets.app_seam import UsesMentorApp
from mentortui.widgets.tables import Column, ColumnPlan, FittedRow, FittedTable

# One line per item, the text cut with an ellipsis: the action items screen shows it whole.
ACTION_COLUMNS = ColumnPlan(
    (Column("what", "What", 16), Column("who", "Who", 6), Column("due", "Delivery", 11), Column("when", "When", 16)),
    flexible="what", drop_order=("due",), wrap=False,
)


class PairHomeScreen(PairScreen):
    CSS_PATH = "pair_home.tcss"
    BINDINGS = [
        Binding("escape", "close_pair", "Pairs", id="back"),
        Binding("a", "agenda", "Agenda", id="agenda"),
        Binding("s", "starters", "Starters", id="starters"),
        Binding("m", "meeting", "Meeting", id="meeting"),
        Binding("i", "action_items", "Action items", id="action_items"),
        Binding("g", "goals", "Goals", id="goals"),
        Binding("b", "review", "Before next", id="review"),
        Binding("x", "export", "Export", id="export", show=False),
        Binding("h", "not_held", "Not held", id="not_held", show=False),
        # Only when they apply (see check_action); the footer has no room, the sync status
        # line names them.
        Binding("r", "sync_review", "Review", id="sync_review", show=False),
        Binding("y", "sync_now", "Sync", id="sync_now", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield PairHomeBody(self.session)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.pair.title

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.query_one(PairHomeBody).refresh(recompose=True)
            self.refresh_bindings()
        # A sync that finished while another screen held a record reloads the pair now.
        self.app.sync.apply_pending_reload()

    def action_agenda(self) -> None:
        from mentortui.screens.agenda import AgendaScreen

        self.app.push_screen(AgendaScreen(self.session))

    def action_meeting(self) -> None:
        """Go back to the meeting under way, or start the next one."""
        if self.session.read_only:
            self.notify("Open read-only: a meeting cannot be run here.", severity="warning", markup=False)
            return
        pair, today = self.pair, self.app.today()
        running = unfinished_meeting(pair)
        if running is not None:
            self.app.run_meeting(running)
            return
        planned = pair.next_meeting(today) is not None
        meeting = plan_next_meeting(pair, today, self.app.content)
        if planned:
            confirm_start(self, meeting, lambda: self.app.run_meeting(meeting))
        else:
            # Planned just now, by us: there is no agreed day to be early for.
            self.app.run_meeting(meeting)

    def action_not_held(self) -> None:
        """Mark the last held meeting as one that did not really happen."""
        last = self.pair.last_meeting()
        if last is None:
            self.notify("No meeting has been held yet.", markup=False)
            return
        if self.session.read_only:
            self.notify("Open read-only: nothing can be changed here.", severity="warning", markup=False)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                mark_not_held(self.pair, last)
                self.save()
                self.notify(f"The meeting of {when} is marked not held.", markup=False)
                self.query_one(PairHomeBody).refresh(recompose=True)

        when = short_moment(last.scheduled, self.app.today())
        question = (f"Mark the {MEETING_KIND_NAMES[last.kind].lower()} of {when} as not held? It stays in "
                    "the file with its notes, but no longer counts as held: not in the pair list, "
                    "the last meeting or exports.")
        self.app.push_screen(ConfirmScreen(question, confirm="Mark not held", cancel="Keep it",
                                           focus_cancel=True), answered)

    def action_action_items(self) -> None:
        from mentortui.screens.action_list import ActionItemsScreen

        self.app.push_screen(ActionItemsScreen(self.session))

    def action_goals(self) -> None:
        from mentortui.screens.goals import GoalsScreen

        self.app.push_screen(GoalsScreen(self.session))

    def action_export(self) -> None:
        from mentortui.core.export import pair_markdown

        pair, today = self.pair, self.app.today()
        self.preview_export(f"Report: {pair.title}", f"{self.session.slug}-report-{today:%Y-%m-%d}",
                             lambda private_notes: pair_markdown(pair, today, private_notes))

    def action_review(self) -> None:
        from mentortui.screens.before_next import BeforeNextScreen

        self.app.push_screen(BeforeNextScreen(self.session))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "sync_review":
            return bool(self.pair.review)
        if action == "sync_now":
            return self.app.sync.shared
        return True

    def refresh_sync_status(self) -> None:
        """Show the unshared changes and the review count as they are now."""
        if self.is_mounted:
            self.query_one(PairHomeBody).refresh(recompose=True)
            self.refresh_bindings()

    def action_sync_review(self) -> None:
        from mentortui.screens.sync_review import SyncReviewScreen

        self.app.push_screen(SyncReviewScreen(self.session))

    def action_sync_now(self) -> None:
        self.app.sync.on_demand()

    def action_starters(self) -> None:
        from mentortui.screens.starters import StartersScreen

        self.app.push_screen(StartersScreen(self.session))

    def action_close_pair(self) -> None:
        """Back to the list, once the pair is saved (or the person chose what to do with
        changes a failed save left out)."""
        self.app.leave_pair(self.dismiss)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Back to pairs", "Close this pair and go back to the list", self.action_close_pair)
        yield SystemCommand("Agenda", "Prepare the next meeting's agenda", self.action_agenda)
        yield SystemCommand("Conversation starters", "Questions to ask, by group", self.action_starters)
        yield SystemCommand("Start or resume the meeting", "The live meeting screen", self.action_meeting)
        yield SystemCommand("Action items", "Every action item, filtered and sorted", self.action_action_items)
        yield SystemCommand("Goals", "SMART goals, check-ins and their review", self.action_goals)
        yield SystemCommand("Before our next meeting", "What is coming, what I owe, last notes",
                            self.action_review)
        yield SystemCommand("Export pair report", "Every meeting and goal as Markdown", self.action_export)
        if self.app.sync.shared:
            yield SystemCommand("Sync now", "Share my changes and bring in the other person's", self.action_sync_now)
        if self.pair.review:
            yield SystemCommand("Review after sync", "What a sync could not decide: keep mine, theirs or both",
                                self.action_sync_review)
        yield SystemCommand("Mark last meeting not held", "It did not really happen: stop counting it",
                            self.action_not_held)


class PairHomeBody(UsesMentorApp, VerticalScroll):
    """Everything below the header; rebuilt when the pair's other screens changed it."""

    def __init__(self, session: PairSession) -> None:
        super().__init__(id="home")
        self.session = session

    def compose(self) -> ComposeResult:
        pair, today = self.session.pair, self.app.today()
        yield Static(self._title(), id="pair-title")
        status = sync_status(self.app.sync.unshared if self.app.sync.shared else 0, len(pair.review))
        if status:
            yield Static(Text(status, style="bold"), id="sync-status")
        found = warnings(pair, today)
        if found:
            yield Static(Text("\n".join(f"! {warning}" for warning in found), style="bold"), id="warning")
        running = unfinished_meeting(pair)
        if running is not None:
            yield Static(Text(f"Meeting under way since {running.started_at:%a %d %b %H:%M}: "
                              "press m to go back to it", style="bold"), id="running")
        with Horizontal(id="columns"):
            with Vertical(id="facts", classes="panel"):
                yield Static("The pair", classes="panel-title")
                yield Static(_facts(pair, today), id="facts-text")
            with Vertical(id="meetings", classes="panel"):
                yield Static("Meetings", classes="panel-title")
                yield Static(_meetings(pair, today), id="meetings-text")
                yield Static("Goals", classes="panel-title")
                yield Static(_goals(pair, today), id="goals-text")
        yield Static("Open action items", classes="panel-title", id="items-title")
        yield _action_table(pair, today)

    def _title(self) -> Text:
        title = Text(self.session.pair.title, style="bold")
        if self.session.read_only:
            title.append("  (read-only: changes are not saved)", style="italic")
        return title


def sync_status(unshared: int, to_review: int) -> str:
    """'3 changes not shared yet (y syncs now) · 1 thing to review (press r)', or "" when
    all is in step."""
    parts = [f"{describe_unshared(unshared)} (y syncs now)" if unshared else ""]
    if to_review:
        parts.append(f"{describe_review(to_review)} (press r)")
    return " · ".join(part for part in parts if part)


def _person(text: Text, role: str, person: Person) -> None:
    text.append(f"{role}: ", style="bold")
    text.append(person.name)
    if person.pronouns:
        text.append(f" ({person.pronouns})")
    if person.contact:
        text.append(f"\n  contact: {person.contact}")
    text.append("\n")


def _facts(pair: Pair, today: date) -> Text:
    text = Text()
    _person(text, "Mentor", pair.mentor)
    _person(text, "Mentee", pair.mentee)
    expect = pair.expectations
    text.append("Stage: ", style="bold")
    text.append(f"{pair.stage} of 4, {STAGE_NAMES[pair.stage].lower()}\n")
    text.append("Started: ", style="bold")
    text.append(f"{short_day(pair.started_on, today)}\n")
    text.append("Agreed: ", style="bold")
    text.append(f"every {expect.frequency_days} days, {expect.length_minutes} min, {expect.format}\n")
    if expect.topics:
        text.append("Topics: ", style="bold")
        text.append(f"{expect.topics}\n")
    if expect.reschedule:
        text.append("Rescheduling: ", style="bold")
        text.append(f"{expect.reschedule}\n")
    text.append("Confidentiality: ", style="bold")
    text.append("agreed" if expect.confidentiality_agreed else "not agreed yet")
    return text


def _meetings(pair: Pair, today: date) -> Text:
    text = Text()
    upcoming = pair.next_meeting(today)
    text.append("Next: ", style="bold")
    if upcoming is None:
        text.append("none planned\n")
    else:
        text.append(f"{short_moment(upcoming.scheduled, today)} ({relative_day(upcoming.scheduled.date(), today)}), "
                    f"{MEETING_KIND_NAMES[upcoming.kind].lower()}\n")
        if prepared := prepared_line(pair, upcoming):
            text.append(f"  {prepared} (b)\n", style="italic")
    last = pair.last_meeting()
    text.append("Last: ", style="bold")
    if last is None:
        text.append("no meeting held yet")
    else:
        text.append(f"{short_moment(last.scheduled, today)} ({relative_day(last.scheduled.date(), today)}), "
                    f"{MEETING_KIND_NAMES[last.kind].lower()}")
        if last.assignment:
            text.append("\nAssignment: ", style="bold")
            text.append(last.assignment)
    text.append(f"\n{len(pair.held_meetings())} meetings held")
    return text


def _goals(pair: Pair, today: date) -> Text:
    text = Text()
    active = [goal for goal in pair.goals if goal.is_active]
    if not active:
        return Text("No active goals yet.")
    for goal in active:
        text.append(f"{goal.progress:>3}% ", style="bold")
        text.append(goal.title)
        if goal.complete_by:
            text.append(f"  by {short_day(goal.complete_by, today)}", style="dim")
        text.append("\n")
    text.rstrip()
    return text


def _action_table(pair: Pair, today: date) -> FittedTable:
    table = FittedTable(ACTION_COLUMNS, id="action-items")
    items = select_actions(pair, today, "open", sort="due")
    rows = []
    for item in items:
        due, when = _due_cells(item, today)
        rows.append(FittedRow({"what": Text(item.text), "who": Text(OWNER_NAMES[item.owner]), "due": due,
                               "when": when}, key=item.id))
    table.show_rows(rows or [FittedRow({"what": Text("Nothing open.")})])
    return table


def _due_cells(item: ActionItem, today: date) -> tuple[Text, Text]:
    if item.due is None:
        return Text("no date", style="italic"), Text("")
    phrase = due_phrase(item.due, today)
    style = "bold red" if item.is_overdue(today) else ""
    return Text(short_day(item.due, today)), Text(phrase, style=style)
