"""Dosage typed into a form: text in, typed values or a reason per field out.

The app's dosage dialog calls this on every keystroke so each field can say why its value is
rejected, and only a prescription that validates is ever handed back to the protocol.
A blank field means "use the library default", which is how a file leaves a key out.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rehab.domain.dose_checks import _prescription_findings
from rehab.domain.exercise import Exercise, Range
from rehab.domain.protocol import DOSAGE_KEYS, Prescription, ScheduleStep
from rehab.domain.resolve import default_dosage, dosage_mismatches, resolve_dosage
from rehab.domain.validation import validate_model

INT_KEYS = frozenset({"sets", "hold_seconds", "reps", "rest_seconds", "times_per_day", "effort"})
DECIMAL_KEYS = frozenset({"load_kg"})
TEXT_KEYS = ("notes", "internal_notes")
FORM_KEYS = (*DOSAGE_KEYS, *TEXT_KEYS)


def keys_for(exercise: Exercise) -> tuple[str, ...]:
    """The dosage keys that fit this exercise, in canonical order (no reps on a hold...).

    `mode` only where the entry allows a mode besides the standard one; a rep exercise that
    may be done isometrically also offers `hold_seconds` (the length of each hold).
    """
    if exercise.dosing == "hold":
        skip = {"reps", "tempo"}
    else:
        skip = set() if "isometric" in exercise.modes else {"hold_seconds"}
    if not exercise.modes:
        skip.add("mode")
    return tuple(k for k in DOSAGE_KEYS if k not in skip)


def modes_for(exercise: Exercise) -> tuple[str, ...]:
    """Modes the exercise can be prescribed in, the standard one first."""
    return ("standard", *exercise.modes)


def sides_for(exercise: Exercise) -> tuple[str, ...]:
    """Sides the exercise can be prescribed on."""
    return ("both",) if exercise.bilateral else ("both", "left", "right")


def form_values(prescription: Prescription) -> dict[str, str]:
    """A prescription as the texts its form fields start with ('' where the key is left out)."""
    data = prescription.model_dump()
    return {k: "" if data[k] is None else str(data[k]) for k in FORM_KEYS}


def decimal_number(text: str) -> float:
    """A weight typed by hand: digits with at most one decimal point ('2.5', '5'; no '1e3')."""
    text = text.strip()
    digits = text.replace(".", "", 1)
    if not text.isascii() or not digits.isdigit() or text.startswith("."):
        raise ValueError(f"must be a number such as 2.5, got '{text[:20]}'")
    if len(text) > 8:
        raise ValueError("is far too large")
    return float(text)


def whole_number(text: str) -> int:
    """A count typed by hand: ASCII digits only (no '3.5', '-1' or other scripts' digits)."""
    text = text.strip()
    if not text.isascii() or not text.isdigit():
        raise ValueError(f"must be a whole number such as 3, got '{text[:20]}'")
    if len(text) > 6:
        raise ValueError("is far too large")
    return int(text)


def _typed(key: str, text: str) -> Any:
    """Convert one field's text; raise ValueError with a message for the user."""
    text = text.strip() if key not in TEXT_KEYS else text.strip("\n")
    if text.strip() == "":
        return None
    if key in INT_KEYS:
        return whole_number(text)
    if key in DECIMAL_KEYS:
        return decimal_number(text)
    return text


@dataclass
class DosageForm:
    """The outcome of reading every field: a prescription, or the reason per rejected field."""

    prescription: Prescription | None
    errors: dict[str, str] = field(default_factory=dict)


def typed_fields(
    texts: Mapping[str, str], known: Collection[str], errors: dict[str, str]
) -> Iterator[tuple[str, Any]]:
    """Each filled-in field as its typed value; a value that does not read as its type is
    an error at its key, a blank one is left out. Shared by the dose form and the schedule
    step form, so both read a number the same way."""
    for key, text in texts.items():
        if key not in known:
            raise KeyError(key)
        try:
            value = _typed(key, text)
        except ValueError as exc:
            errors[key] = str(exc)
            continue
        if value is not None:
            yield key, value


def read_dosage_form(
    exercise: Exercise,
    texts: Mapping[str, str],
    schedule_of: Prescription | None = None,
    *,
    schedule: Sequence[ScheduleStep] | None = None,
    weeks: int | None = None,
) -> DosageForm:
    """Validate a filled-in dosage form for one exercise.

    Keys the exercise cannot take are rejected here rather than left for `rehab check`, so the
    form can never produce a dosage-mismatch error. `schedule` is the week-by-week schedule as
    the form now holds it; without it, the one of `schedule_of` (the prescription being edited)
    is carried over unchanged. A step that no longer fits (the mode changed under it, or it
    starts after the phase's `weeks`) is refused under the key "schedule".
    """
    allowed = set(keys_for(exercise)) | set(TEXT_KEYS)
    errors: dict[str, str] = {}
    data: dict[str, Any] = {"exercise": exercise.id}
    for key, value in typed_fields(texts, FORM_KEYS, errors):
        if key not in allowed:
            errors[key] = f"{exercise.name} does not take {key.replace('_', ' ')}"
            continue
        if key == "side" and value not in sides_for(exercise):
            errors[key] = f"must be one of {', '.join(sides_for(exercise))}"
            continue
        if key == "mode" and value not in modes_for(exercise):
            errors[key] = f"must be one of {', '.join(modes_for(exercise))}"
            continue
        data[key] = value
    if data.get("mode") == "standard":
        del data["mode"]  # the default: a file leaves it out
    if schedule is None and schedule_of is not None:
        schedule = schedule_of.schedule
    if schedule:
        data["schedule"] = [step.model_dump(exclude_none=True) for step in schedule]
    prescription, problems = validate_model(Prescription, data)
    for problem in problems:
        errors.setdefault(str(problem.loc[0]) if problem.loc else "exercise", problem.message)
    if prescription is not None and not errors:
        for mismatch in dosage_mismatches(prescription, exercise, weeks):
            key = str(mismatch.loc[0])
            if key == "schedule":
                week = (prescription.schedule or [])[int(mismatch.loc[1])].from_week
                errors.setdefault(key, f"step from week {week}: {mismatch.message}")
                continue
            errors.setdefault(key if key in texts else "mode", mismatch.message)
    return DosageForm(None if errors else prescription, errors)


FIELD_LABELS = {
    "side": "Side",
    "sets": "Sets",
    "hold_seconds": "Hold (seconds)",
    "reps": "Reps per set",
    "rest_seconds": "Rest (seconds)",
    "mode": "Mode",
    "tempo": "Tempo",
    "load": "Load",
    "load_kg": "Added load (kg)",
    "frequency": "Frequency",
    "times_per_day": "Times a day",
    "effort": "Effort (1-10)",
    "notes": "Notes for the patient",
    "internal_notes": "Clinician-only notes",
    "schedule": "Schedule",
    "from_week": "From week",
}


def field_hint(exercise: Exercise, key: str) -> str:
    """What a blank field means and what the checks consider sensible, e.g.
    'blank = 3; sensible 2-4'."""
    default = getattr(default_dosage(exercise), key, None)
    if key == "load_kg":
        return "blank = body weight; 0.5-300, e.g. 2.5"
    if key == "effort":
        return "blank = none; 1 very easy to 10 as hard as you can"
    parts = [f"blank = {default if default is not None else 'none'}"]
    limits = getattr(exercise.ranges, key, None)
    if isinstance(limits, Range):
        parts.append(f"sensible {limits.min}-{limits.max}")
    return "; ".join(parts)


def dose_warnings(exercise: Exercise, prescription: Prescription) -> dict[str, str]:
    """The dose checks' warnings for one prescription, by form key ('' for the daily amount).

    The same messages `rehab check` gives (dose-out-of-range), so the form can show them while
    the clinician types instead of only after Apply.
    """
    found = _prescription_findings(resolve_dosage(prescription, exercise), exercise, (), 1)
    out: dict[str, str] = {}
    for finding in found:
        key = str(finding.loc[-1]) if finding.loc else ""
        out[key] = f"{out[key]}; {finding.message}" if key in out else finding.message
    return out
