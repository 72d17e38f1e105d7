"""Load the built-in exercise library, clinic library folders and the condition catalog.

A clinic's own entries are data written by hand, so a bad one is reported with its file, line
and field, and an id that clashes with a built-in entry is an error rather than a silent
replacement: a protocol must always mean the exercise the clinician picked.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from rehab.domain.conditions import Catalog
from rehab.domain.exercise import Exercise
from rehab.domain.findings import Finding, format_loc
from rehab.domain.library import EntryUnavailable, ExerciseSummary, Library, Loader
from rehab.domain.validation import validate_model
from rehab.storage.library_index import (
    FolderIndex,
    Stamp,
    index_path,
    read_index,
    write_index,
)
from rehab.storage.protocol_paths import PathProblem, Skipped, read_bytes, toml_files
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
    if exercise is not None:
        from rehab.domain.text_lint import lint_exercise  # not for a stored built-in library

        # docs/library.md: patient texts describe one side and state no dose; an entry that
        # breaks it is refused like any other bad entry (built-in and clinic alike).
        problems += [
            EntryProblem(name, document.line_of(p.loc), p.field, p.message)
            for p in lint_exercise(exercise)
        ]
    return exercise, problems


def _picture_problems(
    name: str, data: bytes, folder: Path, exercise: Exercise
) -> list[EntryProblem]:
    """A clinic entry's figure geometry and image file (the built-in ones are tested)."""
    from rehab.storage.entry_pictures import figure_problems, image_problems  # clinic only

    located = figure_problems(exercise) + image_problems(Path(name), folder, exercise)
    if not located:
        return []
    document = read_toml_bytes(data)  # parsed again only to find the lines of the problems
    return [
        EntryProblem(name, document.line_of(loc), format_loc(loc), message)
        for loc, message in located
    ]


def _problem(name: str, finding: Finding, line: int | None) -> EntryProblem:
    return EntryProblem(name, line, finding.field, finding.message)


def _clash(name: str, exercise_id: str) -> EntryProblem:
    return EntryProblem(
        name,
        None,
        "id",
        f"id '{exercise_id}' is already defined (built-in or in another file); "
        "give the clinic's exercise its own id",
    )


def _checked_entry(
    name: str, data: bytes, folder: Path | None = None
) -> tuple[Exercise | None, list[EntryProblem]]:
    """Parse and validate one entry, including that its id matches its file name; a clinic
    entry (from `folder`) also has its figure and image checked."""
    exercise, problems = _parse_entry(name, data)
    if exercise is not None and folder is not None:
        problems += _picture_problems(name, data, folder, exercise)
        if exercise.image is not None:
            exercise.found_image(str(Path(name).parent / exercise.image))
    if exercise is not None and Path(name).stem != exercise.id:
        problems.append(
            EntryProblem(name, None, "id", f"id '{exercise.id}' must match the file name")
        )
    return exercise, problems


def _collect(
    entries: Iterable[tuple[str, bytes]], library: Library, problems: list[EntryProblem]
) -> list[Exercise]:
    """Check and add each entry; the entries added, in order."""
    added = []
    for name, data in entries:
        exercise, found = _checked_entry(name, data)
        problems.extend(found)
        if exercise is None:
            continue
        if exercise.id in library:
            problems.append(_clash(name, exercise.id))
            continue
        library.add(exercise)
        added.append(exercise)
    return added


def _builtin_folder() -> Traversable:
    return resources.files("rehab.data").joinpath("exercises")


def _builtin_entries() -> list[tuple[str, bytes]]:
    return sorted(
        (f"<built-in>/{item.name}", item.read_bytes())
        for item in _builtin_folder().iterdir()
        if item.name.endswith(".toml")
    )


def _collect_builtin(
    library: Library, problems: list[EntryProblem], cache_dir: Path | None
) -> None:
    """The built-in entries, as an earlier process validated them when it did so from these
    very bytes with this very code (`builtin_cache`), else checked one by one."""
    entries = _builtin_entries()
    if cache_dir is not None:
        from rehab.storage import builtin_cache  # only with a cache folder

        stored = builtin_cache.read_result(cache_dir / "builtin", "library", entries)
        exercises = _entries_of(stored, entries)
        if exercises is not None:
            for exercise in exercises:
                library.add(exercise)
            return
    before = len(problems)
    added = _collect(entries, library, problems)
    if cache_dir is not None and len(problems) == before and len(added) == len(entries):
        builtin_cache.write_result(cache_dir / "builtin", "library", entries, added)


def _entries_of(stored: object, entries: Sequence[tuple[str, bytes]]) -> list[Exercise] | None:
    """A stored result as the list of these entries, or None when it is not (the key says it
    is; the types and ids say it again)."""
    if not isinstance(stored, list) or len(stored) != len(entries):
        return None
    exercises = [e for e in stored if isinstance(e, Exercise)]
    ids = [Path(name).stem for name, _ in entries]
    return exercises if [e.id for e in exercises] == ids else None


