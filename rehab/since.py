"""What changed for the patient since an earlier sheet (`rehab export --since REV`).

The patient follows doses, not prescriptions: a prescription that leaves its dose to the
library default prints whatever the clinic's entry says now. So both versions are compared
resolved, the old protocol against the clinic entries as they were at REV (read from git)
and the new one against the entries as they are: a default that went from 2 x 15 once a day
to 4 x 25 twice a day is a change, even though the protocol file did not change at all.
"""

from __future__ import annotations

from pathlib import Path

from rehab.check import Context
from rehab.domain.exercise import Exercise
from rehab.domain.library import EntryUnavailable, Library, Loader
from rehab.domain.protocol import DOSAGE_KEYS, Protocol
from rehab.domain.resolve import resolve_dosage
from rehab.storage.library_files import FileEntry, parse_entry
from rehab.storage.protocol_files import load_protocol_bytes
from rehab.storage.protocol_paths import read_bytes
from rehab.storage.versioning import GitProblem, file_at_revision

NO_CHANGES = "Nothing in your exercises has changed since your last sheet."


def _entry_at(current: FileEntry, revision: str) -> Loader:
    """A clinic entry as committed at `revision`; as it is now when git has no valid copy
    of it there (a file added since, or a folder outside the repository)."""

    def load() -> Exercise:
        try:
            data = file_at_revision(Path(current.path), revision)
        except GitProblem:
            return current()
        exercise, problems = parse_entry(current.path, data)
        return exercise if exercise is not None and not problems else current()

    return load


def library_at(library: Library, revision: str) -> Library:
    """The library with its clinic entries as they were at a git revision (the built-in
    entries are rehab's own and stay as they are)."""
    old = Library()
    for summary in library:
        loader = library.loader(summary.id)
        if isinstance(loader, FileEntry):
            old.add_lazy(summary, _entry_at(loader, revision))
        else:
            exercise = library.get(summary.id)
            if exercise is not None:
                old.add(exercise)
    return old


def resolved(protocol: Protocol, library: Library) -> Protocol:
    """The protocol with every omitted dose key filled from its exercise's defaults."""
    phases = []
    for phase in protocol.phases:
        exercises = []
        for prescription in phase.exercises:
            try:
                exercise = library.get(prescription.exercise)
            except EntryUnavailable:
                exercise = None
            if exercise is None:
                exercises.append(prescription)
                continue
            dose = resolve_dosage(prescription, exercise)
            update = {key: getattr(dose, key) for key in DOSAGE_KEYS}
            exercises.append(prescription.model_copy(update=update))
        phases.append(phase.model_copy(update={"exercises": exercises}))
    return protocol.model_copy(update={"phases": phases})


def changes_since(
    path: Path, revision: str, context: Context, data: bytes | None = None
) -> list[str]:
    """What changed for the patient since the version of `path` at a git revision.

    Raises GitProblem when the revision or the file at it cannot be read, and ValueError when
    that old version does not validate (the box would be a guess).
    """
    # Only the two models are compared, so validation is enough: no rule needs to run here
    # (export_file checks the current file anyway).
    old = load_protocol_bytes(path, file_at_revision(path, revision))
    if old.protocol is None:
        raise ValueError(f"{path} at '{revision}' is not a valid protocol; cannot compare")
    new = load_protocol_bytes(path, read_bytes(path) if data is None else data)
    if new.protocol is None:
        return []
    from rehab.domain.diff import diff_protocols, patient_lines  # only with --since

    before = resolved(old.protocol, library_at(context.library, revision))
    now = resolved(new.protocol, context.library)
    lines = patient_lines(diff_protocols(before, now), now, context.library)
    return lines or [NO_CHANGES]
