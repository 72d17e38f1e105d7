"""The exercise library as a searchable collection.

Search has to keep up with typing in the TUI over libraries of 13,000 entries, so each entry's
searchable text is folded once when the library is built, not on every keystroke.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rehab.domain.exercise import Exercise
from rehab.domain.text import fold


class LibraryConflict(ValueError):
    """Two entries share an id: the library cannot know which one a protocol means."""


@dataclass(frozen=True)
class _Entry:
    exercise: Exercise
    name: str
    haystack: str
    muscles: tuple[str, ...]
    equipment: tuple[str, ...]


@dataclass
class Library:
    """All known exercises by id, with word search and filters."""

    _entries: dict[str, _Entry] = field(default_factory=dict)
    _sorted: list[_Entry] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, exercises: Iterable[Exercise]) -> Library:
        """Build a library; a repeated id is an error, never a silent replacement."""
        library = cls()
        for exercise in exercises:
            library.add(exercise)
        return library

    def add(self, exercise: Exercise) -> None:
        """Add one entry; raises LibraryConflict when the id is taken."""
        if exercise.id in self._entries:
            raise LibraryConflict(f"exercise id '{exercise.id}' is defined twice")
        muscles = tuple(fold(m) for m in exercise.muscles)
        equipment = tuple(fold(e) for e in exercise.equipment)
        words = [
            exercise.id,
            exercise.name,
            exercise.category,
            *exercise.muscles,
            *exercise.equipment,
            *exercise.components,
            exercise.position,
        ]
        self._sorted = None
        self._entries[exercise.id] = _Entry(
            exercise, fold(exercise.name), fold(" | ".join(words)), muscles, equipment
        )

    def get(self, exercise_id: str) -> Exercise | None:
        """The entry with this id, or None."""
        entry = self._entries.get(exercise_id)
        return entry.exercise if entry else None

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self._entries

    def __iter__(self) -> Iterator[Exercise]:
        return (entry.exercise for entry in self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def ids(self) -> list[str]:
        """All ids in library order."""
        return list(self._entries)

    def suggest(self, unknown_id: str) -> str | None:
        """The closest known id, to turn a typo into a one-word fix."""
        matches = difflib.get_close_matches(unknown_id, self._entries, n=1, cutoff=0.6)
        return matches[0] if matches else None

    def search(
        self,
        query: str = "",
        *,
        muscle: str | None = None,
        component: str | None = None,
        category: str | None = None,
        equipment: str | None = None,
        within: Iterable[Exercise] | None = None,
    ) -> list[Exercise]:
        """Entries matching every query word and every filter, name matches first.

        Words match anywhere in the id, name, muscles, equipment, components, category and
        position, so 'soleus step' finds the bent-knee step raises. `within` limits the search
        to earlier hits: typing more of a query only narrows it, so search-as-you-type need
        not scan a 13,000-entry library on every keystroke.
        """
        words = fold(query).split()
        pool = self._by_name()
        if within is not None:
            allowed = {e.id for e in within}
            pool = [entry for entry in pool if entry.exercise.id in allowed]
        if category:
            pool = [entry for entry in pool if entry.exercise.category == category]
        if component:
            pool = [entry for entry in pool if component in entry.exercise.components]
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
        return [entry.exercise for entry in pool]

    def _by_name(self) -> list[_Entry]:
        """Entries in name order, computed once after the last `add`."""
        if self._sorted is None:
            self._sorted = sorted(self._entries.values(), key=lambda entry: entry.name)
        return self._sorted

    def dangling_references(self) -> list[tuple[str, str, str]]:
        """(exercise id, 'progressions' or 'regressions', missing id) for every broken link."""
        broken: list[tuple[str, str, str]] = []
        for entry in self._entries.values():
            ex = entry.exercise
            for kind, targets in (
                ("progressions", ex.progressions),
                ("regressions", ex.regressions),
            ):
                broken.extend((ex.id, kind, target) for target in targets if target not in self)
        return broken
