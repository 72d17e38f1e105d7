"""Checking a protocol end to end: read, validate, resolve and apply every rule.

The CLI, the TUI's live findings panel and the export gate all call these functions, so a
protocol that `rehab check` passes is exactly a protocol that `rehab export` will print.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rehab.domain.checks import check_structure
from rehab.domain.conditions import Catalog
from rehab.domain.dose_checks import dose_findings
from rehab.domain.findings import Finding
from rehab.domain.library import Library
from rehab.domain.protocol import Protocol
from rehab.domain.safety import safety_findings
from rehab.storage.protocol_files import LoadedFile, load_protocol, load_protocol_bytes


@dataclass(frozen=True)
class Context:
    """What a protocol is checked against: the exercise library and the condition catalog."""

    library: Library
    catalog: Catalog


def review(protocol: Protocol, context: Context) -> list[Finding]:
    """Every finding about a valid protocol model (no file needed; used live by the TUI).

    Structure errors (unknown ids, dosage that does not fit) come first; the safety rules and
    dose checks skip what they cannot resolve, which is already an error, so nothing unknown
    ever passes silently.
    """
    library, catalog = context.library, context.catalog
    return [
        *check_structure(protocol, library, catalog.codes),
        *safety_findings(protocol, library, catalog),
        *dose_findings(protocol, library),
    ]


def check_file(path: Path, context: Context) -> LoadedFile:
    """Read one file and attach every finding, each placed on its line where known."""
    return attach_findings(load_protocol(path), context)


def check_bytes(path: Path, data: bytes, context: Context) -> LoadedFile:
    """Check a protocol's bytes as if they were the file `path` (e.g. an older git version)."""
    return attach_findings(load_protocol_bytes(path, data), context)


def attach_findings(loaded: LoadedFile, context: Context) -> LoadedFile:
    """Add every rule's findings to a loaded file, each placed on its line where known."""
    if loaded.protocol is not None:
        loaded.findings.extend(loaded.place(f) for f in review(loaded.protocol, context))
    loaded.findings.sort(key=Finding.sort_key)
    return loaded
