"""Checking a protocol end to end: read, validate, resolve and apply every rule.

The CLI, the TUI's live findings panel and the export gate all call these functions, so a
protocol that `rehab check` passes is exactly a protocol that `rehab export` will print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rehab.domain.checks import check_structure
from rehab.domain.conditions import Catalog
from rehab.domain.dose_checks import dose_findings
from rehab.domain.findings import Code, Finding, Severity
from rehab.domain.library import Library
from rehab.domain.plan import plan_protocol
from rehab.domain.plan_checks import plan_findings
from rehab.domain.protocol import Protocol
from rehab.domain.safety import safety_findings
from rehab.parallel import available_cpus, forked_map
from rehab.storage.findings_cache import FindingsCache
from rehab.storage.protocol_files import LoadedFile, load_protocol, load_protocol_bytes
from rehab.storage.protocol_paths import PathProblem
from rehab.storage.toml_read import MAX_FILE_BYTES


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
    plan = plan_protocol(protocol, library, catalog)
    return [
        *check_structure(protocol, library, catalog.codes),
        *plan_findings(plan, catalog),
        *safety_findings(plan, catalog),
        *dose_findings(plan),
    ]


def check_file(path: Path, context: Context) -> LoadedFile:
    """Read one file and attach every finding, each placed on its line where known."""
    return _attach(load_protocol(path), context)


def check_bytes(path: Path, data: bytes, context: Context) -> LoadedFile:
    """As `check_file`, for bytes already read (the findings cache hashed these very bytes)."""
    return _attach(load_protocol_bytes(path, data), context)


def _attach(loaded: LoadedFile, context: Context) -> LoadedFile:
    if loaded.protocol is not None:
        loaded.findings.extend(loaded.place(f) for f in review(loaded.protocol, context))
    loaded.findings.sort(key=Finding.sort_key)
    return loaded


# -- many files at once --------------------------------------------------------------------

PARALLEL_FROM = 200
"""Below this many files, starting worker processes costs more than it saves."""

_shared_context: Context | None = None


def _checked_findings(item: tuple[Path, bytes | None]) -> LoadedFile:
    """One file for `check_many`, reduced to what a report needs (cheap to send back)."""
    assert _shared_context is not None
    path, data = item
    try:
        if data is None:
            loaded = check_file(path, _shared_context)
        else:
            loaded = check_bytes(path, data, _shared_context)
    except PathProblem as exc:
        # Unreadable file: a finding, so one bad file does not hide the rest.
        message = str(exc).split(": ", 1)[-1]
        return LoadedFile(path, None, [Finding(Severity.ERROR, Code.TOML_SYNTAX, message)])
    return LoadedFile(path, None, loaded.findings)


def _cacheable_bytes(path: Path) -> bytes | None:
    """The file's bytes when a cached result could stand for it; None leaves it to check_file
    (too large, unreadable: it makes the finding that says so)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def check_many(
    paths: Sequence[Path],
    context: Context,
    jobs: int | None = None,
    cache: FindingsCache | None = None,
) -> list[LoadedFile]:
    """Check files in order, in forked worker processes when there are many and fork exists.

    The results carry the findings only (`protocol` is None): this is for reports such as
    `rehab check`. Parsing dominates, and each worker inherits the loaded library through
    fork, so two cores check a large repository in about half the time. With a `cache`, a
    file whose name and bytes were checked before against the same context is not checked
    again; the bytes hashed are the bytes checked, so an edit during the run cannot be missed.
    """
    results: dict[int, LoadedFile] = {}
    todo: list[tuple[int, Path, bytes | None]] = []
    for index, path in enumerate(paths):
        data = _cacheable_bytes(path) if cache is not None else None
        found = cache.get(path.name, data) if cache is not None and data is not None else None
        if found is not None:
            results[index] = LoadedFile(path, None, found)
        else:
            todo.append((index, path, data))
    checked = _check_all([(path, data) for _, path, data in todo], context, jobs)
    for (index, path, data), loaded in zip(todo, checked, strict=True):
        results[index] = loaded
        if cache is not None and data is not None:
            cache.put(path.name, data, loaded.findings)
    if cache is not None:
        cache.save()
    return [results[index] for index in range(len(paths))]


def _check_all(
    items: list[tuple[Path, bytes | None]], context: Context, jobs: int | None
) -> list[LoadedFile]:
    global _shared_context
    _shared_context = context  # what the forked children see
    try:
        workers = jobs if jobs is not None else available_cpus()
        if len(items) < PARALLEL_FROM:
            workers = 1
        return forked_map(_checked_findings, items, workers)
    finally:
        _shared_context = None
