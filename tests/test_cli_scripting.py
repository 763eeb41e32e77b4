"""The command line for scripts and habits: --version, list --json/--names, export as JSON,
`-o -`, a second `new` of the same two people, shell completion, ASCII short names and
`list`'s columns with wide characters."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from importlib.metadata import version
from pathlib import Path

import argcomplete.io
import pytest
from argcomplete.finders import CompletionFinder
from rich.cells import cell_len

from mentortui.cli import main
from mentortui.cli_completion import complete
from mentortui.core.demo import demo_pair
from mentortui.core.models import Pair, Person
from mentortui.storage.paths import check_slug, slugify
from mentortui.storage.private_notes import PrivateNotes
from mentortui.storage.store import PairStore

LISTING_KEYS = ["slug", "mentee", "mentor", "stage", "last_meeting", "next_meeting", "open_items", "overdue_items",
                "warning", "closed_on", "problem"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def demo(folder: Path) -> str:
    """The demo pair, dated from the real today, as the command line reads it."""
    return PairStore(folder).create(demo_pair(date.today()))


def run_main(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --------------------------------------------------------------------------- --version


def test_version_prints_the_program_and_its_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"mentortui {version('mentortui')}\n"


# --------------------------------------------------------------------------- list


def test_list_json_gives_every_pair_in_the_documented_shape(folder, demo, capsys):
    code, _, _ = run_main(capsys, "new", "--mentor", "Kim Lee", "--mentee", "Sam Ode", "--data-dir", str(folder))
    assert code == 0
    code, out, err = run_main(capsys, "list", "--json", "--data-dir", str(folder))
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert [list(row) for row in rows] == [LISTING_KEYS, LISTING_KEYS]
    pair = PairStore(folder).load(demo)
    assert rows[0] == {
        "slug": "priya-with-dana", "mentee": "Priya Raman", "mentor": "Dana Okafor", "stage": pair.stage,
        "last_meeting": pair.last_meeting().scheduled.isoformat(),
        "next_meeting": pair.next_meeting(date.today()).scheduled.isoformat(),
        "open_items": len(pair.open_action_items()), "overdue_items": len(pair.overdue_action_items(date.today())),
        "warning": None, "closed_on": None, "problem": None,
    }
    assert rows[1] == {
        "slug": "sam-with-kim", "mentee": "Sam Ode", "mentor": "Kim Lee", "stage": 1, "last_meeting": None,
        "next_meeting": None, "open_items": 0, "overdue_items": 0, "warning": None, "closed_on": None,
        "problem": None,
    }


def test_a_damaged_file_goes_to_stderr_and_the_table_and_json_stay_clean(folder, demo, capsys):
    (folder / "broken.json").write_text("{not json")
    code, out, err = run_main(capsys, "list", "--data-dir", str(folder))
    assert code == 1
    assert out.splitlines()[0].split()[:3] == ["PAIR", "MENTEE", "MENTOR"]
    assert "broken" not in out and "!" not in out
    assert err.startswith(f"! {folder / 'broken.json'}: not valid JSON")

    code, out, err = run_main(capsys, "list", "--json", "--data-dir", str(folder))
    assert code == 1
    broken = json.loads(out)[0]
    assert broken["slug"] == "broken" and broken["problem"].startswith("not valid JSON")
    assert [key for key, value in broken.items() if value is not None] == ["slug", "problem"]
    assert f"! {folder / 'broken.json'}: not valid JSON" in err


def test_list_names_prints_the_short_names_a_script_can_loop_over(folder, demo, capsys):
    PairStore(folder).create(Pair(mentor=Person(name="Kim"), mentee=Person(name="Sam"), started_on=date.today()))
    (folder / "Not A Name.json").write_text("{}")
    assert run_main(capsys, "list", "--names", "--data-dir", str(folder)) == (0, "priya-with-dana\nsam-with-kim\n", "")


# --------------------------------------------------------------------------- export


def test_export_json_of_a_meeting(folder, demo, capsys):
    code, out, err = run_main(capsys, "export", demo, "--format", "json", "--meeting", "1", "--data-dir", str(folder))
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert list(document) == ["export_version", "kind", "generated_on", "pair", "meeting", "next_meeting"]
    assert document["export_version"] == 1 and document["kind"] == "meeting"
    assert document["generated_on"] == date.today().isoformat()
    assert list(document["pair"]) == ["title", "mentee", "mentor", "stage", "stage_name", "started_on", "review_on",
                                      "ends_on", "closed_on", "expectations", "closing"]
    assert document["pair"]["mentee"] == {"name": "Priya Raman", "pronouns": "she/her", "contact": "email or Slack"}
    meeting = document["meeting"]
    assert list(meeting) == ["id", "number", "status", "kind", "scheduled", "planned_minutes", "started_at",
                             "ended_at", "duration_minutes", "attended", "mentee_update", "agenda", "notes",
                             "decisions", "parked", "assignment", "carried", "action_items", "private_notes"]
    first = PairStore(folder).load(demo).held_meetings()[0]
    assert (meeting["number"], meeting["status"], meeting["kind"]) == (1, "held", "first")
    assert meeting["scheduled"] == first.scheduled.isoformat()
    assert [item["title"] for item in meeting["agenda"]] == [item.title for item in first.agenda]
    assert list(meeting["agenda"][0]) == ["title", "minutes", "used_seconds", "raised_by", "notes"]
    assert meeting["private_notes"] is None
    assert list(document["next_meeting"]) == ["kind", "scheduled", "planned_minutes"]


def test_export_json_of_the_whole_pair_and_for_me(folder, demo, capsys):
    pair = PairStore(folder).load(demo)
    latest = pair.held_meetings()[-1]
    notes = PrivateNotes.open(folder, demo)
    notes.set(latest.id, "Ask about the offer")
    notes.write(notes.snapshot())
    notes.close()
    code, out, _ = run_main(capsys, "export", demo, "--all", "--format", "json", "--for", "me",
                            "--data-dir", str(folder))
    assert code == 0
    document = json.loads(out)
    assert list(document) == ["export_version", "kind", "generated_on", "pair", "meetings", "action_items", "goals",
                              "contacts", "worksheets"]
    assert document["kind"] == "pair"
    assert len(document["meetings"]) == len(pair.meetings)
    by_id = {meeting["id"]: meeting for meeting in document["meetings"]}
    assert by_id[latest.id]["private_notes"] == "Ask about the offer"
    assert list(document["action_items"][0]) == ["id", "text", "owner", "due", "status", "done_on", "due_history",
                                                 "meeting_id", "goal_id", "overdue"]
    assert list(document["goals"][0]) == ["id", "term", "status", "title", "specific", "measurable", "achievable",
                                          "relevant", "time_bound", "complete_by", "progress", "checkin_dates",
                                          "checkins", "serves", "history"]
    assert {goal["title"] for goal in document["goals"]} == {goal.title for goal in pair.goals}


def test_export_to_dash_writes_standard_output_not_a_file(folder, demo, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_main(capsys, "export", demo, "-o", "-", "--data-dir", str(folder))
    assert (code, err) == (0, "")
    assert out.startswith("# Priya Raman with Dana Okafor: meeting of ")
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("command", [["report"], ["ics", "--all-pairs"]])
def test_report_and_calendar_to_dash_write_standard_output_not_a_file(folder, demo, capsys, tmp_path,
                                                                      monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_main(capsys, *command, "-o", "-", "--data-dir", str(folder))
    assert code == 0 and out and "Wrote" not in err
    assert not (tmp_path / "-").exists()


def test_export_json_of_a_meeting_that_does_not_exist_is_a_usage_error(folder, demo, capsys):
    code, out, err = run_main(capsys, "export", demo, "--format", "json", "--meeting", "99", "--data-dir", str(folder))
    assert (code, out) == (2, "")
    assert "there is no meeting '99'" in err


# --------------------------------------------------------------------------- new


def test_new_for_two_people_who_already_have_a_pair_refuses_unless_again(folder, demo, capsys):
    code, out, err = run_main(capsys, "new", "--mentor", "dana okafor", "--mentee", "Priya  Raman",
                              "--data-dir", str(folder))
    assert (code, out) == (2, "")
    assert err == ("mentortui: there is already a pair of Priya Raman and dana okafor: priya-with-dana "
                   "(open it with: mentortui priya-with-dana); to make a second pair of them, add --again\n")
    assert PairStore(folder).slugs() == ["priya-with-dana"]
    code, out, _ = run_main(capsys, "new", "--mentor", "Dana Okafor", "--mentee", "Priya Raman", "--again",
                            "--data-dir", str(folder))
    assert code == 0 and "mentortui priya-with-dana-2" in out
    assert PairStore(folder).slugs() == ["priya-with-dana", "priya-with-dana-2"]


# --------------------------------------------------------------------------- completion


@pytest.mark.parametrize(("shell", "hook"), [
    ("bash", "complete -o nospace -o default -o bashdefault -F _python_argcomplete mentortui"),
    ("zsh", "compdef _python_argcomplete mentortui"),
    ("fish", "complete --command mentortui -f -a '(__fish_mentortui_complete)'"),
])
def test_completion_prints_the_script_that_asks_mentortui_for_names(capsys, shell, hook):
    code, out, _ = run_main(capsys, "completion", shell)
    assert code == 0
    assert hook in out
    assert "_ARGCOMPLETE" in out and "COMP_LINE" in out  # every tab is answered by `mentortui` itself


def completions(monkeypatch, line: str) -> list[str]:
    """What `mentortui` answers when the shell asks about ``line`` (the cursor at its end).
    argcomplete's debug stream is kept off file descriptor 9, which pytest uses itself."""
    monkeypatch.setattr(CompletionFinder, "_init_debug_stream",
                        lambda finder: setattr(argcomplete.io, "debug_stream", sys.stderr))
    for name, value in {"_ARGCOMPLETE": "1", "COMP_LINE": line, "COMP_POINT": str(len(line)),
                        "_ARGCOMPLETE_IFS": "\n", "_ARGCOMPLETE_SUPPRESS_SPACE": "1"}.items():
        monkeypatch.setenv(name, value)
    answer = io.StringIO()
    exits: list[int] = []
    complete(output_stream=answer, exit_method=exits.append)
    assert exits == [0]
    return answer.getvalue().split("\n")


