"""Resolve a prescription's dosage against its exercise, and say what does not fit.

The resolved dosage is what the patient will actually be asked to do, so the dosage checks and
the handout both read it, never the raw prescription.
"""

from __future__ import annotations

from dataclasses import dataclass

from rehab.domain.dosage import ResolvedDosage
from rehab.domain.exercise import Exercise
from rehab.domain.protocol import Prescription


@dataclass(frozen=True)
class Mismatch:
    """A dosage key the exercise cannot take, with the reason in plain words."""

    key: str
    message: str


def resolve_dosage(prescription: Prescription, exercise: Exercise) -> ResolvedDosage:
    """Fill every omitted key from the exercise defaults.

    Keys that do not fit the exercise's dosing are dropped here (and reported by
    `dosage_mismatches`), so the result always describes a dose the exercise can take.
    """
    d = exercise.defaults
    p = prescription
    hold = exercise.dosing == "hold"
    return ResolvedDosage(
        side=p.side or "both",
        sets=p.sets if p.sets is not None else d.sets,
        hold_seconds=(p.hold_seconds if p.hold_seconds is not None else d.hold_seconds)
        if hold
        else None,
        reps=None if hold else (p.reps if p.reps is not None else d.reps),
        rest_seconds=p.rest_seconds if p.rest_seconds is not None else d.rest_seconds,
        tempo=None if hold else (p.tempo if p.tempo is not None else d.tempo),
        load=p.load if p.load is not None else d.load,
        frequency=p.frequency or d.frequency,
        times_per_day=p.times_per_day if p.times_per_day is not None else d.times_per_day,
    )


def default_dosage(exercise: Exercise) -> ResolvedDosage:
    """The dose a prescription of this exercise gets when it sets nothing itself."""
    return resolve_dosage(Prescription(exercise=exercise.id), exercise)


def dosage_mismatches(prescription: Prescription, exercise: Exercise) -> list[Mismatch]:
    """Keys of the prescription that its exercise cannot take."""
    out = []
    name = exercise.name
    if exercise.dosing == "hold":
        if prescription.reps is not None:
            out.append(
                Mismatch("reps", f"{name} is held, not repeated: use hold_seconds, not reps")
            )
        if prescription.tempo is not None:
            out.append(Mismatch("tempo", f"{name} is a hold exercise: tempo applies to reps only"))
    elif prescription.hold_seconds is not None:
        out.append(
            Mismatch("hold_seconds", f"{name} is done in repetitions: use reps, not hold_seconds")
        )
    if exercise.bilateral and prescription.side in ("left", "right"):
        out.append(
            Mismatch(
                "side",
                f"{name} works both legs together: side must be 'both' or left out, "
                f"not '{prescription.side}'",
            )
        )
    return out
