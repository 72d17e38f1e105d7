"""Library v2 (issue 18 item 2): coverage, honest doses, a ladder without holes or cycles."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest

from rehab.check import Context
from rehab.domain.exercise import CATEGORIES, MODES, Exercise
from rehab.domain.text_lint import MAX_STEPS, MAX_TIPS
from tests.conftest import ROOT, Result

Cli = Callable[..., Result]
BUILTIN = sorted(p.stem for p in (ROOT / "rehab" / "data" / "exercises").glob("*.toml"))

# The clinical reference's ranked coverage list (version 2), in order, as library ids.
COVERAGE = [
    "sit-to-stand", "mini-squat", "wall-sit", "split-squat",
    "quadriceps-set", "straight-leg-raise",
    "side-lying-hip-abduction", "clam", "lateral-band-walk",
    "single-leg-balance", "single-leg-balance-cushion",
    "step-up", "lateral-step-down",
    "double-leg-bridge", "single-leg-bridge", "long-lever-bridge",
    "eccentric-heel-drop", "eccentric-heel-drop-bent-knee",
    "seated-soleus-raise",
    "isometric-calf-hold", "spanish-squat",
    "heel-slide", "prone-knee-hang",
    "ankle-pump", "ankle-circle",
    "banded-ankle-dorsiflexion", "banded-ankle-plantarflexion",
    "banded-ankle-inversion", "banded-ankle-eversion",
    "nordic-hamstring-curl",
    "askling-extender", "askling-diver", "askling-glider",
    "romanian-deadlift", "single-leg-romanian-deadlift",
    "seated-hamstring-stretch", "strap-hamstring-stretch",
    "long-sitting-towel-calf-stretch",
    "knee-to-wall-lunge",
    "slump-nerve-slider", "slr-nerve-slider",
    "pogo-hop",
    "tibialis-anterior-raise",
    "single-leg-floor-heel-raise",
    "tandem-stance", "tandem-walk",
    "plantar-fascia-stretch",
    "towel-heel-raise",
]  # fmt: skip
ORIGINAL = 13


def _all(context: Context) -> list[Exercise]:
    return list(context.library.exercises())


def test_the_coverage_list_is_in_the_library(context: Context) -> None:
    missing = [exercise_id for exercise_id in COVERAGE if exercise_id not in context.library]
    assert missing == []
    assert len(context.library) >= ORIGINAL + 45


@pytest.mark.parametrize("exercise_id", BUILTIN)
def test_defaults_lie_inside_their_ranges(context: Context, exercise_id: str) -> None:
    e = context.library.get(exercise_id)
    assert e is not None
    d, r = e.defaults, e.ranges
    assert d.sets in r.sets and d.times_per_day in r.times_per_day
    amount = d.hold_seconds if e.dosing == "hold" else d.reps
    allowed = r.hold_seconds if e.dosing == "hold" else r.reps
    assert amount is not None and allowed is not None and amount in allowed
    assert amount * d.sets * d.times_per_day <= r.daily_max


@pytest.mark.parametrize("exercise_id", BUILTIN)
def test_every_entry_is_complete_and_sourced(context: Context, exercise_id: str) -> None:
    e = context.library.get(exercise_id)
    assert e is not None
    assert e.patient_name
    assert e.instructions and e.mistakes and e.stop_if and e.tips
    assert len(e.instructions) <= MAX_STEPS and len(e.tips) <= MAX_TIPS
    for steps in e.mode_instructions.values():
        assert len(steps) <= MAX_STEPS
    # A named paper, guideline or seed document, never "published protocols" or "consensus".
    assert re.search(r"\b(19|20)\d\d\b|seed \d{3}_", e.source), e.source
    assert not re.search(r"published protocols|consensus|literature", e.source, re.I)
    # Short steps: a card line, not a paragraph.
    for step in [*e.instructions, *(s for v in e.mode_instructions.values() for s in v)]:
        assert len(step.split()) <= 20, (exercise_id, step)


def test_the_ladder_links_exist_and_have_no_cycle(context: Context) -> None:
    exercises = {e.id: e for e in _all(context)}
    harder: dict[str, set[str]] = {exercise_id: set() for exercise_id in exercises}
    for e in exercises.values():
        for target in e.progressions:
            assert target in exercises, (e.id, target)
            harder[e.id].add(target)
        for target in e.regressions:
            assert target in exercises, (e.id, target)
            harder[target].add(e.id)
    # Depth-first search for a cycle in "is easier than".
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(harder[node]):
            assert state.get(nxt) != 1, f"cycle: {' -> '.join([*path, node, nxt])}"
            if nxt not in state:
                visit(nxt, [*path, node])
        state[node] = 2

    for node in sorted(exercises):
        if node not in state:
            visit(node, [])


def test_progressions_and_regressions_mirror_each_other(context: Context) -> None:
    exercises = {e.id: e for e in _all(context)}
    for e in exercises.values():
        for target in e.progressions:
            assert e.id in exercises[target].regressions, (e.id, "->", target)
        for target in e.regressions:
            assert e.id in exercises[target].progressions, (e.id, "<-", target)


def test_reference_v2_component_corrections(context: Context) -> None:
    def components(exercise_id: str) -> set[str]:
        e = context.library.get(exercise_id)
        assert e is not None
        return set(e.components)

    straight_leg_raise = {"neural-tension", "hamstring-lengthening", "hip-flexion-90"}
    assert straight_leg_raise <= components("assisted-lying-gastrocnemius-stretch")
    assert straight_leg_raise <= components("strap-lying-gastrocnemius-stretch")
    assert "passive-dorsiflexion" in components("assisted-lying-hamstring-stretch")
    assert "hamstring-lengthening" in components("donkey-calf-raise")
    assert {"hamstring-loading", "supine-lying"} <= components("double-leg-bridge")
    assert {"hamstring-loading", "eccentric-loading"} <= components("nordic-hamstring-curl")
    assert "weight-bearing-knee-flexion" in components("split-squat")
    assert "weight-bearing-knee-flexion" in components("sit-to-stand")
    assert "impact" in components("pogo-hop")
    assert "prone-lying" in components("prone-knee-hang")


def test_donkey_entry_says_it_is_not_a_home_exercise_and_has_the_corrected_tip(
    context: Context,
) -> None:
    donkey = context.library.get("donkey-calf-raise")
    assert donkey is not None
    assert "not a realistic home exercise" in donkey.summary
    # Riemann 2011: toes out works the inner calf more, toes in the outer.
    assert any("Toes turned out work the inner calf" in tip for tip in donkey.tips)
    assert not any("turned slightly in work the inner" in tip for tip in donkey.tips)


def test_bent_knee_raises_no_longer_claim_to_move_the_work_to_the_soleus(
    context: Context,
) -> None:
    for exercise_id in ("double-leg-bent-knee-calf-raise", "single-leg-bent-knee-calf-raise"):
        e = context.library.get(exercise_id)
        assert e is not None
        assert "Hébert-Losier 2012" in e.summary and "barely" in e.summary
        assert "seated soleus raise" in e.summary


def test_eccentric_step_raises_rise_on_both_feet_and_lower_on_one(context: Context) -> None:
    for exercise_id in ("single-leg-calf-raise", "single-leg-bent-knee-calf-raise"):
        e = context.library.get(exercise_id)
        assert e is not None and "eccentric" in e.modes
        steps = " ".join(e.steps_for("eccentric")).lower()
        assert "both feet" in steps and "lower slowly on the working foot" in steps
        assert e.steps_for("eccentric") != e.steps_for("standard")


def test_calf_and_ankle_pumps_allow_three_by_twenty_three_times_a_day(context: Context) -> None:
    pump = context.library.get("ankle-pump")
    assert pump is not None
    r = pump.ranges
    assert r.reps is not None and 20 in r.reps and 3 in r.sets and 3 in r.times_per_day
    assert r.daily_max >= 3 * 20 * 3


def test_every_category_and_mode_is_used_and_searchable(context: Context) -> None:
    lib = context.library
    for category in CATEGORIES:
        assert lib.search("", category=category), category
    for mode in MODES:
        hits = lib.search("", mode=mode)
        assert hits and all(mode in h.modes for h in hits)
        assert {h.id for h in hits} <= {h.id for h in lib.search(mode)}  # words find modes


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--category", "balance"], {"single-leg-balance", "tandem-stance", "tandem-walk"}),
        (["--category", "plyometric"], {"pogo-hop"}),
        (["--mode", "eccentric"], {"eccentric-heel-drop", "single-leg-calf-raise"}),
        (["--component", "hamstring-loading"], {"nordic-hamstring-curl", "double-leg-bridge"}),
        (["--equipment", "band"], {"clam", "banded-ankle-eversion"}),
        (["--muscle", "gluteus medius"], {"clam", "side-lying-hip-abduction"}),
        (["--component", "prone-lying"], {"prone-knee-hang"}),
    ],
)
def test_library_facets_on_the_command_line(cli: Cli, args: list[str], expected: set[str]) -> None:
    result = cli("library", "--json", *args)
    assert result.code == 0, result.err
    ids = {entry["id"] for entry in json.loads(result.out)}
    assert expected <= ids


def test_unknown_category_or_mode_is_a_usage_error(cli: Cli) -> None:
    assert cli("library", "--category", "cardio").code == 2
    assert cli("library", "--mode", "concentric").code == 2


def test_show_prints_patient_name_modes_and_mode_steps(cli: Cli) -> None:
    result = cli("show", "single-leg-calf-raise")
    assert result.code == 0
    assert "Heel raise on a step, one foot" in result.out
    assert "standard, eccentric, isometric" in result.out
    assert "isometric hold 15-60 s" in result.out
    assert "Instructions, eccentric mode" in result.out