def test_pair_names_complete_wherever_a_pair_is_expected(folder, demo, monkeypatch):
    PairStore(folder).create(Pair(mentor=Person(name="Kim"), mentee=Person(name="Pat"), started_on=date.today()))
    monkeypatch.setenv("MENTORTUI_DATA_DIR", str(folder))
    assert completions(monkeypatch, "mentortui p") == ["pat-with-kim", "priya-with-dana"]
    assert {"list", "export", "completion", "priya-with-dana"} <= set(completions(monkeypatch, "mentortui "))
    assert completions(monkeypatch, "mentortui export pr") == ["priya-with-dana"]
    assert completions(monkeypatch, "mentortui sync pa") == ["pat-with-kim"]
    assert [word for word in completions(monkeypatch, "mentortui completion ") if not word.startswith("-")] == [
        "bash", "zsh", "fish"]
    monkeypatch.delenv("MENTORTUI_DATA_DIR")
    assert completions(monkeypatch, f"mentortui export --data-dir {folder} pri") == ["priya-with-dana"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_pair_names_through_the_printed_script(folder, demo):
    program = Path(sys.executable).parent / "mentortui"
    if not program.exists():
        pytest.skip("mentortui is not installed beside this Python")
    script = """source <(mentortui completion bash)
COMP_LINE="mentortui export pr"; COMP_POINT=${#COMP_LINE}; COMP_WORDS=($COMP_LINE); COMP_CWORD=2
_python_argcomplete mentortui; echo "${COMPREPLY[*]}"
"""
    environment = {**os.environ, "PATH": f"{program.parent}{os.pathsep}{os.environ['PATH']}",
                   "MENTORTUI_DATA_DIR": str(folder)}
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60, env=environment)
    assert result.stdout.strip() == "priya-with-dana"


