"""The protocol file model (docs/file-format.md; schema versions 1 and 2).

Field order here is the canonical key order of a saved file, so do not reorder fields casually:
it would change every protocol in every clinic repository on its next save.

Version 2 adds `starts`, `pain_limit`, conditions with a side and the weeks since onset,
acknowledgements scoped to phases, and measurable goals (rehab.domain.goals). A version 1 file
is read with its version 1 meaning: its conditions are bare codes (both sides, every phase)
and an acknowledgement without `phases` covers every phase of its exercise. The v2 keys are
refused in a v1 file, so a file never means something its own version does not define.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal, Self

from pydantic import Field, field_validator, model_serializer, model_validator

from rehab.domain.base import StrictModel
from rehab.domain.dosage import DoseMode, Frequency, Side, Tempo
from rehab.domain.goals import Goal, MeasureGoal
from rehab.domain.text import Line, LongText, Reason, Slug

SCHEMA_VERSION = 2
"""The newest version this rehab reads and the one it writes."""

# Dosage keys of a prescription, in canonical order; every one may be omitted.
DOSAGE_KEYS = (
    "side",
    "mode",
    "sets",
    "hold_seconds",
    "reps",
    "rest_seconds",
    "tempo",
    "load",
    "load_kg",
    "frequency",
    "times_per_day",
    "effort",
)

V2_DOSAGE_KEYS = ("mode", "load_kg", "effort", "schedule")
"""Prescription keys that only a schema version 2 file may use."""

SCHEDULE_KEYS = (
    "sets",
    "hold_seconds",
    "reps",
    "rest_seconds",
    "tempo",
    "load",
    "load_kg",
    "frequency",
    "times_per_day",
    "effort",
)
"""The dosage keys a schedule step may change; side and mode stay the phase's."""

LOAD_KG_MIN = 0.5
LOAD_KG_MAX = 300.0


class ScheduleStep(StrictModel):
    """From a week of the phase on, these dosage keys replace the prescription's own."""

    from_week: int = Field(
        ge=2,
        le=52,
        description="Week of the phase (2..the phase's weeks) from which this step applies.",
    )
    sets: int | None = Field(default=None, ge=1, le=10, description="Number of sets, 1..10.")
    hold_seconds: int | None = Field(
        default=None, ge=5, le=300, description="Seconds per hold, 5..300."
    )
    reps: int | None = Field(default=None, ge=1, le=100, description="Repetitions, 1..100.")
    rest_seconds: int | None = Field(
        default=None, ge=0, le=600, description="Rest between sets in seconds, 0..600."
    )
    tempo: Tempo | None = Field(default=None, description="Tempo, e.g. '3-0-1' or '3-1-1-2'.")
    load: Line | None = Field(default=None, description="Load in plain words.")
    load_kg: float | None = Field(
        default=None, ge=LOAD_KG_MIN, le=LOAD_KG_MAX, description="Added load in kg, 0.5..300."
    )
    frequency: Frequency | None = Field(default=None, description="How often.")
    times_per_day: int | None = Field(
        default=None, ge=1, le=6, description="Sessions on each training day, 1..6."
    )
    effort: int | None = Field(default=None, ge=1, le=10, description="Target effort, 1..10.")

    @model_validator(mode="after")
    def _changes_something(self) -> Self:
        if all(getattr(self, key) is None for key in SCHEDULE_KEYS):
            raise ValueError(
                f"a schedule step from week {self.from_week} changes nothing: give at least "
                f"one of {', '.join(SCHEDULE_KEYS)}"
            )
        return self

    def changes(self) -> dict[str, Any]:
        """The dosage keys this step sets, in canonical order."""
        return {k: getattr(self, k) for k in SCHEDULE_KEYS if getattr(self, k) is not None}


