"""The pair home's contents: who the two are and what they agreed, where they are in the
programme, meetings, goals, contacts and open action items, read from the pair each time
they are shown and put into the widgets already there."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalGroup, VerticalScroll
from textual.widgets import Static

from mentortui.core.action_items import select_actions
from mentortui.core.agreement import frequency_note
from mentortui.core.assignments import state_label
from mentortui.core.builtin_content import BuiltinContent
from mentortui.core.contact_rules import last_contact, missed_meetings, warnings
from mentortui.core.dates import days_word, due_phrase, relative_day, short_day, short_moment
from mentortui.core.lifecycle import (
    ReviewTalk,
    programme_position,
    review_talk,
    stage_label,
    suggested_stage,
)
from mentortui.core.live_meeting import unfinished_meeting
from mentortui.core.models import (
    CONTACT_WAY_NAMES,
    MEETING_KIND_NAMES,
    MENTOR_STYLES,
    OWNER_NAMES,
    STAGE_NAMES,
    ActionItem,
    Meeting,
    Pair,
    Person,
)
from mentortui.core.preparation import prepared_line
from mentortui.core.sync_summary import describe_review, describe_unshared
from mentortui.storage.session import PairSession
from mentortui.widgets.app_seam import UsesMentorApp
from mentortui.widgets.tables import Column, ColumnPlan, FittedRow, FittedTable, cursor_key
from mentortui.widgets.tones import tone

# One line per item, the text cut with an ellipsis: the action items screen shows it whole.
ACTION_COLUMNS = ColumnPlan(
    (Column("what", "What", 16), Column("who", "Who", 6), Column("due", "Delivery", 11), Column("when", "When", 16)),
    flexible="what", drop_order=("due",), wrap=False,
)
CONTACTS_SHOWN = 3
MISSED_SHOWN = 3


# One of the lines above the panels that are there only when they apply: its id and text.
Line = tuple[str, Text]


class HomeLines(VerticalGroup):
    """The lines that come and go (closed, stage, review point, sync, warnings, a running
    meeting): updated in place while the same lines apply, rebuilt when that changes."""

    def __init__(self, lines: list[Line]) -> None:
        super().__init__(id="lines")
        self._lines = lines

    def compose(self) -> ComposeResult:
        for line_id, text in self._lines:
            yield Static(text, id=line_id)

    def show(self, lines: list[Line]) -> None:
        self._lines = lines
        # Against the lines mounted now: a rebuild asked for earlier may not have run yet.
        if [child.id for child in self.children] == [line_id for line_id, _ in lines]:
            for line_id, text in lines:
                show_text(self.get_child_by_id(line_id, Static), text)
        else:
            self.refresh(recompose=True)


class PairHomeBody(UsesMentorApp, VerticalScroll):
    """Everything below the header. Built once; show() puts the pair as it is now into the
    same widgets, so coming back from another screen costs what changed on it."""

    def __init__(self, session: PairSession) -> None:
        super().__init__(id="home")
        self.session = session

    def compose(self) -> ComposeResult:
        pair, today = self.session.pair, self.app.today()
        yield Static(self._title(), id="pair-title")
        yield HomeLines(list(self._lines(pair, today)))
        panels = _panels(pair, today)
        with Horizontal(id="columns"):
            with Vertical(id="facts", classes="panel"):
                yield Static("The pair", classes="panel-title")
                yield Static(panels["facts-text"], id="facts-text")
            with Vertical(id="meetings", classes="panel"):
                for panel_id, title in (("meetings-text", "Meetings"), ("goals-text", "Goals"),
                                        ("contacts-text", "Contacts")):
                    yield Static(title, classes="panel-title")
                    yield Static(panels[panel_id], id=panel_id)
        yield Static("Open action items", classes="panel-title", id="items-title")
        table = FittedTable(ACTION_COLUMNS, id="action-items")
        table.show_rows(_action_rows(pair, today, tone(self.app, "error")))
        yield table

    def show(self) -> None:
        """Show the pair as it is now, in the widgets already there."""
        pair, today = self.session.pair, self.app.today()
        show_text(self.query_one("#pair-title", Static), self._title())
        self.query_one(HomeLines).show(list(self._lines(pair, today)))
        for panel_id, text in _panels(pair, today).items():
            show_text(self.query_one(f"#{panel_id}", Static), text)
        table = self.query_one("#action-items", FittedTable)
        table.show_rows(_action_rows(pair, today, tone(self.app, "error")), cursor_key(table))

    def _lines(self, pair: Pair, today: date) -> Iterable[Line]:
        yield from _lifecycle_lines(pair, today, self.app.content)
        status = sync_status(self.app.sync.unshared if self.app.sync.shared else 0, len(pair.review))
        if status:
            yield "sync-status", Text(status, style="bold")
        found = warnings(pair, today)
        if found:
            yield "warning", Text("\n".join(f"! {warning}" for warning in found), style="bold")
        running = unfinished_meeting(pair)
        # A closed pair offers no keys: m is refused until it is reopened.
        if running is not None and not pair.is_closed:
            yield "running", Text(f"Meeting under way since {running.started_at:%a %d %b %H:%M}: "
                                  "press m to go back to it", style="bold")

    def _title(self) -> Text:
        title = Text(self.session.pair.title, style="bold")
        if self.session.read_only:
            title.append("  (read-only: changes are not saved)", style="italic")
        return title


def show_text(static: Static, text: Text | str) -> None:
    """Put ``text`` into ``static`` unless it holds it already: an update lays the screen
    out again, which coming back to an unchanged home need not pay for."""
    if static.content != text:
        static.update(text)


def sync_status(unshared: int, to_review: int) -> str:
    """'3 changes not shared yet (y syncs now) · 1 thing to review (press r)', or "" when
    all is in step."""
    parts = [f"{describe_unshared(unshared)} (y syncs now)" if unshared else ""]
    if to_review:
        parts.append(f"{describe_review(to_review)} (press r)")
    return " · ".join(part for part in parts if part)


def _lifecycle_lines(pair: Pair, today: date, content: BuiltinContent) -> Iterable[Line]:
    """Closed (prominent), or where the pair is in its programme, with the stage the signs
    point to and the review point's conversation when they apply."""
    if pair.closed_on is not None:
        yield "closed", Text(f"Closed on {short_day(pair.closed_on, today)}: read-only "
                             "(palette: Reopen pair to change it)", style="bold reverse")
        return
    yield "programme", Text(f"Programme: {programme_position(pair, today)}")
    if suggestion := suggested_stage(pair):
        stage, sign = suggestion
        yield "stage-suggestion", Text(f"Move to stage {stage}? {sign[:1].upper()}{sign[1:]}: press p to move to "
                                       f"{stage_label(stage).lower()} (t picks another)", style="italic")
    if (talk := review_talk(pair, today, content)) and pair.review_on is not None:
        yield "review-point", Text(f"Review point {relative_day(pair.review_on, today)}: "
                                   f"{_review_words(talk, today)}", style="bold")


