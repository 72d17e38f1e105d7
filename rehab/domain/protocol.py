"""The protocol file model (docs/file-format.md, schema version 1).

Field order here is the canonical key order of a saved file, so do not reorder fields casually:
it would change every protocol in every clinic repository on its next save.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, field_validator

from rehab.domain.base import StrictModel
from rehab.domain.dosage import Frequency, Side, Tempo
from rehab.domain.text import Line, ListItem, LongText, Reason, Slug

SCHEMA_VERSION = 1

# Dosage keys of a prescription, in canonical order; every one may be omitted.
DOSAGE_KEYS = (
    "side",
    "sets",
    "hold_seconds",
    "reps",
    "rest_seconds",
    "tempo",
    "load",
    "frequency",
    "times_per_day",
)


class Prescription(StrictModel):
    """One exercise in a phase with its dosage; omitted dosage keys take the library default."""

    exercise: Slug = Field(description="Id of the exercise in the library.")
    side: Side | None = Field(
        default=None,
        description="Which leg does it: 'left', 'right' or 'both' (each leg in turn for "
        "one-leg exercises). Bilateral exercises accept only 'both'.",
    )
    sets: int | None = Field(default=None, ge=1, le=10, description="Number of sets, 1..10.")
    hold_seconds: int | None = Field(
        default=None, ge=5, le=300, description="Seconds per hold, 5..300 (hold exercises only)."
    )
    reps: int | None = Field(
        default=None, ge=1, le=100, description="Repetitions per set, 1..100 (rep exercises only)."
    )
    rest_seconds: int | None = Field(
        default=None, ge=0, le=600, description="Rest between sets in seconds, 0..600."
    )
    tempo: Tempo | None = Field(
        default=None,
        description="Seconds to lower, pause and raise as 'lower-pause-raise', e.g. '3-0-1' "
        "(rep exercises only).",
    )
    load: Line | None = Field(
        default=None, description="Load in plain words, e.g. 'bodyweight' or '10 kg backpack'."
    )
    frequency: Frequency | None = Field(
        default=None,
        description="How often: 'daily', 'every-other-day', 'before-activity' or '1x-week' to "
        "'6x-week'.",
    )
    times_per_day: int | None = Field(
        default=None, ge=1, le=6, description="Sessions on each training day, 1..6."
    )
    notes: LongText | None = Field(
        default=None, description="Notes for the patient; printed on the handout."
    )
    internal_notes: LongText | None = Field(
        default=None, description="Clinician-only notes; never printed on a handout."
    )


class Phase(StrictModel):
    """A block of weeks with its own exercises, goals and criteria to move on."""

    name: Line = Field(description="Name of the phase as the patient will read it.")
    weeks: int = Field(ge=1, le=52, description="Length of the phase in weeks, 1..52.")
    goals: list[ListItem] = Field(
        default_factory=list, max_length=50, description="What the phase should achieve."
    )
    advance_when: list[ListItem] = Field(
        default_factory=list,
        max_length=50,
        description="Criteria for moving on to the next phase.",
    )
    exercises: list[Prescription] = Field(
        default_factory=list, max_length=100, description="The exercises of this phase, in order."
    )


class Acknowledgement(StrictModel):
    """A clinician's documented decision to prescribe an exercise despite a contraindication."""

    condition: Slug = Field(description="The condition code whose contraindication is overridden.")
    exercise: Slug = Field(description="The exercise id the override applies to.")
    reason: Reason = Field(description="Why the exercise is appropriate; must not be empty.")
    by: Line = Field(description="The clinician who made the decision.")
    on: date = Field(description="The date of the decision.")


class Protocol(StrictModel):
    """An exercise protocol: one file, one patient pathway, no patient-identifying data."""

    schema_version: Literal[1] = Field(description="File format version; always 1 for now.")
    id: Slug = Field(description="Protocol id; also the file name, protocols/<id>.toml.")
    title: Line = Field(description="Title printed at the top of the handout.")
    summary: LongText | None = Field(default=None, description="One or two sentences of purpose.")
    clinician: Line = Field(description="The responsible clinician.")
    clinic: Line | None = Field(default=None, description="Clinic name for the handout header.")
    created: date = Field(description="Date the protocol was written.")
    review_on: date | None = Field(
        default=None, description="Planned review date; must not be before `created`."
    )
    conditions: list[Slug] = Field(
        max_length=50,
        description="The patient's condition codes from the catalog (`rehab conditions`); "
        "may be empty.",
    )
    tags: list[Line] = Field(
        default_factory=list, max_length=50, description="Free tags for finding protocols."
    )
    internal_notes: LongText | None = Field(
        default=None, description="Clinician-only notes; never printed on a handout."
    )
    phases: list[Phase] = Field(
        default_factory=list, max_length=52, description="The phases in order."
    )
    acknowledged: list[Acknowledgement] = Field(
        default_factory=list,
        max_length=200,
        description="Documented overrides of contraindications.",
    )

    @field_validator("conditions")
    @classmethod
    def _conditions_once(cls, codes: list[str]) -> list[str]:
        seen: set[str] = set()
        for code in codes:
            if code in seen:
                raise ValueError(f"condition '{code}' is listed twice")
            seen.add(code)
        return codes
