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
from mentortui.core.agreement import frequency_note, update_pair
from mentortui.core.assignments import state_label
from mentortui.core.builtin_content import load_content
from mentortui.core.contact_rules import last_contact, missed_meetings, warnings
from mentortui.core.dates import days_word, due_phrase, relative_day, short_day, short_moment
from mentortui.core.lifecycle import (
    add_review_starters,
    continue_after_review,
    programme_position,
    reopen_pair,
    review_due,
    stage_label,
    suggested_stage,
)
from mentortui.core.live_meeting import mark_not_held, unfinished_meeting
from mentortui.core.models import (
    CONTACT_WAY_NAMES,
    MEETING_KIND_NAMES,
    MENTOR_STYLES,
    OWNER_NAMES,
    STAGE_NAMES,
    ActionItem,
    Contact,
    Pair,
    Person,
    Role,
    WorksheetKind,
)
from mentortui.core.planning import plan_next_meeting
from mentortui.core.preparation import prepared_line
from mentortui.core.sync_summary import describe_review, describe_unshared
from mentortui.dialogs.choice import ChoiceScreen
from mentortui.dialogs.confirm import ConfirmScreen
from mentortui.dialogs.early_start import confirm_start
from mentortui.dialogs.ground_rules import GroundRulesScreen, ground_rules_markdown
from mentortui.dialogs.worksheet import edit_worksheet
from mentortui.screens.assignment_received import receive_assignment
from mentortui.screens.base import PairScreen
from mentortui.screens.closure import ask_closing_summary
from mentortui.storage.session import PairSession
from mentortui.widgets.app_seam import UsesMentorApp
from mentortui.widgets.tables import Column, ColumnPlan, FittedRow, FittedTable

# One line per item, the text cut with an ellipsis: the action items screen shows it whole.
ACTION_COLUMNS = ColumnPlan(
    (Column("what", "What", 16), Column("who", "Who", 6), Column("due", "Delivery", 11), Column("when", "When", 16)),
    flexible="what", drop_order=("due",), wrap=False,
)
CONTACTS_SHOWN = 3
MISSED_SHOWN = 3


