"""Markdown summaries of a meeting and of a whole pair, and their HTML (no Textual here).

Two kinds of text go into an export:

- **Our own structure** (headings, fact lists, tables, dates, counts) and every short piece
  of user text placed in it (names, titles, action items, decisions, goal fields, check-in
  notes). That user text goes through :func:`escape_text`: whitespace and line breaks
  collapse to single spaces and every character Markdown could read as syntax is escaped
  with a backslash, so ``|`` cannot split a table cell, ``# `` or ``1.`` cannot start a
  heading or list, and ``*``, ``[`` or backticks cannot turn into emphasis, links or code.
  ``<`` is written ``&lt;`` so that no viewer sees a tag (not every Markdown flavour
  reads ``\\<`` as an escape). Rendered, the text reads exactly as typed.
- **Meeting notes**, which people write in Markdown, keep their formatting and their
  lines; :func:`mentortui.core.safe_notes.summary_notes` makes raw HTML and dangerous links
  in them inert, closes a code fence they leave open and moves their headings below the
  section they sit in, so the summary's outline stays its own.

A meeting summary follows the agenda (each item with its planned and used time and the
notes taken under it), then the general notes, decisions, parked topics, new action items,
what happened to the items carried in ("From last time"), the assignment and the next
meeting. The pair report opens with an overview and a contents list whose links use
GitHub's heading anchors; the HTML gives every heading the same id
(:func:`heading_anchor`, :class:`Anchors`), so they work there too.

The HTML export (:func:`html_document`) is a complete UTF-8 page rendered with raw HTML
off, line breaks kept.

Every export is for someone (:data:`Audience`): for the other person of the pair (the
default; private notes are left out) or for me, when the caller passes my private notes
(meeting id to text) and each meeting's appear under a heading that says where they live.

Nothing here prints an id: the output depends only on what people typed and the dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from functools import cache, lru_cache
from html import escape as escape_html
from typing import TYPE_CHECKING, Any, Literal

from mentortui.core.action_items import (
    ActionIndex,
    CarriedResult,
    carried_outcomes,
    due_dates,
    index_actions,
    slipped_most,
    slips,
    summarize_actions,
)
from mentortui.core.agreement import frequency_note
from mentortui.core.contact_rules import missed_meetings
from mentortui.core.dates import due_phrase
from mentortui.core.models import (
    CLOSING_QUESTIONS,
    CONTACT_WAY_NAMES,
    MEETING_KIND_NAMES,
    MENTOR_STYLES,
    STAGE_NAMES,
    ActionItem,
    AgendaItem,
    Attendance,
    ClosingSummary,
    Contact,
    Goal,
    Meeting,
    Pair,
    Person,
    Role,
)
from mentortui.core.preparation import raised_mark, update_heading
from mentortui.core.safe_notes import SafeNotes, summary_notes
from mentortui.core.simple_html import simple_html
from mentortui.core.smart_goals import SMART_FIELDS, SMART_NAMES
from mentortui.core.worksheets import worksheet_title

if TYPE_CHECKING:  # markdown-it is imported when first needed: a Markdown report of plain notes never needs it
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

__all__ = ["PRIVATE_HEADING", "Anchors", "Audience", "audience_line", "duration", "escape_text",
           "heading_anchor", "held_meeting_number", "html_document", "meeting_markdown", "pair_markdown",
           "pair_sections", "to_html"]

Audience = Literal["them", "me"]
"""Who an export is for: "them", the other person of the pair, or "me"."""

PRIVATE_HEADING = "Private notes (only on this machine)"


def audience_line(pair: Pair, role: Role, audience: Audience) -> str:
    """What an export preview says about who it is for, ``role`` being whose machine this is."""
    if audience == "me":
        return "For: me (includes my private notes)"
    other = pair.mentee if role == "mentor" else pair.mentor
    return f"For: {other.name} (private notes left out)"


# --- Escaping user text ------------------------------------------------------------------

# Characters escaped wherever they are: inline syntax (code, emphasis, links, entities),
# table cell separators, a heading's closing "#"s, and "~" in case strikethrough is ever
# switched on. "<" (autolinks, raw HTML) is written as an entity instead.
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]>&|#~]")
# Characters that only mean something at the start of a block: list bullets, block quote,
# setext underline, and the "." or ")" after an ordered list number.
_LEADING_MARKERS = frozenset("-+=")
_LEADING_NUMBER = re.compile(r"(\d+)([.)])")


def escape_text(text: str) -> str:
    """User text made safe inside a heading, a list item, a table cell or a sentence.

    Runs of whitespace (line breaks included) become one space and the text is trimmed;
    Markdown syntax characters are backslash-escaped (every ASCII punctuation character
    that CommonMark or the table rule could read as structure, and no others, so that
    ordinary commas and full stops stay readable in the Markdown itself).
    """
    text = " ".join(text.split())
    if not text:
        return ""
    text = _INLINE_SYNTAX.sub(r"\\\g<0>", text).replace("<", "&lt;")
    if text[0] in _LEADING_MARKERS:
        return "\\" + text
    if match := _LEADING_NUMBER.match(text):
        return f"{match[1]}\\{match[2]}{text[match.end():]}"
    return text


def _escape_block(text: str) -> str:
    """Multi-line user text (an assignment) as escaped paragraphs: blank lines separate
    paragraphs, each line is escaped on its own and stays on its own line (a hard break,
    the trailing backslash, ends every line but a paragraph's last)."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    lines = ("\\\n".join(escaped for line in paragraph.split("\n") if (escaped := escape_text(line)))
             for paragraph in paragraphs)
    return "\n\n".join(paragraph for paragraph in lines if paragraph)


