"""One protocol open for editing: the draft, what is on disk, undo, and a safe save.

The app is a shell over this class, so the rules of saving (canonical text, atomic write, never
overwrite a file that changed on disk without being told to) are tested without a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rehab.check import Context, review
from rehab.domain.findings import Finding
from rehab.domain.protocol import Protocol
from rehab.domain.upgrade import upgraded
from rehab.storage.atomic import ChangedOnDisk, write_atomic
from rehab.storage.protocol_files import (
    LoadedFile,
    dumps_protocol,
    hand_written_comments,
    load_protocol_bytes,
    schema_directive,
    validate_document,
)
from rehab.storage.protocol_paths import PathProblem, read_bytes
from rehab.storage.recovery import drop_copy, read_copy, write_copy
from rehab.storage.toml_read import read_toml_bytes

UNDO_LIMIT = 200


@dataclass
class EditSession:
    """A draft protocol and the file it belongs to.

    `disk` holds the bytes last read or written, so a save can tell whether someone else
    changed the file in between. `protocol` is None when the file cannot be read; the session
    then only shows why.
    """

    path: Path
    context: Context
    protocol: Protocol | None
    disk: bytes | None
    loaded: LoadedFile | None = None
    saved: Protocol | None = None
    comment_lines: list[int] = field(default_factory=list)
    directive: str | None = None
    """A `#:schema` first line, kept on save (editor setting, not a clinician's comment)."""
    recovery_dir: Path | None = None
    """Where unsaved drafts are kept after every edit (None: not kept, as in most tests)."""
    _undo: list[Protocol] = field(default_factory=list)
    _redo: list[Protocol] = field(default_factory=list)

    @classmethod
    def open(cls, path: Path, context: Context) -> EditSession:
        """Read a file, once (PathProblem when it cannot be opened at all)."""
        disk = read_bytes(path)
        loaded = load_protocol_bytes(path, disk)
        session = cls(path, context, loaded.protocol, disk, loaded, loaded.protocol)
        session.comment_lines = hand_written_comments(loaded.document)
        session.directive = schema_directive(loaded.document)
        return session

    @classmethod
    def new(
        cls, path: Path, protocol: Protocol, context: Context, recovery_dir: Path | None = None
    ) -> EditSession:
        """A protocol not saved yet; the first save creates the file.

        Its recovery copy is written at once: choosing a template, an id and a clinician is
        work too, and a new protocol has no file to fall back on.
        """
        session = cls(path, context, protocol, None, recovery_dir=recovery_dir)
        session._keep_recovery()
        return session

    @property
    def dirty(self) -> bool:
        """True when the draft differs from the file."""
        return self.protocol is not None and self.protocol != self.saved

    @property
    def is_new(self) -> bool:
        return self.disk is None

    def findings(self) -> list[Finding]:
        """Every finding about the draft; placed on their lines while it matches the file."""
        if self.protocol is None:
            return list(self.loaded.findings) if self.loaded else []
        found = review(self.protocol, self.context)
        if not self.dirty and self.loaded is not None:
            found = [*self.loaded.findings, *(self.loaded.place(f) for f in found)]
        return sorted(found, key=Finding.sort_key)

    def apply(self, protocol: Protocol) -> None:
        """Make an edited protocol the draft; the previous one can be had back with undo."""
        if self.protocol is None or protocol == self.protocol:
            return
        self._undo = [*self._undo[-(UNDO_LIMIT - 1) :], self.protocol]
        self._redo.clear()
        self.protocol = protocol
        self._keep_recovery()

    def undo(self) -> bool:
        if not self._undo or self.protocol is None:
            return False
        self._redo.append(self.protocol)
        self.protocol = self._undo.pop()
        self._keep_recovery()
        return True

    def redo(self) -> bool:
        if not self._redo or self.protocol is None:
            return False
        self._undo.append(self.protocol)
        self.protocol = self._redo.pop()
        self._keep_recovery()
        return True

    def changed_on_disk(self) -> bool:
        """True when the file's bytes are not those last read or written here."""
        if not self.path.exists() and not self.path.is_symlink():
            return self.disk is not None
        try:
            current: bytes | None = read_bytes(self.path)
        except PathProblem:
            return True
        return current != self.disk

    def save(self, *, overwrite: bool = False) -> Path:
        """Write the draft canonically and atomically.

        Raises ChangedOnDisk (nothing written) when the file changed since it was read, unless
        `overwrite`; OSError from the write leaves the file as it was and the draft unsaved.
        """
        if self.protocol is None:
            raise ValueError("nothing to save: the file could not be read")
        if not overwrite and self.changed_on_disk():
            raise ChangedOnDisk(self.path)
        # A save writes version 2 (same meaning: rehab/domain/upgrade.py), so the app never
        # writes a file in a version it would then offer to upgrade.
        self.protocol = upgraded(self.protocol)
        data = dumps_protocol(self.protocol, self.directive).encode("utf-8")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if overwrite:
            written = write_atomic(self.path, data)
        else:  # checked again just before the rename: a save landing meanwhile is never lost
            written = write_atomic(self.path, data, expected=self.disk)
        self.disk = data
        self.saved = self.protocol
        self.loaded = validate_document(self.path, read_toml_bytes(data))
        self.comment_lines = []
        self.discard_recovery()
        return written

    # -- recovery copies ---------------------------------------------------------------------

    def _keep_recovery(self) -> None:
        if self.recovery_dir is None or self.protocol is None:
            return
        if self.dirty:
            write_copy(self.recovery_dir, self.path, dumps_protocol(self.protocol))
        else:
            drop_copy(self.recovery_dir, self.path)

    def pending_recovery(self) -> Protocol | None:
        """Unsaved edits an earlier session left for this file, when they differ from it."""
        if self.recovery_dir is None or self.protocol is None:
            return None
        copy = read_copy(self.recovery_dir, self.path)
        if copy is None:
            return None
        loaded = load_protocol_bytes(self.path, copy.text.encode("utf-8"))
        if loaded.protocol == self.protocol and self.is_new:
            return None  # the copy is this very draft, and the only one on disk: keep it
        if loaded.protocol is None or loaded.protocol == self.protocol:
            self.discard_recovery()
            return None
        return loaded.protocol

    def discard_recovery(self) -> None:
        """Forget the recovery copy (after a save, or when the clinician discards the edits)."""
        if self.recovery_dir is not None:
            drop_copy(self.recovery_dir, self.path)
