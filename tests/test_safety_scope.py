"""The engine's scope rules on a small catalog written here, so each test reads on its own:
side, time windows, phases, scoped acknowledgements, referral and the plan's structure checks.

The golden corpus (tests/fixtures/scenarios*) checks the same rules against the real catalog.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from rehab.check import Context, review
from rehab.domain.conditions import Catalog
from rehab.domain.library import Library
from rehab.domain.protocol import Protocol
from rehab.storage.library_files import load_library

FLAGS = [
    {
        "id": "general",
        "text": "Chest pain.",
        "action": "Call an ambulance.",
        "urgency": "emergency",
        "general": True,
    }
]

REPAIR = {
    "code": "test-repair",
    "name": "Test repair",
    "description": "A repair of one leg.",
    "why": "The repair is weak.",
    "source": "Test source 2020",
    "sided": True,
    "aliases": ["test-repair-early"],
    "pain_limit": 2,
    "rules": [
        {"level": "absolute", "components": ["weight-bearing-dorsiflexion"], "weeks": [0, 8]},
        {"level": "absolute", "components": ["loaded-plantarflexion"], "weeks": [0, 6]},
        {
            "level": "relative",
            "components": ["loaded-plantarflexion"],
            "weeks": [6, 12],
            "cue": "Hold on to something.",
        },
    ],
}
REFERRAL = {
    "code": "test-referral",
    "name": "Test referral",
    "description": "Needs a doctor.",
    "why": "Dangerous.",
    "source": "Test guideline",
    "referral": True,
    "referral_advice": "Send the patient for a same-day medical assessment.",
    "rules": [{"level": "absolute", "components": ["all"]}],
}
UNSIDED = {
    "code": "test-unsided",
    "name": "Test unsided",
    "description": "No side.",
    "why": "Balance.",
    "source": "Test source",
    "pain_limit": 5,
    "rules": [{"level": "relative", "components": ["single-leg-stance"], "cue": "Hold a counter."}],
}

SL = "single-leg-calf-raise"  # loaded-plantarflexion, dorsiflexion-below-neutral, single-leg-stance
DL = "double-leg-calf-raise"  # bilateral
SGS = "standing-gastrocnemius-stretch"  # weight-bearing-dorsiflexion


@pytest.fixture(scope="module")
def ctx() -> Context:
    catalog = Catalog.model_validate(
        {"red_flags": FLAGS, "conditions": [REPAIR, REFERRAL, UNSIDED]}
    )
    return Context(load_library(), catalog)


def protocol(
    conditions: list[Any],
    phases: list[tuple[int, list[dict[str, Any]]]],
    acks: list[dict[str, Any]] = (),  # type: ignore[assignment]
    **extra: Any,
) -> Protocol:
    return Protocol.model_validate(
        {
            "schema_version": 2,
            "id": "scope-test",
            "title": "Scope",
            "clinician": "A. Example, PT",
            "created": date(2026, 12, 1),
            "conditions": conditions,
            "phases": [
                {"name": f"Phase {i + 1}", "weeks": weeks, "exercises": exercises}
                for i, (weeks, exercises) in enumerate(phases)
            ],
            "acknowledged": [
                {
                    "reason": "Cleared by the surgeon.",
                    "by": "A. Example, PT",
                    "on": date(2026, 12, 1),
                    **a,
                }
                for a in acks
            ],
            **extra,
        },
    )


def found(p: Protocol, ctx: Context) -> set[tuple[str, str, int | None, str | None]]:
    """(severity, code, phase, exercise) of every finding, dose checks left out."""
    return {
        (f.severity.value, f.code.value, f.phase, f.exercise)
        for f in review(p, ctx)
        if f.code.value != "dose-out-of-range"
    }


def test_a_sided_condition_leaves_the_other_leg_alone(ctx: Context) -> None:
    right = {"code": "test-repair", "side": "right", "weeks_since_onset": 2}
    p = protocol([right], [(2, [{"exercise": SL, "side": "left"}])])
    assert found(p, ctx) == set()


@pytest.mark.parametrize("side", ["right", "both"])
def test_a_sided_condition_flags_its_side_and_both(ctx: Context, side: str) -> None:
    right = {"code": "test-repair", "side": "right", "weeks_since_onset": 2}
    p = protocol([right], [(2, [{"exercise": SL, "side": side}])])
    assert found(p, ctx) == {("error", "contraindicated", 1, SL)}


def test_a_sided_condition_flags_a_bilateral_exercise(ctx: Context) -> None:
    right = {"code": "test-repair", "side": "right", "weeks_since_onset": 2}
    p = protocol([right], [(2, [{"exercise": DL}])])
    assert found(p, ctx) == {("error", "contraindicated", 1, DL)}


def test_windows_follow_the_weeks_since_onset(ctx: Context) -> None:
    """Onset 3 weeks before phase 1: phase 1 covers weeks 3-6 (absolute), phase 2 weeks 6-10
    (relative), phase 3 weeks 10-14 (relative until 12), phase 4 weeks 14-16 (nothing)."""
    entry = {"code": "test-repair", "weeks_since_onset": 3}
    raise_ = [{"exercise": SL, "side": "right"}]
    p = protocol([entry], [(3, raise_), (4, raise_), (4, raise_), (2, raise_)])
    assert found(p, ctx) == {
        ("error", "contraindicated", 1, SL),
        ("warning", "precaution", 2, SL),
        ("warning", "precaution", 3, SL),
    }


def test_a_window_ends_exactly_at_its_until_week(ctx: Context) -> None:
    """[0, 8) on the stretch: a phase starting at week 8 since onset is outside it."""
    entry = {"code": "test-repair", "weeks_since_onset": 6}
    p = protocol([entry], [(2, [{"exercise": SGS, "side": "right"}]), (2, [{"exercise": SGS}])])
    assert found(p, ctx) == {("error", "contraindicated", 1, SGS)}


def test_unknown_timing_keeps_every_rule_and_says_so(ctx: Context) -> None:
    p = protocol(["test-repair"], [(2, [{"exercise": SL}]), (20, [{"exercise": SGS}])])
    assert found(p, ctx) == {
        ("error", "contraindicated", 1, SL),
        ("error", "contraindicated", 2, SGS),
        ("info", "condition-timing-unknown", None, None),
    }


def test_an_acknowledgement_covers_only_its_phases(ctx: Context) -> None:
    """The dangerous miss of the review: one written for phase 2 cleared phase 1 too."""
    entry = {"code": "test-repair", "weeks_since_onset": 0}
    raise_ = [{"exercise": SL}]
    ack = {"condition": "test-repair", "exercise": SL, "phases": [2]}
    p = protocol([entry], [(3, raise_), (2, raise_)], [ack])
    assert found(p, ctx) == {
        ("error", "contraindicated", 1, SL),
        ("info", "acknowledged", 2, SL),
    }


def test_a_version_1_acknowledgement_covers_every_phase(ctx: Context) -> None:
    p = protocol(
        ["test-repair"],
        [(3, [{"exercise": SL}]), (2, [{"exercise": SL}])],
        [{"condition": "test-repair", "exercise": SL}],
    ).model_copy(update={"schema_version": 1})
    codes = found(p, ctx)
    assert ("info", "acknowledged", 1, SL) in codes and ("info", "acknowledged", 2, SL) in codes
    assert not any(c[0] == "error" for c in codes)


def test_an_alias_is_acknowledged_under_either_code(ctx: Context) -> None:
    entry = {"code": "test-repair-early", "weeks_since_onset": 0}
    ack = {"condition": "test-repair", "exercise": SL, "phases": [1]}
    p = protocol([entry], [(2, [{"exercise": SL}])], [ack])
    assert found(p, ctx) == {("info", "acknowledged", 1, SL)}


def test_a_precaution_can_be_answered(ctx: Context) -> None:
    ack = {"condition": "test-unsided", "exercise": SL, "phases": [1], "reason": "Holds the rail."}
    p = protocol(["test-unsided"], [(2, [{"exercise": SL}])], [ack])
    findings = review(p, ctx)
    [answered] = [f for f in findings if f.exercise == SL and f.condition == "test-unsided"]
    assert answered.code.value == "acknowledged" and answered.severity.value == "info"
    assert "Holds the rail." in answered.message and answered.cue == "Hold a counter."


def test_an_unanswered_precaution_carries_its_cue(ctx: Context) -> None:
    p = protocol(["test-unsided"], [(2, [{"exercise": SL}])])
    [warning] = [f for f in review(p, ctx) if f.code.value == "precaution"]
    assert warning.cue == "Hold a counter." and "Hold a counter." in warning.message


def test_an_acknowledgement_of_a_phase_that_does_not_exist(ctx: Context) -> None:
    entry = {"code": "test-repair", "weeks_since_onset": 0}
    ack = {"condition": "test-repair", "exercise": SL, "phases": [1, 3]}
    p = protocol([entry], [(2, [{"exercise": SL}])], [ack])
    findings = review(p, ctx)
    [scope] = [f for f in findings if f.code.value == "acknowledgement-scope"]
    assert scope.severity.value == "error" and scope.field == "acknowledged[0].phases"
    assert "phase 3" in scope.message


def test_an_acknowledgement_partly_idle_is_reported_for_those_phases(ctx: Context) -> None:
    entry = {"code": "test-repair", "weeks_since_onset": 0}
    ack = {"condition": "test-repair", "exercise": SL, "phases": [1, 2]}
    p = protocol([entry], [(2, [{"exercise": SL}]), (2, [{"exercise": SGS}])], [ack])
    [idle] = [f for f in review(p, ctx) if f.code.value == "unused-acknowledgement"]
    assert "in phase 2" in idle.message and "not prescribed in phase 2" in idle.message


def test_a_referral_is_one_error_that_no_acknowledgement_answers(ctx: Context) -> None:
    ack = {"condition": "test-referral", "exercise": SL, "phases": [1]}
    p = protocol(["test-referral"], [(2, [{"exercise": SL}, {"exercise": SGS}])], [ack])
    findings = review(p, ctx)
    referral = [f for f in findings if f.code.value == "referral-required"]
    assert [f.field for f in referral] == ["conditions[0]", "acknowledged[0]"]
    assert all(f.severity.value == "error" for f in referral)
    assert "same-day medical assessment" in referral[0].message
    assert not [f for f in findings if f.code.value in ("acknowledged", "contraindicated")]


def test_empty_protocol_and_empty_phase(ctx: Context) -> None:
    assert ("error", "empty-protocol", None, None) in found(protocol([], []), ctx)
    p = protocol([], [(2, [{"exercise": SL}]), (2, [])])
    assert found(p, ctx) == {("error", "empty-protocol", 2, None)}


def test_duplicate_prescription_for_the_same_leg(ctx: Context) -> None:
    twice = [{"exercise": SL, "side": "left"}, {"exercise": SL, "side": "both"}]
    assert found(protocol([], [(2, twice)]), ctx) == {("warning", "duplicate-prescription", 1, SL)}
    each_leg = [{"exercise": SL, "side": "left"}, {"exercise": SL, "side": "right"}]
    assert found(protocol([], [(2, each_leg)]), ctx) == set()


def test_pain_limit_above_a_conditions_limit(ctx: Context) -> None:
    p = protocol(["test-unsided"], [(2, [{"exercise": SGS}])], pain_limit=6)
    assert ("warning", "pain-limit", None, None) in found(p, ctx)
    p = protocol(["test-unsided"], [(2, [{"exercise": SGS}])], pain_limit=5)
    assert ("warning", "pain-limit", None, None) not in found(p, ctx)


def test_a_side_on_a_condition_without_one(ctx: Context) -> None:
    p = protocol([{"code": "test-unsided", "side": "left"}], [(2, [{"exercise": SGS}])])
    [wrong] = [f for f in review(p, ctx) if f.code.value == "schema"]
    assert wrong.field == "conditions[0].side"


def test_a_version_1_protocol_is_told_it_can_upgrade(ctx: Context) -> None:
    p = protocol([], [(2, [{"exercise": SGS}])]).model_copy(update={"schema_version": 1})
    assert ("info", "schema-upgrade-available", None, None) in found(p, ctx)


# -- dose checks that read the plan ----------------------------------------------------------


def _doses(p: Protocol, ctx: Context) -> list[str]:
    return [f.field or "-" for f in review(p, ctx) if f.code.value == "dose-out-of-range"]


def test_daily_loading_of_an_every_other_day_exercise_is_questioned(ctx: Context) -> None:
    """The single-leg calf raise is dosed every other day (seed 002): daily loads the
    tendon on consecutive days."""
    daily = protocol([], [(2, [{"exercise": SL, "frequency": "daily"}])])
    assert _doses(daily, ctx) == ["phases[0].exercises[0].frequency"]
    for spaced in ("every-other-day", "3x-week"):
        p = protocol([], [(2, [{"exercise": SL, "frequency": spaced}])])
        assert _doses(p, ctx) == []


def test_only_stretches_count_as_stretching_time(ctx: Context) -> None:
    """A long hold of something that is not a stretch (a balance or isometric hold) is not
    stretching time: 4 x 300 s x 2 on one leg is 2,400 s, past 900 only if it counted."""
    stretch = ctx.library.get(SGS)
    assert stretch is not None
    hold = stretch.model_copy(update={"id": "test-balance-hold", "category": "strength"})
    library = Library.of([hold, stretch])
    own = Context(library, ctx.catalog)
    long = {"sets": 4, "hold_seconds": 300, "times_per_day": 2, "side": "left"}
    p = protocol([], [(2, [{"exercise": "test-balance-hold", **long}])])
    assert "phases[0]" not in _doses(p, own)
    p = protocol([], [(2, [{"exercise": SGS, **long}])])
    assert "phases[0]" in _doses(p, own)


def test_weekly_calf_loading_counts_the_frequency(ctx: Context) -> None:
    """190 reps a leg every day (1,330 a week) passes the per-day limit of 200 but not the
    week's 1,260; the same every other day does not."""
    dose = {"exercise": DL, "sets": 2, "reps": 95, "times_per_day": 1}
    assert "phases[0]" in _doses(protocol([], [(2, [{**dose, "frequency": "daily"}])]), ctx)
    every_other = protocol([], [(2, [{**dose, "frequency": "every-other-day"}])])
    assert "phases[0]" not in _doses(every_other, ctx)