class Prescription(StrictModel):
    """One exercise in a phase with its dosage; omitted dosage keys take the library default."""

    exercise: Slug = Field(description="Id of the exercise in the library.")
    side: Side | None = Field(
        default=None,
        description="Which leg does it: 'left', 'right' or 'both' (each leg in turn for "
        "one-leg exercises). Bilateral exercises accept only 'both'.",
    )
    mode: DoseMode | None = Field(
        default=None,
        description="'standard' (default), 'eccentric' (the working leg lowers, the rise is "
        "shared or assisted) or 'isometric' (hold still hold_seconds per rep, reps holds); "
        "only a mode the exercise's `modes` allows (version 2).",
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
        description="Seconds to lower, pause and raise as 'lower-pause-raise', e.g. '3-0-1', "
        "or with a pause at the top 'lower-pause-raise-pause', e.g. '3-1-1-2' (version 2; "
        "rep exercises only).",
    )
    load: Line | None = Field(
        default=None, description="Load in plain words, e.g. 'bodyweight' or '10 kg backpack'."
    )
    load_kg: float | None = Field(
        default=None,
        ge=LOAD_KG_MIN,
        le=LOAD_KG_MAX,
        description="Added load in kg, 0.5..300, e.g. 2.5; omitted: body weight (version 2).",
    )
    frequency: Frequency | None = Field(
        default=None,
        description="How often: 'daily', 'every-other-day', 'before-activity' or '1x-week' to "
        "'6x-week'.",
    )
    times_per_day: int | None = Field(
        default=None, ge=1, le=6, description="Sessions on each training day, 1..6."
    )
    effort: int | None = Field(
        default=None,
        ge=1,
        le=10,
        description="Target effort 1..10 (rate of perceived exertion), printed in plain words "
        "(version 2).",
    )
    schedule: list[ScheduleStep] | None = Field(
        default=None,
        max_length=51,
        description="Week-by-week changes inside the phase: from each step's from_week on "
        "(2..the phase's weeks, increasing), its dosage keys replace the prescription's "
        "(version 2).",
    )
    notes: LongText | None = Field(
        default=None, description="Notes for the patient; printed on the handout."
    )
    internal_notes: LongText | None = Field(
        default=None, description="Clinician-only notes; never printed on a handout."
    )

    @field_validator("schedule")
    @classmethod
    def _weeks_increase(cls, steps: list[ScheduleStep] | None) -> list[ScheduleStep] | None:
        previous = 1
        for step in steps or []:
            if step.from_week <= previous:
                raise ValueError(
                    f"from_week {step.from_week} must come after week {previous}: list the "
                    "steps in increasing weeks, each week once"
                )
            previous = step.from_week
        return steps


class Phase(StrictModel):
    """A block of weeks with its own exercises, goals and criteria to move on."""

    name: Line = Field(description="Name of the phase as the patient will read it.")
    weeks: int = Field(ge=1, le=52, description="Length of the phase in weeks, 1..52.")
    goals: list[Goal] = Field(
        default_factory=list,
        max_length=50,
        description="What the phase should achieve: text, or in version 2 a measurable goal "
        "{ measure, target, side, text } (`rehab schema` lists the measures).",
    )
    advance_when: list[Goal] = Field(
        default_factory=list,
        max_length=50,
        description="Criteria for moving on to the next phase: text, or in version 2 a "
        "measurable goal { measure, target, side, text }.",
    )
    exercises: list[Prescription] = Field(
        default_factory=list, max_length=100, description="The exercises of this phase, in order."
    )

    @field_validator("goals", "advance_when")
    @classmethod
    def _measure_once(cls, goals: list[str | MeasureGoal]) -> list[str | MeasureGoal]:
        # Two targets for one measure and side in one list cannot both be what the log asks.
        seen: set[tuple[str, str | None]] = set()
        for goal in goals:
            if isinstance(goal, MeasureGoal):
                key = (goal.measure, goal.side)
                if key in seen:
                    side = f" ({goal.side})" if goal.side else ""
                    raise ValueError(f"measure '{goal.measure}'{side} is listed twice")
                seen.add(key)
        return goals


