"""One prescription as an ActivityDefinition: the exercise, its code, body site and dose.

The dose is FHIR's Dosage, which was made for medication but carries what an exercise needs:
`timing` (how often, and for how many weeks), `doseAndRate` (sets, hold or repetitions, rest,
added load, target effort, each a quantity a receiving system can read), `method` (eccentric or
isometric) and `text` (the same sentence the handout prints). A prescription whose dose changes
within its phase (`schedule`) gets one Dosage per step, in `sequence` order, each bounded to its
weeks: FHIR's way of writing a dose that changes over time.
"""

from __future__ import annotations

from typing import Any

from rehab.domain.dosage import ResolvedDosage
from rehab.domain.dosage_text import describe_dosage, frequency_words, times_words
from rehab.domain.plan import PlannedExercise
from rehab.fhir import codes

Resource = dict[str, Any]


def camel(slug: str) -> str:
    """'patella-calf-stretch' -> 'PatellaCalfStretch': a computable `name` (FHIR's cnl-0)."""
    return "".join(part[:1].upper() + part[1:] for part in slug.split("-") if part)


def _timing(dose: ResolvedDosage, weeks: int) -> Resource:
    """How often, as Timing.repeat, bounded to the weeks the dose holds for.

    'Nx-week' with several sessions a day becomes N x sessions per week: Timing cannot say
    "on N days, twice on each" without naming the days, which the protocol leaves open; the
    Dosage text says it exactly.
    """
    repeat: Resource = {"boundsDuration": codes.weeks(weeks)}
    per_day = dose.times_per_day
    if dose.frequency == "before-activity":
        words = frequency_words(dose.frequency)
        if per_day > 1:
            words = f"{words}, up to {times_words(per_day)}"
        return {"code": {"text": words}, "repeat": repeat}
    if dose.frequency == "daily":
        repeat.update(frequency=per_day, period=1, periodUnit="d")
    elif dose.frequency == "every-other-day":
        repeat.update(frequency=per_day, period=2, periodUnit="d")
    else:
        days = int(dose.frequency.split("x-", 1)[0])
        repeat.update(frequency=days * per_day, period=1, periodUnit="wk")
    return {"repeat": repeat}


def _amount(kind: str, quantity: Resource) -> Resource:
    return {"type": {"text": kind}, "doseQuantity": quantity}


def _dose_and_rate(dose: ResolvedDosage) -> list[Resource]:
    """Every number of the dose as a quantity, named by `type.text`."""
    out = [_amount("sets", codes.count(dose.sets, "set"))]
    if dose.reps is not None:
        kind = "holds per set" if dose.isometric else "repetitions per set"
        out.append(_amount(kind, codes.count(dose.reps, "repetition")))
    if dose.hold_seconds is not None:
        out.append(_amount("hold", codes.seconds(dose.hold_seconds)))
    if dose.rest_seconds is not None:
        out.append(_amount("rest between sets", codes.seconds(dose.rest_seconds)))
    if dose.load_kg is not None:
        out.append(_amount("added load", codes.kilograms(dose.load_kg)))
    if dose.effort is not None:
        out.append(_amount("target effort (RPE)", codes.score(dose.effort, 10)))
    return out


def _instructions(dose: ResolvedDosage) -> list[Resource]:
    out = []
    if dose.tempo:
        out.append({"text": f"tempo {dose.tempo} (seconds to lower, pause, raise)"})
    if dose.load:
        out.append({"text": f"load: {dose.load}"})
    return out


def _steps(planned: PlannedExercise) -> list[tuple[int, int, ResolvedDosage]]:
    """(first week, last week, dose) of each step of the phase, week 1 first."""
    changes = planned.dose_changes()
    weeks = len(planned.weekly)
    out = []
    for i, (week, dose) in enumerate(changes):
        last = changes[i + 1][0] - 1 if i + 1 < len(changes) else weeks
        out.append((week, last, dose))
    return out


def dosages(planned: PlannedExercise) -> list[Resource]:
    """One Dosage per step of the phase (one in all for a dose that does not change)."""
    assert planned.exercise is not None
    unilateral = not planned.exercise.bilateral
    steps = _steps(planned)
    out = []
    for sequence, (first, last, dose) in enumerate(steps, 1):
        text = describe_dosage(dose, unilateral=unilateral)
        if len(steps) > 1:
            span = f"week {first}" if first == last else f"weeks {first}-{last}"
            text = f"{span} of the phase: {text}"
        dosage: Resource = {
            "sequence": sequence,
            "text": text,
            "timing": _timing(dose, last - first + 1),
            "doseAndRate": _dose_and_rate(dose),
        }
        if dose.mode != "standard":
            dosage["method"] = {"text": dose.mode}
        if extra := _instructions(dose):
            dosage["additionalInstruction"] = extra
        if planned.prescription.notes:
            dosage["patientInstruction"] = planned.prescription.notes
        out.append(dosage)
    return out


def activity_definition(planned: PlannedExercise, *, internal: bool) -> Resource:
    """One prescription: the exercise's name and code, the body site and the resolved dose."""
    exercise = planned.exercise
    assert exercise is not None
    code = codes.CATEGORY_CODES.get(exercise.category, codes.EXERCISE_THERAPY)
    out: Resource = {
        "resourceType": "ActivityDefinition",
        "status": "active",
        "name": camel(exercise.id),
        "title": exercise.name,
        "description": exercise.summary,
        "kind": "ServiceRequest",
        "code": codes.snomed(code, exercise.name),
        "participant": [{"type": "patient"}]
        + ([{"type": "related-person"}] if exercise.partner else []),
        "bodySite": [codes.snomed(site) for site in codes.BODY_SITES[planned.side]],
        "dosage": dosages(planned),
    }
    if exercise.patient_name:
        out["subtitle"] = exercise.patient_name
    if internal and planned.prescription.internal_notes:
        out["usage"] = planned.prescription.internal_notes
    return out
