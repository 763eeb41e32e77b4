"""The export's fast paths give what the slow ones give: plain notes (lines and list items of
words) are made safe without parsing them, and the simple Markdown of a report becomes HTML
without the parser, byte for byte as the parser makes them. And `mentortui export`, which pauses
the garbage collector, gives it back as it found it."""

from __future__ import annotations

import gc
from unittest import mock

from hypothesis import example, given, settings
from hypothesis import strategies as st

from benchmarks.pairs import pair_with_meetings
from mentortui.cli import main
from mentortui.core import export, safe_notes
from mentortui.core.demo import demo_pair
from mentortui.core.export import (
    escape_text,
    export_document,
    html_document,
    pair_markdown,
    pair_sections,
    pair_title,
    to_html,
)
from mentortui.core.safe_notes import summary_notes
from mentortui.core.simple_html import simple_html
from tests.conftest import TODAY
from tests.test_export import NASTY, any_notes, any_text

# Line starts and words chosen to sit on both sides of what counts as plain.
STARTS = ["", "", "", "- ", "* ", "+ ", "1. ", "1) ", "2. ", "01. ", "10) ", "1234567890. ", "-", "- - ", "#",
          "# ", "## ", "> ", " ", "  ", "    ", "\t", "=", "= ", "---", "===", "***", "* * *", "_", "___", "- 2. ",
          "\u00a0", "\u2028", "[a]: ", "| ", "1.", "2)x "]
WORDS = ["a", "b c", "2024", "1.", "x*", "*y", "_z_", "**", "é", "日本", "\u00a0", " ", "  ", "\t", "#", "=", "-",
         "[a", "!", "&amp;", ":", "a  ", "a\\", "~", "|", "<b>", "`c`", "]"]
line = st.builds(lambda start, words: start + "".join(words),
                 st.sampled_from(STARTS), st.lists(st.sampled_from(WORDS), max_size=4))
plain_line = st.builds(lambda start, words: start + "".join(words), st.sampled_from(STARTS),
                      st.lists(st.sampled_from([word for word in WORDS if not set(word) & set("\\`<]~|")]),
                               max_size=4))
notes = st.one_of(
    st.lists(st.one_of(plain_line, st.just("")), max_size=8).map("\n".join),
    st.lists(st.one_of(line, st.just("")), max_size=8).map("\n".join),
    st.lists(st.one_of(line, st.sampled_from(NASTY)), max_size=6).map("\n".join),
)


def parsed(text: str, below: int) -> safe_notes.SafeNotes:
    """The notes made safe the slow way, by the parser."""
    with mock.patch.object(safe_notes, "_plain_notes", return_value=None):
        return summary_notes(text, below)


@settings(max_examples=800, derandomize=True, deadline=None)
@given(text=notes, below=st.sampled_from([0, 2, 4]))
@example(text='a\n2. b', below=2)
@example(text='- a\nb\n2. c', below=2)
@example(text='a\n01. b', below=2)
@example(text='a\n1) b', below=2)
@example(text='- a\nb', below=2)
@example(text='a\n- b', below=2)
@example(text='a\n-b', below=2)
@example(text='a  \nb', below=2)
@example(text='a *\nb\n', below=2)
@example(text='a\n\xa0b', below=2)
@example(text='- a\n  b', below=2)
@example(text='a\n---', below=2)
@example(text='a\n= b', below=2)
@example(text='1. a\n\n2. b\nc', below=2)
def test_plain_notes_are_made_safe_as_the_parser_makes_them(text, below):
    assert summary_notes(text, below) == parsed(text, below)


def test_lines_and_list_items_of_words_are_not_parsed():
    text = "Talked about the CV\nand the portfolio\n\n- send the draft\nby Friday\n1. first\n- second"
    with mock.patch.object(safe_notes, "_strict") as parser:
        shown = summary_notes(text, 2)
    parser.assert_not_called()
    assert shown.text == ("Talked about the CV\\\nand the portfolio\n\n- send the draft\\\nby Friday\n1. first\n"
                          "- second")


def test_the_report_of_a_big_pair_parses_no_notes():
    pair = pair_with_meetings(20, TODAY)
    with mock.patch.object(safe_notes, "_strict", wraps=safe_notes._strict) as parser:
        report = export_document(pair, TODAY, meeting=None)
    parser.assert_not_called()
    assert "- week 19, point 11: talked about the portfolio" in report


