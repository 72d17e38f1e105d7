"""Checking a protocol end to end: read, validate, resolve and apply every rule.

The CLI, the TUI's live findings panel and the export gate all call these functions, so a
protocol that `rehab check` passes is exactly a protocol that `rehab export` will print.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

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
from rehab.storage.protocol_files import LoadedFile, load_protocol, load_protocol_bytes
from rehab.storage.protocol_paths import PathProblem, read_bytes

if TYPE_CHECKING:
    from rehab.storage.findings_cache import FindingsCache
    from rehab.storage.inputs import LibraryInputs


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
_shared_inputs: LibraryInputs | None = None


Checked = tuple[LoadedFile, dict[str, str], str | None]
"""A file's findings, the digests of the library entries its check used, its protocol id."""


def _checked_findings(item: tuple[Path, bytes | None]) -> Checked:
    """One file for `check_many`, reduced to what a report needs (cheap to send back), with
    the digests of the library entries the check used when results are cached."""
    assert _shared_context is not None
    path, data = item
    inputs = _shared_inputs
    try:
        if inputs is None:
            used: set[str] = set()
            loaded = _check_item(path, data)
        else:
            with _shared_context.library.tracking() as used:
                loaded = _check_item(path, data)
    except PathProblem as exc:
        # Unreadable file: a finding, so one bad file does not hide the rest.
        message = str(exc).split(": ", 1)[-1]
        loaded = LoadedFile(path, None, [Finding(Severity.ERROR, Code.TOML_SYNTAX, message)])
    deps = inputs.digests(used) if inputs is not None else {}
    protocol_id = loaded.protocol.id if loaded.protocol is not None else None
    return LoadedFile(path, None, loaded.findings), deps, protocol_id


def _check_item(path: Path, data: bytes | None) -> LoadedFile:
    assert _shared_context is not None
    if data is None:
        return check_file(path, _shared_context)
    return check_bytes(path, data, _shared_context)


def _cacheable_bytes(path: Path) -> bytes | None:
    """The file's bytes when a cached result could stand for it; None leaves it to check_file
    (too large, unreadable, not a file: it makes the finding that says so)."""
    try:
        return read_bytes(path)
    except PathProblem:
        return None


def check_many(
    paths: Sequence[Path],
    context: Context,
    jobs: int | None = None,
    cache: FindingsCache | None = None,
    folders: Sequence[Sequence[int]] | None = None,
) -> list[LoadedFile]:
    """Check files in order, in forked worker processes when there are many and fork exists.

    The results carry the findings only (`protocol` is None): this is for reports such as
    `rehab check`. Parsing dominates, and each worker inherits the loaded library through
    fork, so two cores check a large repository in about half the time. With a `cache`, a
    file is not checked again when its name and bytes, rehab's code, the catalog and every
    library entry its check used are those of a cached result (`rehab.storage.inputs`); the
    bytes hashed are the bytes checked, so an edit during the run cannot be missed.

    `folders` are groups of indexes (the files of one folder the user named) within which
    every protocol id must be unique (`duplicate_ids`); by default all files form one group.
    """
    global _shared_inputs
    results: dict[int, LoadedFile] = {}
    ids: dict[int, str | None] = {}
    todo: list[tuple[int, Path, bytes | None]] = []
    inputs: LibraryInputs | None = None
    base = ""
    if cache is not None:
        from rehab.storage.inputs import LibraryInputs, code_and_catalog  # only when caching

        inputs = LibraryInputs(context.library)
        base = code_and_catalog(context.catalog)
    for index, path in enumerate(paths):
        data = _cacheable_bytes(path) if cache is not None else None
        found = None
        if cache is not None and inputs is not None and data is not None:
            found = cache.get(base, path.name, data, inputs.digest)
        if found is not None:
            results[index] = LoadedFile(path, None, found[0])
            ids[index] = found[1]
        else:
            todo.append((index, path, data))
    _shared_inputs = inputs
    try:
        checked = _check_all([(path, data) for _, path, data in todo], context, jobs)
    finally:
        _shared_inputs = None
    for (index, path, data), (loaded, deps, protocol_id) in zip(todo, checked, strict=True):
        results[index] = loaded
        ids[index] = protocol_id
        if cache is not None and data is not None:
            cache.put(base, path.name, data, deps, loaded.findings, protocol_id)
    if cache is not None:
        cache.save()
    ordered = [results[index] for index in range(len(paths))]
    groups = folders if folders is not None else [range(len(paths))]
    for group in groups:
        members = list(group)
        clashes = duplicate_ids([ids[i] for i in members], [paths[i] for i in members])
        for position, finding in clashes:
            ordered[members[position]].findings.append(finding)
            ordered[members[position]].findings.sort(key=Finding.sort_key)
    return ordered


_ID_LINE = re.compile(rb"^[ \t]*id[ \t]*=", re.MULTILINE)


def _id_line(path: Path) -> int | None:
    try:
        data = read_bytes(path)
    except PathProblem:
        return None
    found = _ID_LINE.search(data)
    return data.count(b"\n", 0, found.start()) + 1 if found else None


def duplicate_ids(ids: Sequence[str | None], paths: Sequence[Path]) -> list[tuple[int, Finding]]:
    """An error for every file whose protocol id another of these files uses too.

    Handouts are named by id (exports/<id>.pdf), so two files with one id would print as one
    sheet, and a link or a colleague's copy could be mistaken for the protocol meant.
    """
    by_id: dict[str, list[int]] = {}
    for index, protocol_id in enumerate(ids):
        if protocol_id is not None:
            by_id.setdefault(protocol_id, []).append(index)
    found: list[tuple[int, Finding]] = []
    for protocol_id, indexes in by_id.items():
        if len(indexes) < 2:
            continue
        for index in indexes:
            others = ", ".join(paths[i].as_posix() for i in indexes if i != index)
            message = (
                f"id '{protocol_id}' is also the id of {others}; give each protocol its own "
                "id (their handouts would overwrite each other)"
            )
            finding = Finding(
                Severity.ERROR, Code.DUPLICATE_ID, message, ("id",), _id_line(paths[index])
            )
            found.append((index, finding))
    return found


def _check_all(
    items: list[tuple[Path, bytes | None]], context: Context, jobs: int | None
) -> list[Checked]:
    global _shared_context
    _shared_context = context  # what the forked children see
    try:
        workers = jobs if jobs is not None else available_cpus()
        if len(items) < PARALLEL_FROM:
            workers = 1
        if workers > 1:
            # Models build their validators on first use (`StrictModel`): built here, once,
            # the forked workers inherit the protocol's instead of each building its own.
            Protocol.model_rebuild()
        return forked_map(_checked_findings, items, workers)
    finally:
        _shared_context = None