# --------------------------------------------------------------------------- short names


@pytest.mark.parametrize(("names", "slug"), [
    ("Zoë Müller with José Núñez", "zoe-muller-with-jose-nunez"),
    ("Zoë with José", "zoe-with-jose"),
    ("Ångström", "angstrom"),
    ("Søren Łukasz Œuvre Ærø", "soren-lukasz-oeuvre-aero"),
    ("Straße", "strasse"),
    ("Ｄａｎａ", "dana"),
    ("Dana 王小明", "dana"),
    ("王小明", "pair"),
    ("🌟", "pair"),
])
def test_slugify_gives_ascii_short_names(names, slug):
    assert slugify(names) == slug
    assert check_slug(slug) == slug


def test_a_new_pair_gets_an_ascii_short_name_and_keeps_its_letters(folder, capsys):
    code, out, _ = run_main(capsys, "new", "--mentor", "José Núñez", "--mentee", "Zoë Müller",
                            "--data-dir", str(folder))
    assert code == 0 and out.endswith("Open it with: mentortui zoe-with-jose\n")
    pair = PairStore(folder).load("zoe-with-jose")
    assert (pair.mentee.name, pair.mentor.name) == ("Zoë Müller", "José Núñez")


def test_a_pair_named_before_short_names_were_ascii_still_opens(folder, capsys):
    store = PairStore(folder)
    store.create(Pair(mentor=Person(name="José"), mentee=Person(name="Zoë"), started_on=date.today()))
    (folder / "zoe-with-jose.json").rename(folder / "zoë-with-josé.json")
    assert check_slug("zoë-with-josé") == "zoë-with-josé"
    assert store.load("zoë-with-josé").mentee.name == "Zoë"
    code, out, _ = run_main(capsys, "list", "--names", "--data-dir", str(folder))
    assert out == "zoë-with-josé\n"


def test_list_columns_stay_aligned_with_wide_characters(folder, capsys):
    store = PairStore(folder)
    for mentee, mentor in [("王小明", "李小龍"), ("Zoë Müller", "José Núñez")]:
        store.create(Pair(mentor=Person(name=mentor), mentee=Person(name=mentee), started_on=date.today()))
    code, out, _ = run_main(capsys, "list", "--data-dir", str(folder))
    assert code == 0
    header, *rows = out.splitlines()
    for column in ("MENTOR", "STAGE", "OPEN"):
        start = cell_len(header[:header.index(column)])
        for row, value in zip(rows, [{"MENTOR": "李小龍", "STAGE": "1", "OPEN": "0"},
                                     {"MENTOR": "José Núñez", "STAGE": "1", "OPEN": "0"}], strict=True):
            at = _cell_index(row, start)
            assert row[at:].startswith(value[column]), (column, row)


def _cell_index(text: str, cells: int) -> int:
    """The index in ``text`` of the character that starts at terminal cell ``cells``."""
    width = 0
    for index, char in enumerate(text):
        if width == cells:
            return index
        width += cell_len(char)
    raise AssertionError(f"{text!r} is narrower than {cells} cells")
