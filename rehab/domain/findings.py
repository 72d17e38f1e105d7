"""Findings: what `rehab check`, the TUI's findings panel and the export gate all report.

A finding carries its location as a model path (`loc`) rather than a line number: the domain
does not know about files, and the storage layer maps the path to a line when it has the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum


class Severity(StrEnum):
    """How serious a finding is; errors block export and fail `rehab check`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for the most serious, so sorting by rank puts errors first."""
        return _SEVERITY_RANK[self]


class Code(StrEnum):
    """Finding codes (docs/findings.md). Scripts match on these, so they never change."""

    TOML_SYNTAX = "toml-syntax"
    SCHEMA = "schema"
    UNKNOWN_EXERCISE = "unknown-exercise"
    UNKNOWN_CONDITION = "unknown-condition"
    DOSAGE_MISMATCH = "dosage-mismatch"
    DATE_ORDER = "date-order"
    CONTRAINDICATED = "contraindicated"
    ACKNOWLEDGED = "acknowledged"
    PRECAUTION = "precaution"
    TECHNIQUE = "technique"
    DOSE_OUT_OF_RANGE = "dose-out-of-range"
    UNUSED_ACKNOWLEDGEMENT = "unused-acknowledgement"
    ID_MISMATCH = "id-mismatch"
    # Schema version 2 and integrity (docs/findings.md).
    REFERRAL_REQUIRED = "referral-required"
    ACKNOWLEDGEMENT_SCOPE = "acknowledgement-scope"
    DUPLICATE_PRESCRIPTION = "duplicate-prescription"
    EMPTY_PROTOCOL = "empty-protocol"
    CONDITION_TIMING_UNKNOWN = "condition-timing-unknown"
    SCHEMA_UPGRADE_AVAILABLE = "schema-upgrade-available"
    PAIN_LIMIT = "pain-limit"
    HANDOUT_LENGTH = "handout-length"
    DUPLICATE_ID = "duplicate-id"


Loc = tuple[str | int, ...]

_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class Finding:
    """One problem or note about a protocol.

    `phase` is 1-based as in the JSON contract; `loc` is the model path the finding is about,
    e.g. ("phases", 0, "exercises", 1, "sets"), from which `field` and the line are derived.
    """

    severity: Severity
    code: Code
    message: str
    loc: Loc = ()
    line: int | None = None
    phase: int | None = None
    exercise: str | None = None
    condition: str | None = None
    components: tuple[str, ...] = ()
    reason: str | None = None
    source: str | None = None
    cue: str | None = None
    """What the handout tells the patient with the exercise (precautions, technique)."""

    @property
    def field(self) -> str | None:
        """The path as the contract spells it: ``phases[0].exercises[1].sets``."""
        return format_loc(self.loc)

    def at_line(self, line: int | None) -> Finding:
        """A copy with its line number filled in."""
        return replace(self, line=line)

    def sort_key(self) -> tuple[int, int, str, str]:
        """File order first, then the most serious first, so reports read top to bottom."""
        return (
            self.line if self.line is not None else 0,
            self.severity.rank,
            self.code.value,
            self.message,
        )


def format_loc(loc: Loc) -> str | None:
    """Render a model path the way the contract's `field` key does."""
    if not loc:
        return None
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def severity_counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    """How many findings of each severity (every severity present, zero when none)."""
    counts = dict.fromkeys(Severity, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def has_errors(findings: list[Finding]) -> bool:
    """True when any finding blocks export or fails a check."""
    return any(f.severity is Severity.ERROR for f in findings)
