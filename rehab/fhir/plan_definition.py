"""The protocol as a PlanDefinition: phases as actions in time order, each prescription a
nested action pointing at its ActivityDefinition, goals and move-on criteria as `goal`s.

A phase's timing is a Range of weeks from the first day of phase 1, and each phase after the
first starts after the end of the one before (`relatedAction`), so a receiving system can lay
the plan out in time without re-adding weeks.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from rehab.domain.goals import MeasureGoal, goal_sentence
from rehab.domain.plan import PhaseSpan, Plan
from rehab.domain.protocol import Phase
from rehab.fhir import codes
from rehab.fhir.activity import camel
from rehab.fhir.issues import condition_text

Resource = dict[str, Any]

_PHYSIOTHERAPY = codes.coding(codes.GOAL_CATEGORY, "physiotherapy", "Physiotherapy")
PAIN_GOAL = "pain-limit"


def _goal(goal_id: str, goal: str | MeasureGoal, kind: str) -> Resource:
    out: Resource = {
        "id": goal_id,
        "category": {"coding": [_PHYSIOTHERAPY], "text": kind},
        "description": {"text": goal_sentence(goal)},
    }
    if isinstance(goal, MeasureGoal):
        # A measurable goal keeps its measure and target, so the receiving system can chart it.
        measure = goal.definition
        name = f"{measure.name} ({goal.side})" if goal.side else measure.name
        out["target"] = [
            {
                "measure": {"text": name},
                # At least the target where more is better, at most it for pain.
                "detailRange": {
                    "low" if measure.higher_is_better else "high": {
                        "value": goal.target,
                        "unit": measure.unit,
                    }
                },
            }
        ]
    return out


def _phase_goals(span: PhaseSpan, phase: Phase) -> list[Resource]:
    n = span.number
    return [
        *(
            _goal(f"phase-{n}-goal-{i}", text, "phase goal")
            for i, text in enumerate(phase.goals, 1)
        ),
        *(
            _goal(f"phase-{n}-advance-{i}", text, "move-on criterion")
            for i, text in enumerate(phase.advance_when, 1)
        ),
    ]


def _pain_goal(limit: int) -> Resource:
    goal = _goal(
        PAIN_GOAL, f"Pain during exercise stays at or below {limit} out of 10", "pain limit"
    )
    goal["target"] = [
        {
            "measure": {"text": "pain during exercise, 0-10 numeric rating scale"},
            "detailRange": {"low": codes.score(0, 10), "high": codes.score(limit, 10)},
        }
    ]
    return goal


def _phase_action(
    span: PhaseSpan, phase: Phase, exercises: list[Resource], goals: list[Resource]
) -> Resource:
    action: Resource = {
        "id": f"phase-{span.number}",
        "prefix": f"Phase {span.number}",
        "title": phase.name,
        "timingRange": {"low": codes.weeks(span.start_week), "high": codes.weeks(span.end_week)},
        "goalId": [g["id"] for g in goals] + [PAIN_GOAL],
        "selectionBehavior": "all",
        "action": exercises,
    }
    if span.index > 0:
        action["relatedAction"] = [
            {"actionId": f"phase-{span.number - 1}", "relationship": "after-end"}
        ]
    return action


def plan_definition(plan: Plan, activity_urls: list[str], *, internal: bool) -> Resource:
    """The protocol; `activity_urls[i]` is the canonical of `plan.exercises[i]`."""
    protocol = plan.protocol
    goals: list[Resource] = []
    phase_actions = []
    for span, phase in zip(plan.phases, protocol.phases, strict=True):
        own = _phase_goals(span, phase)
        goals += own
        nested = [
            {
                "id": f"phase-{span.number}-exercise-{planned.index + 1}",
                "title": planned.exercise.name
                if planned.exercise
                else planned.prescription.exercise,
                "definitionCanonical": activity_urls[position],
            }
            for position, planned in enumerate(plan.exercises)
            if planned.phase.index == span.index
        ]
        phase_actions.append(_phase_action(span, phase, nested, own))
    goals.append(_pain_goal(plan.pain_limit))
    total_weeks = plan.phases[-1].end_week if plan.phases else 0
    out: Resource = {
        "resourceType": "PlanDefinition",
        "status": "active",
        "name": camel(protocol.id),
        "title": protocol.title,
        "type": {
            "coding": [codes.coding(codes.PLAN_TYPE, "clinical-protocol", "Clinical Protocol")]
        },
        "date": protocol.created.isoformat(),
        "author": [{"name": protocol.clinician}],
        "goal": goals,
        "action": phase_actions,
    }
    if total_weeks:
        end = protocol.first_day + timedelta(weeks=total_weeks, days=-1)
        out["effectivePeriod"] = {"start": protocol.first_day.isoformat(), "end": end.isoformat()}
    if protocol.clinic:
        out["publisher"] = protocol.clinic
    if protocol.summary:
        out["description"] = protocol.summary
    if protocol.tags:
        out["topic"] = [{"text": tag} for tag in protocol.tags]
    if plan.conditions:
        focus = codes.coding(codes.USAGE_CONTEXT, "focus", "Clinical Focus")
        out["useContext"] = [
            {"code": focus, "valueCodeableConcept": {"text": condition_text(active)}}
            for active in plan.conditions
        ]
    if internal and protocol.internal_notes:
        out["usage"] = protocol.internal_notes
    return out
