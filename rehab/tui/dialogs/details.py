"""The protocol's own details: title, clinician, clinic, dates, summary, tags, notes.

The id is not here: it is the file name, and renaming a file is a git operation.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Label, TextArea

from rehab.domain import editing
from rehab.domain.editing import EditRejected
from rehab.domain.protocol import Protocol
from rehab.tui.dialogs.form import FormDialog, optional_date, optional_text


class DetailsDialog(FormDialog):
    """Edit the top-level fields of a protocol."""

    def __init__(self, protocol: Protocol) -> None:
        super().__init__()
        self.protocol = protocol
        self.heading = f"Details of {protocol.id}"

    def compose_fields(self) -> ComposeResult:
        p = self.protocol
        yield Label("Title (top of the handout)")
        yield Input(p.title, compact=True, id="title")
        yield Label("Clinician")
        yield Input(p.clinician, compact=True, id="clinician")
        yield Label("Clinic (optional)")
        yield Input(p.clinic or "", compact=True, id="clinic")
        yield Label("Created (YYYY-MM-DD)")
        yield Input(p.created.isoformat(), compact=True, id="created")
        yield Label("Phase 1 starts on (YYYY-MM-DD, optional; empty: the created date)")
        yield Input(p.starts.isoformat() if p.starts else "", compact=True, id="starts")
        yield Label("Pain limit during exercise, 0-10 (optional; empty: from the conditions)")
        yield Input(
            "" if p.pain_limit is None else str(p.pain_limit),
            compact=True,
            id="pain-limit",
            restrict=r"[0-9]*",
        )
        yield Label("Review on (YYYY-MM-DD, optional)")
        yield Input(p.review_on.isoformat() if p.review_on else "", compact=True, id="review")
        yield Label("Tags, comma separated")
        yield Input(", ".join(p.tags), compact=True, id="tags")
        yield Label("Summary for the patient")
        yield TextArea(p.summary or "", compact=True, id="summary")
        yield Label("Clinician-only notes (never printed)")
        yield TextArea(p.internal_notes or "", compact=True, id="internal")

    def build(self) -> Protocol:
        def text(widget_id: str) -> str:
            return self.query_one(f"#{widget_id}", Input).value

        created = optional_date("Created", text("created"))
        if created is None:
            raise EditRejected("Created must be a date such as 2026-11-21")
        limit = text("pain-limit").strip()
        if limit and int(limit) > 10:
            raise EditRejected("Pain limit must be 0 to 10")
        return editing.update_details(
            self.protocol,
            title=text("title").strip(),
            clinician=text("clinician").strip(),
            clinic=optional_text(text("clinic")),
            created=created,
            starts=optional_date("Phase 1 starts on", text("starts")),
            pain_limit=int(limit) if limit else None,
            review_on=optional_date("Review on", text("review")),
            tags=[t.strip() for t in text("tags").split(",") if t.strip()],
            summary=optional_text(self.query_one("#summary", TextArea).text),
            internal_notes=optional_text(self.query_one("#internal", TextArea).text),
        )
