"""Markdown export (``mentortui.core.export``): golden files of the demo pair, any user text
escaped so it reads back as typed and cannot change the structure, notes kept with their
formatting and their lines without swallowing what follows, nothing live in the Markdown
even for a viewer with raw HTML on, and HTML as a complete page with no raw HTML let through.

Regenerate the golden files after an intended change with
``UPDATE_GOLDEN=1 python -m pytest tests/test_export.py``, then read the diff.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
from datetime import date, datetime, timedelta
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from pydantic import ValidationError

from mentortui.cli import main
from mentortui.core import safe_notes
from mentortui.core.demo import demo_pair
from mentortui.core.export import (
    escape_text,
    export_document,
    held_meeting_number,
    meeting_markdown,
    pair_markdown,
    to_html,
)
from mentortui.core.models import (
    ActionItem,
    AgendaItem,
    CheckIn,
    Contact,
    Goal,
    Meeting,
    Pair,
    Person,
)
from mentortui.core.smart_goals import revise
from mentortui.storage.store import PairStore
from tests.conftest import TODAY

GOLDEN = Path(__file__).parent / "golden"
PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")
# How the most permissive viewer reads the .md: raw HTML on and, unlike markdown-it's
# default, every link accepted (some viewers check no scheme at all).
PERMISSIVE = MarkdownIt("commonmark", {"html": True}).enable("table")
PERMISSIVE.validateLink = lambda url: True
ACTION_HEADER = ["What", "Who", "Delivery date", "Status"]
PROPERTY_SETTINGS = settings(max_examples=200, derandomize=True, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


# --------------------------------------------------------------------------- helpers


def normalize(text: str) -> str:
    return " ".join(text.split())


def plain(token) -> str:
    """The text of an inline token that must be plain text: no emphasis, code, link,
    image, break or HTML came out of it."""
    kinds = {child.type for child in token.children}
    assert kinds <= {"text"}, f"{token.content!r} parsed as {kinds}"
    return "".join(child.content for child in token.children)


def tables(tokens) -> list[list[list[str]]]:
    """Every table as rows of cell texts (header row first)."""
    found, rows, row = [], None, None
    for token in tokens:
        if token.type == "table_open":
            rows = []
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and row is not None:
            row.append(plain(token))
        elif token.type == "tr_close":
            rows.append(row)
            row = None
        elif token.type == "table_close":
            found.append(rows)
            rows = None
    return found


def action_table(markdown: str) -> list[list[str]]:
    matching = [table for table in tables(PARSER.parse(markdown)) if table[0] == ACTION_HEADER]
    assert len(matching) == 1
    return matching[0]


def headings(tokens, tag: str | None = None) -> list[str]:
    return [tokens[index + 1].content for index, token in enumerate(tokens)
            if token.type == "heading_open" and (tag is None or token.tag == tag)]


def section_inlines(tokens, title: str) -> list:
    """The inline tokens between the heading called ``title`` and the next heading."""
    start = next(index for index, token in enumerate(tokens)
                 if token.type == "inline" and index and tokens[index - 1].type == "heading_open"
                 and token.content == title)
    inlines = []
    for token in tokens[start + 2:]:
        if token.type == "heading_open":
            break
        if token.type == "inline":
            inlines.append(token)
    return inlines


def shape(tokens) -> list[tuple]:
    """The block structure of a parsed document, without the inline text."""
    return [(token.type, token.tag, token.level) for token in tokens if token.type != "inline"]


def is_dangerous(url: str) -> bool:
    """An href or src a browser would run (it ignores whitespace and case in the scheme)."""
    return re.match(r"(javascript|vbscript|data|file):",
                    "".join(char for char in url if char > " ").lower()) is not None


# The notes as typed, read safely: raw HTML shown as text, each line on its own line, a
# dangerous link shown as the text typed.
AS_TYPED = MarkdownIt("commonmark", {"html": False, "breaks": True}).enable("table")
AS_TYPED.validateLink = lambda url: not is_dangerous(url)
MARKDOWN_ATTRIBUTES = {"href", "src", "alt", "title", "class", "start"}


class Tags(HTMLParser):
    """Every tag, comment and processing instruction in an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.other: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_comment(self, data):
        self.other.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.other.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.other.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.other.append(f"<![{data}]>")


def assert_inert(markdown: str) -> None:
    """Rendered by a viewer with raw HTML on that follows any link, the Markdown holds
    only tags Markdown itself makes, no event handler and no dangerous link."""
    rendered = PERMISSIVE.render(markdown)
    assert "<script" not in rendered.lower()
    parsed = Tags()
    parsed.feed(rendered)
    parsed.close()
    assert not parsed.other, parsed.other
    assert {tag for tag, _ in parsed.tags} <= ALLOWED_TAGS, rendered
    for tag, attributes in parsed.tags:
        assert {name for name, _ in attributes} <= MARKDOWN_ATTRIBUTES, (tag, attributes)
        assert not [value for name, value in attributes if name in ("href", "src") and is_dangerous(value or "")]
    assert not re.search(r"<[^>]*\son\w+\s*=", re.sub(r'"[^"]*"', '""', rendered))


def last_meeting(pair: Pair) -> Meeting:
    return pair.held_meetings()[-1]


