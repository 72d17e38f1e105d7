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


def _default_mode() -> int:
    """Permissions a new file would get from open(): 0o666 minus the process umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, data: bytes) -> Path:
    """Write `data` to `path` atomically and return the file actually written.

    A symlink is followed and its target replaced, so the link keeps working. The original
    file's permission bits are kept. The temporary file lives in the same folder (a rename
    across file systems is not atomic) and is removed on any failure.
    """
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    folder = target.parent
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = _default_mode()
    _sweep_stale_temps(folder, target.name)
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
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
