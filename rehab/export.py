"""Export: the gate that refuses a protocol with errors, then the handout, written atomically.

`rehab export`, batch export and the TUI's export dialog all call `export_file`, so no path to
a printed handout skips the safety check.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from rehab.check import Context, check_bytes
from rehab.domain.clinic import ClinicProfile
from rehab.domain.findings import Finding, Severity
from rehab.domain.library import ALL_IDS
from rehab.domain.protocol import Protocol
from rehab.handout.render import HandoutOptions, render_handout_checked
from rehab.storage.atomic import ChangedOnDisk, write_atomic
from rehab.storage.clinic_files import clinic_for
from rehab.storage.protocol_paths import PathProblem, read_bytes
from rehab.storage.toml_read import TomlProblem, read_toml_bytes
from rehab.storage.versioning import version_stamp

OUTPUT_SUFFIXES = (".pdf",)
"""What a handout may be written as (the FHIR export adds .json for its own output)."""


class ExportRefused(Exception):
    """The protocol has errors; nothing was written."""

    def __init__(self, path: Path, errors: list[Finding]) -> None:
        super().__init__(f"{path}: export refused, {len(errors)} error(s)")
        self.path = path
        self.errors = errors


@dataclass(frozen=True)
class Exported:
    """Where the handout went and which version of the protocol it shows."""

    source: Path
    output: Path
    version: str
    protocol_id: str
    unprintable: tuple[str, ...] = ()
    """Characters of the protocol's texts the handout font has no glyph for (blanks on paper)."""
    name_unprintable: bool = False
    """The patient's name has such characters; which ones is never said (it is patient data)."""

    def unprintable_warning(self) -> str | None:
        """What printed as blanks, or None when every character printed. Characters of the
        protocol's texts are named; the patient's name is only said to have some."""
        parts: list[str] = []
        if self.unprintable:
            shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in self.unprintable[:8])
            more = f" and {len(self.unprintable) - 8} more" if len(self.unprintable) > 8 else ""
            parts.append(
                f"the handout font cannot print {shown}{more}: they show as blanks on the "
                "handout; reword the text"
            )
        if self.name_unprintable:
            parts.append(
                "the patient's name has characters the handout font cannot print: they show "
                "as blanks on the handout"
            )
        return "; ".join(parts) or None


class StartOutOfRange(ValueError):
    """The log's first day is so far off that its days leave the calendar."""


# What changed since an earlier sheet lives in rehab.since (imported by --since only).
NO_CHANGES = "Nothing in your exercises has changed since your last sheet."


def changes_since(
    path: Path, revision: str, context: Context, data: bytes | None = None
) -> list[str]:
    """See `rehab.since.changes_since` (kept here for the export's callers)."""
    from rehab.since import changes_since as since

    return since(path, revision, context, data)


class OutputRefused(PathProblem):
    """The output path is not one rehab may write a handout to; nothing was written."""


def check_output(
    target: Path,
    source: Path,
    suffixes: tuple[str, ...] = OUTPUT_SUFFIXES,
    magic: bytes = b"%PDF-",
    kind: str = "PDF",
) -> None:
    """Refuse an output that is not a PDF name, is the protocol itself, or is an existing file
    that is not a PDF (a mistyped `-o` must never replace a clinician's file with a handout).
    Links and non-regular files are refused when writing (`write_atomic(follow_links=False)`).
    Another export (FHIR) passes its own suffixes, the `magic` its files start with and the
    `kind` of file they are.
    """
    if target.suffix.lower() not in suffixes:
        wanted = " or ".join(suffixes)
        raise OutputRefused(f"{target}: the output file must end in {wanted}")
    try:
        same = target.exists() and target.samefile(source)
    except OSError:
        same = False
    if same:
        raise OutputRefused(f"{target}: that is the protocol itself; name a {suffixes[0]} file")
    if target.is_symlink():
        raise OutputRefused(f"{target}: is a symbolic link; rehab does not write through links")
    if target.exists():
        if not target.is_file():
            raise OutputRefused(f"{target}: not a regular file")
        try:
            fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            try:
                head = os.read(fd, len(magic))
            finally:
                os.close(fd)
        except OSError as exc:
            raise OutputRefused(f"{target}: cannot read ({exc.strerror})") from None
        if head and head != magic:
            raise OutputRefused(
                f"{target}: exists and is not a {kind}; rehab replaces only {kind}s"
            )