def valid(build, *args, **kwargs):
    """Build a model, or discard the example the way the app would refuse the input."""
    try:
        return build(*args, **kwargs)
    except ValidationError:
        assume(False)


# --------------------------------------------------------------------------- 1. golden files


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs; if intended, rerun with UPDATE_GOLDEN=1 and review the diff"


def test_meeting_summary_of_the_demo_pair_matches_the_golden_file():
    pair = demo_pair(TODAY)
    check_golden("meeting_summary.md", meeting_markdown(pair, last_meeting(pair), TODAY))


def test_pair_report_of_the_demo_pair_matches_the_golden_file():
    check_golden("pair_report.md", pair_markdown(demo_pair(TODAY), TODAY))


def test_exports_never_show_ids_so_they_do_not_change_between_runs():
    first, second = demo_pair(TODAY), demo_pair(TODAY)  # fresh random ids each time
    assert pair_markdown(first, TODAY) == pair_markdown(second, TODAY)
    assert (meeting_markdown(first, last_meeting(first), TODAY)
            == meeting_markdown(second, last_meeting(second), TODAY))
    report = pair_markdown(first, TODAY)
    ids = [m.id for m in first.meetings] + [i.id for i in first.action_items] + [g.id for g in first.goals]
    ids += [item.id for m in first.meetings for item in m.agenda]
    assert not [identifier for identifier in ids if identifier in report]


def test_meeting_summary_sections_in_the_given_order():
    pair = demo_pair(TODAY)
    tokens = PARSER.parse(meeting_markdown(pair, last_meeting(pair), TODAY))
    assert headings(tokens, "h1") == ["Priya Raman with Dana Okafor: meeting of Wed 11 Nov 2026"]
    ours = [h for h in headings(tokens, "h2")
            if h in ("Agenda", "Notes", "Decisions", "Parked topics", "New action items",
                     "From last time", "Assignment for next time", "Next meeting")]
    assert ours == ["Agenda", "Notes", "Decisions", "Parked topics", "New action items", "From last time",
                    "Assignment for next time", "Next meeting"]
    facts = [plain(token) for token in [t for t in tokens if t.type == "inline"][1:4]]
    # The demo's meetings ended before attendance was asked: the summary does not invent it.
    assert facts == ["Kind: Regular meeting", "Meeting number: 6",
                     "Time: 18:00 to 18:47, 47 min (planned 45 min)"]
    assert not any(t.content.startswith("Attended") for t in tokens if t.type == "inline")
    assert [plain(t) for t in section_inlines(tokens, "Next meeting")] == [
        "Sat 28 Nov 2026 at 18:00, regular meeting"]


def test_pair_report_has_every_held_meeting_in_order_one_level_down():
    pair = demo_pair(TODAY)
    tokens = PARSER.parse(pair_markdown(pair, TODAY))
    meetings = [h for h in headings(tokens, "h2") if h.startswith("Meeting ")]
    assert meetings == [f"Meeting {n}: {m.scheduled:%a} {m.scheduled.day} {m.scheduled:%b %Y}"
                        for n, m in enumerate(pair.held_meetings(), start=1)]
    assert headings(tokens, "h3").count("Notes") == 6
    assert headings(tokens, "h3")[-3:] == [goal.title for goal in pair.goals]
    checkin_tables = [t for t in tables(tokens) if t[0] == ["Date", "Progress", "Note"]]
    assert [len(t) - 1 for t in checkin_tables] == [1, 2]
    stats = next(t for t in tables(tokens) if t[0][0] == "Who")
    assert stats[1:] == [["Priya Raman", "2", "1", "2", "1", "5"], ["Dana Okafor", "1", "1", "2", "0", "3"],
                         ["Both", "1", "0", "0", "0", "1"]]
    assert "4 open, 2 overdue, 3 done on time, 1 done late." in [t.content for t in tokens]


# --------------------------------------------------------------------------- details


def test_held_meeting_number_counts_held_meetings_in_date_order():
    pair = demo_pair(TODAY)
    pair.meetings.reverse()  # the list order must not matter
    held = sorted((m for m in pair.meetings if m.is_held), key=lambda m: m.scheduled)
    assert [held_meeting_number(pair, m) for m in held] == [1, 2, 3, 4, 5, 6]
    assert held_meeting_number(pair.model_copy(deep=True), held[2]) == 3
    upcoming = next(m for m in pair.meetings if not m.is_held)
    with pytest.raises(ValueError):
        held_meeting_number(pair, upcoming)


def test_agenda_shows_used_time_once_any_item_was_timed():
    pair = demo_pair(TODAY)
    meeting = last_meeting(pair)
    meeting.change_item(meeting.agenda[0].id, used_seconds=245)
    meeting.change_item(meeting.agenda[1].id, used_seconds=3723)
    tokens = PARSER.parse(meeting_markdown(pair, meeting, TODAY))
    assert [[plain(t) for t in section_inlines(tokens, item.title)] for item in meeting.agenda] == [
        ["5 min planned, 4 min used"], ["30 min planned, 1 h 2 min used"], ["10 min planned, 0 min used"]]
    meeting.agenda = []
    assert "No agenda." in meeting_markdown(pair, meeting, TODAY)


