"""A meeting's notes, written in Markdown, shown formatted in one widget.

Textual's Markdown widget builds a widget for every block (a list item is three), so a
long page of notes costs hundreds of widgets to build, style and lay out. Here the notes
are parsed with the parser the notes view always used (``safe_notes.notes_parser``: raw
HTML shown as text, every typed line break kept) and drawn as one Rich ``Text``, never
through Rich or Textual markup: what was typed shows as text, and only the Markdown syntax
itself becomes bold, italics, bullets, numbers and indents.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from mentortui.core.safe_notes import notes_parser

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

INLINE_STYLES = {"strong": "bold", "em": "italic", "s": "strike", "link": "underline"}
CODE_INDENT = "    "
RULE = "─" * 24


class NotesView(Static):
    """Notes in Markdown, shown formatted; ``source`` is the Markdown shown."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.source = ""

    def show(self, markdown: str) -> None:
        if markdown != self.source:
            self.source = markdown
            self.update(notes_text(markdown))


@cache
def _parser() -> MarkdownIt:
    return notes_parser()


def notes_text(markdown: str) -> Text:
    """The notes as formatted text: headings bold, lists with bullets or numbers, quotes
    with a bar, code indented, tables with ruled columns."""
    return _Writer().write(_parser().parse(markdown))


class _Writer:
    def __init__(self) -> None:
        self.text = Text()
        self.lists: list[list[int]] = []  # per open list: [the next number], or [] for bullets
        self.quotes = 0
        self.marker = ""  # a list item's bullet or number, written before its first line
        self.row: list[Text] | None = None
        self.styles: list[str] = []

    def write(self, tokens: list[Token]) -> Text:
        for token in tokens:
            self._block(token)
        self.text.rstrip()
        return self.text

    def _indent(self) -> str:
        return "▌ " * self.quotes + "   " * len(self.lists)

    def _start_line(self) -> None:
        indent = self._indent()
        if self.marker:
            self.text.append(indent[:len(indent) - len(self.marker)] + self.marker)
            self.marker = ""
        else:
            self.text.append(indent)

    def _gap(self) -> None:
        """A blank line before a block, unless it starts the notes or a list item."""
        if self.text.plain and not self.marker and not self.text.plain.endswith("\n\n"):
            self.text.append("\n")

    def _block(self, token: Token) -> None:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            if not self.lists:
                self._gap()
            start = token.attrs.get("start", 1)
            self.lists.append([int(start) if isinstance(start, (int, str)) else 1]
                              if kind == "ordered_list_open" else [])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            numbering = self.lists[-1]
            if numbering:
                self.marker = f"{numbering[0]}. "
                numbering[0] += 1
            else:
                self.marker = "• "
        elif kind == "blockquote_open":
            self._gap()
            self.quotes += 1
        elif kind == "blockquote_close":
            self.quotes -= 1
        elif kind in ("paragraph_open", "heading_open"):
            if not token.hidden:
                self._gap()
            self._start_line()
            if kind == "heading_open":
                self.styles.append("bold")
        elif kind in ("paragraph_close", "heading_close"):
            if kind == "heading_close":
                self.styles.pop()
            self.text.append("\n")
        elif kind == "inline":
            self._inline(token.children or [], self.text if self.row is None else self.row[-1])
        elif kind in ("fence", "code_block"):
            self._gap()
            for line in token.content.rstrip("\n").split("\n"):
                self._start_line()
                self.text.append(CODE_INDENT + line + "\n")
        elif kind == "hr":
            self._gap()
            self._start_line()
            self.text.append(RULE + "\n")
        elif kind == "table_open":
            self._gap()
        elif kind == "tr_open":
            self.row = []
        elif kind in ("th_open", "td_open") and self.row is not None:
            self.row.append(Text(style="bold" if kind == "th_open" else ""))
        elif kind == "tr_close" and self.row is not None:
            self._start_line()
            self.text.append(Text(" │ ").join(self.row))
            self.text.append("\n")
            self.row = None

    def _inline(self, children: list[Token], into: Text) -> None:
        for child in children:
            kind = child.type
            style = " ".join(self.styles)
            if kind in ("text", "code_inline", "html_inline"):
                into.append(child.content, style=f"{style} bold".strip() if kind == "code_inline" else style)
            elif kind in ("softbreak", "hardbreak"):
                into.append("\n")
                if into is self.text:
                    self.text.append(self._indent())
            elif kind == "image":
                into.append(f"[{child.content}]", style=style)
            elif kind.endswith("_open") and kind[:-5] in INLINE_STYLES:
                self.styles.append(INLINE_STYLES[kind[:-5]])
            elif kind.endswith("_close") and kind[:-6] in INLINE_STYLES:
                self.styles.pop()
