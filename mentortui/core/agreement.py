"""The pair's agreement and facts as the pair form edits them: whether the agreed meeting
interval is one the manuals advise, which agenda items are about the agreement, the
programme dates' rules, and copying an edit into the pair with the day it was agreed."""

from __future__ import annotations

from datetime import date

from mentortui.core.builtin_content import AGREEMENT_ROLE, BuiltinContent
from mentortui.core.dates import add_months, days_word
from mentortui.core.models import AgendaItem, Expectations, PairInfo

ADVISED_DAYS = range(14, 32)
"""Every two to four weeks, and at least monthly."""
REVIEW_AFTER_MONTHS = 3
"""A new pair's review point: "three months, then continue or end"."""
AGREEMENT_FIELDS = tuple(name for name in Expectations.model_fields if name != "agreed_on")
PERSON_FIELDS = ("name", "pronouns", "contact")
PROGRAMME_FIELDS = ("started_on", "review_on", "ends_on")


def interval_note(days: int) -> str:
    """"" for an interval the manuals advise; otherwise a sentence saying what they advise."""
    if days in ADVISED_DAYS:
        return ""
    often = "more" if days < ADVISED_DAYS.start else "less"
    return (f"Meeting every {days_word(days)} is {often} often than the manuals advise: "
            "every two to four weeks, and at least monthly.")


def frequency_note(expectations: Expectations) -> str:
    """The note on the pair's agreed interval ("" when the manuals advise it)."""
    return interval_note(expectations.frequency_days)


def default_review(started_on: date) -> date:
    """The review point a new pair starts with: three months after the match."""
    return add_months(started_on, REVIEW_AFTER_MONTHS)


def date_problems(started_on: date, review_on: date | None, ends_on: date | None) -> list[tuple[str, str]]:
    """What is wrong with a pair's programme dates, as (field, sentence) pairs."""
    problems = []
    if review_on is not None and review_on <= started_on:
        problems.append(("review_on", "The review point comes after the match date."))
    if ends_on is not None and ends_on <= started_on:
        problems.append(("ends_on", "The end date comes after the match date."))
    elif review_on is not None and ends_on is not None and review_on > ends_on:
        problems.append(("review_on", "The review point comes before the end date."))
    return problems


def agreement_titles(content: BuiltinContent) -> frozenset[str]:
    """The titles of the template items where the two settle their agreement."""
    return frozenset(item.title for template in content.templates.values() for item in template.items
                     if item.role == AGREEMENT_ROLE)


def is_agreement_item(item: AgendaItem, content: BuiltinContent) -> bool:
    return item.source == "template" and item.title in agreement_titles(content)


def differs_from_defaults(expectations: Expectations) -> bool:
    """Whether anything was agreed beyond what a pair starts with."""
    defaults = Expectations()
    return any(getattr(expectations, name) != getattr(defaults, name) for name in AGREEMENT_FIELDS)


def update_pair(pair: PairInfo, edited: PairInfo, today: date, *, agreeing: bool = False) -> bool:
    """Copy the people, the agreement and the programme dates of ``edited`` into ``pair``,
    field by field (what else the pair holds stays as it is). The agreement is recorded as
    agreed today when one of its fields changed, or always when ``agreeing`` (the form was
    opened to settle it). Returns whether it was recorded."""
    for role in ("mentor", "mentee"):
        for name in PERSON_FIELDS:
            setattr(getattr(pair, role), name, getattr(getattr(edited, role), name))
    expect, new = pair.expectations, edited.expectations
    agreed = agreeing or any(getattr(expect, name) != getattr(new, name) for name in AGREEMENT_FIELDS)
    for name in AGREEMENT_FIELDS:
        setattr(expect, name, getattr(new, name))
    for name in PROGRAMME_FIELDS:
        setattr(pair, name, getattr(edited, name))
    if agreed:
        expect.agreed_on = today
    return agreed
