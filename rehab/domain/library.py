"""The exercise library as a searchable collection.

Search has to keep up with typing in the TUI over libraries of 13,000 entries, so each entry's
searchable text is folded once when the library is built, not on every keystroke. A large
clinic library is held as summaries (what search, filters and link checks read) with the full
entry loaded on first use: 13,000 full entries take about 130 MB, their summaries a few MB.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from rehab.domain.exercise import Exercise
from rehab.domain.text import fold


class LibraryConflict(ValueError):
    """Two entries share an id: the library cannot know which one a protocol means."""


class EntryUnavailable(LookupError):
    """A summarised entry could not be loaded in full (its file changed or broke meanwhile).

    Raised rather than answering None, which would read as "no such exercise": a safety check
    must never go on with an entry it could not read.
    """


@dataclass(frozen=True, slots=True)
class ExerciseSummary:
    """The fields search, filters, lists and link checks need, without the patient texts."""

    id: str
    name: str
    patient_name: str
    category: str
    dosing: str
    position: str
    modes: tuple[str, ...]
    muscles: tuple[str, ...]
    equipment: tuple[str, ...]
    components: tuple[str, ...]
    progressions: tuple[str, ...]
    regressions: tuple[str, ...]

    @classmethod
    def of(cls, exercise: Exercise) -> ExerciseSummary:
        return cls(
            id=exercise.id,
            name=exercise.name,
            patient_name=exercise.patient_name or "",
            category=exercise.category,
            dosing=exercise.dosing,
            position=exercise.position,
            modes=tuple(exercise.modes),
            muscles=tuple(exercise.muscles),
            equipment=tuple(exercise.equipment),
            components=tuple(exercise.components),
            progressions=tuple(exercise.progressions),
            regressions=tuple(exercise.regressions),
        )


Loader = Callable[[], Exercise]
"""Reads one entry in full; raises EntryUnavailable when it no longer can."""

ALL_IDS = "*"
"""In a `tracking` set: the result depended on the whole set of ids (a suggestion for a typo)."""


@dataclass(frozen=True, slots=True)
class _Entry:
    summary: ExerciseSummary
    name: str
    haystack: str
    muscles: tuple[str, ...]
    equipment: tuple[str, ...]


@dataclass(repr=False)
class Library:
    """All known exercises by id, with word search and filters."""

    def __repr__(self) -> str:
        # Short on purpose: a library can hold 13,000 entries, and reprs end up in debug
        # descriptions (Textual's workers), logs and test failure output.
        return f"<Library of {len(self._entries)} exercises>"

    _entries: dict[str, _Entry] = field(default_factory=dict)
    _loaded: dict[str, Exercise] = field(default_factory=dict, repr=False, compare=False)
    _loaders: dict[str, Loader] = field(default_factory=dict, repr=False, compare=False)
    _sorted: list[_Entry] | None = field(default=None, repr=False, compare=False)
    _tracked: set[str] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, exercises: Iterable[Exercise]) -> Library:
        """Build a library; a repeated id is an error, never a silent replacement."""
        library = cls()
        for exercise in exercises:
            library.add(exercise)
        return library

    def add(self, exercise: Exercise) -> None:
        """Add one full entry; raises LibraryConflict when the id is taken."""
        self._insert(ExerciseSummary.of(exercise))
        self._loaded[exercise.id] = exercise

    def add_lazy(self, summary: ExerciseSummary, load: Loader) -> None:
        """Add an entry known by its summary; `load` reads it in full on first `get`."""
        self._insert(summary)
        self._loaders[summary.id] = load

    def _insert(self, summary: ExerciseSummary) -> None:
        if summary.id in self._entries:
            raise LibraryConflict(f"exercise id '{summary.id}' is defined twice")
        words = [
            summary.id,
            summary.name,
            summary.patient_name,
            summary.category,
            *summary.modes,
            *summary.muscles,
            *summary.equipment,
            *summary.components,
            summary.position,
        ]
        self._sorted = None
        self._entries[summary.id] = _Entry(
            summary,
            fold(summary.name),
            fold(" | ".join(words)),
            tuple(fold(m) for m in summary.muscles),
            tuple(fold(e) for e in summary.equipment),
        )

    @contextmanager
    def tracking(self) -> Iterator[set[str]]:
        """Collect the ids looked up meanwhile (`ALL_IDS` when the whole id set was read).

        What a check used is what its cached result depends on (`rehab.storage.inputs`).
        """
        previous, self._tracked = self._tracked, set()
        try:
            yield self._tracked
        finally:
            self._tracked = previous

    def fresh(self) -> Library:
        """This library with every lazily held entry forgotten, so each is read and validated
        from its file again on first use: what an export prints is what the files say now
        (a `git pull` during a long session can change a clinic entry)."""
        return Library(
            dict(self._entries),
            {k: v for k, v in self._loaded.items() if k not in self._loaders},
            dict(self._loaders),
            self._sorted,
        )

    def loader(self, exercise_id: str) -> Loader | None:
        """The reader of a lazily held entry (None for an entry held in full, or unknown)."""
        return self._loaders.get(exercise_id)

    def get(self, exercise_id: str) -> Exercise | None:
        """The full entry with this id, or None; raises EntryUnavailable if it cannot be read."""
        if self._tracked is not None:
            self._tracked.add(exercise_id)
        exercise = self._loaded.get(exercise_id)
        if exercise is not None:
            return exercise
        load = self._loaders.get(exercise_id)
        if load is None:
            return None
        exercise = load()
        if exercise.id != exercise_id:
            raise EntryUnavailable(
                f"exercise '{exercise_id}' now has the id '{exercise.id}' in its file"
            )
        self._loaded[exercise_id] = exercise
        return exercise

    def exercises(self) -> Iterator[Exercise]:
        """Every entry in full, in library order (reads every lazy entry: not for search)."""
        for exercise_id in self._entries:
            exercise = self.get(exercise_id)
            assert exercise is not None  # every id in _entries is loaded or has a loader
            yield exercise

    def __contains__(self, exercise_id: object) -> bool:
        if self._tracked is not None and isinstance(exercise_id, str):
            self._tracked.add(exercise_id)
        return exercise_id in self._entries

    def __iter__(self) -> Iterator[ExerciseSummary]:
        return (entry.summary for entry in self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def ids(self) -> list[str]:
        """All ids in library order."""
        return list(self._entries)

    def suggest(self, unknown_id: str) -> str | None:
        """The closest known id, to turn a typo into a one-word fix."""
        if self._tracked is not None:
            self._tracked.add(ALL_IDS)
        from difflib import get_close_matches  # only when a name is unknown

        matches = get_close_matches(unknown_id, self._entries, n=1, cutoff=0.6)
        return matches[0] if matches else None

    def search(
        self,
        query: str = "",
        *,
        muscle: str | None = None,
        component: str | None = None,
        category: str | None = None,
        equipment: str | None = None,
        mode: str | None = None,
        within: Iterable[ExerciseSummary] | None = None,
    ) -> list[ExerciseSummary]:
        """Entries matching every query word and every filter, name matches first.

        Words match anywhere in the id, name, patient name, modes, muscles, equipment,
        components, category and position, so 'soleus step' finds the bent-knee step raises
        and 'eccentric' the exercises that allow that mode. `within` limits the search
        to earlier hits: typing more of a query only narrows it, so search-as-you-type need
        not scan a 13,000-entry library on every keystroke.
        """
        words = fold(query).split()
        pool = self._by_name()
        if within is not None:
            allowed = {e.id for e in within}
            pool = [entry for entry in pool if entry.summary.id in allowed]
        if category:
            pool = [entry for entry in pool if entry.summary.category == category]
        if component:
            pool = [entry for entry in pool if component in entry.summary.components]
        if mode:
            pool = [entry for entry in pool if mode in entry.summary.modes]
        if muscle:
            muscle_f = fold(muscle)
            pool = [entry for entry in pool if any(muscle_f in m for m in entry.muscles)]
        if equipment:
            equipment_f = fold(equipment)
            pool = [entry for entry in pool if any(equipment_f in e for e in entry.equipment)]
        for word in words:  # one pass per word: list comprehensions beat a nested loop
            pool = [entry for entry in pool if word in entry.haystack]
        if words:
            # Entries whose name holds more of the words first; sort is stable, so name order
            # (from `_by_name`) is kept among equals.
            pool.sort(key=lambda entry: -sum(map(entry.name.__contains__, words)))
        return [entry.summary for entry in pool]

    def _by_name(self) -> list[_Entry]:
        """Entries in name order, computed once after the last `add`."""
        if self._sorted is None:
            self._sorted = sorted(self._entries.values(), key=lambda entry: entry.name)
        return self._sorted

    def dangling_references(self) -> list[tuple[str, str, str]]:
        """(exercise id, 'progressions' or 'regressions', missing id) for every broken link."""
        broken: list[tuple[str, str, str]] = []
        for entry in self._entries.values():
            ex = entry.summary
            for kind, targets in (
                ("progressions", ex.progressions),
                ("regressions", ex.regressions),
            ):
                broken.extend((ex.id, kind, target) for target in targets if target not in self)
        return broken
