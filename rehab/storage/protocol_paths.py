"""Protocol paths: find the files a command or the app works on, and read them.

Kept apart from `protocol_files` (which validates with pydantic) so the app can list a
folder before the models are imported: the first frame does not wait for them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISDIR, S_ISREG


class PathProblem(Exception):
    """A path the user named cannot be used (missing, unreadable, nothing to check)."""


class FileTooLarge(PathProblem):
    """A file over the read limit; refused after reading at most the limit plus one byte."""

    def __init__(self, path: Path, size: int) -> None:
        super().__init__(f"{path}: file is too large ({size:,} bytes or more)")
        self.size = size


READ_LIMIT = 1024 * 1024
"""Protocol and library files are a few kilobytes; nothing past 1 MiB is read."""

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


def _not_regular(path: Path, mode: int) -> PathProblem:
    if S_ISDIR(mode):
        return PathProblem(f"{path}: is a folder, not a file")
    return PathProblem(f"{path}: not a regular file (a pipe, socket or device); rehab reads files")


def read_bytes(path: Path, limit: int = READ_LIMIT) -> bytes:
    """Read a regular file of at most `limit` bytes, turning OS errors into a message that
    names the path.

    Opened non-blocking, so a FIFO (which would wait for a writer) or a device is refused at
    once instead of hanging; at most `limit + 1` bytes are read, so `/dev/zero` or a file that
    grows while it is read cannot fill memory. FileTooLarge says the file is over the limit.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise PathProblem(f"{path}: no such file") from None
    except IsADirectoryError:
        raise PathProblem(f"{path}: is a folder, not a file") from None
    except PermissionError:
        raise PathProblem(f"{path}: permission denied") from None
    except OSError as exc:
        raise PathProblem(f"{path}: cannot read ({exc.strerror})") from None
    try:
        status = os.fstat(fd)
        if not S_ISREG(status.st_mode):
            raise _not_regular(path, status.st_mode)
        if status.st_size > limit:
            raise FileTooLarge(path, status.st_size)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(limit + 1 - total, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise PathProblem(f"{path}: cannot read ({exc.strerror})") from None
    finally:
        os.close(fd)
    if total > limit:
        raise FileTooLarge(path, total)
    return b"".join(chunks)


@dataclass(frozen=True)
class Skipped:
    """A path a folder walk could not use, and why: reported, never passed over in silence."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def _path_status(path: Path) -> os.stat_result | None:
    """stat() of a path, None when it does not exist; PathProblem when it cannot be looked at."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        if os.path.islink(path):
            raise PathProblem(f"{path}: a link to a file that does not exist") from None
        return None
    except PermissionError:
        raise PathProblem(
            f"{path}: permission denied (a folder on the way cannot be entered)"
        ) from None
    except OSError as exc:
        raise PathProblem(f"{path}: cannot read ({exc.strerror})") from None


def find_protocol_files(paths: Iterable[Path], skipped: list[Skipped] | None = None) -> list[Path]:
    """Expand files and folders (recursively, skipping hidden folders) into .toml files.

    A missing path or a folder with no protocol in it is a PathProblem: a check that checked
    nothing must not report success. Paths inside a folder that cannot be used (an unreadable
    folder, a dangling link, a pipe) go to `skipped`, so the caller can say so.
    """
    found: list[Path] = []
    for path in paths:
        status = _path_status(path)
        if status is None:
            raise PathProblem(f"{path}: no such file or folder")
        if S_ISDIR(status.st_mode):
            missed: list[Skipped] = []
            inside = [
                Path(file) for _, file, _ in toml_files(path, skip_hidden=True, skipped=missed)
            ]
            if skipped is not None:
                skipped.extend(missed)
            if not inside and not missed:
                raise PathProblem(f"{path}: no protocol files (*.toml) in this folder")
            found.extend(inside)
        else:
            found.append(path)
    unique: dict[Path, None] = {}
    for p in found:
        unique.setdefault(p, None)
    return list(unique)


def toml_files(
    folder: Path, *, skip_hidden: bool, skipped: list[Skipped] | None = None
) -> list[tuple[str, str, os.stat_result]]:
    """(relative path with '/', path, stat) of every *.toml file under `folder`, in path order.

    Symlinked files count, symlinked folders are not followed. With `skip_hidden`, hidden
    files are left out and hidden folders pruned unvisited: in a clinic repository `.git` alone
    can hold thousands of files. The walk keeps its own stack (no recursion: 1,100 nested
    folders are fine). A folder that cannot be listed, a dangling link or a pipe named *.toml
    goes to `skipped`. Plain strings rather than Path objects: for a 13,000-file library
    folder, Path's parsing and comparisons took a third of a warm load.
    """
    found: list[tuple[tuple[str, ...], str, os.stat_result]] = []
    stack: list[tuple[tuple[str, ...], str]] = [((), os.fspath(folder))]
    while stack:
        prefix, root = stack.pop()
        try:
            with os.scandir(root) as listing:
                entries = list(listing)
        except OSError as exc:
            if skipped is not None:
                skipped.append(
                    Skipped(root, f"skipped: the folder cannot be read ({exc.strerror})")
                )
            continue
        for entry in entries:
            name = entry.name
            if skip_hidden and name.startswith("."):
                continue
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            if is_folder:
                stack.append(((*prefix, name), entry.path))
                continue
            if not name.endswith(".toml"):
                continue
            try:
                stat = os.stat(entry.path)
            except OSError as exc:
                if skipped is not None:
                    what = (
                        "a link to a file that does not exist"
                        if entry.is_symlink()
                        else exc.strerror
                    )
                    skipped.append(Skipped(entry.path, f"skipped: {what}"))
                continue
            if S_ISREG(stat.st_mode):
                found.append(((*prefix, name), entry.path, stat))
            elif not S_ISDIR(stat.st_mode) and skipped is not None:
                skipped.append(
                    Skipped(entry.path, "skipped: not a regular file (a pipe or device)")
                )
    found.sort(key=lambda item: item[0])
    return [("/".join(parts), path, stat) for parts, path, stat in found]


def protocols_in(folder: Path) -> list[Path]:
    """The protocol files of a folder, for a listing: none when it is missing or empty.

    Unlike `find_protocol_files`, an empty result is not an error here: an empty list is
    what a clinic's first start looks like.
    """
    try:
        return find_protocol_files([folder]) if folder.is_dir() else []
    except (PathProblem, OSError):
        return []
