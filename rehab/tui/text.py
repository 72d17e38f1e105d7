"""File and user text for the screen, always literal.

Strings given to Textual widgets are parsed as markup: `Do [not] load` would lose a word and
`[@click=app.quit]` would become a live action. Everything from a file goes through here.
"""

from __future__ import annotations

from typing import TypeVar

from textual.content import Content
from textual.dom import DOMNode
from textual.fuzzy import Matcher
from textual.message_pump import MessagePump
from textual.notifications import SeverityLevel

from rehab.domain.findings import Finding, Severity
from rehab.terminal import without_controls

W = TypeVar("W")


def child_or_none(node: DOMNode, selector: str, kind: type[W]) -> W | None:
    """A child widget, or None while the app is closing and has removed it.

    Quitting while a screen mounts (ctrl+q during the first frame) removes the children before
    the screen's queued mount handler runs; `query_one` would then raise and the app would
    exit with an error instead of closing cleanly.
    """
    return next(iter(node.query(selector).results(kind)), None)  # type: ignore[arg-type]


SEVERITY_LABEL = {Severity.ERROR: "ERROR", Severity.WARNING: "WARN ", Severity.INFO: "info "}
"""Severity in words, so it reads without colour (NO_COLOR=1)."""


def clean(text: str) -> str:
    """Drop C0/C1 control characters (ESC sequences) that would reach the terminal."""
    return without_controls(text)


def literal(text: str) -> Content:
    """Text shown exactly as written."""
    return Content(clean(text))


def finding_content(finding: Finding) -> Content:
    """One finding as a line: severity word, code, where, message."""
    where = f"phase {finding.phase} " if finding.phase else ""
    label = SEVERITY_LABEL[finding.severity]
    style = {"error": "bold $error", "warning": "bold $warning", "info": "$text-muted"}[
        finding.severity.value
    ]
    return Content.assemble(
        (label, style), f" {finding.code.value}: {where}", clean(finding.message)
    )


def highlight_literal(matcher: Matcher, text: str) -> Content:
    """A command-palette hit highlighted without reading the text as markup.

    Textual's `Matcher.highlight` parses its candidate as markup, so a protocol file named
    `x[@click=app.quit].toml` would lose text or gain an action in the palette.
    """
    text = clean(text)
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def tell(
    node: MessagePump,
    message: str,
    *,
    severity: SeverityLevel = "information",
    timeout: float | None = None,
    title: str = "",
) -> None:
    """A notification whose text is shown literally (notify parses markup by default)."""
    node.app.notify(
        clean(message), title=clean(title), severity=severity, timeout=timeout, markup=False
    )
