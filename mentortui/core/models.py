"""The pair and everything in it, as validated pydantic models (no Textual here).

A pair is one mentor and one mentee; its meetings, action items, goals and custom
conversation starters all live in one file (see ``store``). Every text a person typed
is cleaned of control characters on the way in, so nothing from a note can ever send
an escape sequence to a terminal or into an export.
"""

from __future__ import annotations

import re
import uuid
import weakref
from datetime import date, datetime, time
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
)

SCHEMA_VERSION = 2

# C0 controls except tab and newline, DEL, and C1 controls.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ANSI_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?")


def clean_text(text: str) -> str:
    """Drop terminal escape sequences and control characters; keep tabs and newlines."""
    if _CONTROL_CHARS.search(text) is None:  # no ESC and no CR either: nothing to change
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_CHARS.sub("", _ANSI_SEQUENCE.sub("", text))


def _require_text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("must be text")
    return clean_text(value)


def _require_line(value: object) -> str:
    return " ".join(_require_text(value).split())


def _not_blank(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValueError("must not be empty")
    return text


def _strict_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError("must be a date written like 2026-12-04")


def _strict_datetime(value: object) -> datetime:
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError("must be a date and time written like 2026-12-04T17:30") from None
    elif isinstance(value, datetime):
        moment = value
    else:
        raise ValueError("must be a date and time written like 2026-12-04T17:30")
    if moment.tzinfo is not None or moment.microsecond:
        moment = moment.replace(tzinfo=None, microsecond=0)
    return moment


Text = Annotated[str, BeforeValidator(_require_text)]
Line = Annotated[str, BeforeValidator(_require_line)]
Title = Annotated[str, BeforeValidator(_require_line), AfterValidator(_not_blank)]
Day = Annotated[date, BeforeValidator(_strict_date)]
Moment = Annotated[datetime, BeforeValidator(_strict_datetime)]
Minutes = Annotated[int, Field(ge=0, le=24 * 60, strict=True)]

Owner = Literal["mentor", "mentee", "both"]
MeetingKind = Literal["first", "needs_1", "needs_2", "regular", "closing"]
ActionStatus = Literal["open", "done", "dropped"]
CarriedOutcomeKind = Literal["done", "dropped", "pushed", "open"]
GoalTerm = Literal["short", "long"]
GoalStatus = Literal["active", "achieved", "revised", "dropped"]
Role = Literal["mentor", "mentee"]
Stage = Annotated[int, Field(ge=1, le=4, strict=True)]
ContactWay = Literal["email", "phone", "chat", "video", "in_person", "other"]
Attendance = Literal["both", "mentor", "mentee"]
AssignmentState = Literal["given", "received", "discussed"]
WorksheetKind = Literal["grow", "swot"]
MentorStyle = Literal["advisor", "protector", "developer", "broker", "challenger", "clarifier", "sponsor",
                      "affirmer"]

MEETING_KIND_NAMES: dict[str, str] = {
    "first": "First meeting",
    "needs_1": "Defining needs 1",
    "needs_2": "Defining needs 2",
    "regular": "Regular meeting",
    "closing": "Closing meeting",
}

OWNER_NAMES: dict[str, str] = {"mentor": "Mentor", "mentee": "Mentee", "both": "Both"}

CONTACT_WAY_NAMES: dict[str, str] = {
    "email": "e-mail",
    "phone": "phone",
    "chat": "chat",
    "video": "video call",
    "in_person": "in person",
    "other": "other",
}

ATTENDANCE_NAMES: dict[str, str] = {"both": "both", "mentor": "the mentor only", "mentee": "the mentee only"}

ASSIGNMENT_STATE_NAMES: dict[str, str] = {"given": "given", "received": "received", "discussed": "discussed"}

MENTOR_STYLES: dict[str, tuple[str, str]] = {
    "advisor": ("Advisor", "recommends what to do, from their own path and expertise"),
    "protector": ("Protector", "a safety net through a risky change, without fighting the mentee's battles"),
    "developer": ("Developer", "listens and observes, points out warning signs and strengths"),
    "broker": ("Broker", "finds what the mentee wants to learn and connects them with the right people"),
    "challenger": ("Challenger", "pushes back, plays devil's advocate, holds high standards"),
    "clarifier": ("Clarifier", "explains how the organisation works, its values and its politics"),
    "sponsor": ("Sponsor", "opens doors: introductions, visibility, recommendations"),
    "affirmer": ("Affirmer", "listens first, builds confidence, supports through stress"),
}

STAGE_NAMES: dict[int, str] = {
    1: "Building the relationship",
    2: "Exchanging information and setting goals",
    3: "Working towards goals",
    4: "Closing and planning ahead",
}


def new_id() -> str:
    return uuid.uuid4().hex[:12]


class Model(BaseModel):
    """Base for every stored model: unknown fields are kept, input never echoed in errors."""

    model_config = ConfigDict(
        extra="allow",
        hide_input_in_errors=True,
        validate_assignment=True,
        str_strip_whitespace=False,
    )


class Stamped(Model):
    """A record a merge can reason about: when it last changed, and on whose machine.
    Both are set by the store when it saves a change (see ``storage.stamping``); None on
    a record no one has changed since files carried stamps.

    Every field of a record holds an immutable value (text, dates, tuples, frozen parts),
    so a record changes only by assignment, and every assignment marks it edited (see
    ``EDITED``): a save re-encodes the records edited since the last one, not the pair."""

    updated_at: Moment | None = None
    updated_by: Role | None = None

    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(name, value)
        EDITED[id(self)] = self


EDITED: weakref.WeakValueDictionary[int, Stamped] = weakref.WeakValueDictionary()
"""Every record assigned to since a save last encoded it (see ``storage.snapshots``), by
``id()``; a record no longer used anywhere leaves it by itself."""

Part = TypeVar("Part", bound=Model)


def revised(part: Part, **changes: object) -> Part:
    """A validated copy of a frozen part of a record (an agenda item, a check-in) with
    ``changes``; the record then takes it by assignment."""
    return type(part).model_validate({**part.model_dump(), **changes})


class Person(Model):
    name: Title
    pronouns: Line = ""
    contact: Line = ""


class Expectations(Model):
    """What the seeds say a pair should agree on at the first meeting."""

    frequency_days: Annotated[int, Field(ge=1, le=365, strict=True)] = 14
    format: Line = "video call"
    length_minutes: Annotated[int, Field(ge=5, le=480, strict=True)] = 60
    topics: Line = ""
    reschedule: Line = ""
    confidentiality_agreed: Annotated[bool, Field(strict=True)] = False
    measure: Line = ""
    """How the two will measure the mentee's progress."""
    reply_days: Annotated[int, Field(ge=1, le=30, strict=True)] = 2
    """How many days each expects the other to take to answer a message."""
    style: MentorStyle | None = None
    agreed_on: Day | None = None
    """When the agreement was last recorded; None while it was never talked through."""


class AgendaItem(Model):
    model_config = ConfigDict(frozen=True)

    id: str = Field(default_factory=new_id)
    title: Title
    minutes: Minutes = 5
    source: Literal["template", "action_item", "goal_checkin", "starter", "typed", "parked"] = "typed"
    ref: str | None = None
    hint: Line = ""
    used_seconds: Annotated[int, Field(ge=0, strict=True)] = 0
    # Who put the item on the agenda, when it was one of the two people rather than a plan.
    raised_by: Role | None = None
    # What was noted under this item; the meeting's own ``notes`` are its general notes.
    notes: Text = ""


class CarriedOutcome(Model):
    """What a meeting did with one action item carried in from an earlier meeting: its
    delivery date when the meeting took it up, and the new one when it was pushed."""

    model_config = ConfigDict(frozen=True)

    item_id: str
    outcome: CarriedOutcomeKind = "open"
    old_due: Day | None = None
    new_due: Day | None = None


class Meeting(Stamped):
    id: str = Field(default_factory=new_id)
    kind: MeetingKind = "regular"
    scheduled: Moment
    planned_minutes: Minutes = 60
    agenda: tuple[AgendaItem, ...] = ()
    notes: Text = ""
    decisions: tuple[Title, ...] = ()
    assignment: Text = ""
    parked: tuple[Title, ...] = ()
    started_at: Moment | None = None
    ended_at: Moment | None = None
    current_item: str | None = None
    current_since: Moment | None = None
    # Once a meeting starts, ``scheduled`` is when it really started; ``planned_for`` keeps
    # when it had been planned, if that was another moment.
    planned_for: Moment | None = None
    # Ended, but it did not really happen: kept in the file, counted nowhere.
    not_held: Annotated[bool, Field(strict=True)] = False
    # What the mentee wrote, before the meeting, about how things went since the last one.
    mentee_update: Text = ""
    # What happened, in this meeting, to the action items carried in from earlier ones.
    carried: tuple[CarriedOutcome, ...] = ()
    # Who came, recorded when the meeting ends; None on meetings ended before it was asked.
    attended: Attendance | None = None
    # The assignment for the next meeting: when it is due and how far it got.
    assignment_due: Day | None = None
    assignment_state: AssignmentState = "given"
    assignment_received_on: Day | None = None

    def change_item(self, item_id: str, **changes: object) -> AgendaItem:
        """Put a copy of one agenda item with ``changes`` in its place; returns the copy."""
        index = next(index for index, item in enumerate(self.agenda) if item.id == item_id)
        changed = revised(self.agenda[index], **changes)
        self.agenda = (*self.agenda[:index], changed, *self.agenda[index + 1:])
        return changed

    def is_missed(self, today: date) -> bool:
        """Planned, never started, and its day has passed."""
        return self.started_at is None and self.ended_at is None and self.scheduled.date() < today

    @property
    def is_held(self) -> bool:
        return self.ended_at is not None and not self.not_held

    @property
    def usual_time(self) -> time:
        """The time of day the meeting was planned for: the pair's usual time."""
        return (self.planned_for or self.scheduled).time()

    @property
    def is_running(self) -> bool:
        return self.started_at is not None and self.ended_at is None

    @property
    def duration_minutes(self) -> int | None:
        if self.started_at is None or self.ended_at is None:
            return None
        return max(0, round((self.ended_at - self.started_at).total_seconds() / 60))


class ActionItem(Stamped):
    id: str = Field(default_factory=new_id)
    text: Title
    owner: Owner
    due: Day | None = None
    status: ActionStatus = "open"
    meeting_id: str | None = None
    goal_id: str | None = None
    done_on: Day | None = None
    # Earlier delivery dates, one for each time the date was pushed; it only grows.
    due_history: tuple[Day, ...] = ()

    def is_overdue(self, today: date) -> bool:
        return self.status == "open" and self.due is not None and self.due < today


class CheckIn(Model):
    model_config = ConfigDict(frozen=True)

    on: Day
    progress: Annotated[int, Field(ge=0, le=100, strict=True)]
    note: Text = ""


class SmartWording(Model):
    """What a goal says: its title, the five SMART fields and when it should be done."""

    title: Title
    specific: Text = ""
    measurable: Text = ""
    achievable: Text = ""
    relevant: Text = ""
    time_bound: Text = ""
    complete_by: Day | None = None


class GoalVersion(SmartWording):
    """A goal's wording as it stood before a revision."""

    model_config = ConfigDict(frozen=True)

    revised_on: Day


class Goal(SmartWording, Stamped):
    id: str = Field(default_factory=new_id)
    term: GoalTerm = "short"
    checkin_dates: tuple[Day, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    status: GoalStatus = "active"
    history: tuple[GoalVersion, ...] = ()
    # The long-term goal this short-term goal serves, if any.
    serves: str | None = None

    @property
    def is_active(self) -> bool:
        """Still being worked on: a revised goal goes on under its new wording."""
        return self.status in ("active", "revised")

    @property
    def progress(self) -> int:
        return self.checkins[-1].progress if self.checkins else 0


class CustomStarter(Stamped):
    id: str = Field(default_factory=new_id)
    text: Title
    group: str = "custom"


class AskedStarter(Model):
    model_config = ConfigDict(frozen=True)

    starter_id: str
    meeting_id: str | None = None
    on: Day


class Contact(Stamped):
    """A check-in between meetings: an e-mail, a call, a chat message."""

    id: str = Field(default_factory=new_id)
    on: Day
    by: Role
    way: ContactWay = "email"
    note: Line = ""


WORKSHEET_SECTIONS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "grow": (
        ("goal", "Goal", "What do you want to achieve, and how will you know you got there?"),
        ("reality", "Reality", "Where are you now? What have you tried, and what stands in the way?"),
        ("options", "Options", "What could you do? Which options have you not yet considered?"),
        ("will", "Will", "What will you do, by when, and who will support you?"),
    ),
    "swot": (
        ("strengths", "Strengths", "What do you do well? What do others ask you for?"),
        ("weaknesses", "Weaknesses", "What do you avoid, or find hard? Where do others see room to grow?"),
        ("opportunities", "Opportunities", "What changes, people or openings around you could you use?"),
        ("threats", "Threats", "What could get in your way: at work, in the field, in your own habits?"),
    ),
}
WORKSHEET_NAMES: dict[str, str] = {"grow": "GROW", "swot": "Personal SWOT"}


class Worksheet(Stamped):
    """A GROW or personal SWOT worksheet, for the pair or for one goal."""

    id: str = Field(default_factory=new_id)
    kind: WorksheetKind
    goal_id: str | None = None
    meeting_id: str | None = None
    created_on: Day
    goal: Text = ""
    reality: Text = ""
    options: Text = ""
    will: Text = ""
    strengths: Text = ""
    weaknesses: Text = ""
    opportunities: Text = ""
    threats: Text = ""

    def sections(self) -> list[tuple[str, str]]:
        """Each of the kind's sections: its heading and what was written."""
        return [(heading, getattr(self, field)) for field, heading, _ in WORKSHEET_SECTIONS[self.kind]]


CLOSING_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("goals_reached", "Which goals were reached, and what moved on the others?"),
    ("takes_forward", "What does the mentee take forward: what will they remember most?"),
    ("challenges_ahead", "What challenges lie ahead?"),
    ("support_needed", "What other support may the mentee still need, and from whom?"),
    ("keep_in_touch", "Will you stay in touch, and how?"),
    ("eval_most_useful", "Programme evaluation: what was most useful?"),
    ("eval_improve", "Programme evaluation: what should the programme do differently?"),
    ("eval_recommend", "Programme evaluation: would you recommend it to others, and why?"),
)


