"""Meeting notes made safe to place in a Markdown document (no Textual here).

People write notes in Markdown, and the summary keeps that formatting: emphasis, lists,
headings, code spans and code blocks. Three things are changed so that the notes read the
same in any viewer and can neither run nor break anything:

- **Nothing live.** Every ``<`` outside code becomes ``&lt;``, so no viewer, however
  permissive, sees a tag, a comment or a ``<javascript:...>`` autolink in it. An entity is
  used rather than a backslash because several Markdown flavours (Markdown.pl,
  Python-Markdown) do not treat ``\\<`` as an escape. Autolinks to ``http``, ``https``
  and ``mailto`` addresses are kept. A link or image whose destination is a
  ``javascript:``, ``vbscript:``, ``data:`` or ``file:`` URL loses its syntax (a backslash
  before its ``(``, or before the ``:`` of a reference definition) and shows as the text
  typed. Inside code spans and code blocks ``<`` is already inert and stays as typed.
- **Lines kept.** A line break typed inside a paragraph becomes a hard break (a trailing
  backslash, which CommonMark, GitHub and mail clients that render Markdown all honour),
  so one thought per line stays one line.
- **Nothing left open.** A code fence the notes leave open is closed, so the rest of the
  document is not swallowed.
- **Headings below the summary's own.** Given the level of the section the notes sit in,
  every heading typed in them moves that many levels down (a note's ``#`` under a level-2
  section becomes ``###``), capped at level 6, so no note can start a section of the
  summary. An underlined (setext) heading becomes a ``#`` heading on its first line. Code
  blocks are left alone.

The result is checked with a parser that has raw HTML on and accepts any link; should
anything live or open still come through, the notes are shown verbatim in a code block.
(One known case: a code span running over a line break onto a line that starts with
``<``, which such a parser reads as the start of an HTML block.)
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # markdown-it is imported when first needed: plain notes never need it
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

__all__ = ["SafeNotes", "is_dangerous_url", "notes_parser", "safe_notes", "summary_notes"]


@cache
def _strict() -> MarkdownIt:
    """The blocks of the document as it is read (raw HTML off, as the HTML export renders it;
    inline content is not needed here, so not parsed)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table").disable("inline")


@cache
def _permissive() -> MarkdownIt:
    """How the most permissive viewer would read the document: raw HTML on, any link accepted."""
    from markdown_it import MarkdownIt

    class AnyLink(MarkdownIt):
        def validateLink(self, url: str) -> bool:
            return True

    return AnyLink("commonmark", {"html": True}).enable("table")

_SENTINEL = "mentortui end of notes"
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# What the scan of a block stops at; everything else is copied as it is.
_SPECIAL = re.compile(r"[\\`<\]\n]")
# Without these nothing in Markdown can be live (raw HTML and autolinks need "<", links
# "](" or a "]:" reference definition) or stay open past the notes (only a code fence can,
# once there is no raw HTML).
_MAY_BE_LIVE_OR_OPEN = re.compile(r"<|\]\(|\]:|```|~~~")
# How much of the text after "](" is read for a dangerous URL; anything hidden further
# away is caught by the final check.
_URL_LOOKAHEAD = 256
_DANGEROUS_SCHEME = re.compile(r"(?:javascript|vbscript|data|file):")
# What may stand before a heading's "#"s on its line: block quote markers, list markers and
# indentation; the same before the text of an underlined heading.
_CONTAINER_PREFIX = re.compile(r"(?:[ \t]*>|[ \t]*(?:[-+*]|\d{1,9}[.)])(?=[ \t]))*[ \t]*")
_ATX_MARKS = re.compile(r"#{1,6}(?=[ \t]|$)")
_ATX_CLOSING = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
# Plain notes (see _plain_notes) have none of these: no escape, code, raw HTML or autolink,
# link, "~~~" fence or table, and nothing markdown-it would normalise.
_NOT_PLAIN = re.compile(r"[\\`<\]~|\r\x00]")
# What starts a line of words: not a space, not a block marker (list, quote, heading, rule,
# setext underline).
_WORDS = r"(?![-+*>#=_]|\d{1,9}[.)](?:[ \t]|$))\S"
_TEXT_LINE = re.compile(_WORDS)
# A list item of words, and its number if it is an ordered one.
_ITEM_LINE = re.compile(rf"(?:[-+*]|(\d{{1,9}})[.)]) {_WORDS}")
# CommonMark autolinks that are safe to keep live: web and mail addresses.
_SAFE_AUTOLINK = re.compile(
    r"<(?:(?:https?|mailto):[^<>\x00-\x20]*"
    r"|[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*)>",
    re.IGNORECASE,
)