def protocol_ids(paths: list[Path]) -> list[str | None]:
    """Each file's `id`, read without validating (for the duplicate-id test before a batch
    export writes anything); None when the file cannot be read or has no string id."""
    ids: list[str | None] = []
    for path in paths:
        try:
            value = read_toml_bytes(read_bytes(path)).data.get("id")
        except (PathProblem, TomlProblem):
            value = None
        ids.append(value if isinstance(value, str) else None)
    return ids


def default_output(protocol_id: str, out_dir: Path = Path("exports")) -> Path:
    """exports/<id>.pdf"""
    return out_dir / f"{protocol_id}.pdf"


def _clinic(path: Path, protocol: Protocol, options: HandoutOptions) -> ClinicProfile | None:
    """The profile the handout prints: the one given (`rehab export` loaded `--clinic`, the
    variable or the repository's file), else the one that applies to this protocol's folder
    (the app's export, which names none), under the protocol's own `clinic` name if it has
    one. Raises ClinicProblem for a bad profile: no handout with a wrong number is printed.
    """
    clinic = options.clinic if options.clinic is not None else clinic_for(path)
    return clinic.with_name(protocol.clinic) if clinic is not None else None


def export_file(
    path: Path,
    context: Context,
    options: HandoutOptions,
    output: Path | None = None,
    out_dir: Path = Path("exports"),
    expected: bytes | None = None,
    data: bytes | None = None,
) -> Exported:
    """Check, render and write one handout; raise ExportRefused when the protocol has errors.

    The handout goes to `output`, or to `out_dir/<id>.pdf` when no output file is named. The
    file is read once (or not at all, given its `data`): the bytes checked are the bytes
    printed and stamped. With `expected`, nothing is printed unless the file holds exactly
    those bytes (the app: what is on screen). A bad clinic profile raises ClinicProblem,
    and nothing is written.
    """
    if data is None:
        data = read_bytes(path)
    if expected is not None and data != expected:
        raise ChangedOnDisk(path)  # the app prints what is on screen, or nothing
    with context.library.tracking() as used:
        loaded = check_bytes(path, data, context)
    errors = [f for f in loaded.findings if f.severity is Severity.ERROR]
    if loaded.protocol is None or errors:
        raise ExportRefused(path, errors)
    protocol = loaded.protocol
    start = options.first_day(protocol)  # checked here, as the handout dates stages from it
    if start is not None:
        try:
            start + timedelta(weeks=sum(p.weeks for p in protocol.phases) + 1)
        except OverflowError:
            raise StartOutOfRange(
                f"the log cannot start on {start.isoformat()}: its days would run "
                "past the end of the calendar"
            ) from None
    target = output or default_output(protocol.id, out_dir)
    check_output(target, path)
    from rehab.storage.inputs import LibraryInputs, entries_digest

    # Every entry the handout prints was read by the check (each prescription is looked up).
    library_digest = entries_digest(LibraryInputs(context.library), used - {ALL_IDS})
    version = options.version or version_stamp(path, data, library_digest)
    final = dataclasses.replace(options, version=version, clinic=_clinic(path, protocol, options))
    rendered = render_handout_checked(
        protocol, context.library, context.catalog, loaded.findings, final
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, rendered.pdf, follow_links=False)
    in_name = set(options.patient or "")
    return Exported(
        path,
        target,
        version,
        protocol.id,
        tuple(c for c in rendered.unprintable if c not in in_name),
        any(c in in_name for c in rendered.unprintable),
    )
