"""The programme's contact rules, as the manuals state them: a first contact within two
weeks of the match, some contact at least once a month (a meeting, or a check-in by
e-mail, phone or chat), two quiet weeks with nothing planned as a warning sign, and a
planned meeting whose day passed unheld counted as missed. A closed pair is never warned."""

from __future__ import annotations

from datetime import date

from mentortui.core.models import Meeting, Pair

FIRST_CONTACT_DAYS = 14
QUIET_DAYS = 14
MONTHLY_MINIMUM_DAYS = 30


def contact_days(pair: Pair) -> list[date]:
    """Every day the two were in touch: held meetings and logged contacts, in order."""
    days = [meeting.scheduled.date() for meeting in pair.meetings if meeting.is_held]
    days += [contact.on for contact in pair.contacts]
    return sorted(days)


def last_contact(pair: Pair) -> date | None:
    days = contact_days(pair)
    return days[-1] if days else None


def missed_meetings(pair: Pair, today: date) -> list[Meeting]:
    """Planned meetings whose day passed without them being held, oldest first."""
    return sorted((meeting for meeting in pair.meetings if meeting.is_missed(today)), key=lambda m: m.scheduled)


def warnings(pair: Pair, today: date) -> list[str]:
    """What breaks the rules today, one line each (none for a closed pair)."""
    if pair.is_closed:
        return []
    found: list[str] = []
    last = last_contact(pair)
    planned = pair.next_meeting(today)
    if last is None:
        days = (today - pair.started_on).days
        lead = f"no contact in the {days} days since starting"
        if days > MONTHLY_MINIMUM_DAYS:
            found.append(f"{lead}: be in touch at least monthly")
        elif days > FIRST_CONTACT_DAYS:
            when = f"the first meeting is planned for {planned.scheduled:%-d %b}" if planned else "nothing is planned"
            found.append(f"{lead}: the first contact was due within two weeks of the match, and {when}")
    else:
        days = (today - last).days
        lead = f"last contact {days} days ago"
        if days > MONTHLY_MINIMUM_DAYS:
            found.append(f"{lead}: be in touch at least monthly")
        elif days > QUIET_DAYS and planned is None:
            found.append(f"{lead}, nothing planned")
    last_held = pair.last_meeting()
    unresolved = [meeting for meeting in missed_meetings(pair, today)
                  if last_held is None or meeting.scheduled > last_held.scheduled]
    if unresolved:
        days_missed = ", ".join(f"{meeting.scheduled:%-d %b}" for meeting in unresolved)
        count = "a meeting was" if len(unresolved) == 1 else f"{len(unresolved)} meetings were"
        found.append(f"{count} missed ({days_missed}): planned, never held")
    return found
