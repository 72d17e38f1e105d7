"""A protocol resolved once: every prescription with its phase, weeks, side, dose and entry.

Side, time windows, phases and scheduled doses are facts every rule family needs (safety,
structure, dose), and the handout and the FHIR export need them too. Working them out in each
place would let the places disagree; here they are worked out once, as plain values, and every
reader takes them from the plan.

Weeks are counted from the first day of phase 1: phase k covers `[start_week, end_week)`, the
sum of the earlier phases' weeks up to that plus its own. A condition's weeks since onset at a
phase are its `weeks_since_onset` plus those (docs/file-format.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from rehab.domain.conditions import Catalog, Condition
from rehab.domain.dosage import ResolvedDosage, Side
from rehab.domain.exercise import Exercise
from rehab.domain.findings import Loc
from rehab.domain.library import Library
from rehab.domain.protocol import ConditionEntry, Prescription, Protocol
from rehab.domain.resolve import weekly_dosages

DEFAULT_PAIN_LIMIT = 3
"""Highest acceptable pain (0-10) during exercise when neither the protocol nor any of its
conditions sets one: the limit after surgery or an acute injury is about 2-3 (clinical
reference, version 2, red flags); 5 is a tendinopathy rule (Silbernagel 2007)."""


@dataclass(frozen=True)
class PhaseSpan:
    """One phase's place in time, in weeks from the first day of phase 1."""

    index: int
    """0-based, as in the file's `phases[index]`."""
    start_week: int
    end_week: int

    @property
    def number(self) -> int:
        """1-based, as clinicians, findings and acknowledgements count phases."""
        return self.index + 1


@dataclass(frozen=True)
class ActiveCondition:
    """One of the patient's conditions as the catalog knows it, with its side and timing."""

    index: int
    """Position in the file's `conditions` list."""
    entry: ConditionEntry
    condition: Condition

    @property
    def code(self) -> str:
        """The catalog's code (an alias in the file resolves to it)."""
        return self.condition.code

    @property
    def timed(self) -> bool:
        return self.entry.weeks_since_onset is not None

    def onset_weeks(self, span: PhaseSpan) -> tuple[int, int] | None:
        """Weeks since onset that the phase covers, or None when the timing is not known."""
        if self.entry.weeks_since_onset is None:
            return None
        onset = self.entry.weeks_since_onset
        return onset + span.start_week, onset + span.end_week


@dataclass(frozen=True)
class PlannedExercise:
    """One prescription resolved: where it sits, which entry, which side, what dose."""

    phase: PhaseSpan
    index: int
    """0-based position in its phase."""
    prescription: Prescription
    exercise: Exercise | None
    """None when the id is unknown (a structure error says so)."""
    dosage: ResolvedDosage | None
    """The dose of the phase's first week."""
    weekly: tuple[ResolvedDosage, ...] = ()
    """The dose of each week of the phase, week 1 first (empty when the entry is unknown)."""

    def dosage_in_week(self, week: int) -> ResolvedDosage | None:
        """The dose in a 1-based week of the phase (schedule steps applied), or None."""
        if not self.weekly or not 1 <= week <= len(self.weekly):
            return None
        return self.weekly[week - 1]

    @property
    def scheduled(self) -> bool:
        """True when the dose changes during the phase."""
        return bool(self.prescription.schedule)

    def dose_changes(self) -> list[tuple[int, ResolvedDosage]]:
        """(week, dose) for week 1 and each later week whose dose differs from the week before."""
        return list(self._dose_changes)

    @cached_property
    def _dose_changes(self) -> tuple[tuple[int, ResolvedDosage], ...]:
        """Worked out once (the dose rules ask for each prescription twice, and for each week
        of its phase); weeks without a change share the one resolved dose, so `is` settles
        most comparisons."""
        out: list[tuple[int, ResolvedDosage]] = []
        for week, dose in enumerate(self.weekly, start=1):
            if not out or (out[-1][1] is not dose and out[-1][1] != dose):
                out.append((week, dose))
        return tuple(out)

    @property
    def loc(self) -> Loc:
        return ("phases", self.phase.index, "exercises", self.index)

    @property
    def side(self) -> Side:
        """'left', 'right' or 'both' (a bilateral exercise always works both legs)."""
        if self.exercise is not None and self.exercise.bilateral:
            return "both"
        return self.prescription.side or "both"

    def works(self, side: str) -> bool:
        """True when this prescription loads the given leg."""
        return self.side in (side, "both")


@dataclass(frozen=True)
class Plan:
    """A protocol with every fact the rules, the handout and the exports read."""

    protocol: Protocol
    phases: tuple[PhaseSpan, ...]
    exercises: tuple[PlannedExercise, ...]
    conditions: tuple[ActiveCondition, ...]
    """Known conditions only; unknown codes are structure errors."""

    def in_phase(self, number: int) -> list[PlannedExercise]:
        """The phase's prescriptions in order."""
        return list(self._by_phase.get(number, []))

    @cached_property
    def _by_phase(self) -> dict[int, list[PlannedExercise]]:
        """Grouped once: every rule family asks."""
        by_phase: dict[int, list[PlannedExercise]] = {}
        for planned in self.exercises:
            by_phase.setdefault(planned.phase.number, []).append(planned)
        return by_phase

    @property
    def phase_numbers(self) -> frozenset[int]:
        return frozenset(span.number for span in self.phases)

    @property
    def pain_limit(self) -> int:
        """The protocol's own limit, else the strictest condition's, else the default."""
        return pain_limit(self.protocol, [c.condition for c in self.conditions])

    @property
    def conditions_pain_limit(self) -> int | None:
        """The strictest limit among the conditions that set one."""
        return strictest_pain_limit([c.condition for c in self.conditions])


def strictest_pain_limit(conditions: list[Condition]) -> int | None:
    known = [c.pain_limit for c in conditions if c.pain_limit is not None]
    return min(known) if known else None


def pain_limit(protocol: Protocol, conditions: list[Condition]) -> int:
    """The highest pain (0-10) the patient accepts during exercise (docs/safety.md)."""
    if protocol.pain_limit is not None:
        return protocol.pain_limit
    strictest = strictest_pain_limit(conditions)
    return DEFAULT_PAIN_LIMIT if strictest is None else strictest


def phase_spans(protocol: Protocol) -> tuple[PhaseSpan, ...]:
    spans = []
    start = 0
    for index, phase in enumerate(protocol.phases):
        spans.append(PhaseSpan(index, start, start + phase.weeks))
        start += phase.weeks
    return tuple(spans)


def plan_protocol(protocol: Protocol, library: Library, catalog: Catalog) -> Plan:
    """Resolve every prescription and condition once.

    Raises EntryUnavailable (from the library) when a clinic entry cannot be read: a check
    must not go on without an entry it needs.
    """
    spans = phase_spans(protocol)
    exercises = []
    for span, phase in zip(spans, protocol.phases, strict=True):
        for index, prescription in enumerate(phase.exercises):
            exercise = library.get(prescription.exercise)
            weekly = weekly_dosages(prescription, exercise, phase.weeks) if exercise else ()
            dosage = weekly[0] if weekly else None
            exercises.append(PlannedExercise(span, index, prescription, exercise, dosage, weekly))
    conditions = tuple(
        ActiveCondition(index, entry, condition)
        for index, entry in enumerate(protocol.conditions)
        if (condition := catalog.get(entry.code)) is not None
    )
    return Plan(protocol, spans, tuple(exercises), conditions)