def is_dangerous_url(text: str) -> bool:
    """True if ``text`` (a link destination as written, or an href) starts with a URL a
    browser would run or that could smuggle content: ``javascript:``, ``vbscript:``,
    ``data:`` or ``file:``. Read the way a browser would after any Markdown renderer:
    backslash escapes and entities decoded, whitespace and control characters ignored,
    case ignored."""
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text.lstrip().removeprefix("<"))
    text = html.unescape(text)
    text = "".join(char for char in text if char > " " and char != "\x7f").lower()
    return _DANGEROUS_SCHEME.match(text) is not None


def _keep_lines(state: StateCore) -> None:
    """Every line break inside a paragraph becomes a hard break (the ``breaks`` option
    only changes how HTML is rendered; a widget reading the tokens still sees soft ones)."""
    for token in state.tokens:
        for child in token.children or ():
            if child.type == "softbreak":
                child.type = "hardbreak"


def notes_parser() -> MarkdownIt:
    """A parser for showing notes on screen (``widgets.notes_view``): GitHub-like, every
    typed line break kept, raw HTML shown as text."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("gfm-like", {"html": False})
    parser.core.ruler.push("keep_lines", _keep_lines)
    return parser


# --- Parsing helpers ---------------------------------------------------------------------

def _parse_with_sentinel(parser: MarkdownIt, notes: str) -> tuple[list[Token], int]:
    """The notes parsed with a blank line and a heading after them, as in the summary,
    and the line number of that heading."""
    return parser.parse(f"{notes}\n\n# {_SENTINEL}\n"), notes.count("\n") + 2


def _ends_cleanly(tokens: list[Token], line: int) -> bool:
    """True if the heading on ``line`` is a top-level heading: nothing opened before it
    is still open there."""
    return any(token.type == "heading_open" and token.level == 0 and token.map is not None
               and token.map[0] == line for token in tokens)


def _nothing_live(tokens: list[Token]) -> bool:
    """True if no raw HTML and no link or image to a dangerous URL is in ``tokens``."""
    for token in tokens:
        for item in [token, *(token.children or [])]:
            if item.type in ("html_block", "html_inline"):
                return False
            if item.type in ("link_open", "image") and any(
                    is_dangerous_url(str(item.attrs.get(name, ""))) for name in ("href", "src")):
                return False
    return True


def _verbatim(notes: str) -> str:
    """Notes as a code block that no line of them can close."""
    longest = max((len(run) for run in re.findall(r"`+", notes)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{notes}\n{fence}"


def _close_fence(body: str) -> str | None:
    """``body`` with a code fence it leaves open closed by a matching fence line, or None
    if that is not enough to end the notes cleanly.

    Only a fenced code block can run past the blank line and the heading that follow the
    notes once raw HTML is inert (lists, quotes, tables and paragraphs end there), so notes
    without three backticks or tildes in a row are returned at once.
    """
    if "```" not in body and "~~~" not in body:
        return body
    tokens, line = _parse_with_sentinel(_strict(), body)
    if _ends_cleanly(tokens, line):
        return body
    fence = next((token.markup for token in tokens if token.type == "fence" and token.level == 0
                  and token.map is not None and token.map[1] > line), None)
    if fence is not None:
        closed = f"{body}\n{fence}"
        if _ends_cleanly(*_parse_with_sentinel(_strict(), closed)):
            return closed
    return None


# --- Making the text inert ---------------------------------------------------------------

def _code_span_end(text: str, start: int, run: int) -> int | None:
    """Where the code span opened by ``run`` backticks at ``start`` ends (just after its
    closing run of exactly as many backticks), or None if it is never closed."""
    for match in re.finditer(r"`+", text[start + run:]):
        if len(match[0]) == run:
            return start + run + match.end()
    return None


def _inert(text: str) -> tuple[str, set[int]]:
    """One block's text with ``<`` outside code written as ``&lt;`` (safe autolinks
    kept) and dangerous link destinations unlinked; and the numbers of its lines whose
    line break is outside a code span (the only ones that may become hard breaks)."""
    out: list[str] = []
    breakable: set[int] = set()
    line = index = 0
    while (special := _SPECIAL.search(text, index)) is not None:
        out.append(text[index:special.start()])
        index = special.start()
        char = text[index]
        if char == "\\" and text[index + 1:index + 2] in _ASCII_PUNCTUATION:
            # "\<" is no escape to some flavours: write the entity they all read as "<".
            out.append("&lt;" if text[index + 1] == "<" else text[index:index + 2])
            index += 2
        elif char == "`":
            run = len(text[index:]) - len(text[index:].lstrip("`"))
            end = _code_span_end(text, index, run) or index + run
            span = text[index:end]
            out.append(span)
            line += span.count("\n")
            index = end
        elif char == "<":
            match = _SAFE_AUTOLINK.match(text, index)
            out.append(match[0] if match else "&lt;")
            index = match.end() if match else index + 1
        elif (char == "]" and text[index + 1:index + 2] in ("(", ":")
              and is_dangerous_url(text[index + 2:index + 2 + _URL_LOOKAHEAD])):
            out.append("]\\")
            index += 1
        else:
            if char == "\n":
                breakable.add(line)
                line += 1
            out.append(char)
            index += 1
    out.append(text[index:])
    return "".join(out), breakable


def _cells(row: str) -> list[str]:
    """A table row split into its cells and the "|" between them (a backslash escapes
    "|", also inside backticks: cells are split first, as GFM does)."""
    pieces: list[str] = []
    start = index = 0
    while index < len(row):
        if row[index] == "\\":
            index += 2
            continue
        if row[index] == "|":
            pieces += [row[start:index], "|"]
            start = index + 1
        index += 1
    return [*pieces, row[start:]]


def _hard_break(line: str) -> str:
    """``line`` ending in a hard break: a trailing backslash, unless it already ends in
    one (two spaces, or an odd run of backslashes).

    After a run of ``*``, ``_`` or ``~`` that follows a space or punctuation, two spaces
    are used instead: whether such a run opens emphasis depends on the characters around
    it, and there a space reads like the line break it replaces where a backslash would
    not. After a letter or digit (``*emphasis*`` at the end of a line) both read the same."""
    if line.endswith("  "):
        return line
    line = line.rstrip(" ")
    if line.endswith(("*", "_", "~")) and not line.rstrip("*_~")[-1:].isalnum():
        return line + "  "
    backslashes = len(line) - len(line.rstrip("\\"))
    return line if backslashes % 2 else line + "\\"


def _has_text(line: str) -> bool:
    """False for a line of only whitespace (Unicode too) and quote markers: some parsers
    trim such lines off the ends of a paragraph, and a hard break before them would show
    as a backslash."""
    return bool(line.lstrip(" \t>").strip())


def _blocks(tokens: list[Token], lines: list[str]) -> tuple[set[int], list[tuple[int, int]], set[int], set[int]]:
    """From the parsed notes: the lines inside code blocks, the line ranges of blocks of
    inline text (each scanned on its own, as code spans cannot cross them), the lines of
    table rows (whose cells are scanned one by one) and the paragraph lines that another
    line with text of the same paragraph (or setext heading) follows."""
    code: set[int] = set()
    ranges: set[tuple[int, int]] = set()  # table cells of one row share the row's range
    rows: set[int] = set()
    continued: set[int] = set()
    for token in tokens:
        if token.map is None:
            continue
        start, end = token.map
        if token.type in ("fence", "code_block"):
            code.update(range(start, end))
        elif token.type == "inline":
            ranges.add((start, end))
        elif token.type == "tr_open":
            rows.update(range(start, end))
        elif token.type == "paragraph_open" or token.type == "heading_open" and token.markup in ("=", "-"):
            last = end if token.type == "paragraph_open" else end - 1  # a setext underline ends it
            written = [number for number in range(start, last) if _has_text(lines[number])]
            if written:
                continued.update(range(written[0], written[-1]))
    covered = code.union(*(range(start, end) for start, end in ranges))
    ranges.update((number, number + 1) for number in range(len(lines)) if number not in covered)
    return code, sorted(ranges), rows, continued


def _container(line: str) -> str:
    """The quote markers, list marker and indentation that start ``line``."""
    match = _CONTAINER_PREFIX.match(line)
    return match[0] if match else ""


def _unbroken(line: str) -> str:
    """A line of an underlined heading without the hard break it was given, and without
    its container markers (quote markers, indentation)."""
    line = line[len(_container(line)):]
    if line.endswith("  "):
        return line.rstrip(" ")
    backslashes = len(line) - len(line.rstrip("\\"))
    return line[:-1] if backslashes % 2 else line


def _shift_headings(tokens: list[Token], lines: list[str], below: int) -> tuple[list[str], list[str]]:
    """``lines`` with every heading moved ``below`` levels down (at most to level 6); an
    underlined heading becomes one ``#`` heading line. And each heading's text as written."""
    texts: list[str] = []
    joined: set[int] = set()
    for token in tokens:
        if token.type != "heading_open" or token.map is None:
            continue
        start, end = token.map
        marks = "#" * min(6, int(token.tag[1:]) + below)
        prefix = _container(lines[start])
        if token.markup in ("=", "-"):
            text = " ".join(_unbroken(line).strip() for line in lines[start:end - 1])
            lines[start] = f"{prefix}{marks} {text}"
            joined.update(range(start + 1, end))
        else:
            atx = _ATX_MARKS.match(lines[start], len(prefix))
            if atx is None:
                continue
            rest = lines[start][atx.end():]
            text = _ATX_CLOSING.sub("", rest).strip()
            lines[start] = f"{prefix}{marks}{rest}"
        texts.append(text)
    return [line for number, line in enumerate(lines) if number not in joined], texts


