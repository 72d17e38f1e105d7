"""Gather the export options: patient name, large print, start date and where the PDF goes.

The dialog only collects; the screen runs the same `export_file` as `rehab export`, in a
worker, so the safety gate and the output are identical.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Input, Label, Select

from rehab.domain.editing import EditRejected
from rehab.domain.text import forbidden_character
from rehab.tui.dialogs.form import CheckedDialog, optional_date
from rehab.tui.text import literal


@dataclass(frozen=True)
class ExportRequest:
    """What the clinician chose. The patient name goes into the PDF and nowhere else."""

    output: Path
    patient: str | None = field(repr=False)  # never in a repr: worker descriptions, tracebacks
    large_print: bool
    start: date | None


class ExportDialog(CheckedDialog[ExportRequest]):
    """Export options for one protocol."""

    apply_label = "Export"
    AUTO_FOCUS = "#patient"

    def __init__(self, protocol_id: str, default_output: Path, clinic: str = "") -> None:
        super().__init__()
        self.heading = f"Export the handout of {protocol_id}"
        self.default_output = default_output
        self.clinic = clinic

    def compose_fields(self) -> ComposeResult:
        if self.clinic:
            yield Label(literal(self.clinic), id="clinic")
        yield Label("Patient name (optional; printed on the handout only, never saved)")
        yield Input("", placeholder="(no name)", compact=True, id="patient")
        yield Label("First day of the exercise log (YYYY-MM-DD, optional)")
        yield Input("", placeholder="(undated log)", compact=True, id="start")
        yield Label("Print size")
        yield Select(
            [("Normal print", "normal"), ("Large print (for low vision)", "large")],
            value="normal",
            allow_blank=False,
            compact=True,
            id="size",
        )
        yield Label("Save the PDF as")
        yield Input(str(self.default_output), compact=True, id="output")

    def result(self) -> ExportRequest:
        patient = self.query_one("#patient", Input).value.strip()
        problem = forbidden_character(patient, allow_newlines=False) if patient else None
        if problem:
            raise EditRejected(f"The patient name contains a {problem}")
        output = self.query_one("#output", Input).value.strip()
        if not output:
            raise EditRejected("Say where to save the PDF")
        if not output.lower().endswith(".pdf"):
            raise EditRejected("The file name should end in .pdf")
        start = optional_date("The first day", self.query_one("#start", Input).value)
        large = self.query_one("#size", Select).value == "large"
        try:
            where = Path(output).expanduser()
        except RuntimeError:  # ~someone who has no home folder here
            raise EditRejected(
                "No home folder is known for the '~' in the file name; give the full path"
            ) from None
        return ExportRequest(where, patient or None, large, start)
