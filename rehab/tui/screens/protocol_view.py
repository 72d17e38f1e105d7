"""The protocol screen's frame: the session it edits, its layout, and the one refresh path.

Every part of the screen (edits, findings, saving, export) changes the protocol only through
`apply` and redraws only through `refresh_view`, so the tree, the findings and the title can
never disagree with the draft. The parts are mixins over this class so each file holds one
concern; `ProtocolScreen` (protocol.py) puts them together with the keys.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header

from rehab.check import Context
from rehab.domain.library import EntryUnavailable
from rehab.domain.protocol import Protocol
from rehab.session import EditSession
from rehab.tui.text import clean, tell
from rehab.tui.widgets.findings_panel import FindingsPanel
from rehab.tui.widgets.protocol_tree import ProtocolTree, Target


class ProtocolView(Screen[None]):
    """One protocol open for editing: layout, refresh, and the draft's single way in."""

    def __init__(self, session: EditSession) -> None:
        super().__init__()
        self.session = session

    # -- layout and refresh ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="protocol-body"):
            yield ProtocolTree(id="structure")
            yield FindingsPanel(id="findings-panel")
        # Without the palette hint (ctrl+p is in the help): at 80 columns it pushed "? Help"
        # off the footer, and help is what a new user looks for.
        yield Footer(show_command_palette=False)

    @property
    def protocol(self) -> Protocol | None:
        return self.session.protocol

    @property
    def context(self) -> Context:
        return self.session.context

    def refresh_view(self, select: Target | None = None) -> None:
        """Rebuild tree, findings and title from the session."""
        session = self.session
        tree = self.query_one(ProtocolTree)
        try:
            findings = session.findings()
        except EntryUnavailable as problem:
            # A clinic library file broke after start: say so where the findings go, and
            # never show the protocol as checked.
            self.query_one(FindingsPanel).show_unchecked(f"Cannot check this protocol: {problem}")
            tell(self, f"Library entry unreadable: {problem}", severity="error", timeout=12)
            return
        if session.protocol is None:
            tree.show_unreadable(session.path.name)
        else:
            tree.show(session.protocol, findings, self.context.library)
            if select is not None:
                tree.select(select)
        self.query_one(FindingsPanel).show(findings, saved=not session.dirty)
        state = ""
        if session.is_new:
            state = " (new, unsaved)"
        elif session.dirty:
            state = " (unsaved)"
        self.sub_title = clean(f"{session.path.name}{state}")

    def apply(self, protocol: Protocol, select: Target | None = None) -> None:
        """Make an edit the draft and show its consequences."""
        self.session.apply(protocol)
        self.refresh_view(select)

    def _editable(self) -> Protocol | None:
        if self.protocol is None:
            tell(
                self,
                "This file cannot be read, so it cannot be edited here. Fix the problem shown "
                "below in a text editor, then press r to reload.",
                severity="error",
            )
        return self.protocol
