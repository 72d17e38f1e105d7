"""Dosage sanity checks: values outside an exercise's sensible range, and too much per day.

Schema validation only rejects impossible values (sets = 0). These checks warn about possible
but questionable ones, such as a 5-second stretch or 200 single-leg calf raises a day, using
the ranges each library entry takes from the clinical reference's dosage anchors.
"""

from __future__ import annotations

from rehab.domain.dosage import ResolvedDosage, sessions_per_week
from rehab.domain.exercise import Exercise, Range
from rehab.domain.findings import Code, Finding, Loc, Severity
from rehab.domain.plan import PhaseSpan, Plan, PlannedExercise
from rehab.domain.protocol import ScheduleStep

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
    dose: ResolvedDosage,
    exercise: Exercise,
    loc: Loc,
    phase: int,
    week: int = 1,
    step: ScheduleStep | None = None,
    step_loc: Loc = (),
) -> list[Finding]:
    """Range checks of one week's dose. From week 2 on the message says which week, and a key
    the week's schedule step sets is located at the step."""
    r = exercise.ranges
    # An isometric rep is a hold: its length is checked, the number of holds is not a rep
    # count (5 x 45 s is below a calf raise's reps range) and its seconds are not reps.
    isometric = dose.isometric and exercise.dosing == "reps"
    checks = [
        ("sets", _out_of_range(dose.sets, r.sets, "sets", "", exercise)),
        ("hold_seconds", _out_of_range(dose.hold_seconds, r.hold_seconds, "hold", " s", exercise)),
        ("reps", None if isometric else _out_of_range(dose.reps, r.reps, "reps", "", exercise)),
        (
            "times_per_day",
            _out_of_range(dose.times_per_day, r.times_per_day, "times a day", "", exercise),
        ),
    ]
    when = f"from week {week}: " if week > 1 else ""

    def at(key: str) -> Loc:
        if step is not None and getattr(step, key, None) is not None:
            return (*loc, *step_loc, key)
        return (*loc, key)

    findings = [
        Finding(
            Severity.WARNING,
            Code.DOSE_OUT_OF_RANGE,
            when + message,
            loc=at(key),
            phase=phase,
            exercise=exercise.id,
        )
        for key, message in checks
        if message
    ]
    if not isometric and dose.daily_amount > r.daily_max:
        unit = "seconds held" if dose.hold_seconds is not None else "reps"
        per = dose.hold_seconds if dose.hold_seconds is not None else dose.reps
        findings.append(
            Finding(
                Severity.WARNING,
                Code.DOSE_OUT_OF_RANGE,
                f"{when}{dose.daily_amount} {unit} per leg per day for {exercise.id} "
                f"({dose.sets} x {per} x {dose.times_per_day} a day) is more than the "
                f"{r.daily_max} it is sensibly dosed at",
                loc=(*loc, *step_loc) if step is not None else loc,
                phase=phase,
                exercise=exercise.id,
            )
        )
    return findings


def _weekly_findings(planned: PlannedExercise) -> list[Finding]:
    """Range checks of every week whose dose differs from the week before; a problem that
    carries on from an earlier week is reported once, at the week it starts."""
    exercise = planned.exercise
    if exercise is None:
        return []
    steps = planned.prescription.schedule or []
    out: list[Finding] = []
    seen: set[tuple[str, ...]] = set()
    for week, dose in planned.dose_changes():
        index = max((i for i, s in enumerate(steps) if s.from_week <= week), default=None)
        step = steps[index] if index is not None else None
        step_loc: Loc = ("schedule", index) if index is not None else ()
        for finding in _prescription_findings(
            dose, exercise, planned.loc, planned.phase.number, week, step, step_loc
        ):
            key = (finding.message.removeprefix(f"from week {week}: "),)
            if key not in seen:
                seen.add(key)
                out.append(finding)
    return out


def _loads_calf(exercise: Exercise, dose: ResolvedDosage) -> bool:
    """Repetitions that load the calf: loaded plantarflexion, and eccentric lowering (the
    heel drop's work is the lowering). An isometric hold is not a repetition."""
    if dose.isometric and exercise.dosing == "reps":
        return False
    if "loaded-plantarflexion" in exercise.components:
        return True
    return dose.mode == "eccentric" and "eccentric-loading" in exercise.components


