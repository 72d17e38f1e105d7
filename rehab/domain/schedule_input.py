"""A schedule step typed into a form: text in, a `ScheduleStep` or a reason per field out.

The dose form edits the week-by-week schedule one step at a time. Each step's form offers only
the keys the exercise can change under the mode chosen (no reps on a hold, no tempo on an
isometric hold), and says at the field why a week or a value is refused, so a step that the
checks would reject as a dosage mismatch, or one past the phase's end, never reaches the file.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rehab.domain.dosage_input import keys_for, typed_fields, whole_number
from rehab.domain.dose_checks import _prescription_findings
from rehab.domain.exercise import Exercise
from rehab.domain.protocol import SCHEDULE_KEYS, Prescription, ScheduleStep
from rehab.domain.resolve import resolve_dosage
from rehab.domain.validation import validate_model

STEP_WORDS = {
    "sets": ("sets", ""),
    "hold_seconds": ("hold", " s"),
    "reps": ("reps", ""),
    "rest_seconds": ("rest", " s"),
    "tempo": ("tempo", ""),
    "load": ("load", ""),
    "load_kg": ("added load", " kg"),
    "frequency": ("", ""),
    "times_per_day": ("times a day", ""),
    "effort": ("effort", ""),
}
"""How a step's keys read in the list of steps: the key's short name and its unit."""


def step_keys_for(exercise: Exercise, mode: str | None) -> tuple[str, ...]:
    """The dosage keys a schedule step of this exercise may change under `mode`.

    Side and mode stay the phase's. A rep exercise held still (mode 'isometric') changes the
    length of its holds but has no tempo; done in repetitions it has no hold.
    """
    keys = [k for k in keys_for(exercise) if k in SCHEDULE_KEYS]
    if exercise.dosing == "reps":
        drop = "tempo" if mode == "isometric" else "hold_seconds"
        keys = [k for k in keys if k != drop]
    return tuple(keys)


def step_summary(step: ScheduleStep) -> str:
    """'From week 3: reps 20, added load 2.5 kg': one line of the dose form's list of steps."""
    parts = []
    for key, value in step.changes().items():
        name, unit = STEP_WORDS[key]
        shown = f"{value:g}" if isinstance(value, float) else str(value)
        parts.append(f"{name} {shown}{unit}".strip())
    return f"From week {step.from_week}: {', '.join(parts)}"


def step_values(step: ScheduleStep | None) -> dict[str, str]:
    """A step as the texts its form starts with ('' for a key it leaves as it was)."""
    if step is None:
        return {"from_week": "", **{k: "" for k in SCHEDULE_KEYS}}
    values = {k: "" if getattr(step, k) is None else str(getattr(step, k)) for k in SCHEDULE_KEYS}
    if step.load_kg is not None:
        values["load_kg"] = f"{step.load_kg:g}"
    return {"from_week": str(step.from_week), **values}


@dataclass
class StepForm:
    """The outcome of reading a step's fields: the step, or the reason per rejected field.

    `errors[""]` is a reason that belongs to no single field (a step that changes nothing).
    """

    step: ScheduleStep | None
    errors: dict[str, str] = field(default_factory=dict)


def _week_error(text: str, weeks: int | None, taken: Collection[int]) -> str | int:
    """The week a step starts, or why it cannot start there."""
    if not text.strip():
        return "is needed: the week of the phase from which this step applies"
    try:
        week = whole_number(text)
    except ValueError as exc:
        return str(exc)
    last = weeks if weeks is not None else 52
    if weeks is not None and weeks < 2:
        return "cannot be set: the phase has 1 week, so its dose cannot change inside it"
    if week < 2:
        return "must be 2 or later: week 1 is the dose in the form above"
    if week > last:
        end = f"the phase has {weeks} weeks" if weeks is not None else "52 is the most"
        return f"must be between 2 and {last}: {end}"
    if week in taken:
        return f"{week} already has a step: edit that step instead"
    return week


def read_step_form(
    exercise: Exercise,
    mode: str | None,
    texts: Mapping[str, str],
    weeks: int | None,
    taken: Collection[int] = (),
) -> StepForm:
    """Validate one schedule step typed for `exercise` in a phase of `weeks` weeks.

    `taken` holds the weeks other steps already start in (a week has at most one step).
    A blank key leaves the dose as the weeks before had it.
    """
    allowed = set(step_keys_for(exercise, mode))
    errors: dict[str, str] = {}
    data: dict[str, Any] = {}
    week = _week_error(texts.get("from_week", ""), weeks, taken)
    if isinstance(week, str):
        errors["from_week"] = week
    else:
        data["from_week"] = week
    changes = {key: text for key, text in texts.items() if key != "from_week"}
    for key, value in typed_fields(changes, SCHEDULE_KEYS, errors):
        if key not in allowed:
            errors[key] = f"cannot change in a schedule of {exercise.name} done this way"
            continue
        data[key] = value
    if not any(key in data for key in SCHEDULE_KEYS):
        errors.setdefault("", "give at least one value this step changes")
        return StepForm(None, errors)
    # Checked with a stand-in week while the week is refused, so every value's range is
    # still said at its field.
    step, problems = validate_model(ScheduleStep, {"from_week": 2, **data})
    for problem in problems:
        key = str(problem.loc[0]) if problem.loc else ""
        if key != "from_week":
            errors.setdefault(key, problem.message)
    return StepForm(None if errors else step, errors)


def with_step(
    schedule: Sequence[ScheduleStep], step: ScheduleStep, replacing: int | None = None
) -> list[ScheduleStep]:
    """The schedule with `step` added (or put in place of step `replacing`), in week order."""
    kept = [s for i, s in enumerate(schedule) if i != replacing]
    return sorted([*kept, step], key=lambda s: s.from_week)


def schedule_warnings(
    exercise: Exercise, prescription: Prescription
) -> dict[int, list[tuple[str, str]]]:
    """The dose checks' warnings for each step's week, by step index: (key, message) pairs,
    the key '' for the daily amount.

    The same messages `rehab check` gives ("from week 3: reps 40 ... above the sensible
    range"), shown at the step while the clinician edits it. A problem the week before
    already had is said once, where it starts, as the check does.
    """
    steps = prescription.schedule or []
    seen = {
        f.message
        for f in _prescription_findings(resolve_dosage(prescription, exercise), exercise, (), 1)
    }
    out: dict[int, list[tuple[str, str]]] = {}
    for index, step in enumerate(steps):
        week = step.from_week
        dose = resolve_dosage(prescription, exercise, week)
        found = _prescription_findings(dose, exercise, (), 1, week, step, ("schedule", index))
        for finding in found:
            plain = finding.message.removeprefix(f"from week {week}: ")
            if plain not in seen:
                seen.add(plain)
                key = finding.loc[-1] if finding.loc else ""
                out.setdefault(index, []).append(
                    (key if isinstance(key, str) else "", finding.message)
                )
    return out