class ClosingSummary(Model):
    """What the closing meeting settled, written when the relationship ends."""

    goals_reached: Text = ""
    takes_forward: Text = ""
    challenges_ahead: Text = ""
    support_needed: Text = ""
    keep_in_touch: Text = ""
    eval_most_useful: Text = ""
    eval_improve: Text = ""
    eval_recommend: Text = ""


RecordTable = Literal["meetings", "action_items", "goals", "custom_starters", "contacts", "worksheets"]
RECORD_TABLES: tuple[RecordTable, ...] = ("meetings", "action_items", "goals", "custom_starters", "contacts",
                                          "worksheets")
"""The lists of records a merge matches by id, stamps and keeps tombstones for."""


class Tombstone(Model):
    """A record deleted on this side, kept for a while so that a merge can tell a
    deletion from a record the other side never had."""

    table: RecordTable
    id: str
    deleted_at: Moment
    deleted_by: Role | None = None


class ReviewOption(Model):
    """One side's value in something a merge could not decide."""

    by: Role | None = None
    value: object = None


class ReviewItem(Model):
    """Something a merge could not decide on its own, for a person to settle.

    ``kind`` is "notes" (both changed the same lines: both versions kept, one after the
    other), "deleted_edited" (one deleted a record the other changed: the record is kept),
    or "field" (both set a short field differently: the later change is in place)."""

    id: str = Field(default_factory=new_id)
    kind: Literal["notes", "deleted_edited", "field"]
    table: RecordTable | Literal["pair"]
    record_id: str
    field: str = ""
    title: Line = ""
    options: list[ReviewOption] = Field(default_factory=list)
    found_at: Moment


