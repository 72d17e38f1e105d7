"""Phase goals and move-on criteria: plain text, or a measure with a target (schema v2).

    goals = [
      "Walk to the shop without pain",
      { measure = "heel-raise-count", target = 25, side = "right" },
    ]

A bare string stays a bare string on save, as a bare condition code does, so version 1 files
and text-only goals keep their bytes. A table names a built-in measure (rehab.domain.measures):
the model refuses an unknown measure, a target outside the measure's range and a side on a
measure that has none, each at its own key, so `rehab check` gives file, line and field.

The handout and the log call `goal_sentence` and `phase_measures`; the app edits a measurable
goal as one line (`goal_line` / `parse_goal_line`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, Union

from pydantic import Discriminator, Field, Tag, ValidationInfo, field_validator

from rehab.domain.base import StrictModel
from rehab.domain.measures import (
    MEASURE_IDS,
    Measure,
    MeasureSide,
    format_target,
    get_measure,
    unknown_measure_message,
)
from rehab.domain.text import ListItem, Slug

if TYPE_CHECKING:
    from rehab.domain.protocol import Phase, Protocol


class MeasureGoal(StrictModel):
    """A goal or move-on criterion that names a measure and the value to reach."""

    measure: Slug = Field(
        description=f"Id of a built-in measure: {', '.join(MEASURE_IDS)}.",
        json_schema_extra={"enum": list(MEASURE_IDS)},
    )
    target: int | float = Field(
        description="The value to reach: at least this for a measure where more is better "
        "(rises, cm, seconds, stands), at most this for pain. Within the measure's range; "
        "whole numbers for counts and scores.",
    )
    side: MeasureSide | None = Field(
        default=None,
        description="'left' or 'right' for a per-side measure (knee-to-wall, heel-raise-count, "
        "one-leg-stance); omitted: each side. Not allowed on pain or chair-stand-30s.",
    )
    text: ListItem | None = Field(
        default=None,
        description="Optional wording for the handout instead of the generated sentence.",
    )

    @field_validator("measure")
    @classmethod
    def _known(cls, value: str) -> str:
        if get_measure(value) is None:
            raise ValueError(unknown_measure_message(value))
        return value

    @field_validator("target", mode="before")
    @classmethod
    def _a_number(cls, value: object) -> object:
        # One clear message instead of one per member of the int | float union.
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            from rehab.domain.validation import describe_value  # it imports this module

            raise ValueError(f"expected a number, got {describe_value(value)}")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("must be a finite number (nan and inf are not allowed)")
        return value

    @field_validator("target")
    @classmethod
    def _in_range(cls, value: float, info: ValidationInfo) -> float:
        measure = get_measure(str(info.data.get("measure", "")))
        problem = measure.target_problem(value) if measure else None
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("side", mode="before")
    @classmethod
    def _not_both(cls, value: object) -> object:
        if value == "both":
            raise ValueError("leave 'side' out for a goal on each side ('both' is not a side)")
        return value

    @field_validator("side")
    @classmethod
    def _sided(cls, value: str | None, info: ValidationInfo) -> str | None:
        measure = get_measure(str(info.data.get("measure", "")))
        if value is not None and measure is not None and not measure.per_side:
            raise ValueError(f"'{measure.id}' is not measured per side: remove 'side'")
        return value

    @property
    def definition(self) -> Measure:
        """The measure this goal names (always known: the model refuses unknown ids)."""
        measure = get_measure(self.measure)
        assert measure is not None  # validated
        return measure


TEXT_TAG = "goal-text"
MEASURE_TAG = "goal-measure"
UNION_TAGS = frozenset({TEXT_TAG, MEASURE_TAG})
"""Tags pydantic puts into an error's path; the error messages leave them out."""


def _kind(value: Any) -> str:
    return MEASURE_TAG if isinstance(value, (dict, MeasureGoal)) else TEXT_TAG


Goal = Annotated[
    Union[Annotated[ListItem, Tag(TEXT_TAG)], Annotated[MeasureGoal, Tag(MEASURE_TAG)]],  # noqa: UP007
    Discriminator(_kind),
]
"""A goal: plain text, or a table with a measure and a target."""


def goal_sentence(goal: str | MeasureGoal) -> str:
    """The goal in the patient's words: the text itself, the goal's own `text`, or the
    measure's sentence ("Rise on your right foot 25 times")."""
    if isinstance(goal, str):
        return goal
    if goal.text:
        return goal.text
    return goal.definition.goal_sentence(goal.target, goal.side)


