"""Resolve a prescription's dosage against its exercise, and say what does not fit.

The resolved dosage is what the patient will actually be asked to do, so the dosage checks and
the handout both read it, never the raw prescription.
"""

from __future__ import annotations

from dataclasses import dataclass

from rehab.domain.dosage import ResolvedDosage
from rehab.domain.exercise import Exercise
from rehab.domain.findings import Loc
from rehab.domain.protocol import Prescription, ScheduleStep


@dataclass(frozen=True)
class Mismatch:
    """A dosage key the exercise cannot take, with the reason in plain words."""

    key: str
    message: str
    path: Loc = ()
    """Where it sits inside the prescription (default: the key itself)."""

    @property
    def loc(self) -> Loc:
        return self.path or (self.key,)


def resolve_dosage(prescription: Prescription, exercise: Exercise, week: int = 1) -> ResolvedDosage:
    """Fill every omitted key from the exercise defaults, for one week of the phase (1-based).

    From week 2 on, the prescription's schedule steps up to that week replace its own keys.
    Keys that do not fit the exercise's dosing are dropped here (and reported by
    `dosage_mismatches`), so the result always describes a dose the exercise can take.
    """
    p = prescription_in_week(prescription, week)
    d = exercise.defaults
    mode = p.mode if p.mode is not None and p.mode in exercise.modes else "standard"
    isometric = mode == "isometric" and exercise.dosing == "reps"
    hold = exercise.dosing == "hold"
    if hold:
        hold_seconds: int | None = p.hold_seconds if p.hold_seconds is not None else d.hold_seconds
    elif isometric:
        # Each isometric rep is a hold; without one given (a dosage-mismatch error), the
        # shortest sensible hold keeps the result a dose the exercise can take.
        fallback = exercise.ranges.hold_seconds.min if exercise.ranges.hold_seconds else 5
        hold_seconds = p.hold_seconds if p.hold_seconds is not None else fallback
    else:
        hold_seconds = None
    return ResolvedDosage(
        side=p.side or "both",
        sets=p.sets if p.sets is not None else d.sets,
        hold_seconds=hold_seconds,
        reps=None if hold else (p.reps if p.reps is not None else d.reps),
        rest_seconds=p.rest_seconds if p.rest_seconds is not None else d.rest_seconds,
        tempo=None if hold or isometric else (p.tempo if p.tempo is not None else d.tempo),
        load=p.load if p.load is not None else d.load,
        frequency=p.frequency or d.frequency,
        times_per_day=p.times_per_day if p.times_per_day is not None else d.times_per_day,
        mode=mode,
        load_kg=p.load_kg,
        effort=p.effort,
    )


def prescription_in_week(prescription: Prescription, week: int) -> Prescription:
    """The prescription as it stands in a week of its phase: every schedule step that has
    started by then laid over it in order (the schedule itself is left out)."""
    if not prescription.schedule:
        return prescription
    update: dict[str, object] = {"schedule": None}
    for step in prescription.schedule:
        if step.from_week <= week:
            update.update(step.changes())
    return prescription.model_copy(update=update)


def dose_steps(prescription: Prescription, exercise: Exercise) -> list[tuple[int, ResolvedDosage]]:
    """(week, dose) for week 1 and each schedule step's week, in order: the dose as it changes
    through the phase, for the sentence on the handout and in the app."""
    weeks = [1, *(step.from_week for step in prescription.schedule or [])]
    return [(week, resolve_dosage(prescription, exercise, week)) for week in weeks]


def weekly_dosages(
    prescription: Prescription, exercise: Exercise, weeks: int
) -> tuple[ResolvedDosage, ...]:
    """The resolved dose of each week 1..weeks of the phase.

    A week's dose depends only on which schedule steps have started by then, so it is
    resolved in week 1 and in each week a step starts, and the weeks between share it
    (without a schedule every week is the same: a 1000-file check resolved it 40,000 times).
    """
    if not prescription.schedule:
        return (resolve_dosage(prescription, exercise),) * weeks
    starts = {step.from_week for step in prescription.schedule}
    out: list[ResolvedDosage] = []
    for week in range(1, weeks + 1):
        if week == 1 or week in starts:
            current = resolve_dosage(prescription, exercise, week)
        out.append(current)
    return tuple(out)


def default_dosage(exercise: Exercise) -> ResolvedDosage:
    """The dose a prescription of this exercise gets when it sets nothing itself."""
    return resolve_dosage(Prescription(exercise=exercise.id), exercise)


def _key_mismatches(
    values: Prescription | ScheduleStep, exercise: Exercise, mode: str, prefix: Loc = ()
) -> list[Mismatch]:
    """reps, hold_seconds and tempo that the exercise's dosing (under its mode) cannot take."""
    out = []
    name = exercise.name

    def add(key: str, message: str) -> None:
        out.append(Mismatch(key, message, (*prefix, key)))

    if exercise.dosing == "hold":
        if values.reps is not None:
            add("reps", f"{name} is held, not repeated: use hold_seconds, not reps")
        if values.tempo is not None:
            add("tempo", f"{name} is a hold exercise: tempo applies to reps only")
    elif mode == "isometric":
        if values.tempo is not None:
            add("tempo", f"{name} is held still under mode 'isometric': tempo does not apply")
    elif values.hold_seconds is not None:
        add("hold_seconds", f"{name} is done in repetitions: use reps, not hold_seconds")
    return out


def dosage_mismatches(
    prescription: Prescription, exercise: Exercise, weeks: int | None = None
) -> list[Mismatch]:
    """Keys of the prescription that its exercise cannot take; with the phase's `weeks`,
    also schedule steps that start after the phase has ended."""
    name = exercise.name
    out: list[Mismatch] = []
    mode = prescription.mode or "standard"
    if mode != "standard" and mode not in exercise.modes:
        allowed = ", ".join(["standard", *exercise.modes])
        out.append(
            Mismatch(
                "mode",
                f"{name} cannot be done in mode '{mode}': it allows {allowed}",
            )
        )
        mode = "standard"
    out += _key_mismatches(prescription, exercise, mode)
    isometric = mode == "isometric" and exercise.dosing == "reps"
    if isometric and prescription.hold_seconds is None:
        sensible = exercise.ranges.hold_seconds
        tail = f" (sensible {sensible.min}-{sensible.max} s)" if sensible else ""
        out.append(
            Mismatch(
                "mode",
                f"{name} under mode 'isometric' needs hold_seconds: how long each of the "
                f"reps is held still{tail}",
            )
        )
    for i, step in enumerate(prescription.schedule or []):
        prefix: Loc = ("schedule", i)
        out += _key_mismatches(step, exercise, mode, prefix)
        if weeks is not None and step.from_week > weeks:
            out.append(
                Mismatch(
                    "from_week",
                    f"schedule from week {step.from_week} starts after the phase ends "
                    f"(it has {weeks} week{'s' if weeks != 1 else ''})",
                    (*prefix, "from_week"),
                )
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
