"""A phase's weekly doses are resolved where they change, and the weeks between share them:
the same doses as resolving every week, at a fraction of the cost of a 1000-file check."""

from __future__ import annotations

import pytest

from rehab.check import Context
from rehab.domain import resolve
from rehab.domain.protocol import Prescription, ScheduleStep
from rehab.domain.resolve import resolve_dosage, weekly_dosages


def _scheduled() -> Prescription:
    return Prescription(
        exercise="single-leg-calf-raise",
        reps=10,
        schedule=[ScheduleStep(from_week=3, reps=12), ScheduleStep(from_week=7, reps=15)],
    )


def test_weekly_doses_equal_resolving_each_week_but_resolve_only_where_a_step_starts(
    context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    exercise = context.library.get("single-leg-calf-raise")
    assert exercise is not None
    prescription = _scheduled()
    each_week = tuple(resolve_dosage(prescription, exercise, week) for week in range(1, 11))
    calls: list[int] = []
    original = resolve.resolve_dosage

    def counting(p: Prescription, e: object, week: int = 1):  # type: ignore[no-untyped-def]
        calls.append(week)
        return original(p, e, week)  # type: ignore[arg-type]

    monkeypatch.setattr(resolve, "resolve_dosage", counting)
    assert weekly_dosages(prescription, exercise, 10) == each_week
    assert calls == [1, 3, 7]


def test_a_step_past_the_phase_end_changes_nothing(context: Context) -> None:
    exercise = context.library.get("single-leg-calf-raise")
    assert exercise is not None
    prescription = _scheduled()
    weeks = weekly_dosages(prescription, exercise, 5)
    assert len(weeks) == 5 and {d.reps for d in weeks} == {10, 12}