# --- HTML --------------------------------------------------------------------------------

# --- Heading anchors ---------------------------------------------------------------------

# What GitHub drops from a heading's text to make its anchor: everything but letters,
# digits, "_", "-" and spaces.
_NOT_IN_ANCHOR = re.compile(r"[^\w\- ]")
# Inline text without these reads as it is written, so it needs no parsing.
_INLINE_MARKUP = re.compile(r"[\\`*_\[\]<>&!~]")


def heading_anchor(text: str) -> str:
    """GitHub's anchor for a heading whose text reads ``text``: lower case, each space a
    "-", punctuation dropped ("Meeting 1: Thu 3 Sep 2026" is "meeting-1-thu-3-sep-2026")."""
    return _NOT_IN_ANCHOR.sub("", text.lower()).replace(" ", "-")


class Anchors:
    """The anchors of a document's headings, in order, with repeats numbered as GitHub
    numbers them: the second "Notes" is "notes-1"."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def add(self, text: str) -> str:
        """The anchor of the next heading, which reads ``text``."""
        base = anchor = heading_anchor(text)
        while anchor in self._seen:
            self._seen[base] += 1
            anchor = f"{base}-{self._seen[base]}"
        self._seen[anchor] = 0
        return anchor


def _inline_text(children: Iterable[Token]) -> str:
    """What a heading reads, from its inline tokens: text and code, not image text."""
    return "".join(child.content for child in children if child.type in ("text", "code_inline"))


# Where the anchors of a document converted in parts are kept between its parts.
_ANCHORS = "mentortui_anchors"


def _heading_ids(state: StateCore) -> None:
    """Give every heading the id GitHub would give it, so links to anchors work in the HTML;
    the headings of earlier parts of the same document count (see :func:`to_html`)."""
    anchors = state.env.setdefault(_ANCHORS, Anchors())
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            token.attrSet("id", anchors.add(_inline_text(tokens[index + 1].children or ())))


@cache
def _parser() -> MarkdownIt:
    """The parser of the HTML export: CommonMark and tables, raw HTML off, line breaks kept,
    heading ids."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False, "breaks": True}).enable("table")
    parser.core.ruler.push("heading_ids", _heading_ids)
    return parser


def _reads(markdown: str) -> str:
    """What one line of inline Markdown (a heading's) reads, rendered."""
    if _INLINE_MARKUP.search(markdown) is None:
        return markdown
    return _inline_text(_parser().parseInline(markdown)[0].children or ())

_STYLE = """\
body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 50em; margin: 2em auto;
       padding: 0 1em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #999; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: #eee; }
pre { background: #f4f4f4; padding: 0.6em; overflow-x: auto; }
code { font-family: ui-monospace, monospace; }
"""


def to_html(markdown: str | Sequence[str]) -> str:
    """CommonMark plus tables, with raw HTML off (any ``<tag>`` in user text, notes
    included, comes out escaped as ``&lt;tag&gt;``), every line break kept and every
    heading given its GitHub anchor as its id.

    ``markdown`` may be a document's parts, each whole blocks that start with a heading
    (:func:`pair_sections`): they are converted one at a time, which keeps the parser's
    work for a long report in proportion to its length, and give the HTML of the whole
    document. Heading ids count the headings of earlier parts, and a link may use a
    reference definition from any part (when there are any, the parts are converted a
    second time, knowing them all)."""
    if isinstance(markdown, str):
        return str(_parser().render(markdown))
    env: dict[str, Any] = {}
    html = [_part_html(part, env) for part in markdown]
    if env.get("references"):
        known = {"references": env["references"]}
        html = [_parser().render(part, known) for part in markdown]
    return "".join(html)


