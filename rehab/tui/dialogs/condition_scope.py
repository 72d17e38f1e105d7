"""Side and weeks since onset of each of the patient's conditions (schema version 2).

A side limits a condition of one leg to that leg (and to both-leg work); the weeks since onset
at the start of phase 1 let time-limited rules lapse in later phases. Left empty, a rule holds
on both legs and in every phase: the safe side (docs/safety.md).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Label, Select, Static

from rehab.domain import editing
from rehab.domain.conditions import Catalog
from rehab.domain.editing import EditRejected
from rehab.domain.protocol import Protocol
from rehab.tui.dialogs.form import FormDialog
from rehab.tui.text import literal

SIDES = [("Both legs, or not one leg", "none"), ("Left", "left"), ("Right", "right")]


class ConditionScopeDialog(FormDialog):
    """One row per condition: side (where the condition has one) and weeks since onset."""

    def __init__(self, protocol: Protocol, catalog: Catalog) -> None:
        super().__init__()
        self.protocol = protocol
        self.catalog = catalog
        self.heading = "Side and timing of the conditions"

    def compose_fields(self) -> ComposeResult:
        if not self.protocol.conditions:
            yield Static(literal("No conditions yet: press c to pick them first."))
        for index, entry in enumerate(self.protocol.conditions):
            condition = self.catalog.get(entry.code)
            name = condition.name if condition else entry.code
            yield Label(literal(f"{entry.code}: {name}"), classes="scope-heading")
            if condition is not None and condition.sided:
                yield Select(
                    SIDES, value=entry.side or "none", allow_blank=False, id=f"side-{index}"
                )
            yield Label(
                "Weeks since surgery, injury or onset at the start of phase 1 (empty: unknown)"
            )
            weeks = "" if entry.weeks_since_onset is None else str(entry.weeks_since_onset)
            yield Input(weeks, compact=True, id=f"weeks-{index}", restrict=r"[0-9]*")

    def build(self) -> Protocol:
        protocol = self.protocol
        for index, entry in enumerate(self.protocol.conditions):
            side: str | None = entry.side
            selects = list(self.query(f"#side-{index}").results(Select))
            if selects:
                value = selects[0].value
                side = value if value in ("left", "right") else None
            text = self.query_one(f"#weeks-{index}", Input).value.strip()
            weeks = int(text) if text else None
            if weeks is not None and weeks > 520:
                raise EditRejected(f"{entry.code}: weeks since onset must be 0 to 520")
            protocol = editing.set_condition_scope(protocol, entry.code, side, weeks)
        return protocol
