"""`mentortui report`, as a coordinator runs it on a folder of pairs before a checkpoint."""

from __future__ import annotations

import json
import os
import re
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from mentortui.cli import main
from mentortui.core.models import (
    ActionItem,
    AgendaItem,
    CheckIn,
    ClosingSummary,
    Contact,
    Goal,
    Meeting,
    Pair,
    Person,
    Worksheet,
)
from mentortui.storage.private_notes import private_notes_path, write_private_notes
from mentortui.storage.store import PairStore

from .conftest import TODAY

SECRET = "Zebraquartz"


def _at(days: int, hour: int = 18) -> datetime:
    return datetime.combine(TODAY + timedelta(days=days), time(hour))


def _held(days: int, **fields) -> Meeting:
    return Meeting(scheduled=_at(days), started_at=_at(days), ended_at=_at(days) + timedelta(hours=1), **fields)


def _quiet_pair() -> Pair:
    """Last met 20 days ago, nothing planned."""
    return Pair(mentor=Person(name="Olu Mensah"), mentee=Person(name="Sam Reyes"), stage=2,
                started_on=TODAY - timedelta(days=60), meetings=[_held(-20, kind="first")])


def _missing_pair() -> Pair:
    """A missed meeting three days ago and an overdue item; a secret in every note-like field."""
    met = _held(
        -10, notes=f"notes {SECRET}", decisions=[f"decided {SECRET}"], parked=[f"parked {SECRET}"],
        assignment=f"assignment {SECRET}", mentee_update=f"update {SECRET}",
        agenda=[AgendaItem(title="Check-in", notes=f"item notes {SECRET}")],
    )
    goal = Goal(title="Ten interviews", specific=f"specific {SECRET}", measurable=f"measurable {SECRET}",
                complete_by=TODAY + timedelta(days=40),
                checkins=[CheckIn(on=TODAY - timedelta(days=10), progress=30, note=f"check-in {SECRET}")])
    return Pair(
        mentor=Person(name="Dana Okafor", contact=f"contact {SECRET}"), mentee=Person(name="Priya Raman"), stage=3,
        started_on=TODAY - timedelta(days=90),
        meetings=[met, Meeting(scheduled=_at(-3))],
        action_items=[ActionItem(text="Send the CV", owner="mentee", due=TODAY - timedelta(days=5)),
                      ActionItem(text="Book a room", owner="mentor", due=TODAY + timedelta(days=5))],
        goals=[goal],
        contacts=[Contact(on=TODAY - timedelta(days=8), by="mentee", way="email", note=f"contact note {SECRET}")],
        worksheets=[Worksheet(kind="grow", created_on=TODAY - timedelta(days=10), goal=f"grow {SECRET}",
                              will=f"will {SECRET}")],
    )


def _closed_pair() -> Pair:
    """Closed five days ago, long quiet before that: no warnings."""
    closing = ClosingSummary(goals_reached=f"reached {SECRET}", takes_forward=f"forward {SECRET}",
                             eval_improve=f"improve {SECRET}")
    return Pair(mentor=Person(name="Kim Lee"), mentee=Person(name="Ade Bello"), stage=4,
                started_on=TODAY - timedelta(days=200), meetings=[_held(-60, kind="closing")],
                goals=[Goal(title="Find a job", status="achieved")],
                closed_on=TODAY - timedelta(days=5), closing=closing)


@pytest.fixture
def programme(tmp_path: Path) -> Path:
    store = PairStore(tmp_path / "programme")
    for pair in (_quiet_pair(), _missing_pair(), _closed_pair()):
        slug = store.create(pair)
        notes = {meeting.id: f"private {SECRET}" for meeting in pair.meetings}
        write_private_notes(private_notes_path(store.folder, slug), notes)
    return store.folder


def report(folder: Path, capsys, *options: str) -> tuple[int, str, str]:
    code = main(["report", "--data-dir", str(folder), "--today", TODAY.isoformat(), *options])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _row(markdown: str, slug: str) -> list[str]:
    line = next(line for line in markdown.splitlines() if line.startswith(f"| {slug} |"))
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]


def test_the_markdown_report_shows_each_pair_with_its_warnings_and_the_closed_one_apart(programme, capsys):
    code, out, err = report(programme, capsys)
    assert (code, err) == (0, "")
    open_part, closed_part = out.split("## Closed pairs")
    quiet = _row(open_part, "sam-with-olu")
    assert quiet[3:7] == ["2", f"{(TODAY - timedelta(days=60)).day} {TODAY - timedelta(days=60):%b %Y}",
                          f"{(TODAY - timedelta(days=20)).day} {TODAY - timedelta(days=20):%b %Y}", "-"]
    assert quiet[-1] == "last contact 20 days ago, nothing planned"
    missing = _row(open_part, "priya-with-dana")
    assert missing[7:10] == ["1", "1", "1"]  # held, missed, overdue items
    assert "a meeting was missed" in missing[-1]
    assert "last contact 8 days ago" not in missing[-1]  # the e-mail counts as contact
    section = out.split("## Priya Raman with Dana Okafor")[1].split("\n## ")[0]
    assert "| Send the CV | Priya Raman |" in section
    assert "Book a room" not in section
    assert "| Ten interviews | short | active | 30% |" in section
    assert "ade-with-kim" not in open_part
    closed = _row(closed_part, "ade-with-kim")
    assert closed[4] == f"{(TODAY - timedelta(days=5)).day} {TODAY - timedelta(days=5):%b %Y}"
    assert closed[-1] == "1 of 1"
    closed_section = out.split("## Ade Bello with Kim Lee (closed)")[1]
    assert "Warnings" not in closed_section


