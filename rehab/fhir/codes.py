"""The code systems and codes the FHIR export uses, in one place so each can be checked.

Only codes we are sure of are used (docs/fhir.md lists them): SNOMED CT 229065009 |Exercise
therapy (regime/therapy)| for every exercise except stretches, which get 229070002 |Stretching
exercises (regime/therapy)|; body sites 32153003 |Structure of left lower limb| and 62175007
|Structure of right lower limb| (both for an exercise done with each leg).
"""

from __future__ import annotations

from typing import Any

SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
PLAN_TYPE = "http://terminology.hl7.org/CodeSystem/plan-definition-type"
GOAL_CATEGORY = "http://terminology.hl7.org/CodeSystem/goal-category"
USAGE_CONTEXT = "http://terminology.hl7.org/CodeSystem/usage-context-type"

EXERCISE_THERAPY = ("229065009", "Exercise therapy")
STRETCHING = ("229070002", "Stretching exercises")
CATEGORY_CODES = {"stretch": STRETCHING}
"""Exercise category -> SNOMED CT procedure; any category not here is exercise therapy."""

LEFT_LOWER_LIMB = ("32153003", "Structure of left lower limb")
RIGHT_LOWER_LIMB = ("62175007", "Structure of right lower limb")
BODY_SITES = {
    "left": (LEFT_LOWER_LIMB,),
    "right": (RIGHT_LOWER_LIMB,),
    "both": (LEFT_LOWER_LIMB, RIGHT_LOWER_LIMB),
}


def coding(system: str, code: str, display: str) -> dict[str, Any]:
    return {"system": system, "code": code, "display": display}


def snomed(concept: tuple[str, str], text: str | None = None) -> dict[str, Any]:
    """A CodeableConcept with one SNOMED CT coding (and the text, when given)."""
    out: dict[str, Any] = {"coding": [coding(SNOMED, *concept)]}
    if text:
        out["text"] = text
    return out


def weeks(value: int) -> dict[str, Any]:
    """A UCUM quantity in weeks."""
    return {"value": value, "unit": "weeks", "system": UCUM, "code": "wk"}


def seconds(value: int) -> dict[str, Any]:
    return {"value": value, "unit": "seconds", "system": UCUM, "code": "s"}


def count(value: int, unit: str) -> dict[str, Any]:
    """A count as a UCUM annotation (`{set}`, `{repetition}`): dimensionless 1 with a label."""
    return {"value": value, "unit": f"{unit}s", "system": UCUM, "code": "{" + unit + "}"}
