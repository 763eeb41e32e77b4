"""The shape of exports (issue 13, points 7 to 9): a meeting summary organised by the
agenda with one way of writing time, "From last time" with what happened to each carried
item, note headings kept below the summary's own, and the pair report's overview with a
contents list whose links work on GitHub and in the HTML file."""

from __future__ import annotations

import re
from datetime import date, datetime

from markdown_it import MarkdownIt

from mentortui.core.demo import demo_pair
from mentortui.core.export import duration, export_document, meeting_markdown, pair_markdown, to_html
from mentortui.core.live_meeting import push_carried, review_carried
from mentortui.core.models import ActionItem, Meeting, Pair
from tests.conftest import TODAY

PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")


def outline(markdown: str) -> list[tuple[str, str]]:
    """Every heading of the document as (tag, text), in order."""
    tokens = PARSER.parse(markdown)
    return [(token.tag, tokens[index + 1].content) for index, token in enumerate(tokens)
            if token.type == "heading_open"]


def under(markdown: str, heading: str) -> str:
    """The Markdown between the heading ``heading`` (any level) and the next heading."""
    match = re.search(rf"^#+ {re.escape(heading)}\n\n(.*?)(?=^#|\Z)", markdown, re.MULTILINE | re.DOTALL)
    assert match, heading
    return match[1].strip()


def last_meeting(pair: Pair) -> Meeting:
    return pair.held_meetings()[-1]


def test_one_way_of_writing_time_never_a_clock_beside_minutes():
    assert [duration(s) for s in (0, 27, 59, 60, 89, 90, 725, 3600, 3723)] == [
        "0 min", "27 s", "59 s", "1 min", "1 min", "2 min", "12 min", "1 h", "1 h 2 min"]


def test_each_agenda_item_shows_its_planned_and_used_time():
    pair = demo_pair(TODAY)
    meeting = last_meeting(pair)
    meeting.change_item(meeting.agenda[0].id, used_seconds=27)
    meeting.change_item(meeting.agenda[1].id, used_seconds=12 * 60 + 10)
    markdown = meeting_markdown(pair, meeting, TODAY)
    assert under(markdown, "Check-in") == "5 min planned, 27 s used"
    assert under(markdown, "Priority topics") == "30 min planned, 12 min used"
    assert under(markdown, "Next steps") == "10 min planned, 0 min used"
    assert not re.search(r"\b0:\d\d\b", markdown)
    heads = outline(markdown)
    assert heads[heads.index(("h2", "Agenda")) + 1:][:3] == [
        ("h3", "Check-in"), ("h3", "Priority topics"), ("h3", "Next steps")]
    assert [text for tag, text in heads if tag == "h2"] == [
        "Agenda", "Notes", "Decisions", "Parked topics", "New action items", "From last time",
        "Assignment for next time", "Next meeting"]


def carried_meeting() -> tuple[Pair, Meeting]:
    """The demo's last meeting reviewing four carried items: done, dropped, pushed (for the
    second time) and left open."""
    pair = demo_pair(TODAY)
    meeting = last_meeting(pair)
    items = [ActionItem(text=text, owner=owner, due=due) for text, owner, due in [
        ("Send the CV", "mentee", date(2026, 11, 9)),
        ("Find a *second* reviewer", "mentor", date(2026, 11, 9)),
        ("Draft the talk | outline", "both", date(2026, 11, 16)),
        ("Read the style guide", "mentee", date(2026, 11, 10)),
    ]]
    items[2].due_history = [date(2026, 11, 9)]
    pair.action_items += items
    review_carried(meeting, items[0], "done", date(2026, 11, 11))
    review_carried(meeting, items[1], "dropped", date(2026, 11, 11))
    push_carried(meeting, items[2], date(2026, 12, 1))
    review_carried(meeting, items[3], "open", date(2026, 11, 11))
    return pair, meeting


def test_from_last_time_says_what_happened_to_each_carried_item():
    pair, meeting = carried_meeting()
    markdown = meeting_markdown(pair, meeting, TODAY)
    assert under(markdown, "From last time").split("\n") == [
        "- Send the CV (Priya Raman): done",
        "- Find a \\*second\\* reviewer (Dana Okafor): dropped",
        "- Draft the talk \\| outline (Both): pushed from Mon 16 Nov 2026 to Tue 1 Dec 2026; "
        "slipped twice: 9 Nov → 16 Nov → 1 Dec",
        "- Read the style guide (Priya Raman): still open, due Tue 10 Nov 2026",
    ]
    html = to_html(markdown)
    assert "<li>Find a *second* reviewer (Dana Okafor): dropped</li>" in html


