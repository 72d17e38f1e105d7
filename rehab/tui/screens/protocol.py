"""Edit one protocol: its tree above, its live findings below, every change checked at once.

The screen is a shell over `EditSession` (draft, undo, safe save) and the domain's edit
functions. Its parts live in one module each (frame in protocol_view, edits, findings glue,
saving, export); this class only joins them and owns the keys, which the help screen lists
from `ProtocolScreen.BINDINGS`.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from rehab.tui.screens.protocol_edits import EditActions
from rehab.tui.screens.protocol_export import ExportActions
from rehab.tui.screens.protocol_findings import FindingsActions
from rehab.tui.widgets.protocol_tree import ProtocolTree


class ProtocolScreen(EditActions, FindingsActions, ExportActions):
    """One protocol open for editing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="protocol.save"),
        Binding("a", "add_exercise", "Add", id="protocol.add_exercise"),
        Binding("p", "add_phase", "Phase", priority=True, id="protocol.add_phase"),
        Binding("c", "conditions", "Conditions", id="protocol.conditions"),
        Binding("x", "export", "Export", id="protocol.export"),
        Binding("o", "condition_scope", "Side/weeks", show=False, id="protocol.scope"),
        Binding("e", "edit", "Edit", show=False, id="protocol.edit"),
        Binding("delete,d", "remove", "Remove", show=False, id="protocol.remove"),
        Binding(
            "shift+up,left_square_bracket", "move(-1)", "Move up", show=False, id="protocol.move_up"
        ),
        Binding(
            "shift+down,right_square_bracket",
            "move(1)",
            "Move down",
            show=False,
            id="protocol.move_down",
        ),
        Binding(
            "greater_than_sign", "swap('progression')", "Harder", show=False, id="protocol.progress"
        ),
        Binding(
            "less_than_sign", "swap('regression')", "Easier", show=False, id="protocol.regress"
        ),
        Binding("k", "acknowledge", "Acknowledge", show=False, id="protocol.acknowledge"),
        Binding("ctrl+z", "undo", "Undo", show=False, id="protocol.undo"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="protocol.redo"),
        Binding("f", "focus_findings", "Findings", show=False, id="protocol.findings"),
        Binding("t", "focus_tree", "Tree", show=False, id="protocol.tree"),
        Binding("r", "reload", "Reload", show=False, id="protocol.reload"),
        Binding("escape", "close", "Back", id="protocol.back"),
    ]

    def on_mount(self) -> None:
        self.refresh_view()
        self.query_one(ProtocolTree).focus()
        self.offer_recovery()