def _inert_notes(body: str, below: int = 0) -> tuple[str, list[str]]:
    """The notes with raw HTML and dangerous links made inert, typed line breaks kept and
    headings moved ``below`` levels down, their block structure otherwise unchanged; and
    the text of each heading."""
    lines = body.split("\n")
    tokens = _strict().parse(body)
    code, ranges, rows, continued = _blocks(tokens, lines)
    for start, end in ranges:
        if start in code:
            continue
        if start in rows:
            lines[start] = "".join(_inert(piece)[0] for piece in _cells(lines[start]))
            continue
        text, breakable = _inert("\n".join(lines[start:end]))
        lines[start:end] = [
            _hard_break(line) if number in breakable and start + number in continued else line
            for number, line in enumerate(text.split("\n"))
        ]
    if not below:
        return "\n".join(lines), []
    lines, headings = _shift_headings(tokens, lines, below)
    return "\n".join(lines), headings


def _plain_notes(body: str) -> str | None:
    """What :func:`_inert_notes` makes of ``body`` when the notes are plain, without parsing
    them; None when they are not.

    Plain notes are lines of words and list items of words (no line indented, no heading,
    quote, code, table, raw HTML, link or escape) and blank lines. Markdown-it reads each
    list item as a paragraph of its own, every following line of words as a line of the same
    paragraph (lazily, after an item), and nothing else as structure, so the one change to
    make is a hard break at the end of each line that the next line continues."""
    if _NOT_PLAIN.search(body) is not None:
        return None
    lines = body.split("\n")
    kinds: list[str] = []
    for line in lines:
        if not line.strip(" \t"):
            kinds.append("blank")
        elif _TEXT_LINE.match(line):
            kinds.append("text")
        elif (item := _ITEM_LINE.match(line)) is not None and (
                item[1] in (None, "1") or kinds[-1:] != ["text"]):  # only "1." interrupts a paragraph
            kinds.append("item")
        else:
            return None
    kinds.append("blank")
    return "\n".join(_hard_break(line) if following == "text" and kind != "blank" else line
                     for line, kind, following in zip(lines, kinds, kinds[1:], strict=False))


