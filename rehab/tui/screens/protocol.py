"""One protocol: its phases and exercises, and the live findings panel.

Selecting a finding moves the cursor to the exercise it is about, so a clinician goes from
"contraindicated" to the prescription in one key.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static, Tree
from textual.widgets.option_list import Option
from textual.widgets.tree import TreeNode

from rehab.check import Context, check_file
from rehab.domain.dosage_text import describe_dosage
from rehab.domain.findings import Finding, Severity, severity_counts
from rehab.domain.resolve import resolve_dosage
from rehab.storage.protocol_files import LoadedFile
from rehab.tui.text import clean, finding_content, literal

NodeKey = tuple[int, int] | None


def _summary(findings: list[Finding]) -> str:
    counts = severity_counts(findings)
    return (
        f"{counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, "
        f"{counts[Severity.INFO]} infos"
    )


class ProtocolScreen(Screen[None]):
    """A protocol's structure above, its findings below."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="protocol.back"),
        Binding("f", "focus_findings", "Findings", id="protocol.findings"),
        Binding("r", "recheck", "Re-check", id="protocol.recheck"),
    ]

    def __init__(self, path: Path, context: Context) -> None:
        super().__init__()
        self.path = path
        self.context = context
        self.loaded: LoadedFile | None = None
        self._exercise_nodes: dict[tuple[int, int], TreeNode[NodeKey]] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="protocol-body"):
            yield Tree[NodeKey](Text(self.path.name), id="structure")
            yield Static(id="findings-title")
            yield OptionList(id="findings")
        yield Footer()

    def on_mount(self) -> None:
        self.action_recheck()

    def action_recheck(self) -> None:
        """Read the file again and rebuild both panels (also after a `git pull`)."""
        self.loaded = check_file(self.path, self.context)
        self._fill_tree()
        self._fill_findings()

    def _fill_tree(self) -> None:
        tree = self.query_one("#structure", Tree)
        tree.clear()
        self._exercise_nodes.clear()
        protocol = self.loaded.protocol if self.loaded else None
        if protocol is None:
            tree.root.set_label(Text(f"{self.path.name}: cannot be read, see the findings"))
            return
        self.sub_title = protocol.id
        tree.root.set_label(Text(clean(f"{protocol.title}  ({protocol.id})")))
        conditions = ", ".join(protocol.conditions) or "none"
        tree.root.add_leaf(Text(clean(f"Conditions: {conditions}")), data=None)
        for p_index, phase in enumerate(protocol.phases):
            node = tree.root.add(
                Text(clean(f"Phase {p_index + 1}: {phase.name} ({phase.weeks} wk)")),
                data=None,
                expand=True,
            )
            for e_index, prescription in enumerate(phase.exercises):
                exercise = self.context.library.get(prescription.exercise)
                if exercise is None:
                    label = f"{prescription.exercise} (unknown exercise)"
                else:
                    dose = describe_dosage(
                        resolve_dosage(prescription, exercise), unilateral=not exercise.bilateral
                    )
                    label = f"{exercise.name}: {dose}"
                self._exercise_nodes[(p_index, e_index)] = node.add_leaf(
                    Text(clean(label)), data=(p_index, e_index)
                )
        tree.root.expand()

    def _fill_findings(self) -> None:
        findings = self.loaded.findings if self.loaded else []
        title = self.query_one("#findings-title", Static)
        title.update(literal(f"Findings: {_summary(findings)}"))
        panel = self.query_one("#findings", OptionList)
        panel.clear_options()
        if not findings:
            panel.add_option(Option(literal("No findings: the protocol passes every check.")))
        for index, finding in enumerate(findings):
            panel.add_option(Option(finding_content(finding), id=str(index)))

    @on(OptionList.OptionSelected, "#findings")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        if self.loaded is None or event.option.id is None:
            return
        finding = self.loaded.findings[int(event.option.id)]
        loc = finding.loc
        if (
            len(loc) >= 4
            and loc[0] == "phases"
            and isinstance(loc[1], int)
            and isinstance(loc[3], int)
        ):
            node = self._exercise_nodes.get((loc[1], loc[3]))
            if node is not None:
                tree = self.query_one("#structure", Tree)
                tree.move_cursor(node)
                tree.focus()

    def action_focus_findings(self) -> None:
        panel = self.query_one("#findings", OptionList)
        if panel.highlighted is None and panel.option_count:
            panel.highlighted = 0
        panel.focus()
