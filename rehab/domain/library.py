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
    ) -> list[Exercise]:
        """Entries matching every query word and every filter, name matches first.

        Words match anywhere in the id, name, muscles, equipment, components, category and
        position, so 'soleus step' finds the bent-knee step raises.
        """
        words = fold(query).split()
        muscle_f = fold(muscle) if muscle else None
        equipment_f = fold(equipment) if equipment else None
        hits: list[tuple[int, str, Exercise]] = []
        for entry in self._entries.values():
            ex = entry.exercise
            if category and ex.category != category:
                continue
            if component and component not in ex.components:
                continue
            if muscle_f and not any(muscle_f in m for m in entry.muscles):
                continue
            if equipment_f and not any(equipment_f in e for e in entry.equipment):
                continue
            if any(word not in entry.haystack for word in words):
                continue
            in_name = sum(1 for word in words if word in entry.name)
            hits.append((-in_name, entry.name, ex))
        hits.sort(key=lambda hit: (hit[0], hit[1]))
        return [hit[2] for hit in hits]

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
