"""The clinic profile on disk: where `clinic.toml` is, and reading it as strictly as a protocol.

Which file applies (docs/clinic.md): `--clinic FILE`, else the file `REHAB_CLINIC` names, else
`clinic.toml` at the root of the git repository that holds the protocol (the first folder
upwards from the protocol's folder that has a `.git`), else, for a protocol outside any
repository, `clinic.toml` in the current folder, where rehab's other defaults (`protocols/`,
`exports/`, `templates/`) are too. A file named by the flag or the variable must exist; a
repository without `clinic.toml` simply has no profile.

A profile printed on a patient's STOP box must be right, so a bad one is never passed over:
it raises ClinicProblem, naming the file, line and field, and the export writes nothing.
The logo is checked like a clinic entry's image and given to the handout as an absolute path.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rehab.domain.clinic import ClinicProfile
from rehab.domain.findings import format_loc
from rehab.domain.validation import validate_model
from rehab.storage.entry_pictures import picture_file_problem
from rehab.storage.protocol_paths import FileTooLarge, PathProblem, read_bytes
from rehab.storage.toml_read import TomlProblem, read_toml_bytes

CLINIC_FILE = "clinic.toml"
CLINIC_ENV = "REHAB_CLINIC"
CLINIC_LIMIT = 64 * 1024
"""A profile is a dozen lines; anything past 64 KiB is not one and is refused unread."""


@dataclass(frozen=True)
class ClinicSource:
    """Which profile file applies, and why (said in messages: a clinician wondering where a
    number on the handout came from needs to know which file to edit)."""

    path: Path
    origin: str
    """"--clinic", "REHAB_CLINIC", "repository" or "current folder"."""


@dataclass(frozen=True)
class ClinicIssue:
    """One thing wrong with a profile, at its line and field when known."""

    message: str
    line: int | None = None
    field: str | None = None


class ClinicProblem(PathProblem):
    """The clinic profile cannot be used. Its text names the file, each line and field."""

    def __init__(self, source: ClinicSource, issues: list[ClinicIssue]) -> None:
        self.source = source
        self.issues = issues
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """One line per issue: ``clinic profile FILE:LINE: FIELD: message``."""
        shown = display(self.source.path)
        via = f" (from {CLINIC_ENV})" if self.source.origin == CLINIC_ENV else ""
        out = []
        for issue in self.issues:
            where = f"{shown}:{issue.line}" if issue.line is not None else shown
            field = f"{issue.field}: " if issue.field else ""
            out.append(f"clinic profile {where}{via}: {field}{issue.message}")
        return out


def display(path: Path) -> str:
    """The path relative to the current folder when it lies inside it, as a user reads it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


def repository_root(folder: Path) -> Path | None:
    """The first folder from `folder` upwards that holds `.git` (a folder, or the file a
    worktree or submodule has), as git itself finds its top level; None outside any."""
    try:
        current = folder.resolve()
    except OSError:
        return None
    for candidate in (current, *current.parents):
        if os.path.lexists(candidate / ".git"):
            return candidate
    return None


def default_location(folder: Path) -> tuple[Path, str]:
    """Where `clinic.toml` belongs for protocols in `folder`: the repository root, or the
    current folder outside a repository; and the origin word for messages."""
    root = repository_root(folder)
    if root is not None:
        return root / CLINIC_FILE, "repository"
    return Path.cwd() / CLINIC_FILE, "current folder"


def find_clinic(
    folder: Path, explicit: Path | None = None, environ: Mapping[str, str] | None = None
) -> ClinicSource | None:
    """The profile file that applies to protocols in `folder`, or None when there is none.

    `explicit` (`--clinic FILE`) beats `REHAB_CLINIC`, which beats the repository's (or the
    current folder's) `clinic.toml`. Only the last may be absent; a dangling link there is
    returned, so that reading it says what is wrong instead of silently printing no number.
    """
    if explicit is not None:
        return ClinicSource(explicit, "--clinic")
    named = (os.environ if environ is None else environ).get(CLINIC_ENV, "")
    if named:
        return ClinicSource(Path(named), CLINIC_ENV)
    path, origin = default_location(folder)
    return ClinicSource(path, origin) if os.path.lexists(path) else None


def load_clinic(source: ClinicSource) -> ClinicProfile:
    """Read, parse and validate a profile; its logo, if any, checked and made absolute.

    Raises ClinicProblem with every issue found, each at its line and field when known.
    """
    try:
        data = read_bytes(source.path, limit=CLINIC_LIMIT)
    except FileTooLarge as exc:
        message = (
            f"file is {exc.size:,} bytes or more; a clinic profile is a dozen lines "
            f"(limit {CLINIC_LIMIT:,} bytes)"
        )
        raise ClinicProblem(source, [ClinicIssue(message)]) from None
    except PathProblem as exc:
        reason = str(exc).rsplit(": ", 1)[-1]
        raise ClinicProblem(source, [ClinicIssue(reason)]) from None
    try:
        document = read_toml_bytes(data, limit=CLINIC_LIMIT)
    except TomlProblem as problem:
        raise ClinicProblem(source, [ClinicIssue(problem.message, problem.line)]) from None
    profile, findings = validate_model(ClinicProfile, document.data)
    if profile is None:
        issues = [
            ClinicIssue(f.message, document.line_of(f.loc), format_loc(f.loc)) for f in findings
        ]
        raise ClinicProblem(source, issues)
    if profile.logo is None:
        return profile
    folder = source.path.parent
    bad_logo = picture_file_problem(
        folder / profile.logo, profile.logo, folder, "the folder of the clinic profile", "the logo"
    )
    if bad_logo:
        raise ClinicProblem(source, [ClinicIssue(bad_logo, document.line_of(("logo",)), "logo")])
    return profile.model_copy(update={"logo": str((folder / profile.logo).resolve())})


def clinic_for(
    protocol: Path, explicit: Path | None = None, environ: Mapping[str, str] | None = None
) -> ClinicProfile | None:
    """The loaded profile for one protocol file, or None when no profile applies."""
    source = find_clinic(protocol.parent, explicit, environ)
    return None if source is None else load_clinic(source)


def clinic_profiles(
    protocols: list[Path], explicit: Path | None = None
) -> dict[Path, ClinicProfile | None]:
    """Each protocol's profile, each profile file read once, all before anything is printed
    (a batch export must not stop half-way at a bad profile). Raises ClinicProblem."""
    loaded: dict[Path, ClinicProfile | None] = {}
    by_file: dict[Path, ClinicProfile] = {}
    for protocol in protocols:
        source = find_clinic(protocol.parent, explicit)
        if source is None:
            loaded[protocol] = None
            continue
        if source.path not in by_file:
            by_file[source.path] = load_clinic(source)
        loaded[protocol] = by_file[source.path]
    return loaded