def test_only_this_meetings_action_items_and_next_meeting_not_set():
    pair = demo_pair(TODAY)
    first = pair.held_meetings()[0]
    pair.meetings = [m for m in pair.meetings if m.is_held]
    markdown = meeting_markdown(pair, first, TODAY)
    assert [row[0] for row in action_table(markdown)[1:]] == [
        "Send a calendar invite for every other Thursday", "List three strengths and three gaps"]
    tokens = PARSER.parse(markdown)
    assert [plain(t) for t in section_inlines(tokens, "Next meeting")] == ["not set"]


def test_empty_sections_say_so_and_an_assignment_keeps_its_lines():
    pair = demo_pair(TODAY)
    meeting = last_meeting(pair)
    pair.action_items = []
    meeting.notes = "  \n\n"
    meeting.assignment = "Read chapter 2\n# not a heading\n\n1. not a list"
    tokens = PARSER.parse(meeting_markdown(pair, meeting, TODAY))
    assert [plain(t) for t in section_inlines(tokens, "Notes")] == ["No notes."]
    assert [plain(t) for t in section_inlines(tokens, "New action items")] == ["None captured."]
    assignment = section_inlines(tokens, "Assignment for next time")
    assert [t.content for t in assignment] == ["Read chapter 2\\\n\\# not a heading", "1\\. not a list",
                                               "Not received."]
    assert [child.type for child in assignment[0].children] == ["text", "hardbreak", "text"]


def test_decisions_and_parked_topics_are_lists():
    pair = demo_pair(TODAY)
    meeting = last_meeting(pair)
    meeting.decisions = ["Aim for analyst roles first", "Meet weekly in January"]
    meeting.parked = ["Salary negotiation"]
    tokens = PARSER.parse(meeting_markdown(pair, meeting, TODAY))
    assert [plain(t) for t in section_inlines(tokens, "Decisions")] == list(meeting.decisions)
    assert [plain(t) for t in section_inlines(tokens, "Parked topics")] == list(meeting.parked)


@pytest.mark.parametrize("text", [
    "1. x", "10) y", "- a", "+ b", "* c", "# h", "> q", "~~~", "```", "C #", "a | b", "&amp;",
    "&#35;", "<http://x.org>", "<b>hi</b>", "[a](b)", "![a](b)", "[bold]", "*a*", "_a_", "`a`",
    "\\", "a\\", "\\|", "\\\\|", "---", "===", "a\nb", "    code", "she/her", "R&D", "x  \ny",
    "Ω ≠ ∑ – “quoted”", "***", "- - -", "[x]: /url", "a\\\nb",
])
def test_escaped_text_reads_back_as_typed_everywhere(text):
    escaped = escape_text(text)
    for template in ("# {}", "- {}", "- Label: {}", "{}", "| a |\n|---|\n| {} |"):
        tokens = PARSER.parse(template.format(escaped))
        inlines = [t for t in tokens if t.type == "inline"]
        lead = "Label: " if "Label" in template else ""
        assert plain(inlines[-1]) == lead + normalize(text), template.format(escaped)
        assert shape(tokens) == shape(PARSER.parse(template.format("x")))


def test_ordinary_punctuation_stays_readable():
    assert escape_text("Dana's team, 3 projects: done. (Maybe!)") == "Dana's team, 3 projects: done. (Maybe!)"


# --------------------------------------------------------------------------- 2. any text


NASTY = ["|", "#", "*", "_", "<", ">", "[", "]", "`", "```", "~~~", "\\", "\n", "[bold]", "[/oops]",
         "<script>", "1.", "2)", "- ", "+ ", "&amp;", "&#35;", " ", "\t", "é", "日本", "\u00a0", "\u2028",
         "!", "(", ")", "=", ":", "---", "    ", "\\|", "**", "__", "<a href='x'>", "http://x.org",
         "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "<javascript:alert(1)>", "](",
         "]: ", "javascript:", "JaVa&#115;cript:", "data:text/html,", "vbscript:", "<!--", "<?", "<!X",
         "</b>", "<https://x.org>", "<a@b.org>", "&lt;", "&#60;", "\\<", "`<b>`", "  \n", "\\\n"]
any_text = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=4)), max_size=10).map("".join),
)


def build_pair(names: tuple[str, str], items: list[tuple[str, str]], decision: str,
               agenda_title: str, goal_title: str) -> tuple[Pair, Meeting]:
    pair = demo_pair(TODAY)
    meeting = last_meeting(pair)
    pair.mentor = Person(name=names[0])
    pair.mentee = Person(name=names[1])
    pair.action_items = [
        ActionItem(text=text, owner=owner, due=TODAY + timedelta(days=n), meeting_id=meeting.id)
        for n, (text, owner) in enumerate(items)
    ]
    meeting.decisions = [decision]
    meeting.change_item(meeting.agenda[0].id, title=agenda_title)
    pair.goals[0].title = goal_title
    return pair, meeting


@functools.cache
def plain_shapes(count: int) -> tuple[list, list]:
    """The structure of the summary and the report with plain words in every field."""
    pair, meeting = build_pair(("x", "y"), [("z", "both")] * count, "d", "a", "g")
    return (shape(PARSER.parse(meeting_markdown(pair, meeting, TODAY))),
            shape(PARSER.parse(pair_markdown(pair, TODAY))))


