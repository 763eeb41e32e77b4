"""What the suite runs: the baseline apps, the data folders of mentortui and the commands.

The baselines are the least a Textual app of that kind costs on this machine, in the same
run: ``hello`` a hello-world with a Header and a Footer, ``bare`` one focused TextArea.
``Workspace`` builds, in a temporary folder, an empty data folder, one with 20 pairs and
one per size of ``pairs.SIZES`` holding a single pair, and gives the command lines.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from benchmarks.pairs import SIZES, pair_with_meetings
from mentortui.core.models import Person
from mentortui.storage.store import PairStore

HELLO_APP = """\
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class Hello(App[None]):
    TITLE = "Hello app"
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Hello, world")
        yield Footer()


Hello().run()
"""
BARE_APP = """\
from textual.app import App, ComposeResult
from textual.widgets import Static, TextArea


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Bare TextArea")
        yield TextArea(soft_wrap=True, tab_behavior="indent")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()


Bare().run()
"""
# The 20 pairs of the pair list: a programme whose oldest pairs are two years in.
PROGRAMME_SIZES = (10, 25, 50, 100)
MENTEES = ("Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun",
           "Kai", "Lena", "Milo", "Nia", "Omar", "Pia", "Quin", "Rosa", "Sami", "Tess")


@dataclass(frozen=True)
class Workspace:
    """The data folders and scripts of one run of the suite, under ``root``."""

    root: Path
    today: date
    slug: str

    @classmethod
    def build(cls, root: Path, today: date) -> Workspace:
        (root / "hello.py").write_text(HELLO_APP)
        (root / "bare.py").write_text(BARE_APP)
        (root / "empty").mkdir()
        programme = PairStore(root / "twenty")
        for number, name in enumerate(MENTEES):
            pair = pair_with_meetings(PROGRAMME_SIZES[number % len(PROGRAMME_SIZES)], today)
            programme.create(pair.model_copy(update={"mentee": Person(name=f"{name} Mentee")}))
        slugs = {PairStore(root / f"pair-{count}").create(pair_with_meetings(count, today)) for count in SIZES}
        (slug,) = slugs
        return cls(root, today, slug)

    def hello(self) -> list[str]:
        return [sys.executable, str(self.root / "hello.py")]

    def bare(self) -> list[str]:
        return [sys.executable, str(self.root / "bare.py")]

    def mentortui(self, *args: str) -> list[str]:
        """mentortui from this interpreter's virtualenv."""
        return [str(Path(sys.executable).with_name("mentortui")), *args]

    def folder(self, count: int) -> Path:
        """The data folder holding the pair of ``count`` meetings (``self.slug``)."""
        return self.root / f"pair-{count}"

    def fresh_copy(self, count: int) -> Path:
        """A new data folder with a copy of that pair, for a run that changes it."""
        copy = Path(tempfile.mkdtemp(prefix=f"copy-{count}-", dir=self.root))
        shutil.copy2(self.folder(count) / f"{self.slug}.json", copy)
        return copy

    def pair_file(self, folder: Path) -> Path:
        return folder / f"{self.slug}.json"


def peak_memory_mb(pid: int) -> float:
    """The peak resident memory (VmHWM) of a running process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise ValueError(f"no VmHWM in /proc/{pid}/status")
