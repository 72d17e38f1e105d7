"""Findings of unchanged protocols, so `rehab check` in a clinic repository re-checks only edits.

A pre-commit hook or CI job checks hundreds of files of which a handful changed. Findings are
a pure function of the file's bytes, its name (the id-mismatch rule reads it) and the context
(rehab's code, library and catalog: `library_files.context_fingerprint`), so a cached result
is exactly what a fresh check would give. Entries are keyed by a SHA-256 of name and bytes,
in one JSON file per context; a stale or damaged cache file only means checking everything.

Findings hold exercise ids, condition codes and the clinician's acknowledgement reasons from
the protocol: nothing a protocol file does not already hold (protocols carry no patient data).
"""

from __future__ import annotations

import hashlib
import json
from contextlib import suppress
from pathlib import Path
from typing import Any

from rehab.domain.findings import Code, Finding, Severity
from rehab.storage.atomic import write_atomic

FORMAT = 2
KEEP = 4
"""Cache files kept (one per library state): switching branches back and forth stays warm."""
MAX_ENTRIES = 20_000
"""Entries kept per file, least recently used dropped first: edits leave old versions behind."""


def _row(finding: Finding) -> list[Any]:
    return [
        finding.severity.value,
        finding.code.value,
        finding.message,
        list(finding.loc),
        finding.line,
        finding.phase,
        finding.exercise,
        finding.condition,
        list(finding.components),
        finding.reason,
        finding.source,
        finding.cue,
    ]


def _finding(row: list[Any]) -> Finding:
    (
        severity,
        code,
        message,
        loc,
        line,
        phase,
        exercise,
        condition,
        components,
        reason,
        source,
        cue,
    ) = row
    return Finding(
        Severity(severity),
        Code(code),
        message,
        tuple(loc),
        line,
        phase,
        exercise,
        condition,
        tuple(components),
        reason,
        source,
        cue,
    )


class FindingsCache:
    """Findings by file name and bytes, for one context."""

    def __init__(self, folder: Path, context: str) -> None:
        self.folder = folder
        self.path = folder / f"{context}.json"
        self._entries: dict[str, list[list[Any]]] = {}
        self._changed = False
        with suppress(OSError, ValueError, TypeError):
            raw = json.loads(self.path.read_bytes())
            if isinstance(raw, dict) and raw.get("format") == FORMAT:
                entries = raw.get("entries")
                if isinstance(entries, dict):
                    self._entries = entries

    @staticmethod
    def key(name: str, data: bytes) -> str:
        return hashlib.sha256(name.encode("utf-8", "surrogatepass") + b"\0" + data).hexdigest()

    def get(self, name: str, data: bytes) -> list[Finding] | None:
        """The findings a check of these bytes under this name gave, or None."""
        key = self.key(name, data)
        rows = self._entries.pop(key, None)
        if rows is None:
            return None
        self._entries[key] = rows  # most recently used last, so pruning keeps it
        try:
            return [_finding(row) for row in rows]
        except (ValueError, TypeError):
            return None  # a damaged entry: check the file again

    def put(self, name: str, data: bytes, findings: list[Finding]) -> None:
        self._entries[self.key(name, data)] = [_row(f) for f in findings]
        self._changed = True

    def save(self) -> None:
        """Write the cache if anything was added; a cache that cannot be written is skipped."""
        if not self._changed:
            return
        if len(self._entries) > MAX_ENTRIES:
            keys = list(self._entries)[-MAX_ENTRIES:]
            self._entries = {k: self._entries[k] for k in keys}
        payload = {"format": FORMAT, "entries": self._entries}
        with suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
            others = sorted(
                (p for p in self.folder.glob("*.json") if p != self.path),
                key=lambda p: p.stat().st_mtime_ns,
            )
            for old in others[: max(0, len(others) - (KEEP - 1))]:
                old.unlink(missing_ok=True)
