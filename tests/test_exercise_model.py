"""Exercise model v2 (CONTRACT 6.7): patient name, modes, mode steps, new categories."""

from __future__ import annotations

import argparse
import copy
from typing import Any

import pytest

from rehab.cli.main import build_parser
from rehab.domain.exercise import CATEGORIES, MODES, Exercise
from rehab.domain.exercise_sheet import exercise_sheet
from rehab.domain.validation import validate_model

BASE: dict[str, Any] = {
    "id": "clinic-heel-drop",
    "name": "Clinic heel drop",
    "summary": "A step heel raise.",
    "category": "strength",
    "dosing": "reps",
    "laterality": "unilateral",
    "position": "standing",
    "partner": False,
    "muscles": ["calf"],
    "knee_angle": "straight",
    "components": ["loaded-plantarflexion"],
    "instructions": ["Stand on the step.", "Rise up.", "Lower down slowly."],
    "stop_if": ["Sharp pain."],
    "source": "Alfredson 1998",
    "defaults": {"sets": 3, "reps": 15, "frequency": "daily", "times_per_day": 2},
    "ranges": {
        "sets": {"min": 1, "max": 3},
        "reps": {"min": 5, "max": 15},
        "times_per_day": {"min": 1, "max": 2},
        "daily_max": 90,
    },
}


def _entry(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return data


def _errors(data: dict[str, Any]) -> list[str]:
    _, findings = validate_model(Exercise, data)
    return [f"{f.field}: {f.message}" for f in findings]


def test_v1_entry_still_valid_with_the_new_defaults() -> None:
    exercise, findings = validate_model(Exercise, _entry())
    assert findings == [] and exercise is not None
    assert exercise.modes == [] and exercise.mode_instructions == {}
    assert exercise.handout_name == "Clinic heel drop"  # no patient_name: the clinician's name
    assert exercise.steps_for("eccentric") == exercise.instructions


def test_patient_name_is_what_the_handout_titles() -> None:
    exercise, _ = validate_model(Exercise, _entry(patient_name="Heel drop on a step"))
    assert exercise is not None and exercise.handout_name == "Heel drop on a step"
    assert exercise.name == "Clinic heel drop"


def test_mode_steps_replace_the_standard_steps_only_under_their_mode() -> None:
    steps = ["Rise on both feet.", "Lift your free foot.", "Lower slowly on the working foot."]
    exercise, findings = validate_model(
        Exercise, _entry(modes=["eccentric"], mode_instructions={"eccentric": steps})
    )
    assert findings == [] and exercise is not None
    assert exercise.steps_for("eccentric") == steps
    assert exercise.steps_for(None) == exercise.steps_for("standard") == BASE["instructions"]
    sheet = dict(exercise_sheet(exercise).sections)
    assert sheet["Instructions, eccentric mode"][0] == "1. Rise on both feet."
    assert dict(exercise_sheet(exercise).facts)["Modes"] == "standard, eccentric"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"modes": ["concentric"]}, "modes[0]"),
        ({"modes": ["eccentric", "eccentric"]}, "modes lists a mode twice"),
        ({"mode_instructions": {"eccentric": ["Lower slowly."]}}, "modes does not allow"),
        ({"modes": ["eccentric"], "mode_instructions": {"eccentric": []}}, "at least one step"),
        ({"modes": ["isometric"]}, "needs ranges.hold_seconds"),
        ({"category": "cardio"}, "category"),
        ({"position": "upside-down"}, "position"),
    ],
)
def test_bad_mode_and_vocabulary_are_refused(changes: dict[str, Any], message: str) -> None:
    assert any(message in error for error in _errors(_entry(**changes)))


def test_isometric_mode_with_a_hold_range_is_valid() -> None:
    ranges = {**BASE["ranges"], "hold_seconds": {"min": 15, "max": 60}}
    assert _errors(_entry(modes=["isometric"], ranges=ranges)) == []


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_category_is_accepted(category: str) -> None:
    assert _errors(_entry(category=category)) == []


def test_an_exercise_without_components_is_valid() -> None:
    """A clam or ankle circles share no component with any rule; only 'all' matches them."""
    assert _errors(_entry(components=[])) == []


def test_cli_choices_follow_the_model() -> None:
    """The CLI lists categories and modes by hand (it must not import the models to start)."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    library = sub.choices["library"]
    options = {a.dest: a for a in library._actions}
    assert tuple(options["category"].choices) == CATEGORIES
    assert tuple(options["mode"].choices) == MODES
