"""Checks on the shape of a resolved protocol: empty phases, repeats, sides, pain limit, version.

Each is a function of the plan (rehab/domain/plan.py), not another walk over the file, so a new
rule adds a function here.
"""

from __future__ import annotations

from collections.abc import Callable

from rehab.domain.conditions import Catalog
from rehab.domain.findings import Code, Finding, Severity
from rehab.domain.plan import Plan
from rehab.domain.protocol import SCHEMA_VERSION

HANDOUT_LENGTH_MAX = 6
"""More exercises than this in one phase are followed less well: older adults given 2 did
better than those given 8 (Henry 1999); fewer than 4 helps adherence (Bachmann 2018)."""


def empty_protocol(plan: Plan, catalog: Catalog) -> list[Finding]:
    """No phase, or a phase without exercises: a handout would have nothing to do."""
    if not plan.phases:
        return [
            Finding(
                Severity.ERROR,
                Code.EMPTY_PROTOCOL,
                "the protocol has no phase: add a phase with at least one exercise",
                loc=("phases",) if "phases" in plan.protocol.model_fields_set else ("id",),
            )
        ]
    return [
        Finding(
            Severity.ERROR,
            Code.EMPTY_PROTOCOL,
            f"phase {span.number} has no exercises: add one or remove the phase",
            loc=("phases", span.index),
            phase=span.number,
        )
        for span in plan.phases
        if not plan.in_phase(span.number)
    ]


def duplicate_prescriptions(plan: Plan, catalog: Catalog) -> list[Finding]:
    """The same exercise twice in one phase for a leg that already does it."""
    out = []
    for span in plan.phases:
        earlier: list[tuple[str, str, int]] = []
        for planned in plan.in_phase(span.number):
            exercise_id = planned.prescription.exercise
            for other_id, other_side, other_index in earlier:
                overlap = "both" in (other_side, planned.side) or other_side == planned.side
                if other_id == exercise_id and overlap:
                    out.append(
                        Finding(
                            Severity.WARNING,
                            Code.DUPLICATE_PRESCRIPTION,
                            f"{exercise_id} is prescribed twice in phase {span.number} for "
                            f"the same leg (exercise {other_index + 1}, side {other_side}, "
                            f"and exercise {planned.index + 1}, side {planned.side}): the "
                            "patient would do both doses; merge them",
                            loc=planned.loc,
                            phase=span.number,
                            exercise=exercise_id,
                        )
                    )
                    break
            earlier.append((exercise_id, planned.side, planned.index))
    return out


def sides_of_conditions(plan: Plan, catalog: Catalog) -> list[Finding]:
    """A side on a condition that has none (pregnancy, osteoporosis) is a mistake."""
    return [
        Finding(
            Severity.ERROR,
            Code.SCHEMA,
            f'{active.code} has no side: remove side = "{active.entry.side}" (a side '
            "is for conditions of one leg, such as a repair or a strain)",
            loc=("conditions", active.index, "side"),
            condition=active.code,
        )
        for active in plan.conditions
        if active.entry.side is not None and not active.condition.sided
    ]


def pain_limit(plan: Plan, catalog: Catalog) -> list[Finding]:
    """A protocol limit above a condition's: the patient would be told to accept more pain
    than that condition allows (docs/safety.md)."""
    own = plan.protocol.pain_limit
    strictest = plan.conditions_pain_limit
    if own is None or strictest is None or own <= strictest:
        return []
    which = [c.code for c in plan.conditions if c.condition.pain_limit == strictest]
    return [
        Finding(
            Severity.WARNING,
            Code.PAIN_LIMIT,
            f"pain_limit {own} is above the {strictest} out of 10 that {', '.join(which)} "
            "allows; lower it to that or below",
            loc=("pain_limit",),
            condition=which[0],
        )
    ]


def handout_length(plan: Plan, catalog: Catalog) -> list[Finding]:
    return [
        Finding(
            Severity.INFO,
            Code.HANDOUT_LENGTH,
            f"phase {span.number} has {count} exercises: patients follow fewer exercises "
            f"better (more than {HANDOUT_LENGTH_MAX} is a lot to do at home)",
            loc=("phases", span.index),
            phase=span.number,
        )
        for span in plan.phases
        if (count := len(plan.in_phase(span.number))) > HANDOUT_LENGTH_MAX
    ]


def upgrade_available(plan: Plan, catalog: Catalog) -> list[Finding]:
    if plan.protocol.schema_version >= SCHEMA_VERSION:
        return []
    return [
        Finding(
            Severity.INFO,
            Code.SCHEMA_UPGRADE_AVAILABLE,
            f"schema_version {plan.protocol.schema_version} still reads as it always did; "
            f"`rehab fmt --upgrade` writes version {SCHEMA_VERSION} with the same meaning "
            "(acknowledgements then name their phases)",
            loc=("schema_version",),
        )
    ]


PLAN_CHECKS: tuple[Callable[[Plan, Catalog], list[Finding]], ...] = (
    empty_protocol,
    duplicate_prescriptions,
    sides_of_conditions,
    pain_limit,
    handout_length,
    upgrade_available,
)


def plan_findings(plan: Plan, catalog: Catalog) -> list[Finding]:
    return [finding for check in PLAN_CHECKS for finding in check(plan, catalog)]
