"""The protocol screen's findings panel glue: jump to a finding's line, acknowledge one.

The panel only lists; what a finding points at, and which ones a clinician may answer with an
acknowledgement, is decided here against the tree.
"""

from __future__ import annotations

from datetime import date

from textual import on, work
from textual.widgets import OptionList

from rehab.domain import editing
from rehab.domain.findings import Code, Finding
from rehab.tui.dialogs.acknowledge import AcknowledgeDialog
from rehab.tui.screens.protocol_view import ProtocolView
from rehab.tui.text import tell
from rehab.tui.widgets.findings_panel import FindingsPanel
from rehab.tui.widgets.protocol_tree import ProtocolTree, target_of

ANSWERABLE = (Code.CONTRAINDICATED, Code.PRECAUTION)
"""Findings `k` answers (a referral cannot be: the patient needs assessment instead)."""


class FindingsActions(ProtocolView):
    """Moving between the tree and the findings, and acknowledging a finding."""

    @on(OptionList.OptionSelected, "#findings")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        finding = self.query_one(FindingsPanel).highlighted
        target = target_of(finding.loc) if finding is not None else None
        tree = self.query_one(ProtocolTree)
        if target is not None and tree.select(target):
            tree.focus()

    def _finding_to_acknowledge(self) -> Finding | None:
        panel = self.query_one(FindingsPanel)  # holds the findings of the last refresh
        if self.focused is self.query_one("#findings"):
            chosen = panel.highlighted
            return chosen if chosen is not None and chosen.code in ANSWERABLE else None
        target = self.query_one(ProtocolTree).target
        found = [f for f in panel.findings if f.code in ANSWERABLE and target_of(f.loc) == target]
        # A contraindication first: it is what blocks the handout.
        found.sort(key=lambda f: f.code is not Code.CONTRAINDICATED)
        return found[0] if found else None

    @work
    async def action_acknowledge(self) -> None:
        protocol = self._editable()
        if protocol is None:
            return
        finding = self._finding_to_acknowledge()
        if finding is None or finding.condition is None or finding.exercise is None:
            tell(
                self,
                "Only a contraindication or a precaution can be acknowledged: highlight one "
                "in the findings (f) or move to the exercise it is about, then press k.",
                severity="warning",
            )
            return
        result = await self.app.push_screen_wait(
            AcknowledgeDialog(finding, protocol, protocol.clinician, date.today())
        )
        if result is not None:
            self.apply(editing.acknowledge(protocol, result), target_of(finding.loc))

    def action_focus_findings(self) -> None:
        panel = self.query_one("#findings", OptionList)
        if panel.highlighted is None and panel.option_count:
            panel.highlighted = 0
        panel.focus()

    def action_focus_tree(self) -> None:
        self.query_one(ProtocolTree).focus()
