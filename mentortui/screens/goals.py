"""SMART goals: progress, dates, open work, and the review of what is weak in each."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from mentortui.core import smart_goals
from mentortui.core.dates import due_label, short_day
from mentortui.core.models import Goal, GoalStatus, Pair, WorksheetKind
from mentortui.core.worksheets import goal_worksheet_names
from mentortui.dialogs.confirm import ConfirmScreen
from mentortui.dialogs.goal_forms import (
    CheckInDraft,
    CheckInScreen,
    GoalDraft,
    GoalEditorScreen,
)
from mentortui.dialogs.worksheet import choose_worksheet, edit_worksheet
from mentortui.screens.kept_screens import KeptScreen
from mentortui.widgets.keys_footer import KeysFooter
from mentortui.widgets.tables import Column, ColumnPlan, FittedRow, FittedTable, cursor_key
from mentortui.widgets.title_header import TitleHeader
from mentortui.widgets.tones import tone

BAR_CELLS = 10
COLUMNS = ColumnPlan(
    (Column("goal", "Goal", 20), Column("term", "Term", 5), Column("status", "Status", 8),
     Column("progress", "Progress", 15), Column("complete_by", "Complete by", 16),
     Column("next", "Next check-in", 13), Column("open", "Open", 4)),
    flexible="goal", drop_order=("next", "term", "open", "status"),
)


def progress_bar(percent: int) -> Text:
    filled = round(percent * BAR_CELLS / 100)
    bar = Text("█" * filled, style="bold")
    bar.append("░" * (BAR_CELLS - filled), style="dim")
    bar.append(f" {percent:>3}%")
    return bar


class GoalsScreen(KeptScreen):
    BINDINGS = [
        # The footer shows what fits in 80 columns; the rest are in the palette and help (?).
        Binding("escape", "back", "Back", id="back", show=False),
        Binding("n", "new_goal", "New goal", id="new_goal"),
        Binding("e", "edit_goal", "Edit", id="edit_goal"),
        Binding("c", "check_in", "Check-in", id="check_in"),
        Binding("v", "revise_goal", "Revise", id="revise_goal"),
        Binding("A", "set_status('achieved')", "Achieved", id="achieved", show=False),
        Binding("x", "set_status('dropped')", "Drop", id="drop", show=False),
        Binding("w", "worksheet", "Worksheet", id="worksheet", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield TitleHeader()
        yield Static(id="pair-review")
        yield FittedTable(COLUMNS, id="goals")
        with VerticalScroll(id="details-pane"):
            yield Static(id="details")
        yield KeysFooter()

    def first_show(self) -> None:
        self.sub_title = f"Goals · {self.pair.title}"
        self._show()
        self.query_one("#goals", FittedTable).focus()

    def revisit(self) -> None:
        """Open again on the goals as they are now, the cursor on the goal it was on."""
        self.sub_title = f"Goals · {self.pair.title}"
        self._show(cursor_key(self.query_one("#goals", FittedTable)))

    def _show(self, keep: str | None = None) -> None:
        today = self.app.today()
        rows = []
        for goal in self.pair.goals:
            upcoming = smart_goals.next_checkin(goal, today)
            rows.append(FittedRow({
                "goal": _goal_cell(goal, self.pair),
                "term": Text(goal.term),
                "status": Text(goal.status),
                "progress": progress_bar(goal.progress),
                "complete_by": _complete_by(goal, today, tone(self.app, "error")),
                "next": Text(short_day(upcoming, today) if upcoming else "-"),
                "open": Text(str(len(smart_goals.open_items(self.pair, goal)))),
            }, key=goal.id))
        self.query_one("#goals", FittedTable).show_rows(rows, keep)
        findings = smart_goals.review_pair(self.pair)
        review = self.query_one("#pair-review", Static)
        review.update(Text("\n".join(f"! {f.message}" for f in findings), style="bold"))
        review.display = bool(findings)
        self._show_details()

    @on(DataTable.RowHighlighted, "#goals")
    def _highlighted(self) -> None:
        self._show_details()

    def _current(self) -> Goal | None:
        key = cursor_key(self.query_one("#goals", FittedTable))
        return self.pair.goal(key)

    def _show_details(self) -> None:
        goal = self._current()
        details = self.query_one("#details", Static)
        if goal is None:
            details.update(Text("No goals yet. Press n to write the first SMART goal together."))
            return
        details.update(_details(goal, self.pair, self.app.today()))

    def _changed(self, keep: str | None) -> None:
        self.save()
        self._show(keep)

    def action_back(self) -> None:
        self.dismiss()

    def _apply(self, goal: Goal, draft: GoalDraft) -> None:
        goal.title = draft.title
        goal.term = draft.term
        for field, value in draft.fields.items():
            setattr(goal, field, value)
        goal.complete_by = draft.complete_by
        goal.checkin_dates = tuple(draft.checkin_dates)
        goal.serves = draft.serves

    def action_new_goal(self) -> None:
        if self.refuse_if_closed():
            return
        def created(draft: GoalDraft | None) -> None:
            if draft is not None:
                goal = Goal(title=draft.title)
                self._apply(goal, draft)
                self.pair.goals.append(goal)
                self._changed(goal.id)

        self.app.push_screen(GoalEditorScreen(None, self.app.today(), long_goals=self._long_goals(),
                                              day_first=self.app.day_first), created)

    def _long_goals(self) -> list[Goal]:
        return [goal for goal in self.pair.goals if goal.term == "long" and goal.is_active]

    def _edit(self, revise: bool) -> None:
        if self.refuse_if_closed():
            return
        goal = self._current()
        if goal is None:
            return

        def edited(draft: GoalDraft | None) -> None:
            if draft is not None:
                moved = goal.complete_by != draft.complete_by and tuple(draft.checkin_dates) == goal.checkin_dates
                if revise:
                    smart_goals.revise(goal, self.app.today())
                self._apply(goal, draft)
                self._changed(goal.id)
                if moved:
                    self._offer_respread(goal)

        title = "Revise the goal (the current version is kept in its history)" if revise else "Edit the goal"
        self.app.push_screen(GoalEditorScreen(goal, self.app.today(), title, self._long_goals(),
                                              day_first=self.app.day_first), edited)

    def _offer_respread(self, goal: Goal) -> None:
        """The complete-by date moved and the planned check-ins did not: offer to spread the
        ones still ahead over the new span."""
        today = self.app.today()
        if goal.complete_by is None:
            return
        spread = tuple(smart_goals.respread_checkins(list(goal.checkin_dates), today, goal.complete_by))
        if spread == goal.checkin_dates:
            return
        planned = ", ".join(short_day(day, today) for day in spread)

        def answered(respread: bool | None) -> None:
            if respread and goal.complete_by is not None:
                goal.checkin_dates = spread
                self._changed(goal.id)

        self.app.push_screen(ConfirmScreen(
            f"The complete-by date moved to {short_day(goal.complete_by, today)}. Spread the check-ins still "
            f"ahead over the new span ({planned})? Those already past stay.",
            confirm="Spread them", cancel="Keep the dates"), answered)

    def action_edit_goal(self) -> None:
        self._edit(revise=False)

    def action_revise_goal(self) -> None:
        self._edit(revise=True)

    def action_check_in(self) -> None:
        if self.refuse_if_closed():
            return
        goal = self._current()
        if goal is None:
            return

        def recorded(draft: CheckInDraft | None) -> None:
            if draft is not None:
                smart_goals.record_checkin(goal, draft.on, draft.progress, draft.note)
                self._changed(goal.id)

        self.app.push_screen(CheckInScreen(goal, self.app.today(), day_first=self.app.day_first), recorded)

    def action_set_status(self, status: GoalStatus) -> None:
        if self.refuse_if_closed():
            return
        goal = self._current()
        if goal is not None:
            goal.status = "active" if goal.status == status else status
            self.notify(f"{goal.title}: {goal.status}", markup=False)
            self._changed(goal.id)

    def action_worksheet(self) -> None:
        """The highlighted goal's GROW or personal SWOT worksheet (chosen with one key)."""
        if self.refuse_if_closed():
            return
        goal = self._current()
        if goal is None:
            return

        def chosen(kind: WorksheetKind) -> None:
            edit_worksheet(self, self.pair, kind, goal.id, self.app.today(), lambda: self._changed(goal.id))

        choose_worksheet(self, goal.title, chosen)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Worksheet for the goal", "GROW or personal SWOT for the highlighted goal",
                            self.action_worksheet)
        yield SystemCommand("New goal", "Write a SMART goal", self.action_new_goal)
        yield SystemCommand("Edit goal", "Change the highlighted goal", self.action_edit_goal)
        yield SystemCommand("Revise goal", "Change it, keeping the old version", self.action_revise_goal)
        yield SystemCommand("Record a check-in", "Progress and a note", self.action_check_in)
        yield SystemCommand("Mark goal achieved", "Or back to active", lambda: self.action_set_status("achieved"))
        yield SystemCommand("Drop goal", "Or back to active", lambda: self.action_set_status("dropped"))
        yield SystemCommand("Back to the pair", "Leave the goals (escape)", self.action_back)