def _part_html(markdown: str, env: dict[str, Any]) -> str:
    """The HTML of one part of a document, written directly when its shapes are simple
    (:func:`simple_html`, the same bytes), else by the parser; ``env`` is the document's."""
    anchors = env.setdefault(_ANCHORS, Anchors())
    simple = simple_html(markdown, anchors.add)
    return str(_parser().render(markdown, env)) if simple is None else simple


def html_document(markdown: str | Sequence[str], title: str) -> str:
    """A complete HTML page of ``markdown`` (a document or its parts, as for
    :func:`to_html`): doctype, language, UTF-8 declared in the
    first bytes (so accented names read right when the file is opened), ``title`` (plain
    text, escaped here) and a small style sheet that makes the tables readable."""
    return (f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape_html(title)}</title>\n<style>\n{_STYLE}</style>\n</head>\n"
            f"<body>\n{to_html(markdown)}</body>\n</html>\n")


# --- Small formatting helpers ------------------------------------------------------------

@lru_cache(maxsize=4096)  # a long report writes the same few days many times
def _day(day: date) -> str:
    """"Wed 11 Nov 2026": exports are read later, so the year is always there."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def _moment(moment: datetime) -> str:
    return f"{_day(moment.date())} at {moment:%H:%M}"


def duration(seconds: int) -> str:
    """A length of time, the one way every export writes one: "27 s" under a minute (never
    "0:27" beside minutes), "12 min" to the nearest minute, "1 h 5 min" from an hour."""
    if 0 < seconds < 60:
        return f"{seconds} s"
    minutes = (seconds + 30) // 60
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def _minutes(count: int) -> str:
    return duration(count * 60)


def _short_days(days: list[date]) -> str:
    """Dates one after the other, "16 Nov → 23 Nov → 1 Dec", with the year when they span two."""
    form = "{d.day} {d:%b}" if len({day.year for day in days}) == 1 else "{d.day} {d:%b} {d.year}"
    return " → ".join(form.format(d=day) for day in days)


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _section(level: int, title: str, body: str) -> str:
    return f"{'#' * level} {title}\n\n{body}"


def _owner_name(pair: Pair, owner: str) -> str:
    if owner == "mentor":
        return escape_text(pair.mentor.name)
    if owner == "mentee":
        return escape_text(pair.mentee.name)
    return "Both"


# --- One meeting -------------------------------------------------------------------------

def held_meeting_number(pair: Pair, meeting: Meeting) -> int:
    """The meeting's 1-based position among the pair's held meetings, in date order.
    Raises ValueError for a meeting that has not been held."""
    for number, held in enumerate(pair.held_meetings(), start=1):
        if held.id == meeting.id:
            return number
    raise ValueError("the meeting has not been held")


def _attended(pair: Pair, attended: Attendance) -> str:
    """Who came, as recorded when the meeting ended."""
    mentor, mentee = (f"{escape_text(pair.mentor.name)} (mentor)", f"{escape_text(pair.mentee.name)} (mentee)")
    return {"both": f"{mentor} and {mentee}", "mentor": f"{mentor} only", "mentee": f"{mentee} only"}[attended]


def _time_fact(meeting: Meeting) -> str:
    planned = _minutes(meeting.planned_minutes)
    start, end = meeting.started_at, meeting.ended_at
    if start is None:
        return f"{meeting.scheduled:%H:%M}, not started (planned {planned})"
    if end is None:
        return f"started {start:%H:%M}, still running (planned {planned})"
    until = f"{end:%H:%M}" if end.date() == start.date() else _moment(end)
    since = f"{start:%H:%M}" if start.date() == meeting.scheduled.date() else _moment(start)
    return f"{since} to {until}, {_minutes(meeting.duration_minutes or 0)} (planned {planned})"


def _agenda_item(pair: Pair, item: AgendaItem) -> str:
    """The item's title; a topic one of the pair raised says who ("Salary (raised by Priya)")."""
    mark = raised_mark(pair, item)
    return escape_text(f"{item.title} ({mark})" if mark else item.title)


