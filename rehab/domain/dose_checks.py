"""Dosage sanity checks: values outside an exercise's sensible range, and too much per day.

Schema validation only rejects impossible values (sets = 0). These checks warn about possible
but questionable ones, such as a 5-second stretch or 200 single-leg calf raises a day, using
the ranges each library entry takes from the clinical reference's dosage anchors.
"""

from __future__ import annotations

from rehab.domain.dosage import ResolvedDosage
from rehab.domain.exercise import Exercise, Range
from rehab.domain.findings import Code, Finding, Loc, Severity
from rehab.domain.library import Library
from rehab.domain.protocol import Protocol
from rehab.domain.resolve import resolve_dosage

PHASE_LOADED_REPS_MAX = 200
"""Calf-loading reps per leg per training day across a phase. The highest published daily dose
is Alfredson's heel-drop protocol: 2 x (3 x 15) straight-knee and bent-knee, 180 reps a day."""

PHASE_STRETCH_SECONDS_MAX = 900
"""Seconds of static stretching per leg per day across a phase. ACSM suggests about 60 s per
muscle; three calf and hamstring stretches done 2-3 times a day (seed 004) stay well below 15
minutes, so more than that is likely a typing mistake."""


def _out_of_range(
    value: int | None, allowed: Range | None, what: str, unit: str, exercise: Exercise
) -> str | None:
    if value is None or allowed is None or value in allowed:
        return None
    side = "below" if value < allowed.min else "above"
    return (
        f"{what} {value}{unit} for {exercise.id} is {side} the sensible range "
        f"{allowed.min}-{allowed.max}{unit}"
    )


def _prescription_findings(
    dose: ResolvedDosage, exercise: Exercise, loc: Loc, phase: int
) -> list[Finding]:
    r = exercise.ranges
    checks = [
        ("sets", _out_of_range(dose.sets, r.sets, "sets", "", exercise)),
        ("hold_seconds", _out_of_range(dose.hold_seconds, r.hold_seconds, "hold", " s", exercise)),
        ("reps", _out_of_range(dose.reps, r.reps, "reps", "", exercise)),
        (
            "times_per_day",
            _out_of_range(dose.times_per_day, r.times_per_day, "times a day", "", exercise),
        ),
    ]
    findings = [
        Finding(
            Severity.WARNING,
            Code.DOSE_OUT_OF_RANGE,
            message,
            loc=(*loc, key),
            phase=phase,
            exercise=exercise.id,
        )
        for key, message in checks
        if message
    ]
    if dose.daily_amount > r.daily_max:
        unit = "seconds held" if dose.hold_seconds is not None else "reps"
        per = dose.hold_seconds if dose.hold_seconds is not None else dose.reps
        findings.append(
            Finding(
                Severity.WARNING,
                Code.DOSE_OUT_OF_RANGE,
                f"{dose.daily_amount} {unit} per leg per day for {exercise.id} "
                f"({dose.sets} x {per} x {dose.times_per_day} a day) is more than the "
                f"{r.daily_max} it is sensibly dosed at",
                loc=loc,
                phase=phase,
                exercise=exercise.id,
            )
        )
    return findings


def dose_findings(protocol: Protocol, library: Library) -> list[Finding]:
    """Range checks per prescription and daily-volume checks per phase and leg."""
    findings: list[Finding] = []
    for p_index, phase in enumerate(protocol.phases):
        loaded = {"left": 0, "right": 0}
        stretched = {"left": 0, "right": 0}
        for e_index, prescription in enumerate(phase.exercises):
            exercise = library.get(prescription.exercise)
            if exercise is None:
                continue
            dose = resolve_dosage(prescription, exercise)
            loc: Loc = ("phases", p_index, "exercises", e_index)
            findings.extend(_prescription_findings(dose, exercise, loc, p_index + 1))
            legs = ("left", "right") if dose.side == "both" else (dose.side,)
            for leg in legs:
                if dose.hold_seconds is not None:
                    stretched[leg] += dose.daily_amount
                elif "loaded-plantarflexion" in exercise.components:
                    loaded[leg] += dose.daily_amount
        for total, limit, what in (
            (max(loaded.values()), PHASE_LOADED_REPS_MAX, "calf-loading reps"),
            (max(stretched.values()), PHASE_STRETCH_SECONDS_MAX, "seconds of stretching"),
        ):
            if total > limit:
                findings.append(
                    Finding(
                        Severity.WARNING,
                        Code.DOSE_OUT_OF_RANGE,
                        f"phase {p_index + 1} adds up to {total} {what} per leg on a training "
                        f"day, more than the {limit} the clinical reference supports",
                        loc=("phases", p_index),
                        phase=p_index + 1,
                    )
                )
    return findings
