"""A schedule step typed into the dose form: which keys it may change, why a week or a value
is refused, where the form puts a step that no longer fits, and the warnings of its week."""

from __future__ import annotations

import pytest

from rehab.check import Context
from rehab.domain.dosage_input import read_dosage_form
from rehab.domain.exercise import Exercise
from rehab.domain.protocol import SCHEDULE_KEYS, Prescription, ScheduleStep
from rehab.domain.schedule_input import (
    read_step_form,
    schedule_warnings,
    step_keys_for,
    step_summary,
    step_values,
    with_step,
)

CALF = "single-leg-calf-raise"  # reps; modes eccentric and isometric; reps 5-25
STRETCH = "standing-soleus-stretch"  # a hold; no modes


def _entry(context: Context, exercise_id: str) -> Exercise:
    entry = context.library.get(exercise_id)
    assert entry is not None
    return entry


def test_a_step_offers_only_what_the_dosing_and_mode_can_change(context: Context) -> None:
    calf, stretch = _entry(context, CALF), _entry(context, STRETCH)
    assert "tempo" in step_keys_for(calf, None) and "hold_seconds" not in step_keys_for(calf, None)
    assert "tempo" in step_keys_for(calf, "eccentric")
    held = step_keys_for(calf, "isometric")
    assert "hold_seconds" in held and "tempo" not in held
    assert "reps" not in step_keys_for(stretch, None) and "tempo" not in step_keys_for(
        stretch, None
    )
    for keys in (step_keys_for(calf, None), step_keys_for(stretch, None)):
        assert set(keys) <= set(SCHEDULE_KEYS)  # never side or mode: those stay the phase's


@pytest.mark.parametrize(
    ("week", "weeks", "taken", "message"),
    [
        ("", 4, (), "is needed"),
        ("1", 4, (), "must be 2 or later"),
        ("5", 4, (), "must be between 2 and 4: the phase has 4 weeks"),
        ("3", 4, (3,), "3 already has a step"),
        ("2", 1, (), "the phase has 1 week"),
        ("3.5", 4, (), "must be a whole number"),
    ],
)
def test_a_week_outside_the_phase_or_taken_is_refused_at_from_week(
    context: Context, week: str, weeks: int, taken: tuple[int, ...], message: str
) -> None:
    form = read_step_form(
        _entry(context, CALF), None, {"from_week": week, "reps": "20"}, weeks, taken
    )
    assert form.step is None
    assert message in form.errors["from_week"]
    assert set(form.errors) == {"from_week"}


def test_each_value_is_refused_at_its_field_even_while_the_week_is_wrong(context: Context) -> None:
    calf = _entry(context, CALF)
    texts = {"from_week": "9", "reps": "200", "load_kg": "2,5", "tempo": "fast"}
    form = read_step_form(calf, None, texts, 4)
    assert set(form.errors) == {"from_week", "reps", "load_kg", "tempo"}
    # A key the dosing cannot change is refused, not dropped: the stretch has no reps.
    refused = read_step_form(_entry(context, STRETCH), None, {"from_week": "2", "reps": "5"}, 4)
    assert "reps" in refused.errors


def test_a_step_that_changes_nothing_says_so(context: Context) -> None:
    form = read_step_form(_entry(context, CALF), None, {"from_week": "2", "reps": " "}, 4)
    assert form.step is None and "at least one value" in form.errors[""]


def test_a_valid_step_round_trips_through_its_form(context: Context) -> None:
    calf = _entry(context, CALF)
    form = read_step_form(calf, None, {"from_week": "3", "reps": "20", "load_kg": "2.5"}, 4)
    assert form.errors == {} and form.step is not None
    assert form.step == ScheduleStep(from_week=3, reps=20, load_kg=2.5)
    assert step_summary(form.step) == "From week 3: reps 20, added load 2.5 kg"
    again = step_values(form.step)
    assert (again["from_week"], again["reps"], again["load_kg"], again["sets"]) == (
        "3",
        "20",
        "2.5",
        "",
    )
    assert read_step_form(calf, None, again, 4).step == form.step


def test_steps_are_kept_in_week_order_when_added_or_moved() -> None:
    two, four = ScheduleStep(from_week=2, reps=15), ScheduleStep(from_week=4, reps=25)
    three = ScheduleStep(from_week=3, reps=20)
    assert with_step([two, four], three) == [two, three, four]
    moved = ScheduleStep(from_week=5, reps=15)
    assert with_step([two, four], moved, replacing=0) == [four, moved]


def test_the_dose_form_refuses_a_step_that_no_longer_fits_under_schedule(context: Context) -> None:
    calf = _entry(context, CALF)
    tempo_step = [ScheduleStep(from_week=3, tempo="3-0-3")]
    held = read_dosage_form(
        calf, {"mode": "isometric", "hold_seconds": "30"}, schedule=tempo_step, weeks=4
    )
    assert held.prescription is None
    assert held.errors["schedule"].startswith("step from week 3: ")
    assert "tempo does not apply" in held.errors["schedule"]
    late = read_dosage_form(calf, {}, schedule=[ScheduleStep(from_week=6, reps=20)], weeks=4)
    assert "starts after the phase ends" in late.errors["schedule"]
    kept = read_dosage_form(calf, {}, schedule=[ScheduleStep(from_week=3, reps=20)], weeks=4)
    assert kept.prescription is not None and kept.prescription.schedule is not None


def test_a_weeks_warnings_are_the_checks_and_said_once_where_they_start(context: Context) -> None:
    calf = _entry(context, CALF)
    prescription = Prescription.model_validate(
        {
            "exercise": CALF,
            "schedule": [{"from_week": 2, "reps": 40}, {"from_week": 3, "sets": 3}],
        }
    )
    found = schedule_warnings(calf, prescription)
    [(key, message)] = found[0]
    assert key == "reps"
    assert message.startswith("from week 2: reps 40 for single-leg-calf-raise is above")
    # Week 3 still has 40 reps: not said again there; its new daily amount is (3 x 40 > 90).
    assert [key for key, _ in found[1]] == [""]
    assert found[1][0][1].startswith("from week 3: 120 reps per leg per day")