def _agenda(pair: Pair, meeting: Meeting, level: int, heads: list[str]) -> str:
    """Each agenda item as a heading at ``level`` with its planned and used time, then the
    notes taken under it (their own headings below ``level``)."""
    if not meeting.agenda:
        return "No agenda."
    timed = any(item.used_seconds for item in meeting.agenda)
    parts = [] if timed else ["No time was recorded per item."]
    for item in meeting.agenda:
        title = _agenda_item(pair, item)
        heads.append(title)
        used = f", {duration(item.used_seconds)} used" if timed else ""
        body = f"{_minutes(item.minutes)} planned{used}"
        notes = summary_notes(item.notes, below=level)
        if notes.text:
            heads.extend(notes.headings)
            body += f"\n\n{notes.text}"
        parts.append(_section(level, title, body))
    return "\n\n".join(parts)


def _assignment(meeting: Meeting) -> str:
    """The assignment as written, then, once the meeting has ended, when it is due and how far
    it got: "Due Tue 22 Sep 2026; received Mon 21 Sep 2026 and discussed at the next meeting"."""
    written = _escape_block(meeting.assignment)
    if not written:
        return "None given."
    if meeting.ended_at is None or (meeting.kind == "closing" and meeting.assignment_state == "given"):
        return written  # not due yet, or the last one: nothing comes after it to bring it to
    received = (f"received {_day(meeting.assignment_received_on)}"
                if meeting.assignment_received_on is not None else "")
    state = {
        "given": "not received",
        "received": received or "received",
        "discussed": f"{received} and discussed at the next meeting" if received else "discussed at the next meeting",
    }[meeting.assignment_state]
    line = f"Due {_day(meeting.assignment_due)}; {state}" if meeting.assignment_due else state[0].upper() + state[1:]
    return f"{written}\n\n{line}."


def _no_general_notes(meeting: Meeting) -> str:
    if any(item.notes.strip() for item in meeting.agenda):
        return "None beyond the notes under each agenda item."
    return "No notes."


def _status(item: ActionItem, today: date) -> str:
    if item.status == "done":
        return f"done {_day(item.done_on)}" if item.done_on else "done"
    if item.status == "dropped":
        return "dropped"
    return f"open, {due_phrase(item.due, today)}" if item.due else "open"


def _action_table(pair: Pair, items: list[ActionItem], today: date) -> str:
    rows = [
        (escape_text(item.text), _owner_name(pair, item.owner),
         _day(item.due) if item.due else "not set", _status(item, today))
        for item in items
    ]
    return _table(("What", "Who", "Delivery date", "Status"), rows)


def _slip_history(item: ActionItem) -> str:
    """"slipped twice: 16 Nov → 23 Nov → 1 Dec", or nothing for an item never pushed."""
    count = slips(item)
    return f"slipped {_times(count)}: {_short_days(due_dates(item))}" if count else ""


def _carried_line(pair: Pair, result: CarriedResult) -> str:
    item = result.item
    if result.outcome == "pushed":
        old = _day(result.old_due) if result.old_due else "no date"
        new = _day(result.new_due) if result.new_due else "no date"
        happened = f"pushed from {old} to {new}"
    elif result.outcome == "open":
        happened = f"still open, due {_day(result.old_due)}" if result.old_due else "still open"
    else:
        happened = result.outcome
    history = _slip_history(item)
    return (f"{escape_text(item.text)} ({_owner_name(pair, item.owner)}): {happened}"
            + (f"; {history}" if history else ""))


def _from_last_time(pair: Pair, meeting: Meeting, index: ActionIndex) -> str:
    results = carried_outcomes(pair, meeting, index)
    return _bullets(_carried_line(pair, result) for result in results) or "Nothing carried in."


def _next_meeting(pair: Pair, today: date) -> str:
    upcoming = pair.next_meeting(today)
    if upcoming is None:
        return "not set"
    return f"{_moment(upcoming.scheduled)}, {MEETING_KIND_NAMES[upcoming.kind].lower()}"


