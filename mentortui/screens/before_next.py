"""Before our next meeting: one page of what is coming, what I owe, where goals stand,
last meeting's notes and questions to prepare; `/` searches the pair. The mentee writes
their update for the next meeting here, and either of them raises topics for it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from mentortui.core import preparation
from mentortui.core.assignments import state_label
from mentortui.core.before_checklist import Sharing, before_meeting
from mentortui.core.dates import due_phrase, relative_day, short_day, short_moment
from mentortui.core.meeting_notes import meeting_text
from mentortui.core.models import MEETING_KIND_NAMES, ActionItem, Meeting, Pair, Role
from mentortui.core.planning import plan_next_meeting, planned_agenda
from mentortui.core.smart_goals import next_checkin
from mentortui.dialogs.mentee_update import MenteeUpdateScreen
from mentortui.dialogs.prompt import PromptAnswer, PromptScreen
from mentortui.dialogs.search import SearchScreen
from mentortui.screens.assignment_received import receive_assignment
from mentortui.screens.goals import progress_bar
from mentortui.screens.kept_screens import KeptScreen
from mentortui.storage.session import PairSession
from mentortui.widgets.checklist_panel import ChecklistPanel
from mentortui.widgets.keys_footer import KeysFooter
from mentortui.widgets.notes_view import NotesView
from mentortui.widgets.title_header import TitleHeader
from mentortui.widgets.tones import tone

ROLE_NAMES = {"mentor": "mentor", "mentee": "mentee"}
TOPIC_MINUTES = 5


class BeforeNextScreen(KeptScreen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("w", "write_update", "My update", id="write_update"),
        Binding("t", "raise_topic", "Raise a topic", id="raise_topic"),
        # The page's first line names r, and the notes' title [ and ]; the footer keeps to 120 columns.
        Binding("r", "switch_role", "Switch role", id="switch_role", show=False),
        Binding("left_square_bracket", "show_meeting(-1)", "Earlier notes", id="earlier", show=False),
        Binding("right_square_bracket", "show_meeting(1)", "Later notes", id="later", show=False),
        Binding("slash", "search", "Search", id="search"),
        Binding("c", "toggle_checklist", "Checklist", id="checklist", show=False),
        # The footer shows what fits in 80 columns; export is in the palette and help (?).
        Binding("x", "export", "Export notes", id="export", show=False),
        # Named on the assignment's line and in the palette.
        Binding("d", "assignment_received", "Assignment received", id="assignment_received", show=False),
    ]

    def __init__(self, session: PairSession) -> None:
        super().__init__(session)
        held = session.pair.held_meetings()
        self._shown = len(held) - 1
        # Whose page this is: the machine's person, until `r` shows the other's (a view
        # choice for as long as the screen is open, never written into the pair).
        self._role: Role = session.role

    def compose(self) -> ComposeResult:
        yield TitleHeader()
        with Horizontal(id="review"):
            with VerticalScroll(id="summary"):
                yield Static(id="coming")
                yield ChecklistPanel("Before the meeting", key="c", id="checklist")
                yield Static(id="owed")
                yield Static(id="goals")
                yield Static(id="questions")
            with Vertical(id="notes-pane"):
                yield Static(id="notes-title")
                with VerticalScroll(id="notes-scroll"):
                    yield NotesView(id="notes")
        yield KeysFooter()

    def first_show(self) -> None:
        self.sub_title = f"Before our next meeting · {self.pair.title}"
        self._show_summary()
        self._show_notes()

    def revisit(self) -> None:
        """Open again as it first opened: the last meeting's notes, seen as the machine's
        person; the resume that follows shows the pair as it is now."""
        self.sub_title = f"Before our next meeting · {self.pair.title}"
        self._shown = len(self.pair.held_meetings()) - 1
        self._role = self.session.role

    def on_screen_resume(self) -> None:
        """Back from another screen (goals, say): show the pair as it is now."""
        if self.is_shown:
            held = len(self.pair.held_meetings())
            self._shown = max(0, min(held - 1, self._shown))
            self._show_summary()
            self._show_notes()

    def _show_summary(self) -> None:
        pair, today, role = self.pair, self.app.today(), self._role
        upcoming = pair.next_meeting(today)
        self.query_one("#coming", Static).update(_coming(pair, upcoming, today, role))
        sharing = Sharing(self.app.sync.shared, self.app.sync.unshared)
        checklist = self.app.content.checklists["before_meeting"]
        self.query_one(ChecklistPanel).show(before_meeting(checklist, pair, role, upcoming, today, sharing))
        owed = Text()
        _owed(owed, "What I owe", preparation.owed_by(pair, role, today), today, tone(self.app, "error"))
        other = preparation.other_role(role)
        _owed(owed, f"What the {other} owes", preparation.owed_by(pair, other, today), today,
              tone(self.app, "error"))
        self.query_one("#owed", Static).update(owed)
        self.query_one("#goals", Static).update(_goals(pair, today))
        questions = preparation.questions_to_prepare(pair, self.app.content, role, upcoming)
        text = Text("Questions I might prepare\n", style="bold")
        for question in questions:
            text.append(f"- {question.text}\n")
        if not questions:
            text.append("(none left that fit; see the starters screen)\n")
        text.rstrip()
        self.query_one("#questions", Static).update(text)

    def _show_notes(self) -> None:
        held = self.pair.held_meetings()
        title = self.query_one("#notes-title", Static)
        notes = self.query_one("#notes", NotesView)
        if not held:
            title.update("No meeting held yet.")
            notes.show("")
            return
        meeting = held[self._shown]
        today = self.app.today()
        title.update(Text(f"Notes of {short_moment(meeting.scheduled, today)} "
                          f"({MEETING_KIND_NAMES[meeting.kind].lower()}, meeting {self._shown + 1} of {len(held)})"
                          "   [ earlier  ] later", style="bold"))
        notes.show(meeting_text(meeting) or "_No notes were taken._")

    def action_back(self) -> None:
        self.dismiss()

    def action_assignment_received(self) -> None:
        """Mark the last meeting's assignment as received."""
        if self.refuse_if_closed() or self._refused_read_only():
            return
        if receive_assignment(self):
            self._show_summary()

    def action_toggle_checklist(self) -> None:
        self.query_one(ChecklistPanel).toggle()

    def action_export(self) -> None:
        held = self.pair.held_meetings()
        if held:
            self.preview_meeting_summary(held[self._shown])

    def action_switch_role(self) -> None:
        self._role = preparation.other_role(self._role)
        self.notify(f"Showing what the {self._role} owes first", markup=False)
        self._show_summary()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The update is the mentee's own: only the mentee's machine offers to write it."""
        if action == "write_update":
            return self.session.role == "mentee"
        return True

    def _refused_read_only(self) -> bool:
        if self.session.read_only:
            self.notify("Open read-only: nothing written here would be saved.", severity="warning",
                        markup=False)
        return self.session.read_only

    def _meeting_to_prepare(self) -> Meeting:
        """The next meeting, planned now (on the agreed interval) when there is none."""
        today = self.app.today()
        planned = self.pair.next_meeting(today) is not None
        meeting = plan_next_meeting(self.pair, today, self.app.content)
        if not planned:
            self.notify(f"Planned the next meeting for {short_moment(meeting.scheduled, today)}; "
                        "the agenda (a) can change it.", markup=False)
        return meeting

    def action_write_update(self) -> None:
        if self.refuse_if_closed() or self._refused_read_only():
            return
        upcoming = self.pair.next_meeting(self.app.today())

        def written(update: str | None) -> None:
            if update is None:
                return
            meeting = self._meeting_to_prepare()
            meeting.mentee_update = update
            self.save()
            self.notify("Your update is saved for the next meeting." if update else "Your update is cleared.",
                        markup=False)
            self._show_summary()

        title = "My update since last time: what I did, what went well, where I am stuck"
        self.app.push_screen(MenteeUpdateScreen(title, upcoming.mentee_update if upcoming else ""), written)

    def action_raise_topic(self) -> None:
        if self.refuse_if_closed() or self._refused_read_only():
            return

        def raised(answer: PromptAnswer | None) -> None:
            if answer is None:
                return
            meeting = self._meeting_to_prepare()
            minutes = TOPIC_MINUTES if answer.minutes is None else answer.minutes
            preparation.raise_topic(meeting, answer.text, minutes, self.session.role)
            self.save()
            self.notify(f"On the next meeting's agenda: {answer.text}", markup=False)
            self._show_summary()

        self.app.push_screen(PromptScreen("A topic I want to raise at the next meeting", "", TOPIC_MINUTES),
                             raised)

    def action_show_meeting(self, offset: int) -> None:
        held = self.pair.held_meetings()
        if held:
            self._shown = max(0, min(len(held) - 1, self._shown + offset))
            self._show_notes()

    def show_meeting_id(self, meeting_id: str) -> bool:
        held = self.pair.held_meetings()
        for index, meeting in enumerate(held):
            if meeting.id == meeting_id:
                self._shown = index
                self._show_notes()
                return True
        return False

    def action_search(self) -> None:
        def chosen(hit: preparation.SearchHit | None) -> None:
            if hit is None:
                return
            if hit.meeting_id and self.show_meeting_id(hit.meeting_id):
                return
            if hit.goal_id:
                from mentortui.screens.goals import GoalsScreen

                self.app.push_screen(GoalsScreen(self.session))
            else:
                self.notify("That result is not from a held meeting.", markup=False)

        self.app.push_screen(SearchScreen(self.pair), chosen)

    def palette_commands(self) -> Iterable[SystemCommand]:
        if self.session.role == "mentee":
            yield SystemCommand("Write my update", "What happened since the last meeting, for the next one",
                                self.action_write_update)
        yield SystemCommand("Raise a topic", "Put a topic I want to raise on the next agenda", self.action_raise_topic)
        yield SystemCommand("Switch role", "See the page as the mentor or the mentee", self.action_switch_role)
        yield SystemCommand("Search the pair", "Notes, decisions, action items, goals", self.action_search)
        yield SystemCommand("Assignment received", "The last meeting's assignment has arrived (d)",
                            self.action_assignment_received)
        yield SystemCommand("Before-the-meeting checklist", "Fold or show it (c)", self.action_toggle_checklist)
        yield SystemCommand("Export these notes", "The shown meeting's summary as Markdown", self.action_export)
        yield SystemCommand("Earlier meeting notes", "One meeting back", lambda: self.action_show_meeting(-1))
        yield SystemCommand("Later meeting notes", "One meeting on", lambda: self.action_show_meeting(1))


def _coming(pair: Pair, upcoming: Meeting | None, today: date, role: Role) -> Text:
    text = Text(f"Seen as the {ROLE_NAMES[role]} (r switches)\n\n", style="dim")
    text.append("Next meeting: ", style="bold")
    if upcoming is None:
        text.append("not set yet\n")
    else:
        text.append(f"{short_moment(upcoming.scheduled, today)}, {relative_day(upcoming.scheduled.date(), today)}, "
                    f"{MEETING_KIND_NAMES[upcoming.kind].lower()}\n")
        for item in planned_agenda(pair, upcoming):
            text.append(f"  - {item.title} ({item.minutes} min)")
            if item.raised_by:
                text.append(f"  {preparation.raised_mark(pair, item)}", style="italic")
            text.append("\n")
    last = pair.last_meeting()
    if last is not None and last.assignment:
        text.append("Assignment for it: ", style="bold")
        text.append(last.assignment)
        press = ": d when it arrives" if last.assignment_state == "given" else ""
        text.append(f"  ({state_label(last, today)}{press})\n", style="italic")
    if upcoming is not None and upcoming.mentee_update:
        text.append(f"{preparation.update_heading(pair, role)}:\n", style="bold")
        text.append(f"{upcoming.mentee_update}\n")
    text.rstrip()
    return text


def _owed(text: Text, heading: str, items: list[ActionItem], today: date, late_style: Style) -> None:
    text.append(f"\n{heading} ({len(items)})\n", style="bold")
    for item in items:
        text.append(f"- {item.text}")
        if item.due is None:
            text.append("  no date\n", style="dim")
            continue
        late = item.is_overdue(today)
        text.append(f"  {short_day(item.due, today)}, ")
        text.append(due_phrase(item.due, today), style=late_style if late else "")
        text.append("\n")


def _goals(pair: Pair, today: date) -> Text:
    text = Text("\nGoals\n", style="bold")
    active = [goal for goal in pair.goals if goal.is_active]
    for goal in active:
        text.append_text(progress_bar(goal.progress))
        text.append(f"  {goal.title}")
        upcoming = next_checkin(goal, today)
        if upcoming:
            text.append(f"  (check-in {short_day(upcoming, today)})", style="dim")
        text.append("\n")
    if not active:
        text.append("No active goals.\n")
    return text
