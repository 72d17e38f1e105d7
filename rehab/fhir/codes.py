"""The code systems and codes the FHIR export uses, in one place so each can be checked.

Only codes whose meaning was checked against a published source are used; the review next to
the golden file (tests/fixtures/fhir/review.md) says where each was verified. An exercise
category without a fitting SNOMED CT concept gets 229065009 |Exercise therapy|.
"""

from __future__ import annotations

from typing import Any

SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
PLAN_TYPE = "http://terminology.hl7.org/CodeSystem/plan-definition-type"
GOAL_CATEGORY = "http://terminology.hl7.org/CodeSystem/goal-category"
USAGE_CONTEXT = "http://terminology.hl7.org/CodeSystem/usage-context-type"

Concept = tuple[str, str]

EXERCISE_THERAPY: Concept = ("229065009", "Exercise therapy")
CATEGORY_CODES: dict[str, Concept] = {
    "stretch": ("229070002", "Stretching exercises"),
    "strength": ("266741004", "Muscle strength exercise"),
    "balance": ("386293009", "Balance exercises"),
}
"""Exercise category -> SNOMED CT regime/therapy; a category not here is exercise therapy."""

LEFT_LOWER_LIMB: Concept = ("32153003", "Structure of left lower limb")
RIGHT_LOWER_LIMB: Concept = ("62175007", "Structure of right lower limb")
BODY_SITES: dict[str, tuple[Concept, ...]] = {
    "left": (LEFT_LOWER_LIMB,),
    "right": (RIGHT_LOWER_LIMB,),
    "both": (LEFT_LOWER_LIMB, RIGHT_LOWER_LIMB),
}

CONDITION_ALERT: Concept = ("COND", "Condition Alert")
"""v3 ActCode: the proposed therapy may be inappropriate given a condition of the patient."""
THERAPY_APPROPRIATE: Concept = ("1", "Therapy Appropriate")
"""v3 ActCode mitigation: the clinician confirmed the therapy is appropriate."""


def coding(system: str, code: str, display: str) -> dict[str, Any]:
    return {"system": system, "code": code, "display": display}


def concept(system: str, value: Concept, text: str | None = None) -> dict[str, Any]:
    """A CodeableConcept with one coding (and the text, when given)."""
    out: dict[str, Any] = {"coding": [coding(system, *value)]}
    if text:
        out["text"] = text
    return out


def snomed(value: Concept, text: str | None = None) -> dict[str, Any]:
    return concept(SNOMED, value, text)


def weeks(value: int) -> dict[str, Any]:
    """A UCUM quantity in weeks."""
    return {"value": value, "unit": "weeks", "system": UCUM, "code": "wk"}


def seconds(value: int) -> dict[str, Any]:
    return {"value": value, "unit": "seconds", "system": UCUM, "code": "s"}


def kilograms(value: float) -> dict[str, Any]:
    """Whole kilograms stay integers in the JSON (2.0 would read as a different number)."""
    number: float | int = int(value) if float(value).is_integer() else value
    return {"value": number, "unit": "kg", "system": UCUM, "code": "kg"}


def count(value: int, unit: str) -> dict[str, Any]:
    """A count as a UCUM annotation (`{set}`, `{repetition}`): dimensionless 1 with a label."""
    return {"value": value, "unit": f"{unit}s", "system": UCUM, "code": "{" + unit + "}"}


def score(value: int, out_of: int) -> dict[str, Any]:
    """A rating such as effort or pain, `{score}` in UCUM (dimensionless)."""
    return {"value": value, "unit": f"out of {out_of}", "system": UCUM, "code": "{score}"}
