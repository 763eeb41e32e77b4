"""The HTML of simple Markdown, written without a parser (no Textual here).

Most of a long report is Markdown of a few shapes: headings, paragraphs, tight lists of one
line per item, our tables, and text whose only syntax is backslash escapes and ``&lt;``
(:func:`mentortui.core.export.escape_text`), with plain notes (lines and list items of words)
among them. :func:`simple_html` renders exactly those shapes, byte for byte as the export's
markdown-it parser does (CommonMark and tables, raw HTML off, every line break a ``<br />``,
every heading its GitHub id), and answers None for anything else, which the caller then gives
to the parser. Being unsure is always a None: a line that could start any other block (a
quote, code, a rule, a reference definition, raw HTML, a list not written as ours) and inline
text with emphasis, code, links or entities are left to the parser.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["simple_html"]

# What may start a line of words: anything but a space or a character that can start a block
# (list, quote, heading, rule, setext underline, code fence, table row, raw HTML, reference).
_WORDS = r"(?![\s#>\-+*=_|:`~<\[]|\d{1,9}[.)](?: |$))\S"
_TEXT = re.compile(_WORDS)
_HEADING = re.compile(r"(#{1,6}) (.*)")
_ITEM = re.compile(r"(?:([-+*])|(\d{1,9})([.)])) (.*)")
# A contents entry: a link to a heading of the same page, its text free of inline syntax.
_LINK = re.compile(r"\[([^\[\]\\`<&*_!\n]+)\]\((#[A-Za-z0-9_-]*)\)")
# Whitespace other than spaces and line breaks (tabs, Unicode spaces), which markdown-it
# trims and skips by rules of its own, and NUL, which it replaces.
_OTHER_SPACE = re.compile(r"[^\S \n]|\x00")
_DELIMITER_ROW = re.compile(r"\|(?:---\|)+")
# The inline syntax handled here (escapes, hard breaks, "&lt;", line breaks) and what is not.
_INLINE = re.compile(r"\\(.)|\\$|&lt;|\n|[`*_\[\]<&]", re.DOTALL)
_HTML_SPECIAL = re.compile(r'[&<>"]')
_PLAIN_INLINE = re.compile(r'[\\&\n`*_\[\]<>"]')  # text without these is its own HTML
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_BREAK = "<br />\n"


def _escape(text: str) -> str:
    """As markdown-it escapes text: ``&``, ``<``, ``>`` and ``"``, not ``'``."""
    if _HTML_SPECIAL.search(text) is None:
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _inline(text: str) -> tuple[str, str] | None:
    """The HTML of inline Markdown and what it reads (its text, without the line breaks), or
    None if it has syntax other than escapes, ``&lt;`` and line breaks."""
    if _PLAIN_INLINE.search(text) is None:
        return text, text
    if _INLINE.search(text) is None:
        return _escape(text), text
    html: list[str] = []
    reads: list[str] = []
    pending = ""  # text since the last escape, entity or break, as markdown-it keeps it
    position = 0

    def flush() -> None:
        nonlocal pending
        html.append(_escape(pending))
        reads.append(pending)
        pending = ""

    for match in _INLINE.finditer(text):
        pending += text[position:match.start()]
        position = match.end()
        token = match[0]
        if token == "\\":  # at the very end: a backslash
            pending += token
        elif token[0] == "\\":
            flush()
            if match[1] == "\n":
                html.append(_BREAK)
            else:
                literal = match[1] if match[1] in _ESCAPABLE else token
                html.append(_escape(literal))
                reads.append(literal)
        elif token == "&lt;":
            flush()
            html.append("&lt;")
            reads.append("<")
        elif token == "\n":
            pending = pending.rstrip(" ")  # one space before a soft break, two or more before a hard one
            flush()
            html.append(_BREAK)
        else:
            return None
    pending += text[position:]
    flush()
    return "".join(html), "".join(reads)


@dataclass
class _Heading:
    level: int
    text: str  # the Markdown of its text


@dataclass
class _List:
    marker: str  # the bullet, or the delimiter of an ordered list
    start: int | None  # the first number of an ordered list
    items: list[list[str]]  # each item's lines


@dataclass
class _Table:
    header: list[str]
    rows: list[list[str]]


_Block = _Heading | _List | list[str] | _Table  # a list of strings is a paragraph's lines


def _cells(row: str, count: int | None = None) -> list[str]:
    """A table row's cells, as markdown-it splits them: at every "|" not right after a
    backslash (whose backslash goes), the outer empty ones dropped; ``count`` of them
    (missing ones empty) when given. Each is trimmed when rendered."""
    cells: list[str] = []
    current, last = "", 0
    for position, char in enumerate(row):
        if char == "|":
            if position and row[position - 1] == "\\":
                current += row[last:position - 1]
                last = position
            else:
                cells.append(current + row[last:position])
                current, last = "", position + 1
    cells.append(current + row[last:])
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return cells if count is None else (cells + [""] * count)[:count]