class PairInfo(Stamped):
    """The pair's own facts, without its meetings, items and goals."""

    mentor: Person
    mentee: Person
    expectations: Expectations = Field(default_factory=Expectations)
    stage: Stage = 1
    started_on: Day
    """The match date: the relationship's start."""
    hidden_starters: list[str] = Field(default_factory=list)
    review_role: Role = "mentee"
    review_on: Day | None = None
    """The review point, when the two decide to go on or to end."""
    ends_on: Day | None = None
    """When the programme ends for this pair, if it has a set end."""
    closed_on: Day | None = None
    closing: ClosingSummary | None = None

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None


class Pair(PairInfo):
    meetings: list[Meeting] = Field(default_factory=list)
    action_items: list[ActionItem] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    custom_starters: list[CustomStarter] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)
    worksheets: list[Worksheet] = Field(default_factory=list)
    asked: list[AskedStarter] = Field(default_factory=list)
    deleted: list[Tombstone] = Field(default_factory=list)
    review: list[ReviewItem] = Field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.mentee.name} with {self.mentor.name}"

    def held_meetings(self) -> list[Meeting]:
        return sorted((m for m in self.meetings if m.is_held), key=lambda m: m.scheduled)

    def last_meeting(self) -> Meeting | None:
        held = self.held_meetings()
        return held[-1] if held else None

    def next_meeting(self, today: date) -> Meeting | None:
        """The earliest meeting planned for today or later and not yet held; a planned
        meeting whose day passed without it being held does not count."""
        planned = [m for m in self.meetings if m.ended_at is None and m.scheduled.date() >= today]
        return min(planned, key=lambda m: m.scheduled) if planned else None

    def action_item(self, item_id: str | None) -> ActionItem | None:
        return next((item for item in self.action_items if item.id == item_id), None)

    def goal(self, goal_id: str | None) -> Goal | None:
        return next((goal for goal in self.goals if goal.id == goal_id), None)

    def open_action_items(self) -> list[ActionItem]:
        return [item for item in self.action_items if item.status == "open"]

    def overdue_action_items(self, today: date) -> list[ActionItem]:
        return [item for item in self.action_items if item.is_overdue(today)]
