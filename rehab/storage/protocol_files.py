"""Protocol files on disk: find, read, validate and save them canonically.

Canonical means the same protocol always gives the same bytes with keys in the contract's
order, so a git diff of a protocol shows only what a clinician changed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from rehab.domain.findings import Code, Finding, Severity
from rehab.domain.protocol import Acknowledgement, Phase, Prescription, Protocol
from rehab.domain.validation import parse_protocol
from rehab.storage.atomic import write_atomic
from rehab.storage.toml_read import (
    MAX_FILE_BYTES,
    TomlDocument,
    TomlProblem,
    read_toml_bytes,
    too_large,
)


class PathProblem(Exception):
    """A path the user named cannot be used (missing, unreadable, nothing to check)."""


@dataclass
class LoadedFile:
    """What reading one protocol file gave: the model when it is valid, and the findings."""

    path: Path
    protocol: Protocol | None
    findings: list[Finding] = field(default_factory=list)
    document: TomlDocument | None = None

    def place(self, finding: Finding) -> Finding:
        """Give a finding the line its path points to, when the text is known."""
        if finding.line is not None or self.document is None or not finding.loc:
            return finding
        return finding.at_line(self.document.line_of(finding.loc))


def read_bytes(path: Path) -> bytes:
    """Read a file, turning OS errors into a message that names the path."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise PathProblem(f"{path}: no such file") from None
    except IsADirectoryError:
        raise PathProblem(f"{path}: is a folder, not a file") from None
    except PermissionError:
        raise PathProblem(f"{path}: permission denied") from None
    except OSError as exc:
        raise PathProblem(f"{path}: cannot read ({exc.strerror})") from None


def load_protocol(path: Path) -> LoadedFile:
    """Read and validate one protocol file; problems become findings, never exceptions.

    Only a file that cannot be opened at all raises PathProblem.
    """
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_bytes below names the problem
    if size > MAX_FILE_BYTES:
        # Refused before reading: a 5 GB file must not be loaded into memory to be refused.
        finding = Finding(Severity.ERROR, Code.TOML_SYNTAX, too_large(size))
        return LoadedFile(path, None, [finding])
    return load_protocol_bytes(path, read_bytes(path))


def load_protocol_bytes(path: Path, data: bytes) -> LoadedFile:
    """Validate a protocol's bytes (from disk, or from git at some revision) as `path`."""
    try:
        document = read_toml_bytes(data)
    except TomlProblem as problem:
        finding = Finding(Severity.ERROR, Code.TOML_SYNTAX, problem.message, line=problem.line)
        return LoadedFile(path, None, [finding])
    return validate_document(path, document)


def validate_document(path: Path, document: TomlDocument) -> LoadedFile:
    """Schema-validate parsed data and compare the id with the file name."""
    protocol, findings = parse_protocol(document.data)
    loaded = LoadedFile(path, protocol, [], document)
    loaded.findings = [loaded.place(f) for f in findings]
    if protocol is not None:
        stem = unicodedata.normalize("NFC", path.stem)
        if stem != protocol.id:
            loaded.findings.append(
                loaded.place(
                    Finding(
                        Severity.WARNING,
                        Code.ID_MISMATCH,
                        f"file name '{path.name}' does not match id '{protocol.id}' "
                        f"(expected '{protocol.id}.toml')",
                        loc=("id",),
                    )
                )
            )
    return loaded


# -- canonical writing -----------------------------------------------------------------------

_OPTIONAL_LISTS = frozenset(
    {"tags", "goals", "advance_when", "exercises", "phases", "acknowledged"}
)


def _table(
    model: Prescription | Phase | Acknowledgement | Protocol, skip: set[str]
) -> dict[str, Any]:
    """A model's keys in declaration (= contract) order, without empties TOML cannot hold."""
    data = model.model_dump(mode="python", exclude_none=True, exclude=skip)
    return {k: v for k, v in data.items() if not (k in _OPTIONAL_LISTS and v == [])}


def _dump(table: dict[str, Any]) -> str:
    return tomli_w.dumps(table, multiline_strings=True)


def schema_directive(document: TomlDocument | None) -> str | None:
    """A first line `#:schema <path or url>` (read by taplo / Even Better TOML), if present.

    It is the one comment rehab keeps: it is an editor setting, not a clinician's note.
    """
    if document is None:
        return None
    first = document.text.split("\n", 1)[0].rstrip("\r")
    return first if first.startswith("#:schema ") and len(first) > 9 else None


def hand_written_comments(document: TomlDocument | None) -> list[int]:
    """Lines with comments that a rewrite would drop (the schema directive is kept)."""
    if document is None:
        return []
    lines = document.positions.comments
    return [n for n in lines if n != 1] if schema_directive(document) else list(lines)


def dumps_protocol(protocol: Protocol, directive: str | None = None) -> str:
    """The canonical TOML text of a protocol (after a `#:schema` line, when given).

    Arrays of tables are written as ``[[phases]]`` / ``[[phases.exercises]]`` /
    ``[[acknowledged]]`` sections here rather than by tomli-w, which would inline short ones
    and so make the layout depend on the length of the text.
    """
    parts = [_dump(_table(protocol, {"phases", "acknowledged"}))]
    for phase in protocol.phases:
        parts.append("[[phases]]\n" + _dump(_table(phase, {"exercises"})))
        for prescription in phase.exercises:
            parts.append("[[phases.exercises]]\n" + _dump(_table(prescription, set())))
    for ack in protocol.acknowledged:
        parts.append("[[acknowledged]]\n" + _dump(_table(ack, set())))
    text = "\n".join(parts)
    return f"{directive}\n{text}" if directive else text


def save_protocol(protocol: Protocol, path: Path) -> Path:
    """Write a protocol canonically and atomically; return the file written."""
    return write_atomic(path, dumps_protocol(protocol).encode("utf-8"))


# -- finding files ---------------------------------------------------------------------------


def find_protocol_files(paths: Iterable[Path]) -> list[Path]:
    """Expand files and folders (recursively, skipping hidden folders) into .toml files.

    A missing path or a folder with no protocol in it is a PathProblem: a check that checked
    nothing must not report success.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(
                p
                for p in path.rglob("*.toml")
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not inside:
                raise PathProblem(f"{path}: no protocol files (*.toml) in this folder")
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            raise PathProblem(f"{path}: no such file or folder")
    unique: dict[Path, None] = {}
    for p in found:
        unique.setdefault(p, None)
    return list(unique)


def protocols_in(folder: Path) -> list[Path]:
    """The protocol files of a folder, for a listing: none when it is missing or empty.

    Unlike `find_protocol_files`, an empty result is not an error here: an empty list is
    what a clinic's first start looks like.
    """
    try:
        return find_protocol_files([folder]) if folder.is_dir() else []
    except PathProblem:
        return []
