"""Answer a contraindication or a precaution: why, for which phases, who decided and when.

The phase the finding is about is ticked; the clinician may tick the other phases that hold
the same exercise. A precaution's answer is how it is handled (docs/safety.md).

The reason is required and checked by the same model a file is checked with, so an
acknowledgement made here is one `rehab check` accepts.
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Label, Static, TextArea

from rehab.domain.editing import EditRejected
from rehab.domain.findings import Code, Finding
from rehab.domain.protocol import Acknowledgement, Protocol
from rehab.domain.validation import validate_model
from rehab.tui.dialogs.form import CheckedDialog, optional_date
from rehab.tui.text import literal
from rehab.tui.widgets.tick_list import TickList


class AcknowledgeDialog(CheckedDialog[Acknowledgement]):
    """The finding being answered, then reason, phases, clinician and date."""

    apply_label = "Acknowledge"
    AUTO_FOCUS = "#reason"

    def __init__(self, finding: Finding, protocol: Protocol, clinician: str, today: date) -> None:
        super().__init__()
        self.finding = finding
        self.clinician = clinician
        self.today = today
        self.precaution = finding.code is Code.PRECAUTION
        self.heading = (
            "Answer a precaution" if self.precaution else "Acknowledge a contraindication"
        )
        # The phases that hold the exercise: only those can be covered.
        self.phases = [
            (number, phase.name)
            for number, phase in enumerate(protocol.phases, start=1)
            if any(p.exercise == finding.exercise for p in phase.exercises)
        ]

    def compose_fields(self) -> ComposeResult:
        yield Static(literal(self.finding.message), classes="hint")
        if self.precaution:
            yield Label("How you handle it (required; shown with the finding)")
        else:
            yield Label("Your reason for prescribing it anyway (required)")
        yield TextArea("", compact=True, id="reason")
        yield Label("For the phases (Space ticks; it is flagged again in the others)")
        yield TickList(
            [(f"Phase {number}: {name}", number) for number, name in self.phases],
            [self.finding.phase] if self.finding.phase else [],
            id="phases",
        )
        yield Label("Decided by")
        yield Input(self.clinician, compact=True, id="by")
        yield Label("On (YYYY-MM-DD)")
        yield Input(self.today.isoformat(), compact=True, id="on")

    @on(TickList.Changed)
    def _ticked(self) -> None:
        self.validate_form()

    def result(self) -> Acknowledgement:
        on = optional_date("On", self.query_one("#on", Input).value)
        data = {
            "condition": self.finding.condition,
            "exercise": self.finding.exercise,
            "phases": self.query_one("#phases", TickList).selected,
            "reason": self.query_one("#reason", TextArea).text.strip(),
            "by": self.query_one("#by", Input).value.strip(),
            "on": on,
        }
        acknowledgement, problems = validate_model(Acknowledgement, data)
        if acknowledgement is not None and not acknowledgement.phases:
            raise EditRejected("tick at least one phase")
        if acknowledgement is None:
            raise EditRejected("; ".join(f"{p.field}: {p.message}" for p in problems))
        return acknowledgement