def _blocks(markdown: str) -> list[_Block] | None:
    """The blocks of ``markdown``, or None if it holds anything but the simple shapes."""
    if _OTHER_SPACE.search(markdown) is not None:
        return None
    blocks: list[_Block] = []
    lines = markdown.split("\n")
    current: _Block | None = None  # the open paragraph or list
    after_list = False  # only blank lines since a list ended (a further item would make it loose)
    number = 0
    while number < len(lines):
        line = lines[number]
        number += 1
        if not line.strip(" "):
            after_list = after_list or isinstance(current, _List)
            current = None
        elif (heading := _HEADING.fullmatch(line)) is not None:
            text = heading[2].strip(" ")
            if not text or text.endswith("#"):
                return None
            blocks.append(_Heading(len(heading[1]), text))
            current, after_list = None, False
        elif (item := _ITEM.fullmatch(line)) is not None:
            content = item[4]
            if after_list or not (_TEXT.match(content) or _LINK.fullmatch(content)):
                return None
            marker = item[1] or item[3]
            if isinstance(current, _List) and current.marker == marker:
                current.items.append([content])
                continue
            start = None if item[2] is None else int(item[2])
            if isinstance(current, list) and start not in (None, 1):
                return None  # another number does not interrupt a paragraph: it continues it
            current = _List(marker, start, [[content]])
            blocks.append(current)
        elif _TEXT.match(line):
            if isinstance(current, _List):
                current.items[-1].append(line)  # a lazy line of the last item
            elif isinstance(current, list):
                current.append(line)
            else:
                current = [line]
                blocks.append(current)
            after_list = False
        elif line.startswith("|") and current is None and number < len(lines) \
                and _DELIMITER_ROW.fullmatch(lines[number]):
            header = _cells(line.strip(" "))
            if len(header) != lines[number].count("---"):
                return None
            table = _Table(header, [])
            number += 1
            while number < len(lines) and lines[number].strip(" "):
                if not lines[number].startswith("|"):
                    return None
                table.rows.append(_cells(lines[number].strip(" "), len(header)))
                number += 1
            blocks.append(table)
            after_list = False
        else:
            return None
    return blocks


def _render_inline(text: str) -> str | None:
    """The HTML of a paragraph's, item's or cell's text (trimmed as markdown-it trims it)."""
    link = _LINK.fullmatch(text) if text.startswith("[") else None
    if link is not None:
        label = _inline(link[1].strip(" "))
        return None if label is None else f'<a href="{link[2]}">{label[0]}</a>'
    rendered = _inline(text.strip(" "))
    return None if rendered is None else rendered[0]


def _render(block: _Block) -> str | tuple[int, str, str] | None:
    """The HTML of a block; for a heading its level, HTML and what it reads, as its id is
    given later."""
    if isinstance(block, _Heading):
        rendered = _inline(block.text)
        return None if rendered is None else (block.level, *rendered)
    if isinstance(block, _List):
        items = [_render_inline("\n".join(lines)) for lines in block.items]
        if None in items:
            return None
        tag = "ul" if block.start is None else "ol"
        start = f' start="{block.start}"' if block.start not in (None, 1) else ""
        return f"<{tag}{start}>\n" + "".join(f"<li>{item}</li>\n" for item in items) + f"</{tag}>\n"
    if isinstance(block, _Table):
        header = [_render_inline(cell) for cell in block.header]
        rows = [[_render_inline(cell) for cell in row] for row in block.rows]
        if None in header or any(None in row for row in rows):
            return None
        html = "<table>\n<thead>\n<tr>\n" + "".join(f"<th>{cell}</th>\n" for cell in header) + "</tr>\n</thead>\n"
        if rows:
            html += "<tbody>\n" + "".join(
                "<tr>\n" + "".join(f"<td>{cell}</td>\n" for cell in row) + "</tr>\n" for row in rows) + "</tbody>\n"
        return html + "</table>\n"
    paragraph = _render_inline("\n".join(block))
    return None if paragraph is None else f"<p>{paragraph}</p>\n"


def simple_html(markdown: str, heading_id: Callable[[str], str]) -> str | None:
    """The HTML markdown-it gives ``markdown`` when it has only the simple shapes, else None.
    ``heading_id`` gives each heading's id from what the heading reads, in order; it is not
    called at all when the answer is None."""
    blocks = _blocks(markdown)
    if blocks is None:
        return None
    parts = [_render(block) for block in blocks]
    if any(part is None for part in parts):
        return None
    html: list[str] = []
    for part in parts:
        if isinstance(part, tuple):
            level, text, reads = part
            html.append(f'<h{level} id="{_escape(heading_id(reads))}">{text}</h{level}>\n')
        elif part is not None:
            html.append(part)
    return "".join(html)