@dataclass(frozen=True)
class SafeNotes:
    """Notes ready for a summary, and the text of each heading in them (as Markdown)."""

    text: str
    headings: tuple[str, ...] = ()


def safe_notes(notes: str, below: int = 0) -> str:
    """The notes ready for the summary: blank lines around them dropped, raw HTML and
    dangerous links inert, line breaks kept, an open code fence closed, headings moved
    ``below`` levels down. Should a check with raw HTML on still find anything live, or the
    notes still not end cleanly, they are shown verbatim in a code block instead."""
    return summary_notes(notes, below).text


def summary_notes(notes: str, below: int = 0) -> SafeNotes:
    """As :func:`safe_notes`, with the text of the headings left in the notes."""
    lines = notes.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    body = "\n".join(lines)
    plain = _plain_notes(body)
    if plain is not None:
        return SafeNotes(plain)
    closed = _close_fence(body)
    if closed is not None:
        result, headings = _inert_notes(closed, below)
        if _MAY_BE_LIVE_OR_OPEN.search(result) is None:
            return SafeNotes(result, tuple(headings))
        tokens, line = _parse_with_sentinel(_permissive(), result)
        if _ends_cleanly(tokens, line) and _nothing_live(tokens):
            return SafeNotes(result, tuple(headings))
    return SafeNotes(_verbatim(body))
