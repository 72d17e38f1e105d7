"""Edits a clinician makes in the app, as pure functions from one valid protocol to the next.

Every function re-validates the whole result, so an edit that would break a rule (a 53rd phase,
an empty name, a condition listed twice) raises `EditRejected` with the field and the reason,
and the protocol the caller holds stays as it was: nothing invalid ever reaches the model.
Positions are 0-based `(phase, exercise)` indexes, as in `Finding.loc`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from rehab.domain.exercise import Exercise
from rehab.domain.goals import MeasureGoal
from rehab.domain.protocol import (
    SCHEMA_VERSION,
    Acknowledgement,
    ConditionEntry,
    Prescription,
    Protocol,
)
from rehab.domain.upgrade import upgraded
from rehab.domain.validation import validate_model

Position = tuple[int, int]

GoalInput = str | MeasureGoal | dict[str, Any]
"""A goal as the app gives it: text, a measurable goal, or its data (`parse_goal_line`)."""


class EditRejected(ValueError):
    """The edit would make the protocol invalid; the message names the field and the reason."""


def _rebuild(data: dict[str, Any]) -> Protocol:
    protocol, problems = validate_model(Protocol, data)
    if protocol is None:
        raise EditRejected("; ".join(f"{p.field or 'protocol'}: {p.message}" for p in problems))
    return protocol


def _data(protocol: Protocol) -> dict[str, Any]:
    return protocol.model_dump()


def _check_phase(data: dict[str, Any], phase: int) -> list[dict[str, Any]]:
    phases: list[dict[str, Any]] = data["phases"]
    if not 0 <= phase < len(phases):
        raise EditRejected(f"there is no phase {phase + 1}")
    exercises: list[dict[str, Any]] = phases[phase]["exercises"]
    return exercises


def _check_position(data: dict[str, Any], at: Position) -> list[dict[str, Any]]:
    exercises = _check_phase(data, at[0])
    if not 0 <= at[1] < len(exercises):
        raise EditRejected(f"phase {at[0] + 1} has no exercise {at[1] + 1}")
    return exercises


# -- the protocol's own fields ---------------------------------------------------------------


def update_details(protocol: Protocol, **fields: Any) -> Protocol:
    """Change top-level fields (title, clinician, dates, summary...); None removes an optional."""
    unknown = set(fields) - (set(Protocol.model_fields) - {"phases", "acknowledged"})
    if unknown:
        raise EditRejected(f"not a protocol detail: {', '.join(sorted(unknown))}")
    return _rebuild({**_data(protocol), **fields})


def start_protocol(
    base: Protocol | None, protocol_id: str, title: str | None, clinician: str, today: date
) -> Protocol:
    """A new protocol, blank or copied from a template, dated today.

    A template's acknowledgements are dropped: an override is a decision about one patient and
    must be made again by the clinician who prescribes. The review interval is kept.
    """
    if base is None:
        data: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "id": protocol_id,
            "title": title or protocol_id.replace("-", " ").capitalize(),
            "clinician": clinician,
            "created": today,
            "conditions": [],
        }
        return _rebuild(data)
    review_on = today + (base.review_on - base.created) if base.review_on else None
    return _rebuild(
        {
            **_data(base),
            "id": protocol_id,
            "title": title or base.title,
            "clinician": clinician,
            "created": today,
            "review_on": review_on,
            "acknowledged": [],
        }
    )


# -- phases ----------------------------------------------------------------------------------


def add_phase(
    protocol: Protocol,
    name: str,
    weeks: int,
    goals: Iterable[GoalInput] = (),
    advance_when: Iterable[GoalInput] = (),
    at: int | None = None,
) -> tuple[Protocol, int]:
    """Insert a phase (at the end by default); return the protocol and the new phase's index."""
    data = _data(protocol)
    index = len(data["phases"]) if at is None else max(0, min(at, len(data["phases"])))
    phase = {"name": name, "weeks": weeks, "goals": list(goals), "advance_when": list(advance_when)}
    data["phases"].insert(index, phase)
    return _rebuild(data), index


def update_phase(
    protocol: Protocol,
    index: int,
    name: str,
    weeks: int,
    goals: Iterable[GoalInput],
    advance_when: Iterable[GoalInput],
) -> Protocol:
    """Change a phase's name, length, goals and criteria; its exercises stay."""
    data = _data(protocol)
    _check_phase(data, index)
    data["phases"][index].update(
        name=name, weeks=weeks, goals=list(goals), advance_when=list(advance_when)
    )
    return _rebuild(data)


def remove_phase(protocol: Protocol, index: int) -> Protocol:
    """Delete a phase with its exercises."""
    data = _data(protocol)
    _check_phase(data, index)
    del data["phases"][index]
    return _rebuild(data)


def move_phase(protocol: Protocol, index: int, delta: int) -> tuple[Protocol, int]:
    """Move a phase up (-1) or down (+1); at either end it stays where it is."""
    data = _data(protocol)
    _check_phase(data, index)
    target = max(0, min(index + delta, len(data["phases"]) - 1))
    data["phases"].insert(target, data["phases"].pop(index))
    return _rebuild(data), target


# -- prescriptions ---------------------------------------------------------------------------


def add_exercise(
    protocol: Protocol, phase: int, exercise_id: str, at: int | None = None
) -> tuple[Protocol, Position]:
    """Prescribe an exercise in a phase with the library's default dose (nothing set)."""
    data = _data(protocol)
    exercises = _check_phase(data, phase)
    index = len(exercises) if at is None else max(0, min(at, len(exercises)))
    exercises.insert(index, {"exercise": exercise_id})
    return _rebuild(data), (phase, index)


