"""A pair's home: who they are, what they agreed, the next meeting, open work and goals."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding

from mentortui import collector
from mentortui.core.agreement import update_pair
from mentortui.core.builtin_content import load_content
from mentortui.core.dates import short_day, short_moment
from mentortui.core.live_meeting import mark_not_held, unfinished_meeting
from mentortui.core.models import (
    CONTACT_WAY_NAMES,
    MEETING_KIND_NAMES,
    Contact,
    Pair,
    Role,
    WorksheetKind,
)
from mentortui.core.planning import plan_next_meeting
from mentortui.dialogs.confirm import ConfirmScreen
from mentortui.dialogs.early_start import confirm_start
from mentortui.dialogs.ground_rules import GroundRulesScreen, ground_rules_markdown
from mentortui.dialogs.worksheet import edit_worksheet
from mentortui.screens.assignment_received import receive_assignment
from mentortui.screens.kept_screens import KeptScreen, KeptScreens
from mentortui.screens.pair_home_body import PairHomeBody
from mentortui.screens.pair_home_lifecycle import PairLifecycleActions
from mentortui.storage.session import PairSession
from mentortui.widgets.keys_footer import KeysFooter
from mentortui.widgets.title_header import TitleHeader


class PairHomeScreen(PairLifecycleActions):
    # The help panel (`?`) shows the programme's ground rules; the content is bundled, read once.
    HELP = ground_rules_markdown(load_content().checklists["program_rules"])
    BINDINGS = [
        # The footer shows what fits in 80 columns; the rest are in the palette and help (?).
        Binding("escape", "close_pair", "Pairs", id="back", show=False),
        Binding("a", "agenda", "Agenda", id="agenda"),
        Binding("s", "starters", "Starters", id="starters", show=False),
        Binding("m", "meeting", "Meeting", id="meeting"),
        Binding("i", "action_items", "Action items", id="action_items"),
        Binding("g", "goals", "Goals", id="goals"),
        Binding("b", "review", "Before next", id="review"),
        # Quitting stays on q (and in the palette); its room goes to Before next.
        Binding("q", "app.quit", "Quit", id="home_quit", show=False),
        Binding("c", "log_contact", "Log contact", id="log_contact", show=False),
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

    def __init__(self, session: PairSession) -> None:
        super().__init__(session)
        self.kept = KeptScreens(self, _kept_kinds)
        """The action items, goals and Before next screens, built once for this pair."""

    def compose(self) -> ComposeResult:
        yield TitleHeader()
        yield PairHomeBody(self.session)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = self.pair.title

    def on_unmount(self) -> None:
        self.kept.release()
        if not self.app.is_ending:  # back to the list, not quitting: what the pair kept alive can go
            collector.release_frozen()

    def on_screen_resume(self) -> None:
        if self.is_shown:
            self.show_home()
            self.refresh_bindings()
            self.kept.build_ahead_later()
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
        if self.refuse_if_read_only():
            return

        def answered(yes: bool | None) -> None:
            if yes:
                mark_not_held(self.pair, last)
                self.save()
                self.notify(f"The meeting of {when} is marked not held.", markup=False)
                self.show_home()

        when = short_moment(last.scheduled, self.app.today())
        question = (f"Mark the {MEETING_KIND_NAMES[last.kind].lower()} of {when} as not held? It stays in "
                    "the file with its notes, but no longer counts as held: not in the pair list, "
                    "the last meeting or exports.")
        self.app.push_screen(ConfirmScreen(question, confirm="Mark not held", cancel="Keep it",
                                           focus_cancel=True), answered)

    def action_edit_pair(self) -> None:
        """The pair form on the pair as it is: names, how to reach each other, the agreement
        and the programme dates; a changed agreement is recorded as agreed today."""
        if self.refuse_if_closed() or self.refuse_if_read_only():
            return
        from mentortui.dialogs.pair_form import PairFormScreen

        def edited(result: Pair | None) -> None:
            if result is not None:
                agreed = update_pair(self.pair, result, self.app.today())
                self.save()
                self.notify("Saved; the agreement is recorded as agreed today." if agreed else "Saved.",
                            markup=False)
                self.sub_title = self.pair.title
                self.show_home()

        self.app.push_screen(PairFormScreen(self.app.today(), self.pair, day_first=self.app.day_first), edited)

    def action_action_items(self) -> None:
        from mentortui.screens.action_list import ActionItemsScreen

        self.kept.show(ActionItemsScreen)

    def action_goals(self) -> None:
        from mentortui.screens.goals import GoalsScreen

        self.kept.show(GoalsScreen)

    def action_export(self) -> None:
        from mentortui.core.export import pair_markdown

        pair, today = self.pair, self.app.today()
        self.preview_export(f"Report: {pair.title}", f"{self.session.slug}-report-{today:%Y-%m-%d}",
                             lambda private_notes: pair_markdown(pair, today, private_notes))

    def action_review(self) -> None:
        from mentortui.screens.before_next import BeforeNextScreen

        self.kept.show(BeforeNextScreen)

    def action_log_contact(self) -> None:
        """Log an e-mail, call or chat between meetings: it counts for the contact rules."""
        if self.refuse_if_closed() or self.refuse_if_read_only():
            return
        from mentortui.dialogs.contact_log import ContactDraft, ContactLogScreen

        def logged(draft: ContactDraft | None) -> None:
            if draft is None:
                return
            self.pair.contacts.append(Contact(on=draft.on, by=draft.by, way=draft.way, note=draft.note))
            self.save()
            self.notify(f"Logged: {CONTACT_WAY_NAMES[draft.way]}, {short_day(draft.on, self.app.today())}.",
                        markup=False)
            self.show_home()

        names: dict[Role, str] = {"mentor": self.pair.mentor.name, "mentee": self.pair.mentee.name}
        self.app.push_screen(ContactLogScreen(self.session.role, names, self.app.today(), day_first=self.app.day_first),
                             logged)

    def action_assignment_received(self) -> None:
        """Mark the last meeting's assignment as received."""
        if self.refuse_if_closed() or self.refuse_if_read_only():
            return
        if receive_assignment(self):
            self.show_home()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "sync_review":
            return bool(self.pair.review)
        if action == "sync_now":
            return self.app.sync.shared
        return True

    def refresh_sync_status(self) -> None:
        """Show the unshared changes and the review count as they are now."""
        if self.is_shown:
            self.show_home()
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


def _kept_kinds() -> tuple[type[KeptScreen], ...]:
    """The screens the pair home keeps, in the order they are built ahead."""
    from mentortui.screens.action_list import ActionItemsScreen
    from mentortui.screens.before_next import BeforeNextScreen
    from mentortui.screens.goals import GoalsScreen

    return ActionItemsScreen, GoalsScreen, BeforeNextScreen
