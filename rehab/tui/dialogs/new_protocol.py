"""Start a protocol from a template or from blank: id, title and clinician, dated today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Input, Label, Select

from rehab.domain.editing import EditRejected, start_protocol
from rehab.domain.protocol import Protocol
from rehab.domain.text import is_slug
from rehab.tui.dialogs.form import CheckedDialog
from rehab.tui.text import literal

BLANK = "(blank)"


@dataclass(frozen=True)
class NewProtocol:
    """The new protocol and the file it will be saved to (not written yet)."""

    path: Path
    protocol: Protocol


class NewProtocolDialog(CheckedDialog[NewProtocol]):
    """`templates` maps a template name to its (valid) protocol."""

    heading = "New protocol"
    apply_label = "Create"
    AUTO_FOCUS = "#id, #title"

    def __init__(
        self,
        folder: Path,
        templates: dict[str, Protocol],
        clinician: str,
        today: date,
        fixed_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.folder = folder
        self.templates = templates
        self.clinician = clinician
        self.today = today
        self.fixed_path = fixed_path

    def compose_fields(self) -> ComposeResult:
        options = [(literal("Blank protocol"), BLANK)] + [
            (literal(f"{name}: {p.title}"), name) for name, p in self.templates.items()
        ]
        yield Label("Start from")
        yield Select(options, value=BLANK, allow_blank=False, compact=True, id="template")
        yield Label("Id (3-64 lowercase letters, digits and hyphens; also the file name)")
        fixed = self.fixed_path.stem if self.fixed_path else ""
        yield Input(
            fixed,
            placeholder="e.g. calf-care-smith",
            compact=True,
            id="id",
            disabled=self.fixed_path is not None,
        )
        yield Label("Title (blank: the template's, or made from the id)")
        yield Input("", placeholder="(from the template or the id)", compact=True, id="title")
        yield Label("Responsible clinician")
        yield Input(self.clinician, placeholder="e.g. A. Physio, PT", compact=True, id="clinician")

    def result(self) -> NewProtocol:
        protocol_id = self.query_one("#id", Input).value.strip()
        if not is_slug(protocol_id):
            raise EditRejected(
                "Id: use 3-64 lowercase letters, digits and hyphens, e.g. calf-care-smith"
            )
        path = self.fixed_path or self.folder / f"{protocol_id}.toml"
        if path.exists():
            raise EditRejected(f"{path} already exists; pick another id")
        clinician = self.query_one("#clinician", Input).value.strip()
        if not clinician:
            raise EditRejected("Who is the responsible clinician?")
        choice = self.query_one("#template", Select).value
        base = self.templates.get(choice) if isinstance(choice, str) else None
        title = self.query_one("#title", Input).value.strip() or None
        return NewProtocol(path, start_protocol(base, protocol_id, title, clinician, self.today))