def _goal_cell(goal: Goal, pair: Pair) -> Text:
    """The goal's title, then the worksheets it has."""
    cell = Text(goal.title)
    names = goal_worksheet_names(pair, goal.id)
    if names:
        cell.append(f" ({', '.join(names)})", style="dim")
    return cell


def _complete_by(goal: Goal, today: date, late_style: Style) -> Text:
    if goal.complete_by is None:
        return Text("no date", style="bold")
    late = goal.is_active and goal.complete_by < today
    return Text(f"{short_day(goal.complete_by, today)}" + (" PAST" if late else ""),
                style=late_style if late else "")


def _details(goal: Goal, pair: Pair, today: date) -> Text:
    text = Text()
    text.append(goal.title, style="bold")
    text.append(f"  ({goal.term} term, {goal.status})\n")
    served = pair.goal(goal.serves) if goal.serves else None
    if served is not None:
        text.append("serves: ", style="bold")
        text.append(f"{served.title}\n")
    names = goal_worksheet_names(pair, goal.id)
    text.append("Worksheets: ", style="bold")
    text.append(f"{', '.join(names)} (w opens them)\n\n" if names else "none yet (w: GROW or personal SWOT)\n\n")
    for field in smart_goals.SMART_FIELDS:
        text.append(f"{smart_goals.SMART_NAMES[field]}: ", style="bold")
        text.append(f"{getattr(goal, field) or '-'}\n")
    findings = smart_goals.review_goal(goal, pair, today)
    text.append("\nReview: ", style="bold")
    if findings:
        text.append(f"{len(findings)} to fix\n")
        for finding in findings:
            text.append(f"  ! {finding.message}\n")
    else:
        text.append("ready, nothing to fix\n")
    items = smart_goals.open_items(pair, goal)
    text.append(f"\nOpen action items ({len(items)})\n", style="bold")
    for item in items:
        when = due_label(item.due, today) if item.due else "no date"
        text.append(f"  - {item.text} ({item.owner}, {when})\n")
    text.append("\nCheck-ins\n", style="bold")
    if goal.checkin_dates:
        planned = ", ".join(short_day(day, today) for day in goal.checkin_dates)
        text.append(f"  planned: {planned}\n")
    for checkin in goal.checkins:
        text.append(f"  {short_day(checkin.on, today)}  {checkin.progress:>3}%  {checkin.note}\n")
    if goal.history:
        text.append(f"\nEarlier versions ({len(goal.history)})\n", style="bold")
        for version in goal.history:
            text.append(f"  until {short_day(version.revised_on, today)}: {version.title}\n")
    text.rstrip()
    return text
