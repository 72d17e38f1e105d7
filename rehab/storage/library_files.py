"""Load the built-in exercise library, clinic library folders and the condition catalog.

A clinic's own entries are data written by hand, so a bad one is reported with its file, line
and field, and an id that clashes with a built-in entry is an error rather than a silent
replacement: a protocol must always mean the exercise the clinician picked.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from rehab.domain.conditions import Catalog
from rehab.domain.exercise import Exercise
from rehab.domain.findings import Finding
from rehab.domain.library import Library
from rehab.domain.validation import validate_model
from rehab.storage.protocol_files import PathProblem, read_bytes
from rehab.storage.toml_read import TomlProblem, read_toml_bytes

LIBRARY_ENV = "REHAB_LIBRARY"


@dataclass(frozen=True)
class EntryProblem:
    """One problem in a library or catalog file."""

    path: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" ({self.field})" if self.field else ""
        return f"{where}: {self.message}{field}"


class LibraryError(Exception):
    """The library could not be built; every problem found is listed."""

    def __init__(self, problems: Sequence[EntryProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = list(problems)


def _parse_entry(name: str, data: bytes) -> tuple[Exercise | None, list[EntryProblem]]:
    try:
        document = read_toml_bytes(data)
    except TomlProblem as problem:
        return None, [EntryProblem(name, problem.line, None, problem.message)]
    exercise, findings = validate_model(Exercise, document.data)
    problems = [_problem(name, f, document.line_of(f.loc)) for f in findings]
    return exercise, problems


def _problem(name: str, finding: Finding, line: int | None) -> EntryProblem:
    return EntryProblem(name, line, finding.field, finding.message)


def _collect(
    entries: Iterable[tuple[str, bytes]], library: Library, problems: list[EntryProblem]
) -> None:
    for name, data in entries:
        exercise, found = _parse_entry(name, data)
        problems.extend(found)
        if exercise is None:
            continue
        stem = Path(name).stem
        if stem != exercise.id:
            problems.append(
                EntryProblem(name, None, "id", f"id '{exercise.id}' must match the file name")
            )
        if exercise.id in library:
            problems.append(
                EntryProblem(
                    name,
                    None,
                    "id",
                    f"id '{exercise.id}' is already defined (built-in or in another file); "
                    "give the clinic's exercise its own id",
                )
            )
            continue
        library.add(exercise)


def _builtin_entries() -> list[tuple[str, bytes]]:
    folder = resources.files("rehab.data").joinpath("exercises")
    return sorted(
        (f"<built-in>/{item.name}", item.read_bytes())
        for item in folder.iterdir()
        if item.name.endswith(".toml")
    )


def _folder_entries(folder: Path) -> Iterator[tuple[str, bytes]]:
    """Entries one at a time, so a large clinic library is never all in memory as bytes."""
    if not folder.is_dir():
        raise PathProblem(f"{folder}: library folder not found")
    for path in sorted(folder.rglob("*.toml")):
        if path.is_file():
            yield str(path), read_bytes(path)


def library_folders_from_env() -> list[Path]:
    """Folders named in REHAB_LIBRARY (separated like PATH)."""
    value = os.environ.get(LIBRARY_ENV, "")
    return [Path(part) for part in value.split(os.pathsep) if part.strip()]


def load_library(extra_folders: Sequence[Path] = ()) -> Library:
    """The built-in library plus clinic folders; raises LibraryError listing every problem."""
    library = Library()
    problems: list[EntryProblem] = []
    _collect(_builtin_entries(), library, problems)
    for folder in extra_folders:
        if not folder.is_dir():
            raise PathProblem(f"{folder}: library folder not found")
        _collect(_folder_entries(folder), library, problems)
    for exercise_id, kind, target in library.dangling_references():
        problems.append(
            EntryProblem(exercise_id, None, kind, f"{kind} names unknown exercise '{target}'")
        )
    if problems:
        raise LibraryError(problems)
    return library


@cache
def load_catalog() -> Catalog:
    """The condition catalog shipped with rehab (validated; cached per process)."""
    data = resources.files("rehab.data").joinpath("conditions.toml").read_bytes()
    name = "<built-in>/conditions.toml"
    try:
        document = read_toml_bytes(data)
    except TomlProblem as problem:
        raise LibraryError([EntryProblem(name, problem.line, None, problem.message)]) from None
    catalog, findings = validate_model(Catalog, document.data)
    if catalog is None:
        raise LibraryError([_problem(name, f, document.line_of(f.loc)) for f in findings])
    return catalog
