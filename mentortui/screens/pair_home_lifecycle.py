"""The pair home's actions over the relationship's life: the stage (by hand or as the
signs suggest), the review point's continue-or-end conversation, closing and reopening."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import SystemCommand

from mentortui.core.dates import short_day
from mentortui.core.lifecycle import (
    add_review_starters,
    continue_after_review,
    reopen_pair,
    stage_label,
    suggested_stage,
)
from mentortui.core.models import STAGE_NAMES
from mentortui.core.planning import plan_next_meeting
from mentortui.dialogs.choice import ChoiceScreen
from mentortui.screens.base import PairScreen
from mentortui.screens.closure import ask_closing_summary
from mentortui.screens.pair_home_body import PairHomeBody


class PairLifecycleActions(PairScreen):
    """The base of the pair home: its lifecycle actions and palette commands."""

    def show_home(self) -> None:
        """Show the pair as it is now."""
        self.query_one(PairHomeBody).show()

    def refuse_if_read_only(self) -> bool:
        if self.session.read_only:
            self.notify("Open read-only: nothing can be changed here.", severity="warning", markup=False)
        return self.session.read_only

    def action_change_stage(self) -> None:
        """Move the pair to another stage, by hand."""
        if self.refuse_if_closed():
            return
        current = self.pair.stage
        names = "\n".join(f"{n}. {name}" for n, name in STAGE_NAMES.items())
        question = f"Move the pair to which stage? It is at stage {current} now.\n\n{names}"
        choices = [(f"stage-{n}", f"Stage {n}") for n in STAGE_NAMES if n != current]
        self.app.push_screen(ChoiceScreen(question, choices), self._stage_chosen)

    def _stage_chosen(self, answer: str | None) -> None:
        if answer is not None:
            self._move_to_stage(int(answer.removeprefix("stage-")))

    def _move_to_stage(self, stage: int) -> None:
        self.pair.stage = stage
        self.save()
        self.notify(f"Moved to {stage_label(stage).lower()}.", markup=False)
        self.show_home()

    def action_accept_stage(self) -> None:
        """Take the stage the manuals' signs point to."""
        if self.refuse_if_closed():
            return
        suggestion = suggested_stage(self.pair)
        if suggestion is None:
            self.notify("No stage change is suggested now; t changes the stage by hand.", markup=False)
            return
        self._move_to_stage(suggestion[0])

    def action_review_starters(self) -> None:
        """Put the continue-or-end questions on the next meeting's agenda."""
        if self.refuse_if_closed() or self.refuse_if_read_only():
            return
        today = self.app.today()
        meeting = plan_next_meeting(self.pair, today, self.app.content)
        added = add_review_starters(self.pair, meeting, self.app.content)
        if added:
            self.save()
            self.notify(f"{added} questions for the continue-or-end conversation are on the agenda of "
                        f"{short_day(meeting.scheduled.date(), today)}.", markup=False)
        else:
            self.notify("The continue-or-end questions are already on the agenda or asked.", markup=False)
        self.show_home()

    def action_continue_programme(self) -> None:
        """The review point's decision is to go on: the next review point comes later."""
        if self.refuse_if_closed():
            return
        new = continue_after_review(self.pair, self.app.today())
        self.save()
        self.notify(f"You go on: the next review point is {short_day(new, self.app.today())}.", markup=False)
        self.show_home()

    def action_close_relationship(self) -> None:
        """The closing summary, then the pair is closed (kept, read-only)."""
        if self.refuse_if_closed() or self.refuse_if_read_only():
            return
        ask_closing_summary(self)

    def action_reopen(self) -> None:
        if not self.pair.is_closed:
            self.notify("This pair is open.", markup=False)
            return
        if self.refuse_if_read_only():
            return
        reopen_pair(self.pair)
        self.save()
        self.notify("Reopened: the pair can be changed again.", markup=False)
        self.show_home()

    def _refused_read_only(self) -> bool:
        if self.session.read_only:
            self.notify("Open read-only: nothing can be changed here.", severity="warning", markup=False)
        return self.session.read_only

    def _lifecycle_commands(self) -> Iterable[SystemCommand]:
        """Stage, review point and closure: only those that apply to the pair as it is."""
        pair = self.pair
        if pair.is_closed:
            yield SystemCommand("Reopen pair", "Take back the closure: the pair can be changed again",
                                self.action_reopen)
            return
        yield SystemCommand("Change stage", "Move the pair to another stage by hand (t)", self.action_change_stage)
        if suggestion := suggested_stage(pair):
            yield SystemCommand(f"Move to stage {suggestion[0]}", f"Suggested: {suggestion[1]} (p)",
                                self.action_accept_stage)
        if pair.review_on is not None:
            yield SystemCommand("Add the continue-or-end questions", "The review point's questions on the next "
                                "agenda (v)", self.action_review_starters)
            yield SystemCommand("We continue: next review point", "Decided at the review point: move it three "
                                "months on", self.action_continue_programme)
        yield SystemCommand("Close the relationship", "The closing summary, then the pair is kept read-only",
                            self.action_close_relationship)