def _meeting(pair: Pair, meeting: Meeting, today: date, title: str, level: int,
             with_number: bool, with_next: bool, private_notes: Mapping[str, str] | None,
             heads: list[str], index: ActionIndex) -> str:
    """The meeting summary with its title at ``level``, its sections one below and the
    agenda's items and the notes' headings below those; the meeting's private notes after
    its notes when ``private_notes`` holds some. Every heading's text is added to ``heads``,
    in order. ``index`` is the pair's action items (:func:`index_actions`)."""
    sub = level + 1

    def section(heading: str, body: str, inner: tuple[str, ...] = ()) -> str:
        heads.append(heading)
        heads.extend(inner)
        return _section(sub, heading, body)

    heads.append(title)
    facts = [f"Kind: {MEETING_KIND_NAMES[meeting.kind]}"]
    if with_number and meeting.is_held:
        facts.append(f"Meeting number: {held_meeting_number(pair, meeting)}")
    facts.append(f"Time: {_time_fact(meeting)}")
    if meeting.attended is not None:
        facts.append(f"Attended: {_attended(pair, meeting.attended)}")
    actions = index.captured_in(meeting)
    notes = summary_notes(meeting.notes, below=sub)
    private = summary_notes(private_notes.get(meeting.id, ""), below=sub) if private_notes else SafeNotes("")
    parts = [
        f"{'#' * level} {title}",
        _bullets(facts),
    ]
    if meeting.mentee_update.strip():
        parts.append(section(escape_text(update_heading(pair)), _escape_block(meeting.mentee_update)))
    agenda_heads: list[str] = []
    agenda = _agenda(pair, meeting, sub + 1, agenda_heads)
    parts += [
        section("Agenda", agenda, tuple(agenda_heads)),
        section("Notes", notes.text or _no_general_notes(meeting), notes.headings),
    ]
    if private.text.strip():
        parts.append(section(PRIVATE_HEADING, private.text, private.headings))
    parts += [
        section("Decisions", _bullets(map(escape_text, meeting.decisions)) or "None recorded."),
        section("Parked topics", _bullets(map(escape_text, meeting.parked)) or "None."),
        section("New action items", _action_table(pair, actions, today) if actions else "None captured."),
        section("From last time", _from_last_time(pair, meeting, index)),
        section("Assignment for next time", _assignment(meeting)),
    ]
    if with_next:
        parts.append(section("Next meeting", _next_meeting(pair, today)))
    return "\n\n".join(parts) + "\n"


def meeting_title(pair: Pair, meeting: Meeting) -> str:
    """The summary's title, as plain text."""
    return f"{pair.mentee.name} with {pair.mentor.name}: meeting of {_day(meeting.scheduled.date())}"


def meeting_markdown(pair: Pair, meeting: Meeting, today: date,
                     private_notes: Mapping[str, str] | None = None) -> str:
    """The summary of one meeting, to send or keep: facts, each agenda item with its planned
    and used time, the notes as written, decisions, parked topics, its new action items,
    what happened to the items carried in, the assignment and the next meeting. ``today``
    decides what is overdue and which meeting is next. ``private_notes`` (meeting id to
    text) is given only for an export for me."""
    return _meeting(pair, meeting, today, escape_text(meeting_title(pair, meeting)), level=1,
                    with_number=True, with_next=True, private_notes=private_notes, heads=[],
                    index=index_actions(pair))


# --- The whole pair ----------------------------------------------------------------------

def _person(role: str, person: Person) -> str:
    extras = [escape_text(text) for text in (person.pronouns, person.contact) if text.strip()]
    return f"{role}: {escape_text(person.name)}" + (f" ({'; '.join(extras)})" if extras else "")


def _pair_facts(pair: Pair, today: date) -> str:
    """Who, the programme's dates, where the pair is and what comes next. A closed pair says
    when it closed instead of a next meeting, and its review point no longer matters."""
    facts = [
        _person("Mentee", pair.mentee),
        _person("Mentor", pair.mentor),
        f"Matched: {_day(pair.started_on)}",
    ]
    if pair.closed_on is not None:
        facts.append(f"Closed on {_day(pair.closed_on)}")
    elif pair.review_on is not None:
        facts.append(f"Review point: {_day(pair.review_on)} (continue or end)")
    if pair.ends_on is not None:
        facts.append(f"Programme end: {_day(pair.ends_on)}")
    facts += [f"Stage: {pair.stage} of 4, {STAGE_NAMES[pair.stage].lower()}",
              f"Meetings held: {len(pair.held_meetings())}"]
    if pair.closed_on is None:
        facts.append(f"Next meeting: {_next_meeting(pair, today)}")
    return _bullets([*facts, f"Report date: {_day(today)}"])


