"""A meeting's notes, kept per agenda item, and the one Markdown document they make.

A meeting has general notes (``Meeting.notes``: whatever is not tied to an item) and the
notes of each agenda item (``AgendaItem.notes``). ``whole_document`` writes them as one
document and ``split_document`` puts a (possibly edited) document back.

The document::

    ## General notes
    <blank line>
    <the general notes>
    <blank line>
    ## <first item's title>
    <blank line>
    <its notes>
    <blank line>
    ...

An empty section is its heading and one blank line. Titles are written with the Markdown
characters that could make markup backslash-escaped (so a title stays literal text), and a
title used twice gets " (2)", " (3)"... so every heading line is unique.

Only heading lines that exactly match the expected headings, in agenda order, end a
section. A note line that reads exactly like one of the meeting's heading lines, after any
number of leading backslashes, gets one more backslash on the way out and loses one on the
way in, so no note text can be taken for a heading: ``split_document(m, whole_document(m))``
gives back every text unchanged.

Headings the user renamed or removed are not found. Their items' notes become empty and
``unmatched`` names those items; the text that followed a renamed heading (from its
``## `` line on) moves to the end of the general notes, under the heading as typed, and
the text under a removed heading stays with the section above it, so nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mentortui.core.models import AgendaItem, Meeting

GENERAL: None = None
"""The ``item_id`` meaning the meeting's general notes."""

GENERAL_TITLE = "General notes"
_HEADING_PREFIX = "## "
_MARKUP_CHARACTERS = re.compile(r"([\\`*_\[\]<>~&#|])")


@dataclass
class SplitNotes:
    """A document taken apart: the general notes, each item's notes by id, and the titles
    of the items whose headings were not found."""

    general: str
    items: dict[str, str] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)


def notes_of(meeting: Meeting, item_id: str | None) -> str:
    """The general notes (``item_id`` None) or one agenda item's notes."""
    if item_id is GENERAL:
        return meeting.notes
    return _item(meeting, item_id).notes


def set_notes_of(meeting: Meeting, item_id: str | None, text: str) -> None:
    """Change the general notes or one item's notes; the model cleans the text."""
    if item_id is GENERAL:
        meeting.notes = text
    else:
        meeting.change_item(_item(meeting, item_id).id, notes=text)


def whole_document(meeting: Meeting) -> str:
    """Every note of the meeting as one Markdown document (see the module's docstring)."""
    headings = _headings(meeting)
    texts = [meeting.notes, *(item.notes for item in meeting.agenda)]
    known = set(headings)
    lines: list[str] = []
    for heading, text in zip(headings, texts, strict=True):
        lines.append(heading)
        lines.extend(_body(text, known))
    return "\n".join(lines)


def split_document(meeting: Meeting, text: str) -> SplitNotes:
    """The notes a document written by ``whole_document`` (and maybe edited) holds."""
    headings = _headings(meeting)
    known = set(headings)
    # (index of the heading, the lines under it); -1 is what comes before any heading.
    sections: list[tuple[int, list[str]]] = [(-1, [])]
    expected = 0
    for line in text.split("\n"):
        found = _find(headings, line, expected)
        if found is None:
            sections[-1][1].append(_unescaped(line, known))
        else:
            sections.append((found, []))
            expected = found + 1
    preamble = "\n".join(sections[0][1]) if len(sections[0][1]) > 0 and sections[0][1] != [""] else None
    general_parts = [] if preamble is None else [preamble]
    moved: list[str] = []
    items: dict[str, str] = {item.id: "" for item in meeting.agenda}
    for position, (index, lines) in enumerate(sections[1:], start=1):
        following = sections[position + 1][0] if position + 1 < len(sections) else len(headings)
        body = _strip_format(lines)
        if following > index + 1 and index > 0:
            body, renamed = _cut_renamed(body, meeting.agenda[index - 1].notes)
            if renamed:
                moved.append("\n".join(renamed))
        section_text = "\n".join(body)
        if index == 0:
            general_parts.append(section_text)
        else:
            items[meeting.agenda[index - 1].id] = section_text
    found_indices = {index for index, _lines in sections[1:]}
    unmatched = [item.title for number, item in enumerate(meeting.agenda, start=1) if number not in found_indices]
    general = "\n\n".join(part for part in general_parts if part) if len(general_parts) != 1 else general_parts[0]
    for block in moved:
        general = f"{general}\n\n{block}" if general else block
    return SplitNotes(general, items, unmatched)


