"""An index of a clinic library folder, so a 13,000-file library loads without parsing it.

Parsing 13,000 TOML files takes seconds however it is done (tomllib alone is about 3 s here),
so the first load of a folder parses every file and stores each valid entry's summary with the
file's size and modification time; later loads read that one file and re-parse only what
changed. The index never vouches for what a safety check reads: a full entry is always read
from its own file and validated again on first use (see `Library.get`). It only speeds up
search, lists and the id and link checks, and anything wrong with it means a full parse.

The index lives in the user's cache folder ($REHAB_CACHE_DIR, else $XDG_CACHE_HOME/rehab, else
~/.cache/rehab), named by a hash of the folder's absolute path. Library entries hold no
patient data. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
from contextlib import suppress
from dataclasses import astuple, dataclass
from functools import cache
from pathlib import Path

from rehab.domain.library import ExerciseSummary
from rehab.storage.atomic import write_atomic

CACHE_ENV = "REHAB_CACHE_DIR"
FORMAT = 2  # 2: summaries carry patient_name and modes
RACY_NS = 2_000_000_000


def settled(mtime_ns: int, now_ns: int) -> bool:
    """Whether a file's size and time can stand for its content.

    A file changed within RACY_NS of `now_ns` is not trusted (not indexed, and no findings
    cached against it): a second edit within the file system's timestamp resolution could
    keep both size and time.
    """
    return mtime_ns < now_ns - RACY_NS


@dataclass(frozen=True, slots=True)
class Stamp:
    """What identifies one version of a file without reading it."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, stat: os.stat_result) -> Stamp:
        return cls(stat.st_size, stat.st_mtime_ns)


def default_cache_dir() -> Path | None:
    """$REHAB_CACHE_DIR, else $XDG_CACHE_HOME/rehab, else ~/.cache/rehab; None when there is
    no home folder to find (HOME unset and no user entry): then nothing is cached."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "rehab"
    try:
        return Path.home() / ".cache" / "rehab"
    except (RuntimeError, KeyError, OSError):
        return None


def index_path(cache_dir: Path, folder: Path) -> Path:
    digest = hashlib.sha256(os.fsencode(folder.resolve())).hexdigest()[:24]
    return cache_dir / "library" / f"{digest}.json"


@cache
def code_version() -> str:
    """A hash of rehab's own sources and pydantic's version: what decides validity and findings.

    A cache written by other rules must not be trusted, and during development the package
    version does not change when the rules do, so the sources themselves count (about 90
    small files: a few milliseconds).
    """
    # The versions the packages state themselves: importlib.metadata would parse their
    # METADATA files as e-mail messages (about 30 ms a process, more than all the hashing).
    import pydantic_core
    from pydantic.version import VERSION

    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    prefix = len(str(package)) + 1
    for source in sorted(str(path) for path in package.rglob("*.py")):
        name = source[prefix:].replace(os.sep, "/")
        with open(source, "rb") as file:
            digest.update(name.encode() + b"\0" + file.read())
    digest.update(f"pydantic {VERSION}\0pydantic-core {pydantic_core.__version__}".encode())
    return digest.hexdigest()


@dataclass
class FolderIndex:
    """Summaries of one folder's valid entries, by path relative to the folder."""

    entries: dict[str, tuple[Stamp, ExerciseSummary]]

    def lookup(self, relative: str, stamp: Stamp) -> ExerciseSummary | None:
        found = self.entries.get(relative)
        return found[1] if found is not None and found[0] == stamp else None


def read_index(path: Path, folder: Path) -> FolderIndex:
    """The stored index, or an empty one if it is missing, unreadable or from other code."""
    empty = FolderIndex({})
    try:
        raw = json.loads(path.read_bytes())
        if (
            raw.get("format") != FORMAT
            or raw.get("code") != code_version()
            or raw.get("folder") != str(folder.resolve())
        ):
            return empty
        entries: dict[str, tuple[Stamp, ExerciseSummary]] = {}
        for relative, (size, mtime_ns, fields) in raw["entries"].items():
            (id_, name, patient_name, category, dosing, position, *lists) = fields
            summary = ExerciseSummary(
                id_, name, patient_name, category, dosing, position, *(tuple(x) for x in lists)
            )
            entries[relative] = (Stamp(size, mtime_ns), summary)
        return FolderIndex(entries)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return empty


def write_index(path: Path, folder: Path, index: FolderIndex, started_ns: int) -> None:
    """Store the index atomically; a cache that cannot be written is simply not kept."""
    payload = {
        "format": FORMAT,
        "code": code_version(),
        "folder": str(folder.resolve()),
        "entries": {
            relative: [stamp.size, stamp.mtime_ns, list(astuple(summary))]
            for relative, (stamp, summary) in index.entries.items()
            if settled(stamp.mtime_ns, started_ns)
        },
    }
    with suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        # ASCII JSON: a file name that is not valid UTF-8 survives as an escaped surrogate
        write_atomic(path, json.dumps(payload).encode("ascii"))