def _expectations(pair: Pair) -> str:
    """When the agreement was recorded, then what it says; a note when the agreed interval is
    not one the manuals advise."""
    expect = pair.expectations
    agreed = f"Agreed on {_day(expect.agreed_on)}." if expect.agreed_on else "Not yet agreed."
    style = "not chosen"
    if expect.style is not None:
        name, description = MENTOR_STYLES[expect.style]
        style = f"{name} ({description})"
    facts = _bullets([
        f"How often: every {expect.frequency_days} days",
        f"Format: {escape_text(expect.format) or 'not agreed'}",
        f"Length: {_minutes(expect.length_minutes)}",
        f"Topics: {escape_text(expect.topics) or 'not agreed'}",
        f"How we measure progress: {escape_text(expect.measure) or 'not agreed'}",
        f"Mentorship style: {style}",
        f"Reply time: within {expect.reply_days} day{'s' if expect.reply_days != 1 else ''}",
        f"Rescheduling: {escape_text(expect.reschedule) or 'not agreed'}",
        f"Confidentiality: {'agreed' if expect.confidentiality_agreed else 'not agreed yet'}",
    ])
    note = frequency_note(expect)
    return "\n\n".join(part for part in (agreed, facts, note) if part)


def _goal(goal: Goal, level: int, serves: Goal | None = None) -> str:
    """The goal under its heading at ``level``; ``serves`` is the long-term goal it serves."""
    facts = [
        f"Status: {goal.status}",
        f"Term: {goal.term}-term",
        *([f"Serves: {escape_text(serves.title)}"] if serves else []),
        f"Complete by: {_day(goal.complete_by) if goal.complete_by else 'not set'}",
        f"Progress: {goal.progress}%",
        "Planned check-ins: " + (", ".join(map(_day, goal.checkin_dates)) or "none"),
    ]
    facts += [f"{SMART_NAMES[field]}: {escape_text(getattr(goal, field)) or 'not written'}"
              for field in SMART_FIELDS]
    facts += [f"Revised {_day(old.revised_on)}; it was: {escape_text(old.title)}" for old in goal.history]
    checkins = (_table(("Date", "Progress", "Note"),
                       ((_day(c.on), f"{c.progress}%", escape_text(c.note)) for c in goal.checkins))
                if goal.checkins else "No check-ins yet.")
    return f"{'#' * level} {escape_text(goal.title)}\n\n{_bullets(facts)}\n\n{checkins}"


def _worksheets(pair: Pair, anchors: Anchors) -> str:
    """Each worksheet under its own heading, its sections one level down; what was written
    in a section is treated as notes (formatting kept, made safe, its headings moved below)."""
    parts = []
    for sheet in pair.worksheets:
        title = escape_text(worksheet_title(pair, sheet))
        anchors.add(_reads(title))
        facts = [f"Filled in: {_day(sheet.created_on)}"]
        parts += [f"### {title}", _bullets(facts)]
        for heading, text in sheet.sections():
            anchors.add(heading)
            written = summary_notes(text, below=4)
            for inner in written.headings:
                anchors.add(_reads(inner))
            parts.append(_section(4, heading, written.text or "Not written."))
    return "\n\n".join(parts)


def _closing(pair: Pair, closed_on: date, anchors: Anchors) -> str:
    """When the pair closed, then each closing question and its answer, the answer made safe
    as notes are (formatting kept, its headings moved below)."""
    parts = [f"Closed on {_day(closed_on)}."]
    summary = pair.closing or ClosingSummary()
    for field, question in CLOSING_QUESTIONS:
        anchors.add(_reads(escape_text(question)))
        written = summary_notes(getattr(summary, field), below=4)
        for inner in written.headings:
            anchors.add(_reads(inner))
        parts.append(_section(3, escape_text(question), written.text or "Not answered."))
    return "\n\n".join(parts)


_CONTACTS = "Check-ins between meetings"


def _by_date(contacts: list[Contact]) -> list[Contact]:
    return sorted(contacts, key=lambda contact: contact.on)


def _contacts(pair: Pair) -> str:
    """Every logged check-in between meetings, in date order: when, how, who, and its note."""
    rows = ((_day(contact.on), CONTACT_WAY_NAMES[contact.way], _owner_name(pair, contact.by),
             escape_text(contact.note) or "No note.")
            for contact in _by_date(pair.contacts))
    return _table(("Date", "How", "Who", "Note"), rows)


def _action_statistics(pair: Pair, today: date) -> str:
    rows = []
    for owner in ("mentee", "mentor", "both"):
        items = [item for item in pair.action_items if item.owner == owner]
        rows.append((
            _owner_name(pair, owner),
            str(sum(item.status == "open" for item in items)),
            str(sum(item.is_overdue(today) for item in items)),
            str(sum(item.status == "done" for item in items)),
            str(sum(item.status == "dropped" for item in items)),
            str(len(items)),
        ))
    return (f"{summarize_actions(pair, today).line()}.\n\n"
            + _table(("Who", "Open", "Overdue", "Done", "Dropped", "Total"), rows))


