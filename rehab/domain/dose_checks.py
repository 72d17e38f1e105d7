"""Dosage sanity checks: values outside an exercise's sensible range, and too much per day.

Schema validation only rejects impossible values (sets = 0). These checks warn about possible
but questionable ones, such as a 5-second stretch or 200 single-leg calf raises a day, using
the ranges each library entry takes from the clinical reference's dosage anchors.
"""

from __future__ import annotations

from rehab.domain.dosage import ResolvedDosage, sessions_per_week
from rehab.domain.exercise import Exercise, Range
from rehab.domain.findings import Code, Finding, Loc, Severity
from rehab.domain.plan import Plan, PlannedExercise

PHASE_LOADED_REPS_MAX = 200
"""Calf-loading reps per leg per training day across a phase. The highest published daily dose
is Alfredson's heel-drop protocol: 2 x (3 x 15) straight-knee and bent-knee, 180 reps a day."""

PHASE_LOADED_REPS_WEEK_MAX = 180 * 7
"""Calf-loading reps per leg in a week: Alfredson's 180 a day, every day, is the most a
published programme asks for; an every-other-day programme has room for more per session."""

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


def _consecutive_days(planned: PlannedExercise) -> Finding | None:
    """Heavy loading every day for an exercise that asks for a rest day between sessions."""
    exercise, dose = planned.exercise, planned.dosage
    if exercise is None or dose is None or exercise.defaults.frequency != "every-other-day":
        return None
    if "loaded-plantarflexion" not in exercise.components:
        return None
    if dose.frequency in ("every-other-day", "before-activity"):
        return None
    if dose.frequency != "daily" and sessions_per_week(dose.frequency) < 4:
        return None  # three days a week or fewer can always fall on alternate days
    return Finding(
        Severity.WARNING,
        Code.DOSE_OUT_OF_RANGE,
        f"{exercise.id} asks for a rest day between sessions (it is dosed every other day); "
        f"{dose.frequency} means loading on consecutive days",
        loc=(*planned.loc, "frequency"),
        phase=planned.phase.number,
        exercise=exercise.id,
    )


def dose_findings(plan: Plan) -> list[Finding]:
    """Range checks per prescription, and volume per phase and leg: per training day for
    calf loading and stretching, per week for calf loading (frequency counts)."""
    findings: list[Finding] = []
    for span in plan.phases:
        loaded = {"left": 0, "right": 0}
        weekly = {"left": 0.0, "right": 0.0}
        stretched = {"left": 0, "right": 0}
        for planned in plan.in_phase(span.number):
            exercise, dose = planned.exercise, planned.dosage
            if exercise is None or dose is None:
                continue
            findings.extend(_prescription_findings(dose, exercise, planned.loc, span.number))
            rest = _consecutive_days(planned)
            if rest is not None:
                findings.append(rest)
            legs = ("left", "right") if planned.side == "both" else (planned.side,)
            for leg in legs:
                # Only stretches are stretching time: a balance hold or an isometric hold
                # is not (clinical reference, version 2, dose checks).
                if exercise.category == "stretch" and dose.hold_seconds is not None:
                    stretched[leg] += dose.daily_amount
                elif "loaded-plantarflexion" in exercise.components:
                    loaded[leg] += dose.daily_amount
                    weekly[leg] += dose.daily_amount * sessions_per_week(dose.frequency)
        for total, limit, what in (
            (
                max(loaded.values()),
                PHASE_LOADED_REPS_MAX,
                "calf-loading reps per leg on a training day",
            ),
            (
                round(max(weekly.values())),
                PHASE_LOADED_REPS_WEEK_MAX,
                "calf-loading reps per leg in a week",
            ),
            (
                max(stretched.values()),
                PHASE_STRETCH_SECONDS_MAX,
                "seconds of stretching per leg on a training day",
            ),
        ):
            if total > limit:
                findings.append(
                    Finding(
                        Severity.WARNING,
                        Code.DOSE_OUT_OF_RANGE,
                        f"phase {span.number} adds up to {total} {what}, more than the "
                        f"{limit} the clinical reference supports",
                        loc=("phases", span.index),
                        phase=span.number,
                    )
                )
    return findings
