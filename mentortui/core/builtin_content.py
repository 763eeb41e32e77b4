"""The built-in content in ``mentortui/data/``: the conversation-starter question bank,
the agenda templates of the five meeting kinds, and the checklists."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from mentortui.core.models import MEETING_KIND_NAMES

ASKERS = ("mentor", "mentee", "either")
AGREEMENT_ROLE = "agreement"
"""The role of the items where the pair settles its agreement (several in one template)."""
ROLES = ("", "review_actions", "next_steps", "feedback", AGREEMENT_ROLE)


class ContentError(Exception):
    """The bundled content is malformed: a packaging bug, reported with the file and entry."""


@dataclass(frozen=True)
class Starter:
    id: str
    text: str
    group: str
    stages: tuple[int, ...]
    kinds: tuple[str, ...]
    asker: str


@dataclass(frozen=True)
class StarterGroup:
    id: str
    title: str
    about: str
    stages: tuple[int, ...]
    kinds: tuple[str, ...]
    questions: tuple[Starter, ...]

    def fits(self, stage: int, kind: str | None) -> bool:
        return stage in self.stages or (kind is not None and kind in self.kinds)


@dataclass(frozen=True)
class TemplateItem:
    title: str
    minutes: int
    hint: str
    starters: tuple[str, ...]
    role: str


@dataclass(frozen=True)
class AgendaTemplate:
    kind: str
    title: str
    minutes: int
    assignment: str
    items: tuple[TemplateItem, ...]


@dataclass(frozen=True)
class Checklist:
    id: str
    title: str
    items: tuple[str, ...]
    # What the app can check for each item, in order; "" where it can only remind.
    checks: tuple[str, ...] = ()


@dataclass(frozen=True)
class BuiltinContent:
    groups: tuple[StarterGroup, ...]
    templates: dict[str, AgendaTemplate]
    checklists: dict[str, Checklist]
    starters: dict[str, Starter]

    def item_groups(self, kind: str, title: str) -> tuple[str, ...]:
        """The starter groups of the template item called ``title``: in the template of
        ``kind`` first, else in any template (an item kept when the meeting's kind changed)."""
        ordered = [self.templates[kind]] if kind in self.templates else []
        ordered += [template for template in self.templates.values() if template.kind != kind]
        for template in ordered:
            for item in template.items:
                if item.title == title:
                    return item.starters
        return ()


def _read(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("mentortui.data").joinpath(name).read_text("utf-8"))


def _starter(group_id: str, entry: dict[str, Any]) -> Starter:
    starter = Starter(
        id=entry["id"],
        text=entry["text"],
        group=group_id,
        stages=tuple(entry["stages"]),
        kinds=tuple(entry["kinds"]),
        asker=entry["asker"],
    )
    if starter.asker not in ASKERS or not set(starter.kinds) <= MEETING_KIND_NAMES.keys():
        raise ContentError(f"starters.toml: question {starter.id} has an unknown asker or kind")
    return starter


def _group(entry: dict[str, Any]) -> StarterGroup:
    return StarterGroup(
        id=entry["id"],
        title=entry["title"],
        about=entry["about"],
        stages=tuple(entry["stages"]),
        kinds=tuple(entry["kinds"]),
        questions=tuple(_starter(entry["id"], q) for q in entry["question"]),
    )


def _template(entry: dict[str, Any]) -> AgendaTemplate:
    items = tuple(
        TemplateItem(
            title=item["title"],
            minutes=item["minutes"],
            hint=item["hint"],
            starters=tuple(item["starters"]),
            role=item["role"],
        )
        for item in entry["item"]
    )
    if any(item.role not in ROLES for item in items):
        raise ContentError(f"agendas.toml: template {entry['kind']} has an unknown item role")
    return AgendaTemplate(
        kind=entry["kind"],
        title=entry["title"],
        minutes=entry["minutes"],
        assignment=entry["assignment"],
        items=items,
    )


def _checklist(entry: dict[str, Any]) -> Checklist:
    items = tuple(entry["items"])
    checks = tuple(entry.get("checks", ("",) * len(items)))
    if len(checks) != len(items):
        raise ContentError(f"agendas.toml: checklist {entry['id']} has {len(checks)} checks for {len(items)} items")
    return Checklist(id=entry["id"], title=entry["title"], items=items, checks=checks)


@cache
def load_content() -> BuiltinContent:
    """Read and check the bundled content once per run."""
    try:
        starters = _read("starters.toml")
        agendas = _read("agendas.toml")
        groups = tuple(_group(entry) for entry in starters["group"])
        return BuiltinContent(
            groups=groups,
            templates={t.kind: t for t in map(_template, agendas["template"])},
            checklists={c["id"]: _checklist(c) for c in agendas["checklist"]},
            starters={q.id: q for group in groups for q in group.questions},
        )
    except (KeyError, TypeError, tomllib.TOMLDecodeError) as error:
        raise ContentError(f"the built-in content is damaged: {error!r}") from error