def changes(meeting: Meeting, split: SplitNotes) -> list[tuple[str | None, str]]:
    """The sections whose text ``split`` changes, as (item id or GENERAL, new text)."""
    changed: list[tuple[str | None, str]] = []
    if split.general != meeting.notes:
        changed.append((GENERAL, split.general))
    for item in meeting.agenda:
        text = split.items.get(item.id, "")
        if text != item.notes:
            changed.append((item.id, text))
    return changed


def meeting_text(meeting: Meeting) -> str:
    """All of a meeting's notes as one text, for search and for reading back: just the
    general notes when no item has notes, else the sections that have notes, with titles."""
    if not any(item.notes for item in meeting.agenda):
        return meeting.notes
    headings = _headings(meeting)
    texts = [meeting.notes, *(item.notes for item in meeting.agenda)]
    known = set(headings)
    lines: list[str] = []
    for heading, text in zip(headings, texts, strict=True):
        if text.strip():
            lines.append(heading)
            lines.extend(_body(text, known))
    return "\n".join(lines).rstrip("\n")


def _item(meeting: Meeting, item_id: str | None) -> AgendaItem:
    for item in meeting.agenda:
        if item.id == item_id:
            return item
    raise KeyError(f"no agenda item {item_id!r} in this meeting")


def _headings(meeting: Meeting) -> list[str]:
    """The heading line of the general section, then of each item, all different."""
    used: set[str] = set()
    headings = []
    for title in (GENERAL_TITLE, *(item.title for item in meeting.agenda)):
        name = _MARKUP_CHARACTERS.sub(r"\\\1", title)
        candidate, number = name, 2
        while candidate in used:
            candidate, number = f"{name} ({number})", number + 1
        used.add(candidate)
        headings.append(_HEADING_PREFIX + candidate)
    return headings


def _body(text: str, known: set[str]) -> list[str]:
    """A section's lines under its heading: a blank line, the escaped text, a blank line
    (one blank line alone for no text)."""
    if text == "":
        return [""]
    return ["", *(_escaped(line, known) for line in text.split("\n")), ""]


def _strip_format(lines: list[str]) -> list[str]:
    """The text lines of a section, without the blank lines ``_body`` put around them."""
    if lines == [""]:
        return []
    start = 1 if lines and lines[0] == "" else 0
    end = len(lines) - 1 if len(lines) > start and lines[-1] == "" else len(lines)
    return lines[start:end]


def _cut_renamed(lines: list[str], before: str) -> tuple[list[str], list[str]]:
    """Split a section followed by a missing heading where a heading the user renamed
    starts: right after the item's notes as they were, when the section starts with them
    and a ``## `` line follows, else at its first ``## `` line. Returns the item's text and
    the renamed heading's."""
    old = before.split("\n") if before else []
    after = len(old) + 1 if old and lines[len(old):len(old) + 1] == [""] else len(old)
    if lines[:len(old)] == old and lines[after:after + 1] and lines[after].startswith(_HEADING_PREFIX):
        return lines[:len(old)], lines[after:]
    for number, line in enumerate(lines):
        if line.startswith(_HEADING_PREFIX):
            kept = lines[:number]
            if kept and kept[-1] == "":
                kept = kept[:-1]
            return kept, lines[number:]
    return lines, []


def _find(headings: list[str], line: str, start: int) -> int | None:
    """The index of the first heading from ``start`` on that ``line`` is, if any."""
    if not line.startswith(_HEADING_PREFIX):
        return None
    for index in range(start, len(headings)):
        if headings[index] == line:
            return index
    return None


def _escaped(line: str, known: set[str]) -> str:
    return "\\" + line if line.lstrip("\\") in known else line


def _unescaped(line: str, known: set[str]) -> str:
    return line[1:] if line.startswith("\\") and line.lstrip("\\") in known else line