class FileEntry:
    """Reads a clinic entry again, in full, the first time something needs more than its summary.

    It keeps the digest of the very bytes it validated: that, not the file's size or time, is
    what a cached result against this entry is keyed on (`rehab.storage.inputs`).
    """

    def __init__(self, path: str, folder: Path | None = None) -> None:
        self.path = path
        self.folder = folder
        """The clinic folder, so the figure and image are checked again too."""
        self.digest: str | None = None

    def __call__(self) -> Exercise:
        try:
            data = read_bytes(Path(self.path))
        except PathProblem as problem:
            raise EntryUnavailable(str(problem)) from None
        exercise, problems = _checked_entry(self.path, data, self.folder)
        if exercise is None or problems:
            detail = "; ".join(str(p) for p in problems)
            raise EntryUnavailable(f"{detail} (the file changed after the library was loaded)")
        self.digest = hashlib.sha256(data).hexdigest()
        return exercise


def parse_entry(name: str, data: bytes) -> tuple[Exercise | None, list[EntryProblem]]:
    """Parse and validate one entry's bytes (from disk or from git at some revision)."""
    return _checked_entry(name, data)


def _loader(path: str, folder: Path | None = None) -> Loader:
    return FileEntry(path, folder)


def _collect_folder(
    folder: Path, library: Library, problems: list[EntryProblem], cache_dir: Path | None
) -> None:
    """Add a clinic folder's entries as summaries, parsing only files the index does not know.

    A freshly parsed entry is kept only as its summary too, so memory stays flat however
    large the folder; the full entry is read again from its file on first use.
    """
    started = time.time_ns()
    where = index_path(cache_dir, folder) if cache_dir is not None else None
    old = read_index(where, folder) if where is not None else FolderIndex({})
    new = FolderIndex({})
    skipped: list[Skipped] = []
    for relative, path, stat in toml_files(folder, skip_hidden=False, skipped=skipped):
        stamp = Stamp.of(stat)
        summary = old.lookup(relative, stamp)
        if summary is None:
            try:
                data = read_bytes(Path(path))
            except PathProblem as problem:
                problems.append(EntryProblem(path, None, None, str(problem).split(": ", 1)[-1]))
                continue
            exercise, found = _checked_entry(path, data, folder)
            problems.extend(found)
            if exercise is None or found:
                continue
            summary = ExerciseSummary.of(exercise)
        new.entries[relative] = (stamp, summary)
        if summary.id in library:
            problems.append(_clash(path, summary.id))
            continue
        library.add_lazy(summary, _loader(path, folder))
    problems.extend(EntryProblem(s.path, None, None, s.reason) for s in skipped)
    if where is not None and new.entries != old.entries:
        write_index(where, folder, new, started)


def library_folders_from_env() -> list[Path]:
    """Folders named in REHAB_LIBRARY (separated like PATH)."""
    value = os.environ.get(LIBRARY_ENV, "")
    return [Path(part) for part in value.split(os.pathsep) if part.strip()]


def load_library(extra_folders: Sequence[Path] = (), cache_dir: Path | None = None) -> Library:
    """The built-in library plus clinic folders; raises LibraryError listing every problem.

    `cache_dir` is where folder indexes are kept (the commands pass the user's cache folder,
    `library_index.default_cache_dir()`); without one every file is parsed every time.
    """
    library = Library()
    problems: list[EntryProblem] = []
    _collect_builtin(library, problems, cache_dir)
    for folder in extra_folders:
        if not folder.is_dir():
            raise PathProblem(f"{folder}: library folder not found")
        _collect_folder(folder, library, problems, cache_dir)
    for exercise_id, kind, target in library.dangling_references():
        problems.append(
            EntryProblem(exercise_id, None, kind, f"{kind} names unknown exercise '{target}'")
        )
    if problems:
        raise LibraryError(problems)
    return library


def _catalog_bytes() -> bytes:
    return resources.files("rehab.data").joinpath("conditions.toml").read_bytes()


@cache
def load_catalog(cache_dir: Path | None = None) -> Catalog:
    """The condition catalog shipped with rehab (validated; cached per process, and with a
    `cache_dir` between processes as the built-in library is)."""
    data = _catalog_bytes()
    name = "<built-in>/conditions.toml"
    if cache_dir is not None:
        from rehab.storage import builtin_cache  # only with a cache folder

        stored = builtin_cache.read_result(cache_dir / "builtin", "catalog", [(name, data)])
        if isinstance(stored, Catalog):
            return stored
    try:
        document = read_toml_bytes(data)
    except TomlProblem as problem:
        raise LibraryError([EntryProblem(name, problem.line, None, problem.message)]) from None
    catalog, findings = validate_model(Catalog, document.data)
    if catalog is None:
        raise LibraryError([_problem(name, f, document.line_of(f.loc)) for f in findings])
    if cache_dir is not None:
        builtin_cache.write_result(cache_dir / "builtin", "catalog", [(name, data)], catalog)
    return catalog
