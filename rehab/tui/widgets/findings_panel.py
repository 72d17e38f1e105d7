"""The live findings of the protocol being edited: a count line and one line per finding."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from rehab.domain.findings import Code, Finding, Severity, severity_counts
from rehab.tui.text import finding_content, literal


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(findings: list[Finding]) -> str:
    counts = severity_counts(findings)
    return ", ".join(
        _count(counts[severity], word)
        for severity, word in (
            (Severity.ERROR, "error"),
            (Severity.WARNING, "warning"),
            (Severity.INFO, "info"),
        )
    )


class FindingsPanel(Vertical):
    """Enter on a finding moves to the line it is about (handled by the screen)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.findings: list[Finding] = []

    def compose(self) -> ComposeResult:
        yield Static(id="referral-banner")
        yield Static(id="findings-title")
        yield OptionList(id="findings")

    def show(self, findings: list[Finding], *, saved: bool) -> None:
        self.findings = findings
        self._banner(findings)
        state = "" if saved else " (unsaved draft)"
        hint = (
            "  Enter: go to line, k: acknowledge"
            if any(f.severity is Severity.ERROR for f in findings)
            else ""
        )
        self.query_one("#findings-title", Static).update(
            literal(f"Findings{state}: {summary(findings)}{hint}")
        )
        panel = self.query_one("#findings", OptionList)
        highlighted = panel.highlighted
        panel.clear_options()
        if not findings:
            panel.add_option(Option(literal("No findings: the protocol passes every check.")))
            return
        panel.add_options([Option(finding_content(f), id=str(i)) for i, f in enumerate(findings)])
        if highlighted is not None:
            panel.highlighted = min(highlighted, len(findings) - 1)

    def _banner(self, findings: list[Finding]) -> None:
        """A referral is not one finding among others: it says what to do instead of
        exercise, above everything else, in words (it reads without colour too)."""
        banner = self.query_one("#referral-banner", Static)
        referrals = [
            f for f in findings if f.code is Code.REFERRAL_REQUIRED and f.loc[:1] == ("conditions",)
        ]
        banner.display = bool(referrals)
        lines = [
            f"REFER, DO NOT EXERCISE: {f.condition}. {f.reason or ''}".strip() for f in referrals
        ]
        if referrals:
            lines.append(
                "No handout can be printed. After the assessment, remove the condition (c) or "
                "replace it with the diagnosis."
            )
        banner.update(literal("\n".join(lines)))

    def show_unchecked(self, problem: str) -> None:
        """The protocol could not be checked at all: no findings list would be true."""
        self.findings = []
        self.query_one("#referral-banner", Static).display = False
        self.query_one("#findings-title", Static).update(literal("Findings: not checked"))
        panel = self.query_one("#findings", OptionList)
        panel.clear_options()
        panel.add_option(Option(literal(problem)))

    @property
    def highlighted(self) -> Finding | None:
        index = self.query_one("#findings", OptionList).highlighted
        if index is None or index >= len(self.findings):
            return None
        return self.findings[index]