def _phase_totals(plan: Plan, span: PhaseSpan, week: int) -> tuple[int, int, int]:
    """Calf-loading reps per training day, per week, and stretching seconds per day, each for
    the leg with the most, in one week of the phase."""
    loaded = {"left": 0, "right": 0}
    weekly = {"left": 0.0, "right": 0.0}
    stretched = {"left": 0, "right": 0}
    for planned in plan.in_phase(span.number):
        exercise, dose = planned.exercise, planned.dosage_in_week(week)
        if exercise is None or dose is None:
            continue
        legs = ("left", "right") if planned.side == "both" else (planned.side,)
        for leg in legs:
            # Only stretches are stretching time: a balance hold or an isometric hold
            # is not (clinical reference, version 2, dose checks).
            if exercise.category == "stretch" and dose.hold_seconds is not None:
                stretched[leg] += dose.daily_amount
            elif _loads_calf(exercise, dose):
                loaded[leg] += dose.daily_amount
                weekly[leg] += dose.daily_amount * sessions_per_week(dose.frequency)
    return max(loaded.values()), round(max(weekly.values())), max(stretched.values())


def _consecutive_days(planned: PlannedExercise) -> Finding | None:
    """Heavy loading every day for an exercise that asks for a rest day between sessions, in
    the first week (of its schedule) that asks for it."""
    exercise = planned.exercise
    if exercise is None or exercise.defaults.frequency != "every-other-day":
        return None
    if "loaded-plantarflexion" not in exercise.components:
        return None
    for week, dose in planned.dose_changes():
        if dose.frequency in ("every-other-day", "before-activity"):
            continue
        if dose.frequency != "daily" and sessions_per_week(dose.frequency) < 4:
            continue  # three days a week or fewer can always fall on alternate days
        when = f"from week {week}: " if week > 1 else ""
        return Finding(
            Severity.WARNING,
            Code.DOSE_OUT_OF_RANGE,
            f"{when}{exercise.id} asks for a rest day between sessions (it is dosed every "
            f"other day); {dose.frequency} means loading on consecutive days",
            loc=(*planned.loc, "frequency"),
            phase=planned.phase.number,
            exercise=exercise.id,
        )
    return None


def dose_findings(plan: Plan) -> list[Finding]:
    """Range checks per prescription and scheduled week, and volume per phase and leg: per
    training day for calf loading and stretching, per week for calf loading (frequency
    counts), each in the phase's heaviest week."""
    findings: list[Finding] = []
    for span in plan.phases:
        planned_here = plan.in_phase(span.number)
        scheduled = any(p.scheduled for p in planned_here)
        for planned in planned_here:
            if planned.exercise is None or planned.dosage is None:
                continue
            findings.extend(_weekly_findings(planned))
            rest = _consecutive_days(planned)
            if rest is not None:
                findings.append(rest)
        # A phase's totals change only in a week where some prescription's dose changes, so
        # only those weeks are added up: max() below keeps the first heaviest week, which is
        # always such a week (the first of a run of equal totals).
        weeks = sorted({1, *(week for p in planned_here for week, _ in p.dose_changes())})
        totals = [(week, _phase_totals(plan, span, week)) for week in weeks]
        for column, limit, what in (
            (0, PHASE_LOADED_REPS_MAX, "calf-loading reps per leg on a training day"),
            (1, PHASE_LOADED_REPS_WEEK_MAX, "calf-loading reps per leg in a week"),
            (2, PHASE_STRETCH_SECONDS_MAX, "seconds of stretching per leg on a training day"),
        ):
            week, values = max(totals, key=lambda item: item[1][column])
            total = values[column]
            if total > limit:
                when = f" (its heaviest week, week {week})" if scheduled else ""
                findings.append(
                    Finding(
                        Severity.WARNING,
                        Code.DOSE_OUT_OF_RANGE,
                        f"phase {span.number} adds up to {total} {what}{when}, more than the "
                        f"{limit} the clinical reference supports",
                        loc=("phases", span.index),
                        phase=span.number,
                    )
                )
    return findings