class PairHomeScreen(PairScreen):
    CSS_PATH = "pair_home.tcss"
    # The help panel (`?`) shows the programme's ground rules; the content is bundled, read once.
    HELP = ground_rules_markdown(load_content().checklists["program_rules"])
    BINDINGS = [
        Binding("escape", "close_pair", "Pairs", id="back"),
        Binding("a", "agenda", "Agenda", id="agenda"),
        Binding("s", "starters", "Starters", id="starters"),
        Binding("m", "meeting", "Meeting", id="meeting"),
        Binding("i", "action_items", "Action items", id="action_items"),
        Binding("g", "goals", "Goals", id="goals"),
        Binding("b", "review", "Before next", id="review"),
        Binding("c", "log_contact", "Log contact", id="log_contact"),
        # Named on the assignment's line in the meetings panel and in the palette.
        Binding("d", "assignment_received", "Assignment received", id="assignment_received", show=False),
        Binding("x", "export", "Export", id="export", show=False),
        Binding("e", "edit_pair", "Edit pair", id="edit_pair", show=False),
        Binding("h", "not_held", "Not held", id="not_held", show=False),
        # Only when they apply (see check_action); the footer has no room, the sync status
        # line names them.
        Binding("r", "sync_review", "Review", id="sync_review", show=False),
        Binding("y", "sync_now", "Sync", id="sync_now", show=False),
        # Named on the pair home's own lines (stage suggestion, review point) and in the palette.
        Binding("t", "change_stage", "Stage", id="change_stage", show=False),
        Binding("p", "accept_stage", "Move stage", id="accept_stage", show=False),
        Binding("v", "review_starters", "Review questions", id="review_starters", show=False),
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

        if self.refuse_if_closed():
            return
        self.app.push_screen(AgendaScreen(self.session))

    def action_meeting(self) -> None:
        """Go back to the meeting under way, or start the next one."""
        if self.refuse_if_closed():
            return
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
        if self.refuse_if_closed():
            return
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

    def action_change_stage(self) -> None:
        """Move the pair to another stage, by hand."""
        if self.refuse_if_closed():
            return
        current = self.pair.stage
        names = "\n".join(f"{n}. {name}" for n, name in STAGE_NAMES.items())
        question = f"Move the pair to which stage? It is at stage {current} now.\n\n{names}"
        choices = [(f"stage-{n}", f"Stage {n}") for n in STAGE_NAMES if n != current]
        self.app.push_screen(ChoiceScreen(question, choices), self._stage_chosen)

    def _stage_chosen(self, answer: str | None) -> None:
        if answer is not None:
            self._move_to_stage(int(answer.removeprefix("stage-")))

    def _move_to_stage(self, stage: int) -> None:
        self.pair.stage = stage
        self.save()
        self.notify(f"Moved to {stage_label(stage).lower()}.", markup=False)
        self.query_one(PairHomeBody).refresh(recompose=True)

    def action_accept_stage(self) -> None:
        """Take the stage the manuals' signs point to."""
        if self.refuse_if_closed():
            return
        suggestion = suggested_stage(self.pair)
        if suggestion is None:
            self.notify("No stage change is suggested now; t changes the stage by hand.", markup=False)
            return
        self._move_to_stage(suggestion[0])

    def action_review_starters(self) -> None:
        """Put the continue-or-end questions on the next meeting's agenda."""
        if self.refuse_if_closed() or self._refused_read_only():
            return
        today = self.app.today()
        meeting = plan_next_meeting(self.pair, today, self.app.content)
        added = add_review_starters(self.pair, meeting, self.app.content)
        if added:
            self.save()
            self.notify(f"{added} questions for the continue-or-end conversation are on the agenda of "
                        f"{short_day(meeting.scheduled.date(), today)}.", markup=False)
        else:
            self.notify("The continue-or-end questions are already on the agenda or asked.", markup=False)
        self.query_one(PairHomeBody).refresh(recompose=True)

    def action_continue_programme(self) -> None:
        """The review point's decision is to go on: the next review point comes later."""
        if self.refuse_if_closed():
            return
        new = continue_after_review(self.pair, self.app.today())
        self.save()
        self.notify(f"You go on: the next review point is {short_day(new, self.app.today())}.", markup=False)
        self.query_one(PairHomeBody).refresh(recompose=True)

    def action_close_relationship(self) -> None:
        """The closing summary, then the pair is closed (kept, read-only)."""
        if self.refuse_if_closed() or self._refused_read_only():
            return
        ask_closing_summary(self)

    def action_reopen(self) -> None:
        if not self.pair.is_closed:
            self.notify("This pair is open.", markup=False)
            return
        if self._refused_read_only():
            return
        reopen_pair(self.pair)
        self.save()
        self.notify("Reopened: the pair can be changed again.", markup=False)
        self.query_one(PairHomeBody).refresh(recompose=True)

    def _refused_read_only(self) -> bool:
        if self.session.read_only:
            self.notify("Open read-only: nothing can be changed here.", severity="warning", markup=False)
        return self.session.read_only

    def action_edit_pair(self) -> None:
        """The pair form on the pair as it is: names, how to reach each other, the agreement
        and the programme dates; a changed agreement is recorded as agreed today."""
        if self.refuse_if_closed() or self._refused_read_only():
            return
        from mentortui.dialogs.pair_form import PairFormScreen

        def edited(result: Pair | None) -> None:
            if result is not None:
                agreed = update_pair(self.pair, result, self.app.today())
                self.save()
                self.notify("Saved; the agreement is recorded as agreed today." if agreed else "Saved.",
                            markup=False)
                self.sub_title = self.pair.title
                self.query_one(PairHomeBody).refresh(recompose=True)

        self.app.push_screen(PairFormScreen(self.app.today(), self.pair), edited)

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

    def action_log_contact(self) -> None:
        """Log an e-mail, call or chat between meetings: it counts for the contact rules."""
        if self.refuse_if_closed() or self._refused_read_only():
            return
        from mentortui.dialogs.contact_log import ContactDraft, ContactLogScreen

        def logged(draft: ContactDraft | None) -> None:
            if draft is None:
                return
            self.pair.contacts.append(Contact(on=draft.on, by=draft.by, way=draft.way, note=draft.note))
            self.save()
            self.notify(f"Logged: {CONTACT_WAY_NAMES[draft.way]}, {short_day(draft.on, self.app.today())}.",
                        markup=False)
            self.query_one(PairHomeBody).refresh(recompose=True)

        names: dict[Role, str] = {"mentor": self.pair.mentor.name, "mentee": self.pair.mentee.name}
        self.app.push_screen(ContactLogScreen(self.session.role, names, self.app.today()), logged)

    def action_assignment_received(self) -> None:
        """Mark the last meeting's assignment as received."""
        if self.refuse_if_closed() or self._refused_read_only():
            return
        if receive_assignment(self):
            self.query_one(PairHomeBody).refresh(recompose=True)

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

    def action_pair_worksheet(self, kind: WorksheetKind) -> None:
        """The pair's own GROW or personal SWOT worksheet (not tied to a goal)."""
        if not self.refuse_if_closed():
            edit_worksheet(self, self.pair, kind, None, self.app.today(), self.save)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Back to pairs", "Close this pair and go back to the list", self.action_close_pair)
        yield SystemCommand("Agenda", "Prepare the next meeting's agenda", self.action_agenda)
        yield SystemCommand("Conversation starters", "Questions to ask, by group", self.action_starters)
        yield SystemCommand("Start or resume the meeting", "The live meeting screen", self.action_meeting)
        yield SystemCommand("Action items", "Every action item, filtered and sorted", self.action_action_items)
        yield SystemCommand("Goals", "SMART goals, check-ins and their review", self.action_goals)
        yield SystemCommand("Before our next meeting", "What is coming, what I owe, last notes",
                            self.action_review)
        yield SystemCommand("Log a contact", "An e-mail, call or chat between meetings (c)", self.action_log_contact)
        yield SystemCommand("Assignment received", "The last meeting's assignment has arrived (d)",
                            self.action_assignment_received)
        yield SystemCommand("Edit pair", "Names, contacts, what you agree on and the programme dates (e)",
                            self.action_edit_pair)
        yield SystemCommand("Export pair report", "Every meeting and goal as Markdown", self.action_export)
        yield SystemCommand("GROW worksheet", "Goal, reality, options, will: for the pair",
                            lambda: self.action_pair_worksheet("grow"))
        yield SystemCommand("Personal SWOT", "Strengths, weaknesses, opportunities, threats: for the pair",
                            lambda: self.action_pair_worksheet("swot"))
        if self.app.sync.shared:
            yield SystemCommand("Sync now", "Share my changes and bring in the other person's", self.action_sync_now)
        yield from self._lifecycle_commands()
        if self.pair.review:
            yield SystemCommand("Review after sync", "What a sync could not decide: keep mine, theirs or both",
                                self.action_sync_review)
        yield SystemCommand("Mark last meeting not held", "It did not really happen: stop counting it",
                            self.action_not_held)
        yield SystemCommand("Programme ground rules", "Contact, replies, confidentiality, what not to ask",
                            self.action_ground_rules)

    def action_ground_rules(self) -> None:
        self.app.push_screen(GroundRulesScreen(self.app.content.checklists["program_rules"]))


    def _lifecycle_commands(self) -> Iterable[SystemCommand]:
        """Stage, review point and closure: only those that apply to the pair as it is."""
        pair = self.pair
        if pair.is_closed:
            yield SystemCommand("Reopen pair", "Take back the closure: the pair can be changed again",
                                self.action_reopen)
            return
        yield SystemCommand("Change stage", "Move the pair to another stage by hand (t)", self.action_change_stage)
        if suggestion := suggested_stage(pair):
            yield SystemCommand(f"Move to stage {suggestion[0]}", f"Suggested: {suggestion[1]} (p)",
                                self.action_accept_stage)
        if pair.review_on is not None:
            yield SystemCommand("Add the continue-or-end questions", "The review point's questions on the next "
                                "agenda (v)", self.action_review_starters)
            yield SystemCommand("We continue: next review point", "Decided at the review point: move it three "
                                "months on", self.action_continue_programme)
        yield SystemCommand("Close the relationship", "The closing summary, then the pair is kept read-only",
                            self.action_close_relationship)


class PairHomeBody(UsesMentorApp, VerticalScroll):
    """Everything below the header; rebuilt when the pair's other screens changed it."""

    def __init__(self, session: PairSession) -> None:
        super().__init__(id="home")
        self.session = session

    def compose(self) -> ComposeResult:
        pair, today = self.session.pair, self.app.today()
        yield Static(self._title(), id="pair-title")
        yield from _lifecycle_lines(pair, today)
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
                yield Static("Contacts", classes="panel-title")
                yield Static(_contacts(pair, today), id="contacts-text")
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


def _lifecycle_lines(pair: Pair, today: date) -> Iterable[Static]:
    """Closed (prominent), or where the pair is in its programme, with the stage the signs
    point to and the review point's conversation when they apply."""
    if pair.closed_on is not None:
        yield Static(Text(f"Closed on {short_day(pair.closed_on, today)}: read-only "
                          "(palette: Reopen pair to change it)", style="bold reverse"), id="closed")
        return
    yield Static(Text(f"Programme: {programme_position(pair, today)}"), id="programme")
    if suggestion := suggested_stage(pair):
        stage, sign = suggestion
        yield Static(Text(f"Move to stage {stage}? {sign[:1].upper()}{sign[1:]}: press p to move to "
                          f"{stage_label(stage).lower()} (t picks another)", style="italic"), id="stage-suggestion")
    if review_due(pair, today) and pair.review_on is not None:
        yield Static(Text(f"Review point {relative_day(pair.review_on, today)}: time to talk about going on or "
                          "ending (v puts the questions for it on the next agenda)", style="bold"),
                     id="review-point")


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
    if note := frequency_note(expect):
        text.append(f"  {note}\n", style="italic")
    if expect.topics:
        text.append("Topics: ", style="bold")
        text.append(f"{expect.topics}\n")
    if expect.measure:
        text.append("Measuring progress: ", style="bold")
        text.append(f"{expect.measure}\n")
    if expect.reschedule:
        text.append("Rescheduling: ", style="bold")
        text.append(f"{expect.reschedule}\n")
    text.append("Reply within: ", style="bold")
    text.append(f"{days_word(expect.reply_days)}\n")
    if expect.style is not None:
        text.append("Style: ", style="bold")
        text.append(f"{MENTOR_STYLES[expect.style][0]}\n")
    text.append("Confidentiality: ", style="bold")
    text.append("agreed\n" if expect.confidentiality_agreed else "not agreed yet\n")
    text.append("Agreement: ", style="bold")
    text.append(f"agreed on {short_day(expect.agreed_on, today)}" if expect.agreed_on
                else "not yet agreed (e edits it)")
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
            press = ": d when it arrives" if last.assignment_state == "given" else ""
            text.append(f"  ({state_label(last, today)}{press})", style="italic")
    for missed in missed_meetings(pair, today)[-MISSED_SHOWN:]:
        text.append("\nMissed: ", style="bold")
        text.append(f"{short_moment(missed.scheduled, today)}, {MEETING_KIND_NAMES[missed.kind].lower()} "
                    "(planned, never held)")
    text.append(f"\n{len(pair.held_meetings())} meetings held")
    return text


def _contacts(pair: Pair, today: date) -> Text:
    """The last contact of any kind, then the latest contacts logged between meetings."""
    text = Text("Last contact: ", style="bold")
    last = last_contact(pair)
    text.append(f"{short_day(last, today)} ({relative_day(last, today)})" if last else "none yet")
    logged = sorted(pair.contacts, key=lambda contact: contact.on, reverse=True)[:CONTACTS_SHOWN]
    for contact in logged:
        name = pair.mentor.name if contact.by == "mentor" else pair.mentee.name
        text.append(f"\n{short_day(contact.on, today)}  {CONTACT_WAY_NAMES[contact.way]} from {name}")
        if contact.note:
            text.append(f": {contact.note}")
    if not logged:
        text.append("\nNo check-in logged between meetings (c logs one).", style="dim")
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