def remove_exercise(protocol: Protocol, at: Position) -> Protocol:
    """Delete one prescription."""
    data = _data(protocol)
    del _check_position(data, at)[at[1]]
    return _rebuild(data)


def move_exercise(protocol: Protocol, at: Position, delta: int) -> tuple[Protocol, Position]:
    """Move a prescription up (-1) or down (+1), crossing into the neighbouring phase at an end.

    Moving the first exercise of phase 2 up puts it last in phase 1, so a clinician can move an
    exercise between phases with the same two keys.
    """
    data = _data(protocol)
    exercises = _check_position(data, at)
    phase, index = at
    target = index + delta
    if 0 <= target < len(exercises):
        exercises.insert(target, exercises.pop(index))
        return _rebuild(data), (phase, target)
    neighbour = phase + (1 if delta > 0 else -1)
    if not 0 <= neighbour < len(data["phases"]):
        return protocol, at
    item = exercises.pop(index)
    into: list[dict[str, Any]] = data["phases"][neighbour]["exercises"]
    position = 0 if delta > 0 else len(into)
    into.insert(position, item)
    return _rebuild(data), (neighbour, position)


def replace_prescription(protocol: Protocol, at: Position, prescription: Prescription) -> Protocol:
    """Put a new prescription (dosage, notes) in place of the one at `at`."""
    data = _data(protocol)
    _check_position(data, at)[at[1]] = prescription.model_dump()
    return _rebuild(data)


def fitting_prescription(prescription: Prescription, exercise: Exercise) -> Prescription:
    """The prescription moved onto `exercise`, keeping only the dosage keys that fit it.

    Sets, rest, load, frequency, sessions and notes carry over; reps and tempo do not carry
    onto a hold, a hold time not onto a reps exercise, and a one-leg side not onto an exercise
    done with both legs together.
    """
    data = prescription.model_dump()
    data["exercise"] = exercise.id
    if exercise.dosing == "hold":
        data["reps"] = data["tempo"] = None
    else:
        data["hold_seconds"] = None
    if exercise.bilateral and data["side"] in ("left", "right"):
        data["side"] = None
    return Prescription.model_validate(data)


def swap_exercise(protocol: Protocol, at: Position, exercise: Exercise) -> Protocol:
    """Replace the exercise at `at` by another (its progression or regression), keeping the dose
    where it fits the new exercise."""
    data = _data(protocol)
    current = Prescription.model_validate(_check_position(data, at)[at[1]])
    return replace_prescription(protocol, at, fitting_prescription(current, exercise))


# -- conditions and acknowledgements ---------------------------------------------------------


def set_conditions(protocol: Protocol, codes: Iterable[str | ConditionEntry]) -> Protocol:
    """Replace the patient's conditions (order kept, as picked); a condition kept keeps its
    side and weeks since onset unless a full entry is given."""
    kept = {entry.code: entry for entry in protocol.conditions}
    entries = [
        code if isinstance(code, ConditionEntry) else kept.get(code) or ConditionEntry(code=code)
        for code in codes
    ]
    return _rebuild({**_data(protocol), "conditions": [e.model_dump() for e in entries]})


def set_condition_scope(
    protocol: Protocol, code: str, side: str | None, weeks_since_onset: int | None
) -> Protocol:
    """Give one of the patient's conditions its side and weeks since onset (None: unset)."""
    data = _data(protocol)
    scoped = {"code": code, "side": side, "weeks_since_onset": weeks_since_onset}
    entry = ConditionEntry.model_validate({k: v for k, v in scoped.items() if v is not None})
    data["conditions"] = [
        entry.model_dump() if e.code == code else e.model_dump() for e in protocol.conditions
    ]
    return _rebuild(data)


def toggle_condition(protocol: Protocol, code: str) -> Protocol:
    """Add a condition the patient does not have yet, or remove one they have."""
    codes = list(protocol.condition_codes)
    if code in codes:
        codes.remove(code)
    else:
        codes.append(code)
    return set_conditions(protocol, codes)


def acknowledge(protocol: Protocol, acknowledgement: Acknowledgement) -> Protocol:
    """Record a decision for its phases; in those phases it replaces an earlier one for the
    same condition and exercise, which keeps its other phases.

    The protocol becomes version 2 (same meaning), where every acknowledgement names its
    phases; one given without phases covers every phase that holds the exercise.
    """
    protocol = upgraded(protocol)
    if acknowledgement.phases is None:
        phases = [
            n
            for n, phase in enumerate(protocol.phases, start=1)
            if any(p.exercise == acknowledgement.exercise for p in phase.exercises)
        ]
        acknowledgement = acknowledgement.model_copy(update={"phases": phases})
    new = set(acknowledgement.phases or [])
    key = (acknowledgement.condition, acknowledgement.exercise)
    kept = []
    for existing in protocol.acknowledged:
        if (existing.condition, existing.exercise) == key:
            rest = [p for p in existing.phases or [] if p not in new]
            if not rest:
                continue
            existing = existing.model_copy(update={"phases": rest})
        kept.append(existing.model_dump(exclude_none=True))
    data = _data(protocol)
    data["acknowledged"] = [*kept, acknowledgement.model_dump(exclude_none=True)]
    return _rebuild(data)


def remove_acknowledgement(protocol: Protocol, condition: str, exercise: str) -> Protocol:
    """Withdraw an override."""
    data = _data(protocol)
    data["acknowledged"] = [
        a for a in data["acknowledged"] if (a["condition"], a["exercise"]) != (condition, exercise)
    ]
    return _rebuild(data)
