"""Atomic file replacement: a reader sees the old file or the new one, never half of either.

A clinician's protocol is the only copy of their work until it is committed, so a crash, a full
disk or a killed process during save must leave the original byte-for-byte intact.
"""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
import time
from pathlib import Path

from rehab.storage.protocol_paths import PathProblem, read_bytes


def _default_mode() -> int:
    """Permissions a new file would get from open(): 0o666 minus the process umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


class ChangedOnDisk(Exception):
    """The file is no longer what was read (a `git pull`, another editor); nothing was written."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} changed on disk since it was read; nothing was written")
        self.path = path


class NotWritable(OSError):
    """A file rehab must not replace: read-only, another user's, a link or not a file."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(reason)
        self.strerror = reason
        self.filename = str(path)


_UNCHECKED = object()


def _current(path: Path) -> bytes | None:
    """The file's bytes now, or None when there is none (for compare-and-swap)."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return None
    try:
        return read_bytes(path, limit=64 * 1024 * 1024)
    except PathProblem:
        return b"\0unreadable"  # never equal to what was read


def _writable(target: Path, info: os.stat_result) -> None:
    """Refuse what a rename would replace although the user could not write it: a rename only
    needs the folder, so without this a save replaces read-only files and other users' files."""
    if not stat.S_ISREG(info.st_mode):
        raise NotWritable(target, "not a regular file")
    if stat.S_IMODE(info.st_mode) & 0o222 == 0:
        raise NotWritable(target, "the file is read-only")
    if not os.access(target, os.W_OK):
        raise NotWritable(target, "you do not have permission to write this file")


def write_atomic(
    path: Path,
    data: bytes,
    *,
    expected: bytes | object | None = _UNCHECKED,
    follow_links: bool = True,
) -> Path:
    """Write `data` to `path` atomically and return the file actually written.

    A symlink is followed and its target replaced, so the link keeps working; with
    `follow_links=False` (handouts, where a link planted in a repository must not turn some
    other file into a PDF) a link, or anything but a regular file, is refused. The original
    file's permission bits are kept; a read-only file or one the user cannot write is refused
    (NotWritable). With `expected` (the bytes that were read, None for "no file yet") the
    file is replaced only if it still holds exactly those bytes, else ChangedOnDisk. The
    temporary file lives in the same folder (a rename across file systems is not atomic) and
    is removed on any failure.
    """
    try:
        link = stat.S_ISLNK(os.lstat(path).st_mode)
    except FileNotFoundError:
        link = False
    if link and not follow_links:
        raise NotWritable(path, "it is a symbolic link; rehab does not write through links")
    target = Path(os.path.realpath(path)) if link else path
    folder = target.parent
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None:
        _writable(target, info)
    mode = stat.S_IMODE(info.st_mode) if info is not None else _default_mode()
    _sweep_stale_temps(folder, target.name)
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if expected is not _UNCHECKED and _current(target) != expected:
            raise ChangedOnDisk(path)
        if not follow_links and os.path.islink(path):
            raise NotWritable(path, "it is a symbolic link; rehab does not write through links")
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_folder(folder)
    return target


STALE_AFTER_SECONDS = 120
"""A temporary file this old belongs to a save that was killed, not to one in progress."""


def _sweep_stale_temps(folder: Path, name: str) -> None:
    """Remove temporary files a killed save of this file left behind (a SIGKILL or power cut
    skips every cleanup). Young ones are left alone: another editor may be saving now."""
    cutoff = time.time() - STALE_AFTER_SECONDS
    for leftover in folder.glob(f".{glob.escape(name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.is_file() and leftover.stat().st_mtime < cutoff:
                leftover.unlink()


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every platform can open a folder, so best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
