"""The protocol as a tree: details, conditions, phases with their exercises, acknowledgements.

Every node carries a `Target` saying what it stands for, so the screen's actions (edit,
remove, move, swap) work on whatever the cursor is on, and a finding can move the cursor to
the line it is about. Exercises with findings are marked with a symbol, not colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from rehab.domain.dosage_text import describe_steps
from rehab.domain.findings import Finding, Loc, Severity
from rehab.domain.library import Library
from rehab.domain.protocol import Protocol, condition_label
from rehab.domain.resolve import dose_steps
from rehab.tui.text import clean

Kind = Literal["details", "conditions", "phase", "exercise", "acknowledgement", "empty"]
MARKS = {Severity.ERROR: "✖ ", Severity.WARNING: "▲ ", Severity.INFO: "· "}
"""Worst finding of a line, as a symbol that reads without colour (legend in the help)."""
MARK_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "dim"}


@dataclass(frozen=True)
class Target:
    """What a tree line stands for: 0-based phase and index where they apply."""

    kind: Kind
    phase: int = -1
    index: int = -1


def target_of(loc: Loc) -> Target | None:
    """The tree line a finding's path points at."""
    if len(loc) >= 4 and loc[0] == "phases" and loc[2] == "exercises":
        phase, index = loc[1], loc[3]
        if isinstance(phase, int) and isinstance(index, int):
            return Target("exercise", phase, index)
    if len(loc) >= 2 and loc[0] == "phases" and isinstance(loc[1], int):
        return Target("phase", loc[1])
    if loc and loc[0] == "conditions":
        return Target("conditions")
    if len(loc) >= 2 and loc[0] == "acknowledged" and isinstance(loc[1], int):
        return Target("acknowledgement", index=loc[1])
    if loc:
        return Target("details")
    return None


def _label(text: str, worst: Severity | None = None) -> Text:
    label = Text()
    if worst is not None:
        label.append(MARKS[worst], style=MARK_STYLE[worst])
    label.append(clean(text))
    return label


class ProtocolTree(Tree[Target]):
    """Shows one protocol; rebuilt after every edit, keeping the cursor on the same target."""

    # Tree binds shift+up/down to sibling jumps, which hid the screen's "move the exercise".
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("shift+up", "screen.move(-1)", "Move up", show=False),
        Binding("shift+down", "screen.move(1)", "Move down", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("protocol"), data=Target("details"), id=id)
        self.auto_expand = False
        self.show_root = True
        self.targets: dict[Target, TreeNode[Target]] = {}

    def render_label(self, node: TreeNode[Target], base_style: Style, style: Style) -> Text:
        """The label, ending in "…" where it does not fit (a dose sentence cut at "twic" read as
        a whole, wrong dose). The whole sentence is in the dose form (Enter)."""
        text = super().render_label(node, base_style, style)
        depth, parent = 0, node.parent
        while parent is not None:
            depth, parent = depth + 1, parent.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth
        if room > 1 and text.cell_len > room:
            text.truncate(room, overflow="ellipsis")
        return text

    @property
    def target(self) -> Target | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def show_unreadable(self, name: str) -> None:
        self.clear()
        self.targets.clear()
        self.root.set_label(Text(f"{clean(name)}: cannot be read, see the findings below"))

    def show(self, protocol: Protocol, findings: list[Finding], library: Library) -> None:
        """Rebuild the tree for a protocol and its current findings."""
        keep = self.target
        worst: dict[Target, Severity] = {}
        for finding in findings:
            target = target_of(finding.loc)
            if target is not None and (
                target not in worst or finding.severity.rank < worst[target].rank
            ):
                worst[target] = finding.severity
        self.clear()
        self.targets = {Target("details"): self.root}
        self.root.set_label(
            _label(f"{protocol.title}  ({protocol.id})", worst.get(Target("details")))
        )
        review = f"; review {protocol.review_on}" if protocol.review_on else ""
        self._leaf(
            f"Details: {protocol.clinician}; created {protocol.created}{review}",
            Target("details"),
            None,
        )
        conditions = (
            ", ".join(condition_label(c) for c in protocol.conditions) or "none (press c to pick)"
        )
        self._leaf(f"Conditions: {conditions}", Target("conditions"), worst)
        if not protocol.phases:
            self._leaf(
                "No phases yet: press p to add one, or a to add an exercise", Target("empty"), None
            )
        for p_index, phase in enumerate(protocol.phases):
            target = Target("phase", p_index)
            node = self.root.add(
                _label(f"Phase {p_index + 1}: {phase.name} ({phase.weeks} wk)", worst.get(target)),
                data=target,
                expand=True,
            )
            self.targets[target] = node
            if not phase.exercises:
                node.add_leaf(Text("(no exercises: press a to add one)"), data=target)
            for e_index, prescription in enumerate(phase.exercises):
                exercise = library.get(prescription.exercise)
                if exercise is None:
                    text = f"{prescription.exercise} (not in the library)"
                else:
                    dose = describe_steps(
                        dose_steps(prescription, exercise), unilateral=not exercise.bilateral
                    )
                    text = f"{exercise.name}: {dose}"
                e_target = Target("exercise", p_index, e_index)
                self.targets[e_target] = node.add_leaf(
                    _label(text, worst.get(e_target)), data=e_target
                )
        for a_index, ack in enumerate(protocol.acknowledged):
            target = Target("acknowledgement", index=a_index)
            self._leaf(
                f"Acknowledged: {ack.exercise} despite {ack.condition} ({ack.by}, {ack.on})",
                target,
                worst,
            )
        self.root.expand()
        self.select(keep)

    def _leaf(self, text: str, target: Target, worst: dict[Target, Severity] | None) -> None:
        node = self.root.add_leaf(_label(text, (worst or {}).get(target)), data=target)
        self.targets.setdefault(target, node)  # "details" stays on the root line

    def select(self, target: Target | None) -> bool:
        """Move the cursor to a target's line; False when the protocol has no such line."""
        node = self.targets.get(target) if target is not None else None
        if node is None and target is not None and target.kind == "exercise":
            node = self.targets.get(Target("phase", target.phase))
        if node is None:
            return False
        self.move_cursor(node)
        return True
