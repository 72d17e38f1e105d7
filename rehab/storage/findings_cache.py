"""Findings of unchanged protocols, so `rehab check` in a clinic repository re-checks only edits.

A pre-commit hook or CI job checks hundreds of files of which a handful changed. A result is
reused only when every input it was computed from is the same, by content
(`rehab.storage.inputs`): the file's name and bytes, rehab's code and the catalog (the key),
and each library entry the check looked up (stored with the entry and compared on use).
Sizes and times never stand for content.

The cache file is authenticated: an HMAC-SHA256 with a per-user key kept 0600 in the state
folder. A file written by anyone else (a shared or CI-restored cache folder, a hand edit),
damaged, or from other code is ignored as a whole, and any entry that does not parse is
checked again: a cache can only ever save time, never change an answer.

Findings hold exercise ids, condition codes and the clinician's acknowledgement reasons from
the protocol: nothing a protocol file does not already hold (protocols carry no patient data).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import stat
from collections.abc import Callable
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any

from rehab.domain.findings import Code, Finding, Severity
from rehab.storage.atomic import write_atomic

FORMAT = 3
"""3: findings carry the patient cue (schema version 2)."""
FILE_NAME = "findings-3.json"
KEY_NAME = "cache-key"
MAX_ENTRIES = 20_000
"""Entries kept besides those of the last run. Every entry a run used is always kept: with
more protocols than this, dropping the least recently used would drop, on each run, exactly
the entries the next run needs (a warm run as slow as a cold one)."""


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


def _key_file_ok(fd: int) -> bool:
    info = os.fstat(fd)
    return (
        stat.S_ISREG(info.st_mode)
        and info.st_uid == os.geteuid()
        and stat.S_IMODE(info.st_mode) & 0o077 == 0
        and info.st_size == 32
    )


def cache_key(state_dir: Path) -> bytes | None:
    """This user's secret for authenticating cache files, made on first use; None when the
    state folder cannot hold one (then nothing is cached)."""
    path = state_dir / KEY_NAME
    with suppress(OSError):
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            if _key_file_ok(fd):
                data = os.read(fd, 33)
                if len(data) == 32:
                    return data
        finally:
            os.close(fd)
    try:
        state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = secrets.token_bytes(32)
        tmp = state_dir / f".{KEY_NAME}.{secrets.token_hex(6)}.tmp"
        fd = os.open(
            tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600
        )
        try:
            os.write(fd, key)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)  # a key someone else left (wrong owner or mode) is replaced
        return key
    except OSError:
        return None


@cache
def process_key(state_dir: Path) -> bytes | None:
    """`cache_key`, read once per process: every cache of a run (the findings, the built-in
    library and catalog) is authenticated with it."""
    return cache_key(state_dir)


class FindingsCache:
    """Findings by file name, bytes and context, each with the digests of the library entries
    it used; one authenticated file."""

    def __init__(self, folder: Path, secret: bytes) -> None:
        self.folder = folder
        self.path = folder / FILE_NAME
        self._secret = secret
        self._entries: dict[str, list[Any]] = {}
        self._used: set[str] = set()
        self._changed = False
        with suppress(OSError, ValueError, TypeError):
            raw = self.path.read_bytes()
            mac, _, body = raw.partition(b"\n")
            if hmac.compare_digest(mac, self._mac(body)):
                loaded = json.loads(body)
                if isinstance(loaded, dict) and loaded.get("format") == FORMAT:
                    entries = loaded.get("entries")
                    if isinstance(entries, dict):
                        self._entries = entries

    def _mac(self, body: bytes) -> bytes:
        return hmac.new(self._secret, body, hashlib.sha256).hexdigest().encode("ascii")

    @staticmethod
    def key(context: str, name: str, data: bytes) -> str:
        digest = hashlib.sha256(context.encode("ascii") + b"\0")
        digest.update(name.encode("utf-8", "surrogatepass") + b"\0" + data)
        return digest.hexdigest()

    def get(
        self, context: str, name: str, data: bytes, current: Callable[[str], str]
    ) -> tuple[list[Finding], str | None] | None:
        """The findings a check of these bytes gave and the protocol's id, if every library
        entry the check used still has the digest `current` gives now; else None."""
        key = self.key(context, name, data)
        entry = self._entries.get(key)
        try:
            deps, rows, protocol_id = entry  # type: ignore[misc]
            if not isinstance(deps, dict) or any(
                current(exercise_id) != digest for exercise_id, digest in deps.items()
            ):
                return None
            if protocol_id is not None and not isinstance(protocol_id, str):
                return None
            findings = [_finding(row) for row in rows]
        except (ValueError, TypeError, KeyError):
            return None  # missing or damaged: check the file again
        self._used.add(key)
        return findings, protocol_id

    def put(
        self,
        context: str,
        name: str,
        data: bytes,
        deps: dict[str, str],
        findings: list[Finding],
        protocol_id: str | None = None,
    ) -> None:
        key = self.key(context, name, data)
        self._entries[key] = [deps, [_row(f) for f in findings], protocol_id]
        self._used.add(key)
        self._changed = True

    def save(self) -> None:
        """Write the cache if anything was added; a cache that cannot be written is skipped.

        Kept: every entry this run used, then the most recent others up to MAX_ENTRIES.
        """
        if not self._changed:
            return
        others = [k for k in self._entries if k not in self._used][-MAX_ENTRIES:]
        kept = {k: self._entries[k] for k in others}
        kept.update((k, self._entries[k]) for k in self._entries if k in self._used)
        body = json.dumps({"format": FORMAT, "entries": kept}, separators=(",", ":")).encode()
        with suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, self._mac(body) + b"\n" + body)
            for old in self.folder.glob("*.json"):  # format 1: one file per library state
                if old != self.path:
                    old.unlink(missing_ok=True)
