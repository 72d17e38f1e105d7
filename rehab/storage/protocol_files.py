"""Protocol files on disk: find, read, validate and save them canonically.

Canonical means the same protocol always gives the same bytes with keys in the contract's
order, so a git diff of a protocol shows only what a clinician changed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from rehab.domain.findings import Code, Finding, Severity
from rehab.domain.protocol import Acknowledgement, Phase, Prescription, Protocol
from rehab.domain.validation import parse_protocol
from rehab.storage.atomic import write_atomic
from rehab.storage.protocol_paths import FileTooLarge, read_bytes
from rehab.storage.toml_read import (
    TomlDocument,
    TomlProblem,
    read_toml_bytes,
    too_large,
)


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


def load_protocol(path: Path) -> LoadedFile:
    """Read and validate one protocol file; problems become findings, never exceptions.

    Only a file that cannot be opened at all raises PathProblem.
    """
    try:
        data = read_bytes(path)
    except FileTooLarge as exc:
        # Refused after reading at most the limit plus one byte: a 5 GB file or /dev/zero is
        # never loaded into memory to be refused.
        finding = Finding(Severity.ERROR, Code.TOML_SYNTAX, too_large(exc.size))
        return LoadedFile(path, None, [finding])
    return load_protocol_bytes(path, data)


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
    """A model's keys in declaration (= contract) order, without empties TOML cannot hold.

    An acknowledgement's `phases = []` is kept: in version 2 it is required, and an empty
    list (it covers no phase) means something else than a missing key (every phase, v1).
    """
    data = model.model_dump(mode="python", exclude_none=True, exclude=skip)
    keep = {"phases"} if isinstance(model, Acknowledgement) else set()
    return {k: v for k, v in data.items() if not (k in _OPTIONAL_LISTS - keep and v == [])}


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


def _schedule(prescription: Prescription) -> str:
    """`schedule = [ { from_week = 2, reps = 20 }, ... ]`, one inline table a line, whatever
    the length of its values: tomli-w would switch a long step to a `[[schedule]]` section,
    which after our own `[[phases.exercises]]` header would land at the top level."""
    if not prescription.schedule:
        return ""
    lines = []
    for step in prescription.schedule:
        values = step.model_dump(mode="python", exclude_none=True)
        pairs = (tomli_w.dumps({k: v}).strip() for k, v in values.items())
        lines.append("    { " + ", ".join(pairs) + " },\n")
    return "schedule = [\n" + "".join(lines) + "]\n"


def _goal_lists(phase: Phase) -> str:
    """`goals` and `advance_when` as tomli-w writes a list of strings, one entry a line, with
    a measurable goal as one inline table: tomli-w would turn a list made only of long tables
    into `[[goals]]` sections, which after `[[phases]]` would be read back as something else."""
    out = []
    for key in ("goals", "advance_when"):
        items = getattr(phase, key)
        if not items:
            continue
        lines = []
        for item in items:
            if isinstance(item, str):
                lines.append("    " + _value(item) + ",\n")
            else:
                values = item.model_dump(mode="python", exclude_none=True)
                pairs = (f"{k} = {_value(v)}" for k, v in values.items())
                lines.append("    { " + ", ".join(pairs) + " },\n")
        out.append(f"{key} = [\n" + "".join(lines) + "]\n")
    return "".join(out)


def _value(value: object) -> str:
    """One TOML value as tomli-w writes it."""
    return tomli_w.dumps({"x": value}).strip().removeprefix("x = ")


def dumps_protocol(protocol: Protocol, directive: str | None = None) -> str:
    """The canonical TOML text of a protocol (after a `#:schema` line, when given).

    Arrays of tables are written as ``[[phases]]`` / ``[[phases.exercises]]`` /
    ``[[acknowledged]]`` sections here rather than by tomli-w, which would inline short ones
    and so make the layout depend on the length of the text.
    """
    parts = [_dump(_table(protocol, {"phases", "acknowledged"}))]
    for phase in protocol.phases:
        parts.append(
            "[[phases]]\n"
            + _dump(_table(phase, {"exercises", "goals", "advance_when"}))
            + _goal_lists(phase)
        )
        for prescription in phase.exercises:
            parts.append(
                "[[phases.exercises]]\n"
                + _dump(_table(prescription, {"schedule"}))
                + _schedule(prescription)
            )
    for ack in protocol.acknowledged:
        parts.append("[[acknowledged]]\n" + _dump(_table(ack, set())))
    text = "\n".join(parts)
    return f"{directive}\n{text}" if directive else text


def save_protocol(protocol: Protocol, path: Path) -> Path:
    """Write a protocol canonically and atomically; return the file written."""
    return write_atomic(path, dumps_protocol(protocol).encode("utf-8"))