@PROPERTY_SETTINGS
@given(mentor=any_text, mentee=any_text,
       items=st.lists(st.tuples(any_text, st.sampled_from(["mentor", "mentee", "both"])),
                      min_size=1, max_size=4),
       decision=any_text, agenda_title=any_text, goal_title=any_text)
@example(mentor="Dana | Okafor", mentee="# Priya *R*", items=[("[bold]x[/bold] | `a` <b>", "both")],
         decision="1. first", agenda_title="- [ ] todo", goal_title="C#")
def test_any_user_text_keeps_the_structure_and_reads_back(mentor, mentee, items, decision,
                                                         agenda_title, goal_title):
    for text in (mentor, mentee, decision, agenda_title, goal_title, *(text for text, _ in items)):
        valid(Person, name=text)  # the models refuse blank titles and names
    pair, meeting = build_pair((mentor, mentee), items, decision, agenda_title, goal_title)
    plain_meeting_shape, plain_report_shape = plain_shapes(len(items))
    # What the models keep (control characters gone, titles on one line) must read back.
    pair_names = {"mentor": pair.mentor.name, "mentee": pair.mentee.name, "both": "Both"}

    markdown = meeting_markdown(pair, meeting, TODAY)
    tokens = PARSER.parse(markdown)
    assert shape(tokens) == plain_meeting_shape
    rows = action_table(markdown)
    assert len(rows) == 1 + len(items) and all(len(row) == 4 for row in rows)
    for row, (_, owner), item in zip(rows[1:], items, pair.action_items, strict=True):
        assert row[:3] == [normalize(item.text), pair_names[owner],
                           f"{item.due:%a} {item.due.day} {item.due:%b %Y}"]
        assert row[3].startswith("open, due ")
    assert plain(tokens[1]) == f"{pair.mentee.name} with {pair.mentor.name}: meeting of Wed 11 Nov 2026"
    first_item = next(i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h3")
    assert plain(tokens[first_item + 1]) == meeting.agenda[0].title
    assert [plain(t) for t in section_inlines(tokens, "Decisions")] == list(meeting.decisions)

    report_tokens = PARSER.parse(pair_markdown(pair, TODAY))
    assert shape(report_tokens) == plain_report_shape
    goal_heading = next(i for i, t in enumerate(report_tokens) if t.type == "heading_open"
                        and t.tag == "h3" and report_tokens[i - 2].content == "Goals")
    assert plain(report_tokens[goal_heading + 1]) == pair.goals[0].title


def test_every_table_cell_in_the_report_is_plain_text():
    """Cells come only from escaped text, so none holds emphasis, code or links."""
    pair, _ = build_pair(("*A*", "`B`"), [("<i>x</i>", "both")], "d", "[a](b)", "_g_")
    pair.goals[0].checkins = (*pair.goals[0].checkins, CheckIn(on=TODAY, progress=50, note="**bold**\n| pipe"))
    for table in tables(PARSER.parse(pair_markdown(pair, TODAY))):
        assert len({len(row) for row in table}) == 1


# --------------------------------------------------------------------------- notes


fence = st.builds(lambda indent, char, count, info: " " * indent + char * count + info,
                  st.integers(0, 5), st.sampled_from("`~"), st.integers(2, 6),
                  st.sampled_from(["", "python", " x`y", "~", " "]))
note_line = st.one_of(
    st.text(max_size=20),
    fence,
    st.builds(lambda prefix, line: prefix + line,
              st.sampled_from(["", "> ", "- ", "1. ", "  ", "    ", "\t", "> - "]), fence),
    st.sampled_from(NASTY + ["## Heading", "| a | b |", "|---|---|", "[ref]: /url", "  - item",
                             "***", "Title\n===", "<div>", "<!--", "$$"]),
)
any_notes = st.one_of(st.text(), st.lists(note_line, max_size=10).map("\n".join))


def same_reading(shown: str, typed: str) -> bool:
    """The same HTML, but for the line break an unclosed code fence does not end with and
    the level of headings (the summary moves them below its own)."""
    def unify(text: str) -> str:
        return re.sub(r"<(/?)h[1-6]>", r"<\1h>", re.sub(r"\n?</code></pre>", "</code></pre>", text))
    return unify(shown) == unify(typed)


def after_notes(markdown: str, suffix: str) -> list[tuple]:
    """The tokens that start at or after the first line of ``suffix`` (the part of the
    summary that follows the notes)."""
    assert markdown.endswith(suffix)
    first = markdown[:len(markdown) - len(suffix)].count("\n")
    return [(t.type, t.tag, t.level, t.content) for t in PARSER.parse(markdown)
            if t.map is not None and t.map[0] >= first]


@PROPERTY_SETTINGS
@given(notes=any_notes)
@example(notes="```python\nprint('unclosed')")
@example(notes="````\n```\nstill code")
@example(notes="~~~\n| a | b |\n|---|---|")
@example(notes="- ```\n  code in a list")
@example(notes="> ```\n> quoted code")
@example(notes="text\n   ~~~~ ~\nmore")
@example(notes="<script>alert(1)</script>\n## Decisions\n| x |\n|---|")
@example(notes="| a | b |\n|---|---|\n| `x | <b> | y` |")
@example(notes="[r]: javascript:alert(1)\n\n[x][r] ![i](data:text/html,x) [y](<javascript:x>)")
@example(notes="one `a <b>\nc` two\nthree\\\nfour  \nfive")
@example(notes="``\n<DIV>``")
@example(notes=":*\n0*\n\n0\n\n\xa0\n0")
def test_notes_never_change_the_structure_after_them(notes):
    pair = demo_pair(TODAY)
    meeting = last_meeting(pair)
    meeting.notes = ""
    baseline = meeting_markdown(pair, meeting, TODAY)
    suffix = baseline.split("## Notes\n\nNo notes.\n\n", 1)[1]
    expected = after_notes(baseline, suffix)

    meeting.notes = notes
    markdown = meeting_markdown(pair, meeting, TODAY)
    found = after_notes(markdown, suffix)
    assert found == expected
    assert sum(t[0] == "table_open" for t in found) == 1  # the action items
    assert sum(t[0] == "heading_open" and t[1] == "h2" for t in found) == 6
    lines = meeting.notes.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    if lines:  # read as typed, even with raw HTML on
        start = len(baseline) - len(suffix) - len("No notes.\n\n")
        shown = markdown[start:len(markdown) - len(suffix) - 2]
        typed = "\n".join(lines)
        # The verbatim last resort only for a code span running onto a line starting "<".
        if shown != safe_notes._verbatim(typed) or not re.search(r"`[^`]*\n[ \t>]*<", typed):
            assert same_reading(PERMISSIVE.render(shown), AS_TYPED.render(typed))
    assert set(re.findall(r"<(/?[a-zA-Z][a-zA-Z0-9]*)", to_html(markdown))) <= ALLOWED_TAGS
    assert_inert(markdown)


def test_an_unclosed_fence_in_the_notes_is_closed_and_the_notes_are_kept():
    pair = demo_pair(TODAY)
    meeting = last_meeting(pair)
    meeting.notes = "Plan:\n\n````sql\nselect *\nfrom meetings\n```\n"
    markdown = meeting_markdown(pair, meeting, TODAY)
    assert "## Notes\n\nPlan:\n\n````sql\nselect *\nfrom meetings\n```\n````\n\n## Decisions" in markdown


def test_the_last_resort_shows_notes_verbatim(monkeypatch):
    """Should closing the fence ever not be enough, the notes become one code block."""
    monkeypatch.setattr(safe_notes, "_ends_cleanly", lambda tokens, line: False)
    notes = "```\nhas ``` and ```` inside <script>"
    assert safe_notes.safe_notes(notes) == "`````\n" + notes + "\n`````"


def test_anything_still_live_after_escaping_falls_back_to_verbatim(monkeypatch):
    monkeypatch.setattr(safe_notes, "_inert_notes", lambda body, below: (body, []))  # as if escaping missed it
    notes = "<img src=x onerror=alert(1)>"
    assert safe_notes.safe_notes(notes) == "```\n" + notes + "\n```"


# --------------------------------------------------------------------------- 3. HTML


ALLOWED_TAGS = {"p", "/p", "h1", "/h1", "h2", "/h2", "h3", "/h3", "h4", "/h4", "h5", "/h5", "h6", "/h6",
                "ul", "/ul", "ol", "/ol", "li", "/li", "table", "/table", "thead", "/thead", "tbody",
                "/tbody", "tr", "/tr", "th", "/th", "td", "/td", "code", "/code", "pre", "/pre",
                "em", "/em", "strong", "/strong", "a", "/a", "img", "blockquote", "/blockquote",
                "hr", "br"}


def test_html_has_tables_and_escapes_raw_html_from_user_text():
    pair = demo_pair(TODAY)
    meeting = last_meeting(pair)
    meeting.notes = ("<script>alert('notes')</script>\n\n<b>bold?</b> and "
                     "[click](javascript:alert(1)) <img src=x onerror=alert(1)>")
    pair.action_items.append(ActionItem(text="<script>alert('item')</script>", owner="both",
                                        meeting_id=meeting.id))
    meeting.decisions = ["<iframe src='x'>"]
    html = to_html(meeting_markdown(pair, meeting, TODAY))
    assert "<table>" in html
    assert "&lt;script&gt;alert('item')&lt;/script&gt;" in html
    assert "&lt;script&gt;alert('notes')&lt;/script&gt;" in html
    assert "&lt;iframe" in html and "&lt;b&gt;" in html and "&lt;img" in html
    assert "<script" not in html and "<iframe" not in html and "<b>" not in html
    assert "javascript:" not in "".join(re.findall(r'href="([^"]*)"', html))
    assert set(re.findall(r"<(/?[a-zA-Z][a-zA-Z0-9]*)", html)) <= ALLOWED_TAGS


def test_pair_report_html_renders_every_table():
    html = to_html(pair_markdown(demo_pair(TODAY), TODAY))
    assert html.count("<table>") == 6 + 2 + 1 + 1  # action items, goal check-ins, contacts, statistics


# --------------------------------------------------------------------------- boundaries


def test_export_never_imports_textual_or_rich():
    code = (
        "import sys\n"
        "import mentortui.core.export\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False,
                            cwd=Path(__file__).parent.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_meeting_not_yet_held_can_still_be_summarised():
    pair = demo_pair(TODAY)
    upcoming = pair.next_meeting(TODAY)
    markdown = meeting_markdown(pair, upcoming, TODAY)
    assert "Meeting number" not in markdown
    assert "- Time: 18:00, not started (planned 45 min)" in markdown
    running = Meeting(scheduled=datetime(2026, 11, 25, 17, 0), started_at=datetime(2026, 11, 25, 17, 5),
                      agenda=[AgendaItem(title="Check-in")])
    pair.meetings.append(running)
    assert "- Time: started 17:05, still running (planned 1 h)" in meeting_markdown(pair, running, TODAY)


def test_goal_history_and_empty_fields_show():
    pair = demo_pair(TODAY)
    goal = Goal(title="Learn SQL", complete_by=None)
    revise(goal, TODAY)
    goal.title = "Learn SQL at scale"
    pair.goals = [goal]
    report = pair_markdown(pair, TODAY)
    assert "- Revised Wed 25 Nov 2026; it was: Learn SQL" in report
    assert "- Complete by: not set" in report and "- Specific: not written" in report
    assert "No check-ins yet." in report


# --------------------------------------------------------------------------- the relationship's story


def header_facts(report: str) -> list[str]:
    """The fact list under the report's title."""
    return [line.removeprefix("- ") for line in report.split("\n\n")[1].splitlines()]


def test_the_agreement_says_when_it_was_agreed_and_all_it_holds_and_the_header_the_programme_dates():
    pair = demo_pair(TODAY)
    expect = pair.expectations
    expect.measure, expect.style, expect.reply_days = "Talks *given* | feedback", "challenger", 1
    expect.agreed_on, expect.frequency_days = date(2026, 9, 8), 7
    pair.ends_on = date(2027, 5, 31)
    report = pair_markdown(pair, TODAY)
    assert [plain(t) for t in section_inlines(PARSER.parse(report), "Expectations")] == [
        "Agreed on Tue 8 Sep 2026.",
        "How often: every 7 days", "Format: video call", "Length: 45 min",
        "Topics: Breaking into data analytics, portfolio, interviews, presenting",
        "How we measure progress: Talks *given* | feedback",
        "Mentorship style: Challenger (pushes back, plays devil's advocate, holds high standards)",
        "Reply time: within 1 day",
        "Rescheduling: Message at least a day ahead and propose a new time", "Confidentiality: agreed",
        "Meeting every 7 days is more often than the manuals advise: every two to four weeks, and at least monthly.",
    ]
    assert header_facts(report)[2:5] == ["Matched: Thu 27 Aug 2026", "Review point: Fri 27 Nov 2026 (continue or end)",
                                         "Programme end: Mon 31 May 2027"]

    expect.agreed_on, expect.style, expect.measure, expect.frequency_days = None, None, "", 14
    pair.review_on = pair.ends_on = None
    report = pair_markdown(pair, TODAY)
    lines = [plain(t) for t in section_inlines(PARSER.parse(report), "Expectations")]
    assert lines[0] == "Not yet agreed." and len(lines) == 10
    assert "How we measure progress: not agreed" in lines and "Mentorship style: not chosen" in lines
    assert [fact for fact in header_facts(report) if fact.startswith(("Review point", "Programme end"))] == []


def test_check_ins_between_meetings_are_listed_in_date_order_in_the_pair_report_only():
    pair = demo_pair(TODAY)
    pair.contacts.append(Contact(on=date(2026, 10, 1), by="mentor", way="phone", note="Called | about the *CV* <b>"))
    pair.contacts.append(Contact(on=date(2026, 10, 20), by="mentee", way="chat"))
    report = pair_markdown(pair, TODAY)
    contacts = [table for table in tables(PARSER.parse(report)) if table[0] == ["Date", "How", "Who", "Note"]]
    assert contacts == [[
        ["Date", "How", "Who", "Note"],
        ["Thu 1 Oct 2026", "phone", "Dana Okafor", "Called | about the *CV* <b>"],
        ["Tue 20 Oct 2026", "chat", "Priya Raman", "No note."],
        ["Wed 18 Nov 2026", "e-mail", "Priya Raman", "Sent the rewritten README for a first look"],
    ]]
    assert "- [Check-ins between meetings](#check-ins-between-meetings)" in report
    assert "3 check-ins between meetings, the last Wed 18 Nov 2026." in report
    assert_inert(report)
    assert "Check-ins between meetings" not in meeting_markdown(pair, last_meeting(pair), TODAY)


@PROPERTY_SETTINGS
@given(note=any_text)
def test_any_check_in_note_stays_in_its_cell_and_reads_back(note):
    pair = demo_pair(TODAY)
    put(pair.contacts[0], "note", note)
    rows = next(table for table in tables(PARSER.parse(pair_markdown(pair, TODAY)))
                if table[0] == ["Date", "How", "Who", "Note"])
    assert rows[1] == ["Wed 18 Nov 2026", "e-mail", "Priya Raman", normalize(pair.contacts[0].note) or "No note."]


def test_each_assignment_says_when_it_was_due_and_how_far_it_got():
    pair = demo_pair(TODAY)
    first, second, third, _, _, last = pair.held_meetings()
    second.assignment_state, second.assignment_received_on = "received", None
    third.assignment_state, third.assignment_received_on = "given", None
    last.assignment = "Book two interviews"
    report = pair_markdown(pair, TODAY)
    assert [plain(t) for t in section_inlines(PARSER.parse(report), "Assignment for next time")] == [
        "Write down three strengths and three things you want to get better at.",
        "Due Wed 16 Sep 2026; received Tue 15 Sep 2026 and discussed at the next meeting."]
    assert "bring them rough.\n\nDue Wed 30 Sep 2026; received.\n" in report
    assert "Pick the first portfolio project and sketch its scope.\n\nDue Wed 14 Oct 2026; not received.\n" in report
    assert "Book two interviews\n\nNot received.\n" in report

    last.assignment_due, last.assignment_state, last.assignment_received_on = date(2026, 11, 28), "received", TODAY
    summary = meeting_markdown(pair, last, TODAY)
    assert ("## Assignment for next time\n\nBook two interviews\n\n"
            "Due Sat 28 Nov 2026; received Wed 25 Nov 2026.\n") in summary
    running = Meeting(scheduled=datetime(2026, 11, 25, 17, 0), started_at=datetime(2026, 11, 25, 17, 5),
                      agenda=[AgendaItem(title="Check-in")], assignment="Read chapter 3")
    pair.meetings.append(running)
    assert "## Assignment for next time\n\nRead chapter 3\n\n## Next meeting" in meeting_markdown(pair, running, TODAY)


def test_a_closed_pair_says_when_it_closed_instead_of_a_next_meeting_or_a_review_point():
    pair = demo_pair(TODAY)
    pair.ends_on = date(2027, 5, 31)
    pair.closed_on = TODAY
    facts = header_facts(pair_markdown(pair, TODAY))
    assert facts[2:] == ["Matched: Thu 27 Aug 2026", "Closed on Wed 25 Nov 2026", "Programme end: Mon 31 May 2027",
                         "Stage: 3 of 4, working towards goals", "Meetings held: 6", "Report date: Wed 25 Nov 2026"]


# --------------------------------------------------------------------------- 4. nothing live, lines kept


def test_raw_html_in_notes_and_fields_is_escaped_and_the_formatting_kept():
    pair = demo_pair(TODAY)
    meeting = last_meeting(pair)
    pair.mentee.name = "<b>Priya</b>"
    meeting.change_item(meeting.agenda[0].id, title="<img src=x onerror=alert(1)>")
    meeting.decisions = ["<script>alert('decision')</script>"]
    meeting.notes = ("<script>alert('notes')</script>\n"
                     "<img src=x onerror=alert(1)> is *really* important\n"
                     "escaped \\<iframe src=x> too\n\n"
                     "- first `a <b> c`\n- second\n\n"
                     "```html\n<p>if a < b</p>\n```")
    markdown = meeting_markdown(pair, meeting, TODAY)
    assert "<script" not in markdown and "<img" not in markdown and "<b>Priya" not in markdown
    assert ("&lt;script>alert('notes')&lt;/script>\\\n&lt;img src=x onerror=alert(1)> is *really* important\\\n"
            "escaped &lt;iframe src=x> too") in markdown  # "\\<" is no escape to some flavours
    assert "- first `a <b> c`\n- second\n\n```html\n<p>if a < b</p>\n```\n\n## Decisions" in markdown
    assert_inert(markdown)
    rendered = PERMISSIVE.render(markdown)
    assert "<h1>&lt;b&gt;Priya&lt;/b&gt; with Dana Okafor" in rendered
    assert ("&lt;script&gt;alert('notes')&lt;/script&gt;<br />\n"
            "&lt;img src=x onerror=alert(1)&gt; is <em>really</em>") in rendered
    assert "<ul>\n<li>first <code>a &lt;b&gt; c</code></li>\n<li>second</li>\n</ul>" in rendered
    assert '<pre><code class="language-html">&lt;p&gt;if a &lt; b&lt;/p&gt;\n</code></pre>' in rendered
    assert "<h3>&lt;img src=x onerror=alert(1)&gt;</h3>" in rendered
    assert "<li>&lt;script&gt;alert('decision')&lt;/script&gt;</li>" in rendered


@pytest.mark.parametrize("notes", [
    "[click](javascript:alert(1))", "[click](JAVASCRIPT:alert(1))", "[c](java&#115;cript:alert(1))",
    "[c](  javascript:alert(1) 'title')", "![i](data:text/html;base64,PHNjcmlwdD4=)", "[v](vbscript:msgbox)",
    "<javascript:alert(1)>", "<data:text/html,x>", "[r]: javascript:alert(1)\n\n[see][r] and [r]",
    "[x](<javascript:alert(1)>)", "[f](file:///etc/passwd)",
])
def test_dangerous_links_in_notes_show_as_text(notes):
    pair = demo_pair(TODAY)
    meeting = last_meeting(pair)
    meeting.notes = notes
    markdown = meeting_markdown(pair, meeting, TODAY)
    assert_inert(markdown)
    notes_html = PERMISSIVE.render(markdown).split("<h2>Notes</h2>\n", 1)[1].split("<h2>", 1)[0]
    assert "<a " not in notes_html and "<img" not in notes_html
    visible = re.sub(r"<[^>]*>", "", notes_html).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert normalize(visible) == normalize(unescape(notes))  # entities read as the character


def test_safe_links_in_notes_stay_links():
    pair = demo_pair(TODAY)
    meeting = last_meeting(pair)
    meeting.notes = ("See <https://example.org/a?b=1> or [the guide](https://example.org/guide) "
                     "or <dana@example.org>")
    rendered = PERMISSIVE.render(meeting_markdown(pair, meeting, TODAY))
    assert '<a href="https://example.org/a?b=1">https://example.org/a?b=1</a>' in rendered
    assert '<a href="https://example.org/guide">the guide</a>' in rendered
    assert '<a href="mailto:dana@example.org">dana@example.org</a>' in rendered


def put(model, field: str, value) -> None:
    """Set a field to any text the model accepts (a refused value keeps the old one)."""
    try:
        setattr(model, field, value)
    except ValidationError:
        pass


@PROPERTY_SETTINGS
@given(texts=st.lists(any_text, min_size=20, max_size=20), notes=any_notes)
@example(texts=["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
                "<javascript:alert(1)>", "<!-- c", "<?php", "<a href='javascript:x'>a</a>", "`<b>`",
                "&lt;b&gt;", "\\<b>", "<b\nonclick=x>", "[r]: javascript:x", "<https://x.org>", "<x@y.org>",
                "data:text/html,<b>", "*<i>*", "<style>", "</p>", "<svg onload=x>", "[c](vbscript:x)"],
         notes="<iframe src=javascript:alert(1)>\n[r]: javascript:x\n[a][r]")
def test_any_text_in_any_field_exports_nothing_live(texts, notes):
    pair = demo_pair(TODAY)
    meeting = last_meeting(pair)
    goal = pair.goals[0]
    for model, field in [(pair.mentor, "name"), (pair.mentee, "name"), (pair.mentee, "pronouns"),
                         (pair.mentor, "contact"), (pair.expectations, "topics"),
                         (pair.expectations, "format"), (meeting.agenda[0], "title"),
                         (meeting, "assignment"), (pair.action_items[0], "text"), (goal, "title"),
                         (goal, "specific"), (goal, "measurable"), (goal.checkins[0], "note"),
                         (pair.expectations, "measure"), (pair.contacts[0], "note")]:
        put(model, field, texts.pop())
    put(meeting, "decisions", texts[:2])
    put(meeting, "parked", texts[2:4])
    put(meeting, "notes", notes)
    pair.action_items[0].meeting_id = meeting.id
    assert_inert(meeting_markdown(pair, meeting, TODAY))
    assert_inert(pair_markdown(pair, TODAY))


def test_each_typed_line_stays_a_line_in_markdown_and_html():
    pair = demo_pair(TODAY)
    meeting = last_meeting(pair)
    meeting.notes = ("Thought one\nThought two\n\n- item a\n- item b\n  still b\n\n"
                     "```\ncode 1\ncode 2\n```\n## Topic\nafter *em*\nlast line ends in (*\nnot emphasis*")
    meeting.assignment = "Read chapter 2\nWrite a summary"
    markdown = meeting_markdown(pair, meeting, TODAY)
    assert ("## Notes\n\nThought one\\\nThought two\n\n- item a\n- item b\\\n  still b\n\n"
            "```\ncode 1\ncode 2\n```\n#### Topic\nafter *em*\\\nlast line ends in (*  \nnot emphasis*"
            "\n\n## Decisions") in markdown
    assert "## Assignment for next time\n\nRead chapter 2\\\nWrite a summary\n" in markdown
    github = MarkdownIt("commonmark")  # single newlines are soft breaks there, as on GitHub
    for rendered in (github.render(markdown), export_document(pair, TODAY, "latest", html=True)):
        rendered = re.sub(r' id="[^"]*"', "", rendered)  # the HTML export's anchors
        assert "<p>Thought one<br />\nThought two</p>" in rendered
        assert "<li>item b<br />\nstill b</li>" in rendered
        assert ("<pre><code>code 1\ncode 2\n</code></pre>\n<h4>Topic</h4>\n"
                "<p>after <em>em</em><br />\nlast line ends in (*<br />\nnot emphasis*</p>") in rendered
        assert "<p>Read chapter 2<br />\nWrite a summary</p>" in rendered


def test_html_export_is_a_complete_utf8_page_with_an_escaped_title(tmp_path):
    pair = demo_pair(TODAY)
    pair.mentee.name = "José Núñez <b>"
    store = PairStore(tmp_path / "data")
    slug = store.create(pair)
    out = tmp_path / "x.html"
    assert main(["export", slug, "--format", "html", "-o", str(out), "--data-dir", str(store.folder)]) == 0
    data = out.read_bytes()
    head = data[:1024].decode("utf-8")  # the charset must be declared in the first 1024 bytes
    assert head.startswith("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")
    assert "<title>José Núñez &lt;b&gt; with Dana Okafor: meeting of Wed 11 Nov 2026</title>" in head
    assert "<style>" in head and "border-collapse: collapse" in head
    assert "José Núñez".encode() in data and "JosÃ©".encode() not in data
    assert ('<h1 id="josé-núñez-b-with-dana-okafor-meeting-of-wed-11-nov-2026">José Núñez &lt;b&gt; with '
            "Dana Okafor: meeting of Wed 11 Nov 2026</h1>") in data.decode("utf-8")
    assert data.decode("utf-8").rstrip().endswith("</body>\n</html>")
    report = export_document(pair, TODAY, meeting=None, html=True)
    assert "<title>José Núñez &lt;b&gt; with Dana Okafor: mentoring report</title>" in report