def test_json_and_html_carry_the_same_report(programme, capsys):
    code, out, _ = report(programme, capsys, "--format", "json")
    document = json.loads(out)
    assert code == 0 and document["generated_on"] == TODAY.isoformat()
    pairs = {pair["slug"]: pair for pair in document["pairs"]}
    assert set(pairs) == {"sam-with-olu", "priya-with-dana", "ade-with-kim"}
    missing = pairs["priya-with-dana"]
    assert missing["last_contact"] == (TODAY - timedelta(days=8)).isoformat()
    assert missing["meetings_missed"] == 1 and missing["stage_name"] == "Working towards goals"
    assert missing["overdue_action_items"] == [
        {"text": "Send the CV", "owner": "mentee", "due": (TODAY - timedelta(days=5)).isoformat()}]
    assert missing["goals"][0]["progress"] == 30
    assert pairs["ade-with-kim"]["closed_on"] == (TODAY - timedelta(days=5)).isoformat()
    assert pairs["ade-with-kim"]["warnings"] == []
    assert pairs["sam-with-olu"]["next_meeting"] is None

    output = programme.parent / "report.html"
    assert report(programme, capsys, "--format", "html", "-o", str(output))[0] == 0
    page = output.read_text()
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert "<td>sam-with-olu</td>" in page


@pytest.mark.parametrize("form", ["md", "html", "json"])
def test_no_word_of_any_note_reaches_the_report(programme, capsys, form):
    code, out, _ = report(programme, capsys, "--format", form)
    assert code == 0
    assert "Priya Raman" in out
    assert SECRET.lower() not in out.lower()


def test_hostile_names_keep_the_table_whole(tmp_path, capsys):
    store = PairStore(tmp_path / "programme")
    hostile = "Ann | <script>alert(1)</script> [bold]x[/bold] *y*"
    pair = _missing_pair().model_copy(update={"mentee": Person(name=hostile)})
    pair.goals[0].title = "A | B <b>c</b>"
    pair.action_items[0].text = "x | y | z"
    store.create(pair)
    markdown = report(store.folder, capsys)[1]
    for block in markdown.split("\n\n"):
        if block.startswith("|"):
            assert len({len(re.findall(r"(?<!\\)\|", line)) for line in block.splitlines()}) == 1, block
    page = report(store.folder, capsys, "--format", "html")[1]
    assert "<script>" not in page and "<b>c" not in page and "<strong>" not in page
    for table in re.findall(r"<table>.*?</table>", page, re.S):
        widths = {len(re.findall(r"<t[hd]>", row)) for row in re.findall(r"<tr>.*?</tr>", table, re.S)}
        assert len(widths) == 1, table
    assert json.loads(report(store.folder, capsys, "--format", "json")[1])["pairs"][0]["mentee"] == hostile


def test_a_damaged_file_gets_its_line_and_the_rest_still_reports(programme, capsys):
    (programme / "broken.json").write_text("{not json")
    code, out, err = report(programme, capsys)
    assert code == 1
    assert err.startswith(f"mentortui: could not read {programme / 'broken.json'}: not valid JSON")
    assert len(err.splitlines()) == 1
    assert "| sam-with-olu |" in out and "broken.json" in out.split("## Files that could not be read")[1]


def test_clone_per_pair_and_shared_layouts_are_found_once_even_while_open(tmp_path, capsys):
    folder = tmp_path / "programme"
    PairStore(folder / "priya-clone").create(_missing_pair())
    shared = folder / "shared" / "sam-with-olu"
    PairStore(shared).create(_quiet_pair())
    os.symlink(os.path.join("shared", "sam-with-olu", "sam-with-olu.json"), folder / "sam-with-olu.json")
    before = {path: path.read_bytes() for path in folder.rglob("*.json")}
    with PairStore(shared).open("sam-with-olu"):  # open in the app: its lock is taken
        code, out, _ = report(folder, capsys, "--format", "json")
    assert code == 0
    assert sorted(pair["slug"] for pair in json.loads(out)["pairs"]) == ["priya-with-dana", "sam-with-olu"]
    assert {path: path.read_bytes() for path in folder.rglob("*.json")} == before


def test_a_folder_that_is_not_there_is_a_usage_error(tmp_path, capsys):
    code, out, err = report(tmp_path / "nowhere", capsys)
    assert (code, out) == (2, "")
    assert "is not a folder" in err
