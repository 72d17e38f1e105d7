"""Protocol paths: find the files a command or the app works on, and read them.

Kept apart from `protocol_files` (which validates with pydantic) so the app can list a
folder before the models are imported: the first frame does not wait for them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from stat import S_ISREG


class PathProblem(Exception):
    """A path the user named cannot be used (missing, unreadable, nothing to check)."""


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


def find_protocol_files(paths: Iterable[Path]) -> list[Path]:
    """Expand files and folders (recursively, skipping hidden folders) into .toml files.

    A missing path or a folder with no protocol in it is a PathProblem: a check that checked
    nothing must not report success.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = [Path(file) for _, file, _ in toml_files(path, skip_hidden=True)]
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


def toml_files(folder: Path, *, skip_hidden: bool) -> list[tuple[str, str, os.stat_result]]:
    """(relative path with '/', path, stat) of every *.toml file under `folder`, in path order.

    Symlinked files count, symlinked folders are not followed. With `skip_hidden`, hidden
    files are left out and hidden folders pruned unvisited: in a clinic repository `.git` alone
    can hold thousands of files. Plain strings rather than Path objects: for a 13,000-file
    library folder, Path's parsing and comparisons took a third of a warm load.
    """
    found: list[tuple[tuple[str, ...], str, os.stat_result]] = []
    top = os.fspath(folder)
    for root, dirs, files in os.walk(top):
        if skip_hidden:
            dirs[:] = [name for name in dirs if not name.startswith(".")]
        relative = os.path.relpath(root, top)
        prefix = () if relative == "." else tuple(relative.split(os.sep))
        for name in files:
            if not name.endswith(".toml") or (skip_hidden and name.startswith(".")):
                continue
            path = os.path.join(root, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue  # a dangling link: nothing to read
            if S_ISREG(stat.st_mode):
                found.append(((*prefix, name), path, stat))
    found.sort(key=lambda item: item[0])
    return [("/".join(parts), path, stat) for parts, path, stat in found]


def protocols_in(folder: Path) -> list[Path]:
    """The protocol files of a folder, for a listing: none when it is missing or empty.

    Unlike `find_protocol_files`, an empty result is not an error here: an empty list is
    what a clinic's first start looks like.
    """
    try:
        return find_protocol_files([folder]) if folder.is_dir() else []
    except PathProblem:
        return []
