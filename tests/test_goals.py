"""Measurable goals (issue 18 item 4): parsed, refused at their key, written back unchanged,
and diffed as clinical values (the output side is in test_goal_output.py)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rehab.check import Context
from rehab.domain.diff import diff_protocols, patient_lines
from rehab.domain.goals import (
    MeasureGoal,
    goal_sentence,
)
from rehab.domain.measures import MEASURES
from rehab.domain.protocol import Protocol
from rehab.domain.upgrade import upgraded
from rehab.storage.protocol_files import dumps_protocol, load_protocol_bytes, save_protocol

HEAD = """schema_version = {version}
id = "goal-test"
title = "Goals"
clinician = "A. Example, PT"
created = 2026-11-20
conditions = []

[[phases]]
name = "Phase 1"
weeks = 4
goals = [
    "Walk to the shop without pain",
    {goal},
]
advance_when = [
    {advance},
]
"""
HEEL = '{ measure = "heel-raise-count", target = 25, side = "right" }'


def _file(goal: str = HEEL, advance: str = '"Pain settled"', version: int = 2) -> bytes:
    return HEAD.format(version=version, goal=goal, advance=advance).encode()


def _load(data: bytes) -> Any:
    return load_protocol_bytes(Path("goal-test.toml"), data)


def _errors(data: bytes) -> list[tuple[str | None, int | None, str]]:
    loaded = _load(data)
    return [(f.field, f.line, f.message) for f in loaded.findings if f.severity.value == "error"]


# -- parse and write -------------------------------------------------------------------------


def test_a_measurable_goal_parses_beside_a_text_goal_and_saves_as_written() -> None:
    data = _file(advance='{ measure = "pain", target = 2 }')
    loaded = _load(data)
    assert loaded.protocol is not None, loaded.findings
    goals = loaded.protocol.phases[0].goals
    assert goals[0] == "Walk to the shop without pain"
    assert goals[1] == MeasureGoal(measure="heel-raise-count", target=25, side="right")
    assert loaded.protocol.phases[0].advance_when == [MeasureGoal(measure="pain", target=2)]
    text = dumps_protocol(loaded.protocol)
    assert '    "Walk to the shop without pain",\n' in text  # a bare string stays bare
    assert f"    {HEEL},\n" in text
    assert text == data.decode()


def test_goals_made_only_of_long_tables_stay_inside_their_phase(tmp_path: Path) -> None:
    """tomli-w writes a list of long tables as `[[goals]]` sections, which after `[[phases]]`
    would read back as a top-level key: the protocol must come back the same."""
    wording = "Rise on your right foot twenty-five times, slowly, with the knee straight " * 2
    goal = f'{{ measure = "heel-raise-count", target = 25, text = "{wording.strip()}" }}'
    data = HEAD.format(version=2, goal=goal, advance=goal).replace(
        '    "Walk to the shop without pain",\n', ""
    )
    protocol = _load(data.encode()).protocol
    assert protocol is not None
    path = save_protocol(protocol, tmp_path / "goal-test.toml")
    again = _load(path.read_bytes())
    assert again.findings == [] and again.protocol == protocol
    assert "[[goals]]" not in path.read_text()


def test_a_decimal_target_and_own_wording_round_trip() -> None:
    goal = '{ measure = "knee-to-wall", target = 9.5, side = "left", text = "Knee to the wall" }'
    protocol = _load(_file(goal)).protocol
    assert protocol is not None
    assert _load(dumps_protocol(protocol).encode()).protocol == protocol
    assert goal_sentence(protocol.phases[0].goals[1]) == "Knee to the wall"


# -- refused, at the key ---------------------------------------------------------------------


def test_a_version_1_file_refuses_the_table_form_at_its_line() -> None:
    errors = _errors(_file(version=1))
    assert len(errors) == 1
    field, line, message = errors[0]
    assert (field, line) == ("phases[0].goals[1]", 13)
    assert "schema_version = 2" in message and "measurable goal" in message


def test_a_version_1_file_refuses_a_table_in_advance_when_too() -> None:
    errors = _errors(_file(goal='"Stairs"', advance='{ measure = "pain", target = 2 }', version=1))
    assert [(f, line) for f, line, _ in errors] == [("phases[0].advance_when[0]", 16)]


def test_an_unknown_measure_is_refused_with_the_nearest_id() -> None:
    errors = _errors(_file('{ measure = "heel-rise-count", target = 25 }'))
    assert errors == [
        (
            "phases[0].goals[1].measure",
            13,
            "unknown measure 'heel-rise-count'; did you mean 'heel-raise-count'?",
        )
    ]


@pytest.mark.parametrize(
    ("goal", "words"),
    [
        ('{ measure = "pain", target = 12 }', "between 0 and 10"),
        ('{ measure = "heel-raise-count", target = 0 }', "between 1 and 100"),
        ('{ measure = "heel-raise-count", target = 12.5 }', "whole numbers"),
        ('{ measure = "knee-to-wall", target = 25.5 }', "between 0 and 20 cm"),
        ('{ measure = "pain", target = "2" }', 'expected a number, got text "2"'),
        ('{ measure = "pain", target = true }', "expected a number"),
        ('{ measure = "pain", target = nan }', "finite"),
    ],
)
def test_a_target_the_measure_cannot_take_is_refused_at_target(goal: str, words: str) -> None:
    errors = _errors(_file(goal))
    assert len(errors) == 1, errors
    field, line, message = errors[0]
    assert (field, line) == ("phases[0].goals[1].target", 13)
    assert words in message


def test_a_side_on_an_unsided_measure_is_refused_at_side() -> None:
    errors = _errors(_file('{ measure = "chair-stand-30s", target = 12, side = "left" }'))
    assert errors == [
        ("phases[0].goals[1].side", 13, "'chair-stand-30s' is not measured per side: remove 'side'")
    ]


def test_a_goal_table_without_target_or_with_a_typo_names_the_key() -> None:
    errors = _errors(_file('{ measure = "pain", targt = 2 }'))
    assert {f for f, _, _ in errors} == {"phases[0].goals[1].target", "phases[0].goals[1].targt"}
    assert any("did you mean 'target'" in m for _, _, m in errors)


def test_a_goal_that_is_neither_text_nor_table_is_refused_plainly() -> None:
    errors = _errors(_file("3"))
    assert errors == [("phases[0].goals[1]", 13, "expected text in quotes, got the whole number 3")]


def test_the_upgrade_keeps_measurable_goals() -> None:
    protocol = _load(_file()).protocol
    assert protocol is not None
    v1 = protocol.model_copy(update={"schema_version": 1})
    assert upgraded(v1).phases == protocol.phases


# -- the clinical diff -----------------------------------------------------------------------


def test_a_target_change_is_a_clinical_change(context: Context) -> None:
    old = _load(_file()).protocol
    new = _load(_file(HEEL.replace("25", "30"))).protocol
    assert old is not None and new is not None
    diff = diff_protocols(old, new, library=context.library)
    assert [(c.kind, c.field, c.old, c.new) for c in diff.changes] == [
        ("phase-changed", "goals.target", 25, 30)
    ]
    assert diff.changes[0].text == "phase 1: goal heel-raise-count right: target 25 -> 30"
    assert patient_lines(diff, new, context.library) == ["Phase 1: goals updated"]


def test_a_measure_goal_added_to_the_move_on_criteria_is_listed(context: Context) -> None:
    old = _load(_file()).protocol
    new = _load(_file(advance='"Pain settled", { measure = "pain", target = 2 }')).protocol
    assert old is not None and new is not None
    changes = diff_protocols(old, new).changes
    assert [c.text for c in changes] == ["phase 1: move-on criterion added: pain <= 2 out of 10"]
    assert patient_lines(diff_protocols(old, new), new, context.library) == [
        "Phase 1: when to move on updated"
    ]


def test_same_goals_give_no_change_and_text_goals_diff_as_before() -> None:
    old = _load(_file()).protocol
    assert old is not None
    assert diff_protocols(old, old).equal
    new = _load(_file(advance='"Pain settled by morning"')).protocol
    assert new is not None
    assert [c.text for c in diff_protocols(old, new).changes] == [
        "phase 1: advance when [Pain settled] -> [Pain settled by morning]"
    ]


# -- property: any valid v2 goal list round-trips --------------------------------------------

_TEXT = st.text(
    st.characters(
        blacklist_categories=("Cc", "Cs"),
        blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    ),
    min_size=1,
    max_size=150,
).filter(lambda t: t.strip() != "")


@st.composite
def _measure_goals(draw: st.DrawFn) -> dict[str, Any]:
    measure = draw(st.sampled_from(MEASURES))
    if measure.whole:
        target: float = draw(st.integers(int(measure.low), int(measure.high)))
    else:
        target = draw(st.sampled_from([measure.low, 0.5, 9.5, 10, 12.25, measure.high]))
    data: dict[str, Any] = {"measure": measure.id, "target": target}
    if measure.per_side and draw(st.booleans()):
        data["side"] = draw(st.sampled_from(["left", "right"]))
    if draw(st.booleans()):
        data["text"] = draw(_TEXT)
    return data


def _once(goal: Any) -> tuple[str, str | None]:
    """A list holds each measure and side once (texts too, here: harmless)."""
    return (goal["measure"], goal.get("side")) if isinstance(goal, dict) else ("", goal)


_GOALS = st.lists(st.one_of(_TEXT, _measure_goals()), max_size=4, unique_by=_once)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_GOALS, _GOALS), min_size=1, max_size=3))
def test_any_valid_goal_lists_round_trip_through_save_and_load(
    phases: list[tuple[list[Any], list[Any]]],
) -> None:
    protocol = Protocol.model_validate(
        {
            "schema_version": 2,
            "id": "goal-test",
            "title": "Goals",
            "clinician": "A. Example, PT",
            "created": date(2026, 11, 20),
            "conditions": [],
            "phases": [
                {"name": f"Phase {i}", "weeks": 2, "goals": goals, "advance_when": advance}
                for i, (goals, advance) in enumerate(phases, 1)
            ],
        }
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = save_protocol(protocol, Path(tmp) / "goal-test.toml")
        loaded = load_protocol_bytes(path, path.read_bytes())
        assert loaded.findings == [] and loaded.protocol == protocol
        assert dumps_protocol(protocol) == path.read_text("utf-8")


def test_both_is_not_a_side_and_a_measure_is_listed_once_a_list() -> None:
    errors = _errors(_file('{ measure = "heel-raise-count", target = 25, side = "both" }'))
    assert errors == [
        (
            "phases[0].goals[1].side",
            13,
            "leave 'side' out for a goal on each side ('both' is not a side)",
        )
    ]
    twice = f"{HEEL}, {HEEL.replace('25', '30')}"
    assert _errors(_file(twice)) == [
        ("phases[0].goals", 11, "measure 'heel-raise-count' (right) is listed twice")
    ]
    # The same measure as a goal and as a criterion to move on is fine.
    assert _errors(_file(advance=HEEL.replace("25", "30"))) == []