def _review_words(talk: tuple[ReviewTalk, date | None], today: date) -> str:
    """Where the continue-or-end conversation is, and the key for its next step."""
    state, day = talk
    if state == "planned" and day is not None:
        return f"time to talk about going on or ending; its questions are on the agenda of {short_day(day, today)}"
    if state == "asked" and day is not None:
        return (f"the continue-or-end questions were asked on {short_day(day, today)}. Going on: palette "
                "\"We continue\". Ending: make the next meeting a closing one (a)")
    return "time to talk about going on or ending (v puts the questions for it on the next agenda)"


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
                else "not yet agreed" if pair.is_closed else "not yet agreed (e edits it)")
    return text


def _when_and_kind(meeting: Meeting, today: date) -> str:
    """"Thu 10 Dec 18:00 (in 14 days), regular meeting"."""
    return (f"{short_moment(meeting.scheduled, today)} ({relative_day(meeting.scheduled.date(), today)}), "
            f"{MEETING_KIND_NAMES[meeting.kind].lower()}")


def _meetings(pair: Pair, today: date) -> Text:
    text = Text()
    upcoming = pair.next_meeting(today)
    text.append("Next: ", style="bold")
    if upcoming is None:
        text.append("none planned\n")
    else:
        text.append(f"{_when_and_kind(upcoming, today)}\n")
        if prepared := prepared_line(pair, upcoming):
            text.append(f"  {prepared} (b)\n", style="italic")
    last = pair.last_meeting()
    text.append("Last: ", style="bold")
    if last is None:
        text.append("no meeting held yet")
    else:
        text.append(_when_and_kind(last, today))
        if last.assignment:
            text.append("\nAssignment: ", style="bold")
            text.append(last.assignment)
            press = ": d when it arrives" if last.assignment_state == "given" and not pair.is_closed else ""
            text.append(f"  ({state_label(last, today)}{press})", style="italic")
    for missed in missed_meetings(pair, today)[-MISSED_SHOWN:]:
        text.append("\nMissed: ", style="bold")
        text.append(f"{short_moment(missed.scheduled, today)}, {MEETING_KIND_NAMES[missed.kind].lower()} "
                    "(planned, never held)")
    held = len(pair.held_meetings())
    text.append(f"\n{held} meeting{'s' if held != 1 else ''} held")
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
        press = "" if pair.is_closed else " (c logs one)"
        text.append(f"\nNo check-in logged between meetings{press}.", style="dim")
    return text


def _goals(pair: Pair, today: date) -> Text:
    text = Text()
    active = [goal for goal in pair.goals if goal.is_active]
    others = _other_goals(pair)
    if not active:
        return Text(f"No active goals ({others})" if others else "No active goals yet.")
    for goal in active:
        text.append(f"{goal.progress:>3}% ", style="bold")
        text.append(goal.title)
        if goal.complete_by:
            text.append(f"  by {short_day(goal.complete_by, today)}", style="dim")
        text.append("\n")
    if others:
        text.append(f"Also {others}", style="dim")
    text.rstrip()
    return text


def _other_goals(pair: Pair) -> str:
    """"1 achieved, 2 dropped": the goals no longer worked on, so the panel does not hide them."""
    counts = [(sum(goal.status == status for goal in pair.goals), status) for status in ("achieved", "dropped")]
    return ", ".join(f"{count} {status}" for count, status in counts if count)


def _panels(pair: Pair, today: date) -> dict[str, Text]:
    """The panels' texts by widget id."""
    return {"facts-text": _facts(pair, today), "meetings-text": _meetings(pair, today),
            "goals-text": _goals(pair, today), "contacts-text": _contacts(pair, today)}


def _action_rows(pair: Pair, today: date, late: Style) -> list[FittedRow]:
    rows = []
    for item in select_actions(pair, today, "open", sort="due"):
        due, when = _due_cells(item, today, late)
        rows.append(FittedRow({"what": Text(item.text), "who": Text(OWNER_NAMES[item.owner]), "due": due,
                               "when": when}, key=item.id))
    return rows or [FittedRow({"what": Text("Nothing open.")})]


def _due_cells(item: ActionItem, today: date, late: Style) -> tuple[Text, Text]:
    if item.due is None:
        return Text("no date", style="italic"), Text("")
    phrase = due_phrase(item.due, today)
    return Text(short_day(item.due, today)), Text(phrase, style=late if item.is_overdue(today) else "")
