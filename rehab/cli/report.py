"""How findings are printed: one line each for people, the contract's JSON for scripts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rehab.cli.output import Printer
from rehab.domain.findings import Code, Finding, Severity, severity_counts
from rehab.storage.protocol_files import LoadedFile
from rehab.terminal import one_line

_SEVERITY_STYLE = {
    Severity.ERROR: ("red", "bold"),
    Severity.WARNING: ("yellow",),
    Severity.INFO: ("cyan",),
}


def display_path(loaded: LoadedFile) -> str:
    """The path as the user gave it, with forward slashes on every platform."""
    return loaded.path.as_posix()


def finding_json(finding: Finding) -> dict[str, Any]:
    """A finding as docs/cli.md spells it (keys with no value are null)."""
    return {
        "severity": finding.severity.value,
        "code": finding.code.value,
        "message": finding.message,
        "line": finding.line,
        "field": finding.field,
        "phase": finding.phase,
        "exercise": finding.exercise,
        "condition": finding.condition,
    }


def counts(files: Sequence[LoadedFile]) -> dict[str, int]:
    """Totals for the summary line and the JSON summary."""
    by_severity = severity_counts(f for loaded in files for f in loaded.findings)
    return {
        "files": len(files),
        "errors": by_severity[Severity.ERROR],
        "warnings": by_severity[Severity.WARNING],
        "infos": by_severity[Severity.INFO],
    }


def report_json(files: Sequence[LoadedFile]) -> str:
    """The whole check result as JSON."""
    payload = {
        "files": [
            {
                "path": display_path(loaded),
                "valid": not any(f.severity is Severity.ERROR for f in loaded.findings),
                "findings": [finding_json(f) for f in loaded.findings],
            }
            for loaded in files
        ],
        "summary": counts(files),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


def finding_label(finding: Finding, printer: Printer) -> str:
    """``severity code: message``, the severity in words (coloured when allowed).

    A schema finding names its field too ("phases[0].exercises[0].sets: must be between 1
    and 10"): the line alone does not say which of several keys on it is wrong.
    """
    label = printer.style(
        f"{finding.severity.value} {finding.code.value}", *_SEVERITY_STYLE[finding.severity]
    )
    message = finding.message
    if finding.code is Code.SCHEMA and finding.field and finding.field not in message:
        message = f"{finding.field}: {message}"
    return f"{label}: {one_line(message)}"


def finding_line(path: str, finding: Finding, printer: Printer) -> str:
    """``file:line: severity code: message`` (the line part only when known)."""
    where = f"{path}:{finding.line}" if finding.line is not None else path
    return f"{one_line(where)}: {finding_label(finding, printer)}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def report_text(files: Sequence[LoadedFile], printer: Printer) -> None:
    """Print every finding, then one summary line."""
    for loaded in files:
        path = display_path(loaded)
        for finding in loaded.findings:
            printer.line(finding_line(path, finding, printer))
    total = counts(files)
    summary = (
        f"{_plural(total['files'], 'file')} checked: {_plural(total['errors'], 'error')}, "
        f"{_plural(total['warnings'], 'warning')}, {_plural(total['infos'], 'info')}"
    )
    style = ("red", "bold") if total["errors"] else ("yellow",) if total["warnings"] else ("green",)
    printer.line(printer.style(summary, *style))
