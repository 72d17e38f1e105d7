"""Add a phase or change one: name, weeks, goals and the criteria to move on."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Input, Label, TextArea

from rehab.domain import editing
from rehab.domain.goals import MeasureGoal, goal_line, parse_goal_line
from rehab.domain.protocol import Phase, Protocol
from rehab.tui.dialogs.form import (
    TYPE_AHEAD_BINDINGS,
    FieldInput,
    FieldTextArea,
    FormDialog,
    lines_of,
    whole_number,
)


def _lines(goals: Iterable[str | MeasureGoal]) -> str:
    return "\n".join(goal_line(goal) for goal in goals)


class PhaseDialog(FormDialog):
    """Edits phase `index`, or inserts a new phase there when `phase` is None."""

    BINDINGS: ClassVar[list[BindingType]] = TYPE_AHEAD_BINDINGS

    def __init__(self, protocol: Protocol, index: int, phase: Phase | None) -> None:
        super().__init__()
        self.protocol = protocol
        self.index = index
        self.phase = phase
        self.heading = f"Phase {index + 1}" + ("" if phase else " (new)")

    def compose_fields(self) -> ComposeResult:
        phase = self.phase
        yield Label("Name (the patient reads it)")
        yield FieldInput(
            phase.name if phase else f"Phase {self.index + 1}", compact=True, id="name"
        )
        yield Label("Weeks")
        yield FieldInput(str(phase.weeks) if phase else "2", compact=True, id="weeks")
        # A measurable goal is one line too: "heel-raise-count right >= 25 rises", with the
        # patient's own wording after " | "; it reads back as the same goal.
        yield Label("Goals, one per line (a measure as: heel-raise-count right >= 25)")
        yield FieldTextArea(_lines(phase.goals) if phase else "", compact=True, id="goals")
        yield Label("Move on when, one per line")
        yield FieldTextArea(_lines(phase.advance_when) if phase else "", compact=True, id="advance")

    def build(self) -> Protocol:
        name = self.query_one("#name", Input).value.strip()
        weeks = whole_number("Weeks", self.query_one("#weeks", Input).value)
        goals = [
            parse_goal_line(line) for line in lines_of(self.query_one("#goals", TextArea).text)
        ]
        advance = [
            parse_goal_line(line) for line in lines_of(self.query_one("#advance", TextArea).text)
        ]
        if self.phase is None:
            protocol, _ = editing.add_phase(self.protocol, name, weeks, goals, advance, self.index)
            return protocol
        return editing.update_phase(self.protocol, self.index, name, weeks, goals, advance)
