"""The exact inputs of a result: what a check or a handout was computed from, by content.

A protocol's findings depend on its bytes and name, on rehab's own code, on the condition
catalog and on the library entries the check looked up (and, for a "did you mean" hint, on the
whole set of ids). Sizes and modification times say nothing about content (a `touch -d`, or a
reproducible archive unpacked twice), so everything here is a digest of bytes or of the
validated model: the findings cache keys on it and the handout's version stamp prints it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rehab import __version__
from rehab.domain.library import ALL_IDS, EntryUnavailable, Library
from rehab.storage.library_files import FileEntry
from rehab.storage.library_index import code_version
from rehab.storage.protocol_paths import PathProblem, read_bytes

if TYPE_CHECKING:
    from rehab.domain.conditions import Catalog

ABSENT = "absent"
UNREADABLE = "unreadable"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def code_and_catalog(catalog: Catalog) -> str:
    """rehab's version and sources, and the catalog checked against."""
    digest = hashlib.sha256(f"{__version__}\0{code_version()}\0".encode())
    digest.update(catalog.model_dump_json().encode("utf-8"))
    return digest.hexdigest()


class LibraryInputs:
    """Digests of library entries by id, each computed once per process.

    A clinic entry's digest is that of its file's bytes: the bytes its loader validated when
    the entry was read in this process (so a file edited after a check read it cannot stand
    for that check), else the file's bytes now. An entry held in full (the built-ins) is known
    by its validated model.
    """

    def __init__(self, library: Library) -> None:
        self.library = library
        self._memo: dict[str, str] = {}

    def digest(self, exercise_id: str) -> str:
        loader = self.library.loader(exercise_id)
        if isinstance(loader, FileEntry):
            if loader.digest is not None:
                return "f:" + loader.digest
            # Read once per run: a thousand cached protocols may use one clinic entry.
            known = self._memo.get(exercise_id)
            if known is None:
                try:
                    known = "f:" + _sha(read_bytes(Path(loader.path)))
                except PathProblem:
                    known = UNREADABLE
                self._memo[exercise_id] = known
            return known
        found = self._memo.get(exercise_id)
        if found is None:
            found = self._compute(exercise_id)
            self._memo[exercise_id] = found
        return found

    def _compute(self, exercise_id: str) -> str:
        if exercise_id == ALL_IDS:
            return "ids:" + _sha("\n".join(sorted(self.library.ids)).encode("utf-8"))
        if exercise_id not in self.library:
            return ABSENT
        try:
            exercise = self.library.get(exercise_id)
        except EntryUnavailable:
            return UNREADABLE
        assert exercise is not None
        return "m:" + _sha(exercise.model_dump_json().encode("utf-8"))

    def digests(self, ids: Iterable[str]) -> dict[str, str]:
        return {exercise_id: self.digest(exercise_id) for exercise_id in sorted(ids)}


def entries_digest(inputs: LibraryInputs, ids: Iterable[str]) -> str:
    """A short digest of the library entries a result used (for the handout's stamp)."""
    joined = "\n".join(f"{k}={v}" for k, v in inputs.digests(ids).items())
    return _sha(joined.encode("utf-8"))[:8]