def goal_sentences(goals: Iterable[str | MeasureGoal]) -> list[str]:
    """`goal_sentence` of each goal, in order: the handout's bullet list."""
    return [goal_sentence(goal) for goal in goals]


def goal_label(goal: str | MeasureGoal) -> str:
    """The goal as a clinician reads it in the app and the diff: the text, or
    'heel-raise-count right >= 25 rises'."""
    if isinstance(goal, str):
        return goal
    return goal.definition.label(goal.target, goal.side)


def goal_line(goal: str | MeasureGoal) -> str:
    """One editable line for the app: the text, or the label with the wording after ' | '."""
    if isinstance(goal, str):
        return goal
    label = goal_label(goal)
    return f"{label} | {goal.text}" if goal.text else label


_LINE = re.compile(
    r"^(?P<id>[a-z0-9-]+)(?:\s+(?P<side>left|right|each side))?\s*(?P<sign>>=|<=)?\s*"
    r"(?P<target>\d+(?:\.\d+)?)(?P<unit>[^|]*?)\s*(?:\|\s*(?P<text>.*\S))?\s*$"
)


def parse_goal_line(line: str) -> str | dict[str, Any]:
    """A line written as `goal_line` writes it becomes a measure goal's data (for the model
    to validate): 'heel-raise-count right >= 25' and 'pain 2' work too. Any other line,
    one with the wrong unit or direction ('pain >= 2') among them, is a text goal."""
    match = _LINE.match(line.strip())
    measure = get_measure(match.group("id")) if match else None
    if match is None or measure is None:
        return line
    unit = match.group("unit").strip()
    sign = match.group("sign")
    if (unit and unit != measure.unit) or (sign and sign != measure.sign):
        return line
    number = match.group("target")
    data: dict[str, Any] = {
        "measure": measure.id,
        "target": float(number) if "." in number else int(number),
    }
    side = match.group("side")
    if side in ("left", "right"):
        data["side"] = side
    if match.group("text"):
        data["text"] = match.group("text")
    return data


def measure_goals(goals: Iterable[str | MeasureGoal]) -> list[MeasureGoal]:
    """The measurable ones among goals or criteria, in order."""
    return [g for g in goals if isinstance(g, MeasureGoal)]


def _boxes(goals: Iterable[str | MeasureGoal]) -> list[tuple[Measure, MeasureSide | None]]:
    out: list[tuple[Measure, MeasureSide | None]] = []
    for goal in measure_goals(goals):
        measure = goal.definition
        sides: Sequence[MeasureSide | None]
        if not measure.per_side:
            sides = (None,)
        elif goal.side is None:
            sides = ("left", "right")
        else:
            sides = (goal.side,)
        for side in sides:
            if (measure, side) not in out:
                out.append((measure, side))
    return out


def phase_measures(phase: Phase) -> list[tuple[Measure, MeasureSide | None]]:
    """What the log's weekly box asks for in this phase: each measure its goals and move-on
    criteria name, once per side ('left' and 'right' for a per-side goal without a side; None
    for an unsided measure), in the order they first appear."""
    return _boxes([*phase.goals, *phase.advance_when])


def protocol_measures(protocol: Protocol) -> list[tuple[Measure, MeasureSide | None]]:
    """`phase_measures` over every phase, each (measure, side) once."""
    return _boxes(g for phase in protocol.phases for g in (*phase.goals, *phase.advance_when))


def measures_to_teach(protocol: Protocol) -> list[Measure]:
    """The self-measurable measures the protocol's goals name, each once, in order: the ones
    whose `how_to` the handout prints (the others are taken at the clinic)."""
    out: list[Measure] = []
    for measure, _ in protocol_measures(protocol):
        if measure.self_measurable and measure not in out:
            out.append(measure)
    return out


def target_text(goal: MeasureGoal) -> str:
    """'at least 25 rises' / 'at most 2 out of 10': the target with its direction."""
    measure = goal.definition
    word = "at least" if measure.higher_is_better else "at most"
    return f"{word} {format_target(goal.target)} {measure.unit}"


__all__ = [
    "MEASURE_TAG",
    "TEXT_TAG",
    "UNION_TAGS",
    "Goal",
    "MeasureGoal",
    "goal_label",
    "goal_line",
    "goal_sentence",
    "goal_sentences",
    "measure_goals",
    "measures_to_teach",
    "parse_goal_line",
    "phase_measures",
    "protocol_measures",
    "target_text",
]