def pair_title(pair: Pair) -> str:
    """The report's title, as plain text."""
    return f"{pair.mentee.name} with {pair.mentor.name}: mentoring report"


# The overview's own headings, in order; none is named like a later section, so that the
# later sections keep their plain anchors.
_OVERVIEW = "Overview"
_OVERVIEW_PARTS = ("Meetings held", "Goals and progress", "Open and overdue action items", "Slipped most",
                   "Contents")
# How many open items and slipped items the overview lists, to stay on one screen.
_OVERVIEW_ITEMS = 8
_OVERVIEW_SLIPPED = 3


def _held_line(held: list[Meeting]) -> str:
    if not held:
        return "No meetings held yet."
    first, last = _day(held[0].scheduled.date()), _day(held[-1].scheduled.date())
    if len(held) == 1:
        return f"1 meeting, on {first}."
    return f"{len(held)} meetings, from {first} to {last}."


def _missed_line(pair: Pair, today: date) -> str:
    """" Missed: Tue 17 Nov 2026 (regular meeting).", or nothing when none was missed."""
    missed = missed_meetings(pair, today)
    if not missed:
        return ""
    days = ", ".join(f"{_day(m.scheduled.date())} ({MEETING_KIND_NAMES[m.kind].lower()})" for m in missed)
    return f" Missed (planned, never held): {days}."


def _contacts_line(pair: Pair) -> str:
    """" 2 check-ins between meetings, the last Wed 18 Nov 2026.", or nothing when none was logged."""
    if not pair.contacts:
        return ""
    count, last = len(pair.contacts), _by_date(pair.contacts)[-1].on
    return f" {count} check-in{'s' if count > 1 else ''} between meetings, the last {_day(last)}."


def _goal_line(goal: Goal) -> str:
    status = "" if goal.is_active else f" ({goal.status})"
    if goal.checkins:
        count = len(goal.checkins)
        checkins = f"{count} check-in{'s' if count > 1 else ''}, the last {_day(goal.checkins[-1].on)}"
    else:
        checkins = "no check-ins yet"
    return f"{escape_text(goal.title)}{status}: {goal.progress}%, {checkins}"


def _open_items(pair: Pair, today: date) -> str:
    """The summary line, then the open items, overdue first, as many as fit one screen."""
    items = sorted(pair.open_action_items(),
                   key=lambda item: (not item.is_overdue(today), item.due is None, item.due or date.max))
    lines = [f"{escape_text(item.text)} ({_owner_name(pair, item.owner)}): "
             + (due_phrase(item.due, today) if item.due else "no delivery date")
             for item in items[:_OVERVIEW_ITEMS]]
    if len(items) > _OVERVIEW_ITEMS:
        lines.append(f"and {len(items) - _OVERVIEW_ITEMS} more open")
    summary = summarize_actions(pair, today)
    return f"{summary.open} open, {summary.overdue} overdue." + (f"\n\n{_bullets(lines)}" if lines else "")


def _slipped(pair: Pair) -> str:
    items = slipped_most(pair, _OVERVIEW_SLIPPED)
    lines = [f"{escape_text(item.text)} ({_owner_name(pair, item.owner)}): {_slip_history(item)}"
             for item in items]
    return _bullets(lines) or "No delivery date was pushed."


def _contents(entries: list[tuple[str, str]]) -> str:
    """A list of links to headings: (text as Markdown, anchor)."""
    return _bullets(f"[{text}](#{anchor})" for text, anchor in entries)


def pair_markdown(pair: Pair, today: date, private_notes: Mapping[str, str] | None = None) -> str:
    """The report of the whole pair (:func:`pair_sections`) as one Markdown document."""
    return _joined(pair_sections(pair, today, private_notes))


def _joined(sections: list[str]) -> str:
    return "\n\n".join(sections) + "\n"