class ConditionEntry(StrictModel):
    """One of the patient's conditions, with the side and timing that scope its rules.

    Written as a bare code when it has neither (the version 1 form); no dates are stored, only
    weeks relative to the start of phase 1, so a file stays free of identifying data.
    """

    code: Slug = Field(description="Condition code from the catalog (`rehab conditions`).")
    side: Literal["left", "right"] | None = Field(
        default=None,
        description="The affected side; omitted for both sides or a condition without a side. "
        "A sided condition never flags a prescription on the other side alone.",
    )
    weeks_since_onset: int | None = Field(
        default=None,
        ge=0,
        le=520,
        description="Whole weeks since surgery, injury or onset (for pregnancy: the gestational "
        "week) at the start of phase 1, 0..520. Omitted: every time-limited rule applies to "
        "every phase.",
    )

    @model_serializer(mode="wrap")
    def _bare_when_plain(self, handler: Any) -> Any:
        if self.side is None and self.weeks_since_onset is None:
            return self.code
        return handler(self)


def condition_label(entry: ConditionEntry) -> str:
    """A condition as a clinician reads it: 'achilles-repair (right, 3 weeks since onset)'."""
    scope: list[str] = [entry.side] if entry.side else []
    if entry.weeks_since_onset is not None:
        scope.append(f"{entry.weeks_since_onset} weeks since onset")
    return f"{entry.code} ({', '.join(scope)})" if scope else entry.code


def _entry(value: object) -> object:
    """A bare code is the plain form of a condition entry."""
    return {"code": value} if isinstance(value, str) else value


class Acknowledgement(StrictModel):
    """A clinician's documented decision to prescribe an exercise despite a contraindication
    or to answer a precaution, for the phases it lists (version 1: every phase)."""

    condition: Slug = Field(description="The condition code whose finding is answered.")
    exercise: Slug = Field(description="The exercise id the decision applies to.")
    phases: list[int] | None = Field(
        default=None,
        max_length=52,
        description="1-based phases it covers (required in schema version 2). The same "
        "exercise in another phase is flagged again.",
    )
    reason: Reason = Field(description="Why the exercise is appropriate; must not be empty.")
    by: Line = Field(description="The clinician who made the decision.")
    on: date = Field(description="The date of the decision.")


class Protocol(StrictModel):
    """An exercise protocol: one file, one patient pathway, no patient-identifying data."""

    schema_version: Literal[1, 2] = Field(
        description="File format version: 2 (1 is still read with its meaning)."
    )
    id: Slug = Field(description="Protocol id; also the file name, protocols/<id>.toml.")
    title: Line = Field(description="Title printed at the top of the handout.")
    summary: LongText | None = Field(default=None, description="One or two sentences of purpose.")
    clinician: Line = Field(description="The responsible clinician.")
    clinic: Line | None = Field(default=None, description="Clinic name for the handout header.")
    created: date = Field(description="Date the protocol was written.")
    starts: date | None = Field(
        default=None, description="First day of phase 1 (version 2; default: `created`)."
    )
    review_on: date | None = Field(
        default=None, description="Planned review date; must not be before `created`."
    )
    pain_limit: int | None = Field(
        default=None,
        ge=0,
        le=10,
        description="Highest acceptable pain during exercise, 0..10 (version 2; default: the "
        "strictest condition's limit, else 3).",
    )
    conditions: list[ConditionEntry] = Field(
        max_length=50,
        description="The patient's conditions: a code from the catalog (`rehab conditions`), or "
        "in version 2 a table { code, side, weeks_since_onset }; may be empty.",
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

    @field_validator("conditions", mode="before")
    @classmethod
    def _bare_codes(cls, value: object) -> object:
        return [_entry(item) for item in value] if isinstance(value, list) else value

    @field_validator("conditions")
    @classmethod
    def _conditions_once(cls, entries: list[ConditionEntry]) -> list[ConditionEntry]:
        seen: set[str] = set()
        for entry in entries:
            if entry.code in seen:
                raise ValueError(f"condition '{entry.code}' is listed twice")
            seen.add(entry.code)
        return entries

    @property
    def condition_codes(self) -> list[str]:
        """The condition codes in file order."""
        return [entry.code for entry in self.conditions]

    @property
    def first_day(self) -> date:
        """The first day of phase 1."""
        return self.starts or self.created