def test_headings_typed_in_notes_stay_below_the_summarys_own_in_markdown_and_html():
    pair = demo_pair(TODAY)
    meeting = last_meeting(pair)
    meeting.notes = ("# Decisions\ntext\n## Sub\n> # Quoted\n"
                     "```\n# not a heading\n```\n"
                     "Underlined\ntwo lines\n===\n\n##### Deep\n###### Deepest")
    markdown = meeting_markdown(pair, meeting, TODAY)
    notes = markdown.split("\n## Notes\n\n", 1)[1].split("\n\n## Decisions\n", 1)[0]
    assert notes == ("### Decisions\ntext\n#### Sub\n> ### Quoted\n"
                                               "```\n# not a heading\n```\n### Underlined two lines\n\n"
                                               "###### Deep\n###### Deepest")
    heads = outline(markdown)
    assert [text for tag, text in heads if tag in ("h1", "h2")] == [
        "Priya Raman with Dana Okafor: meeting of Wed 11 Nov 2026", "Agenda", "Notes", "Decisions",
        "Parked topics", "New action items", "From last time", "Assignment for next time", "Next meeting"]
    html = export_document(pair, TODAY, "latest", html=True)
    assert '<h3 id="decisions">Decisions</h3>' in html and '<h2 id="decisions-1">Decisions</h2>' in html
    assert "<pre><code># not a heading\n</code></pre>" in html
    report = pair_markdown(pair, TODAY)
    assert "\n#### Decisions\ntext\n##### Sub\n" in report and "\n###### Deep\n###### Deepest" in report


def github_ids(markdown: str) -> list[str]:
    """The anchors GitHub gives a document's headings: the text lower-cased, punctuation
    dropped, spaces to "-", repeats numbered from 1."""
    seen: dict[str, int] = {}
    ids = []
    for _, text in outline(markdown):
        rendered = re.sub(r"<[^>]*>", "", PARSER.renderInline(text))
        base = anchor = re.sub(r"[^\w\- ]", "", rendered.replace("&amp;", "&").lower()).replace(" ", "-")
        while anchor in seen:
            seen[base] += 1
            anchor = f"{base}-{seen[base]}"
        seen[anchor] = 0
        ids.append(anchor)
    return ids


def test_pair_report_opens_with_an_overview_and_working_contents_links():
    pair, meeting = carried_meeting()
    # A heading typed in an earlier meeting that GitHub would give the same anchor.
    pair.held_meetings()[0].notes = "# Meeting 6: Wed 11 Nov 2026!\nsame anchor"
    report = pair_markdown(pair, TODAY)
    heads = outline(report)
    assert heads[1:7] == [("h2", "Overview"), ("h3", "Meetings held"), ("h3", "Goals and progress"),
                          ("h3", "Open and overdue action items"), ("h3", "Slipped most"), ("h3", "Contents")]
    assert under(report, "Meetings held") == (
        "6 meetings, from Wed 2 Sep 2026 to Wed 11 Nov 2026. 1 check-in between meetings, the last Wed 18 Nov 2026.")
    assert under(report, "Goals and progress").split("\n")[1] == (
        "- Hold ten informational interviews: 40%, 2 check-ins, the last Wed 11 Nov 2026")
    open_items = under(report, "Open and overdue action items").split("\n")
    assert open_items[0] == "6 open, 3 overdue."
    assert open_items[2] == "- Read the style guide (Priya Raman): 15 days overdue"
    assert under(report, "Slipped most") == (
        "- Draft the talk \\| outline (Both): slipped twice: 9 Nov → 16 Nov → 1 Dec")

    links = re.findall(r"^- \[([^\]]*)\]\(#([^)]*)\)$", under(report, "Contents"), re.MULTILINE)
    assert [text for text, _ in links] == [
        "Expectations", *(f"Meeting {n}: {m.scheduled:%a} {m.scheduled.day} {m.scheduled:%b %Y}"
                          for n, m in enumerate(pair.held_meetings(), start=1)),
        "Check-ins between meetings", "Goals", "Action items"]
    assert dict(links)["Meeting 6: Wed 11 Nov 2026"] == "meeting-6-wed-11-nov-2026-1"
    on_github = dict(zip([text for _, text in heads], github_ids(report), strict=False))
    html = export_document(pair, TODAY, meeting=None, html=True)
    html_ids = dict(re.findall(r'<h[1-6] id="([^"]*)">([^<]*)</h[1-6]>', html))
    for text, anchor in links:
        assert on_github[text] == anchor
        assert html_ids[anchor] == text


def test_a_pair_with_nothing_yet_still_has_its_overview():
    pair = demo_pair(TODAY)
    pair.meetings, pair.action_items, pair.goals, pair.contacts = [], [], [], []
    report = pair_markdown(pair, datetime(2026, 11, 25).date())
    assert under(report, "Meetings held") == "No meetings held yet."
    assert under(report, "Goals and progress") == "No goals yet."
    assert under(report, "Open and overdue action items") == "0 open, 0 overdue."
    assert under(report, "Slipped most") == "No delivery date was pushed."
    assert re.findall(r"\]\(#([^)]*)\)", report) == ["expectations", "goals", "action-items"]