def pair_sections(pair: Pair, today: date, private_notes: Mapping[str, str] | None = None) -> list[str]:
    """A report of the whole pair: who; an overview (meetings held, goals with progress
    and check-ins, open and overdue action items, the items that slipped most, and a
    contents list linking to each meeting); what they agreed and when; every held meeting in
    order (the meeting summary one heading level down); the check-ins logged between meetings;
    every goal with its SMART fields and check-ins; worksheets; a closed pair's closing summary;
    and action item statistics. Action items not captured in a held meeting
    get a table of their own so that none is missing. ``private_notes`` as for
    :func:`meeting_markdown`.

    The report comes as its parts, each whole blocks starting with a heading (the title,
    each part of the overview, each meeting, ...): joined by blank lines they are
    :func:`pair_markdown`, and :func:`to_html` converts them one at a time."""
    held = pair.held_meetings()
    index = index_actions(pair)
    title = escape_text(pair_title(pair))
    anchors = Anchors()
    for heading in (title, _OVERVIEW, *_OVERVIEW_PARTS):
        anchors.add(_reads(heading))
    contents = [("Expectations", anchors.add("Expectations"))]
    body: list[str] = [_section(2, "Expectations", _expectations(pair))]
    for number, meeting in enumerate(held, start=1):
        heads: list[str] = []
        heading = f"Meeting {number}: {_day(meeting.scheduled.date())}"
        body.append(_meeting(pair, meeting, today, heading, level=2, with_number=False,
                             with_next=False, private_notes=private_notes, heads=heads,
                             index=index).rstrip("\n"))
        contents.append((heading, anchors.add(heads[0])))
        for inner in heads[1:]:
            anchors.add(_reads(inner))
    if not held:
        anchors.add("Meetings")
        body.append(_section(2, "Meetings", "No meetings held yet."))
    if pair.contacts:
        contents.append((_CONTACTS, anchors.add(_CONTACTS)))
        body.append(_section(2, _CONTACTS, _contacts(pair)))
    contents.append(("Goals", anchors.add("Goals")))
    for goal in pair.goals:
        anchors.add(" ".join(goal.title.split()))
    goals = "\n\n".join(_goal(goal, 3, pair.goal(goal.serves)) for goal in pair.goals)
    body.append(_section(2, "Goals", goals or "No goals yet."))
    if pair.worksheets:
        contents.append(("Worksheets", anchors.add("Worksheets")))
        body.append(_section(2, "Worksheets", _worksheets(pair, anchors)))
    if pair.closed_on is not None:
        contents.append(("Closing summary", anchors.add("Closing summary")))
        body.append(_section(2, "Closing summary", _closing(pair, pair.closed_on, anchors)))
    contents.append(("Action items", anchors.add("Action items")))
    body.append(_section(2, "Action items", _action_statistics(pair, today)))
    held_ids = {meeting.id for meeting in held}
    elsewhere = [item for item in pair.action_items if item.meeting_id not in held_ids]
    if elsewhere:
        body.append(_section(3, "Not from a held meeting", _action_table(pair, elsewhere, today)))
    goal_lines = _bullets(map(_goal_line, pair.goals)) or "No goals yet."
    overview = [
        _section(2, _OVERVIEW, _section(3, _OVERVIEW_PARTS[0], _held_line(held) + _missed_line(pair, today)
                                                 + _contacts_line(pair))),
        _section(3, _OVERVIEW_PARTS[1], goal_lines),
        _section(3, _OVERVIEW_PARTS[2], _open_items(pair, today)),
        _section(3, _OVERVIEW_PARTS[3], _slipped(pair)),
        _section(3, _OVERVIEW_PARTS[4], _contents(contents)),
    ]
    return [f"# {title}\n\n{_pair_facts(pair, today)}", *overview, *body]


class ExportError(ValueError):
    """What was asked for cannot be exported; the message says why, for a person."""


def pick_meeting(pair: Pair, which: str) -> Meeting:
    """A held meeting by its number (1 is the first held) or "latest"."""
    held = pair.held_meetings()
    if not held:
        raise ExportError(f"{pair.title} has no held meeting yet")
    if which == "latest":
        return held[-1]
    if not which.isdigit() or not 1 <= int(which) <= len(held):
        raise ExportError(f"there is no meeting {which!r}: give a number from 1 to {len(held)} or 'latest'")
    return held[int(which) - 1]


def export_document(pair: Pair, today: date, meeting: str | None = "latest", html: bool = False,
                    private_notes: Mapping[str, str] | None = None) -> str:
    """A meeting summary (``meeting`` a number or "latest"), or with ``meeting=None`` the
    pair report; as a complete HTML page when asked; with ``private_notes`` only for me."""
    if meeting is None:
        sections = pair_sections(pair, today, private_notes)
        return html_document(sections, pair_title(pair)) if html else _joined(sections)
    held = pick_meeting(pair, meeting)
    markdown = meeting_markdown(pair, held, today, private_notes)
    return html_document(markdown, meeting_title(pair, held)) if html else markdown
