"""Checking a protocol end to end: read, validate, resolve and apply every rule.

The CLI, the TUI's live findings panel and the export gate all call these functions, so a
protocol that `rehab check` passes is exactly a protocol that `rehab export` will print.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rehab.domain.checks import check_structure
from rehab.domain.conditions import Catalog
from rehab.domain.dose_checks import dose_findings
from rehab.domain.findings import Code, Finding, Severity
from rehab.domain.library import Library
from rehab.domain.protocol import Protocol
from rehab.domain.safety import safety_findings
from rehab.storage.protocol_files import (
    LoadedFile,
    PathProblem,
    load_protocol,
)


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
    loaded = load_protocol(path)
    if loaded.protocol is not None:
        loaded.findings.extend(loaded.place(f) for f in review(loaded.protocol, context))
    loaded.findings.sort(key=Finding.sort_key)
    return loaded


# -- many files at once --------------------------------------------------------------------

PARALLEL_FROM = 200
"""Below this many files, starting worker processes costs more than it saves."""

_shared_context: Context | None = None


def _checked_findings(path: Path) -> LoadedFile:
    """One file for `check_many`, reduced to what a report needs (cheap to send back)."""
    assert _shared_context is not None
    try:
        loaded = check_file(path, _shared_context)
    except PathProblem as exc:
        # Unreadable file: a finding, so one bad file does not hide the rest.
        message = str(exc).split(": ", 1)[-1]
        return LoadedFile(path, None, [Finding(Severity.ERROR, Code.TOML_SYNTAX, message)])
    return LoadedFile(path, None, loaded.findings)


def check_many(
    paths: Sequence[Path], context: Context, jobs: int | None = None
) -> list[LoadedFile]:
    """Check files in order, in forked worker processes when there are many and fork exists.

    The results carry the findings only (`protocol` is None): this is for reports such as
    `rehab check`. Parsing dominates, and each worker inherits the loaded library through
    fork, so two cores check a large repository in about half the time.
    """
    global _shared_context
    _shared_context = context
    try:
        workers = jobs if jobs is not None else (os.cpu_count() or 1)
        if (
            workers < 2
            or len(paths) < PARALLEL_FROM
            or "fork" not in multiprocessing.get_all_start_methods()
        ):
            return [_checked_findings(p) for p in paths]
        chunk = max(1, len(paths) // (workers * 8))
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_checked_findings, paths, chunksize=chunk)
    finally:
        _shared_context = None
