"""Measurable goals for the handout, the log, the schema and FHIR (issue 18 item 4): the
patient's sentence, one log box per measure and side, measures in plain words."""

from __future__ import annotations

from typing import Any

import pytest

from rehab.check import Context
from rehab.cli.commands.schema import protocol_schema
from rehab.domain.goals import (
    MeasureGoal,
    goal_line,
    goal_sentence,
    measures_to_teach,
    parse_goal_line,
    phase_measures,
    protocol_measures,
)
from rehab.domain.measures import MEASURES, get_measure
from rehab.domain.readability import grade
from rehab.domain.text_lint import broken_rules
from tests.test_goals import _file, _load

# -- for the handout and the log -------------------------------------------------------------


@pytest.mark.parametrize(
    ("goal", "sentence"),
    [
        (
            MeasureGoal(measure="heel-raise-count", target=25, side="right"),
            "Rise on your right foot 25 times",
        ),
        (
            MeasureGoal(measure="heel-raise-count", target=1, side="left"),
            "Rise on your left foot 1 time",
        ),
        (MeasureGoal(measure="heel-raise-count", target=20), "Rise on each foot 20 times"),
        (MeasureGoal(measure="pain", target=2), "Keep your pain at 2 out of 10 or lower"),
        (
            MeasureGoal(measure="knee-to-wall", target=10),
            "Touch the wall with each knee, toes 10 cm from the wall",
        ),
        (
            MeasureGoal(measure="chair-stand-30s", target=12),
            "Stand up from a chair 12 times in 30 seconds",
        ),
        (
            MeasureGoal(measure="one-leg-stance", target=5, side="right"),
            "Stand on your right leg for 5 seconds",
        ),
        ("Walk to the shop", "Walk to the shop"),
    ],
)
def test_goal_sentence_is_the_patients_wording(goal: str | MeasureGoal, sentence: str) -> None:
    assert goal_sentence(goal) == sentence
    assert grade(sentence) <= 7


def test_phase_measures_gives_one_box_per_measure_and_side() -> None:
    advance = '{ measure = "heel-raise-count", target = 30, side = "right" }, '
    advance += '{ measure = "knee-to-wall", target = 10 }, { measure = "pain", target = 2 }'
    protocol = _load(_file(advance=advance)).protocol
    assert protocol is not None
    boxes = [(m.id, side) for m, side in phase_measures(protocol.phases[0])]
    assert boxes == [
        ("heel-raise-count", "right"),
        ("knee-to-wall", "left"),
        ("knee-to-wall", "right"),
        ("pain", None),
    ]
    assert [(m.id, s) for m, s in protocol_measures(protocol)] == boxes
    assert [m.id for m in measures_to_teach(protocol)] == [
        "heel-raise-count",
        "knee-to-wall",
        "pain",
    ]


def test_a_measure_taken_at_the_clinic_is_not_taught() -> None:
    protocol = _load(_file('{ measure = "one-leg-stance", target = 5 }')).protocol
    assert protocol is not None
    assert [m.id for m, _ in phase_measures(protocol.phases[0])] == ["one-leg-stance"] * 2
    assert measures_to_teach(protocol) == []


def test_a_goal_line_reads_back_as_the_same_goal() -> None:
    goals = [
        MeasureGoal(measure=m.id, target=m.high, side="left" if m.per_side else None)
        for m in MEASURES
    ]
    goals.append(MeasureGoal(measure="knee-to-wall", target=9.5, text="Knee | to the wall"))
    for goal in goals:
        assert MeasureGoal.model_validate(parse_goal_line(goal_line(goal))) == goal
    assert parse_goal_line("heel-raise-count right >= 25") == {
        "measure": "heel-raise-count",
        "target": 25,
        "side": "right",
    }
    assert parse_goal_line("pain 2") == {"measure": "pain", "target": 2}
    for text in (
        "Walk 25 minutes",
        "pain 3 when walking",
        "Knee-to-wall 10 cm each side",
        "pain >= 2",
        "knee-to-wall <= 10 cm",
    ):
        assert parse_goal_line(text) == text


# -- the measures themselves -----------------------------------------------------------------

_DOSE_RULES = {"number", "count", "time", "dose-form"}
"""A measure is a count or a time: the lint's dose rules cannot apply to its steps."""


@pytest.mark.parametrize("measure", MEASURES, ids=lambda m: m.id)
def test_each_measure_is_complete_plain_and_sourced(measure: Any) -> None:
    assert get_measure(measure.id) is measure
    assert 2 <= len(measure.how_to) <= 4
    for text in (measure.patient_name, *measure.how_to):
        rules = [name for name, _ in broken_rules(text) if name not in _DOSE_RULES]
        assert rules == [], (text, rules)
        assert grade(text) <= 7, (text, grade(text))
    assert measure.low < measure.high
    assert measure.source.strip()
    assert measure.proposed or "proposed" not in measure.source


def test_the_json_schema_describes_measurable_goals() -> None:
    schema = protocol_schema()
    goal = schema["$defs"]["MeasureGoal"]
    assert goal["required"] == ["measure", "target"]
    assert goal["properties"]["measure"]["enum"] == [m.id for m in MEASURES]
    rules = {r["if"]["properties"]["measure"]["const"]: r["then"] for r in goal["allOf"]}
    assert rules["pain"]["properties"]["target"] == {"minimum": 0, "maximum": 10, "type": "integer"}
    assert rules["pain"]["not"] == {"required": ["side"]}
    assert "not" not in rules["heel-raise-count"]
    phases = schema["$defs"]["Phase"]["properties"]
    assert {"$ref": "#/$defs/MeasureGoal"} in phases["goals"]["items"]["oneOf"]
    v1 = next(r for r in schema["allOf"] if r["if"]["properties"]["schema_version"]["const"] == 1)
    v1_phase = v1["then"]["properties"]["phases"]["items"]["properties"]
    assert v1_phase["goals"] == {"items": {"type": "string"}}


def test_the_fhir_plan_keeps_the_measure_and_target_of_a_goal(context: Context) -> None:
    from rehab.domain.plan import plan_protocol
    from rehab.fhir.bundle import build_bundle

    protocol = _load(_file(advance='{ measure = "pain", target = 2 }')).protocol
    assert protocol is not None
    protocol = protocol.model_copy(
        update={"phases": [protocol.phases[0].model_copy(update={"exercises": []})]}
    )
    bundle = build_bundle(
        plan_protocol(protocol, context.library, context.catalog), context.catalog
    )
    plan = next(
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "PlanDefinition"
    )
    goals = {g["id"]: g for g in plan["goal"]}
    heel = goals["phase-1-goal-2"]
    assert heel["description"]["text"] == "Rise on your right foot 25 times"
    assert heel["target"] == [
        {
            "measure": {"text": "Single-leg heel-raise count (right)"},
            "detailRange": {"low": {"value": 25, "unit": "rises"}},
        }
    ]
    assert goals["phase-1-advance-1"]["target"][0]["detailRange"] == {
        "high": {"value": 2, "unit": "out of 10"}
    }
    assert goals["phase-1-goal-1"]["description"]["text"] == "Walk to the shop without pain"
