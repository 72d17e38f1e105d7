"""Override a contraindication: the clinician records why, who decided and when.

The reason is required and checked by the same model a file is checked with, so an
acknowledgement made here is one `rehab check` accepts.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.widgets import Input, Label, Static, TextArea

from rehab.domain.editing import EditRejected
from rehab.domain.findings import Finding
from rehab.domain.protocol import Acknowledgement
from rehab.domain.validation import validate_model
from rehab.tui.dialogs.form import CheckedDialog, optional_date
from rehab.tui.text import literal


class AcknowledgeDialog(CheckedDialog[Acknowledgement]):
    """The finding being overridden, then reason, clinician and date."""

    heading = "Acknowledge a contraindication"
    apply_label = "Acknowledge"
    AUTO_FOCUS = "#reason"

    def __init__(self, finding: Finding, clinician: str, today: date) -> None:
        super().__init__()
        self.finding = finding
        self.clinician = clinician
        self.today = today

    def compose_fields(self) -> ComposeResult:
        yield Static(literal(self.finding.message), classes="hint")
        yield Label("Your reason for prescribing it anyway (required)")
        yield TextArea("", compact=True, id="reason")
        yield Label("Decided by")
        yield Input(self.clinician, compact=True, id="by")
        yield Label("On (YYYY-MM-DD)")
        yield Input(self.today.isoformat(), compact=True, id="on")

    def result(self) -> Acknowledgement:
        on = optional_date("On", self.query_one("#on", Input).value)
        data = {
            "condition": self.finding.condition,
            "exercise": self.finding.exercise,
            "reason": self.query_one("#reason", TextArea).text.strip(),
            "by": self.query_one("#by", Input).value.strip(),
            "on": on,
        }
        acknowledgement, problems = validate_model(Acknowledgement, data)
        if acknowledgement is None:
            raise EditRejected("; ".join(f"{p.field}: {p.message}" for p in problems))
        return acknowledgement