# Markdown lines of the shapes simple_html writes and of shapes next to them.
TEXT = st.one_of(st.sampled_from(WORDS + NASTY), any_text.map(escape_text), st.text(max_size=6))
md_line = st.one_of(
    st.builds(lambda start, words: start + "".join(words),
              st.sampled_from(STARTS + ["| ", "[a](#a)", "[Goals](#goals)"]), st.lists(TEXT, max_size=4)),
    st.builds(lambda cells: "| " + " | ".join(cells) + " |", st.lists(TEXT.map(escape_text), min_size=1, max_size=3)),
    st.sampled_from(["|---|", "|---|---|", "|---|---|---|", "| a |", "", "", "## Notes", "### Notes", "a\\", "a  ",
                     "- [Goals](#goals)", "1. [x](#x)", "[x]: /url", "see [x]", "&lt;b&gt;", "&amp;", "# a #"]),
)
SIMPLE_TEXT = st.lists(st.one_of(any_text.map(escape_text), st.sampled_from(
    ["a", "b c", " ", "  ", "\\", "\\\\", "\\*", "\\|", "&lt;", '"', "'", ">", "é", "1", "#", "!", "~"])),
    min_size=1, max_size=4).map("".join)
block = st.one_of(
    st.builds(lambda level, text: f"{'#' * level} {text}", st.integers(1, 6), SIMPLE_TEXT),
    st.lists(st.builds(lambda text: f"w{text}", SIMPLE_TEXT), min_size=1, max_size=3).map("\n".join),
    st.lists(st.builds(lambda marker, text: f"{marker}x{text}", st.sampled_from(["- ", "* ", "1. ", "2) ", "w"]),
                       SIMPLE_TEXT), min_size=1, max_size=4).map("\n".join),
    st.builds(lambda header, rows: "\n".join(["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
                                              *("| " + " | ".join(row) + " |" for row in rows)]),
              st.lists(SIMPLE_TEXT, min_size=1, max_size=3), st.lists(st.lists(SIMPLE_TEXT, max_size=4), max_size=3)),
)
simple_markdown = st.builds(lambda blocks, gaps: "".join(block + gap for block, gap in zip(blocks, gaps, strict=False)),
                            st.lists(block, min_size=1, max_size=5), st.lists(st.sampled_from(["\n", "\n\n", "\n\n\n"]),
                                                                               min_size=5, max_size=5))
markdown = st.one_of(st.lists(md_line, max_size=10).map("\n".join), simple_markdown)


def parser_html(text: str) -> tuple[str, list[str]]:
    """The HTML markdown-it gives, and the anchors its headings took."""
    env: dict = {}
    html = export._parser().render(text, env)
    return html, list(env[export._ANCHORS]._seen) if export._ANCHORS in env else []


@settings(max_examples=600, derandomize=True, deadline=None)
@given(text=markdown)
@example(text="## Meeting 1: Thu 5 Nov 2026\n\n- Kind: Regular\n\n### Notes\n\n- a\nb\n2. c\n\n| A | B |\n|---|---|\n"
              "| 1 |")
@example(text="a\n2. b")
@example(text="- a\n\n- b")
@example(text="| a \\| b | c |\n|---|---|\n| \\\\| x | y | z |")
@example(text="| a | b |\n|---|---|\n| x \\| y | z |")
@example(text="w | x\n:-|-")
def test_simple_markdown_becomes_the_html_the_parser_gives(text):
    anchors = export.Anchors()
    html = simple_html(text, anchors.add)
    if html is None:
        assert anchors._seen == {}
    else:
        assert (html, list(anchors._seen)) == parser_html(text)


def test_the_html_report_of_a_big_pair_is_written_without_the_parser_and_is_the_parsers():
    pair = pair_with_meetings(20, TODAY)
    parts = pair_sections(pair, TODAY)
    with mock.patch.object(export, "_parser", wraps=export._parser) as parser:
        html = to_html(parts)
    parser.assert_not_called()
    assert html == to_html(pair_markdown(pair, TODAY))


@settings(max_examples=40, derandomize=True, deadline=None)
@given(notes=st.lists(st.one_of(notes, any_notes), min_size=3, max_size=3), text=any_text)
def test_the_html_report_with_any_text_is_the_html_of_the_whole_document(notes, text):
    pair = demo_pair(TODAY)
    for meeting, written in zip(pair.held_meetings(), notes, strict=False):
        meeting.notes = written
        meeting.decisions = [f"{text}!"]
        meeting.agenda = [meeting.agenda[0].model_copy(update={"title": f"{text}?"}), *meeting.agenda[1:]]
    pair.goals[0].title = f"{text}."
    markdown = pair_markdown(pair, TODAY)
    assert export_document(pair, TODAY, meeting=None, html=True) == html_document(markdown, pair_title(pair))


def test_an_export_run_in_process_leaves_the_garbage_collector_as_it_found_it(store, demo_slug, tmp_path):
    out = tmp_path / "report.md"
    for collecting in (True, False):
        (gc.enable if collecting else gc.disable)()
        try:
            assert main(["export", demo_slug, "--all", "-o", str(out), "--data-dir", str(store.folder)]) == 0
            assert gc.isenabled() is collecting
        finally:
            gc.enable()
    assert out.read_text().startswith("# Priya Raman with Dana Okafor: mentoring report")
