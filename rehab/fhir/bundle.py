"""A checked plan as FHIR R4 resources, built as plain dicts (docs/fhir.md has the mapping).

The Bundle (type `collection`) holds one PlanDefinition for the protocol, one
ActivityDefinition per prescription (identical prescriptions share one), and one DetectedIssue
per contraindication or precaution with its acknowledgement as the mitigation. There is no
Patient and no name: the receiving record links the bundle to its patient.

Ids are derived from the protocol id and each resource's content (a sha256), and no clock is
read, so the same protocol always gives the same bytes; a changed dose gives a new id.
Clinician-only notes (`internal_notes`) are left out unless the caller asks for them.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import timedelta
from typing import Any

from rehab.domain.conditions import Catalog
from rehab.domain.dosage import ResolvedDosage
from rehab.domain.dosage_text import describe_dosage, frequency_words, times_words
from rehab.domain.goals import MeasureGoal, goal_sentence
from rehab.domain.plan import ActiveCondition, PhaseSpan, Plan, PlannedExercise
from rehab.domain.protocol import Phase
from rehab.fhir import codes
from rehab.fhir.issues import SafetyIssue, safety_issues

Resource = dict[str, Any]


def _digest(protocol_id: str, content: Resource) -> str:
    text = json.dumps([protocol_id, content], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _identified(protocol_id: str, prefix: str, content: Resource) -> tuple[str, Resource]:
    """The resource with its id, and the bundle's `urn:uuid` for it, both from its content."""
    digest = _digest(protocol_id, content)
    full_url = "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"rehab:{protocol_id}:{digest}"))
    return full_url, {**content, "id": f"{prefix}-{digest[:16]}"}


def _camel(slug: str) -> str:
    """'patella-calf-stretch' -> 'PatellaCalfStretch': a computable `name` (FHIR's cnl-0)."""
    return "".join(part[:1].upper() + part[1:] for part in slug.split("-") if part)


# -- ActivityDefinition ---------------------------------------------------------------------


def _timing(dose: ResolvedDosage) -> Resource:
    """How often, as Timing.repeat: times a day on training days, spread over a week."""
    per_day = dose.times_per_day
    if dose.frequency == "before-activity":
        words = frequency_words(dose.frequency)
        if per_day > 1:
            words = f"{words}, up to {times_words(per_day)}"
        return {"code": {"text": words}}
    if dose.frequency == "daily":
        repeat = {"frequency": per_day, "period": 1, "periodUnit": "d"}
    elif dose.frequency == "every-other-day":
        repeat = {"frequency": per_day, "period": 2, "periodUnit": "d"}
    else:
        days = int(dose.frequency.split("x-", 1)[0])
        repeat = {"frequency": days * per_day, "period": 1, "periodUnit": "wk"}
    return {"repeat": repeat}


def _dose_and_rate(dose: ResolvedDosage) -> list[Resource]:
    out = [{"type": {"text": "sets"}, "doseQuantity": codes.count(dose.sets, "set")}]
    if dose.hold_seconds is not None:
        out.append({"type": {"text": "hold"}, "doseQuantity": codes.seconds(dose.hold_seconds)})
    if dose.reps is not None:
        out.append(
            {
                "type": {"text": "repetitions per set"},
                "doseQuantity": codes.count(dose.reps, "repetition"),
            }
        )
    return out


def _instructions(dose: ResolvedDosage) -> list[Resource]:
    out = []
    if dose.rest_seconds:
        out.append({"text": f"rest {dose.rest_seconds} seconds between sets"})
    if dose.tempo:
        out.append({"text": f"tempo {dose.tempo} (seconds to lower, pause, raise)"})
    if dose.load:
        out.append({"text": f"load: {dose.load}"})
    return out


def _dosage(planned: PlannedExercise) -> Resource:
    assert planned.exercise is not None and planned.dosage is not None
    dose = planned.dosage
    out: Resource = {
        "text": describe_dosage(dose, unilateral=not planned.exercise.bilateral),
        "timing": _timing(dose),
        "doseAndRate": _dose_and_rate(dose),
    }
    if extra := _instructions(dose):
        out["additionalInstruction"] = extra
    if planned.prescription.notes:
        out["patientInstruction"] = planned.prescription.notes
    return out


def activity_definition(planned: PlannedExercise, *, internal: bool) -> Resource:
    """One prescription: the exercise's name and code, the body site and the resolved dose."""
    exercise = planned.exercise
    assert exercise is not None
    concept = codes.CATEGORY_CODES.get(exercise.category, codes.EXERCISE_THERAPY)
    out: Resource = {
        "resourceType": "ActivityDefinition",
        "status": "active",
        "name": _camel(exercise.id),
        "title": exercise.name,
        "description": exercise.summary,
        "kind": "ServiceRequest",
        "code": codes.snomed(concept, exercise.name),
        "participant": [{"type": "patient"}],
        "bodySite": [codes.snomed(site) for site in codes.BODY_SITES[planned.side]],
        "dosage": [_dosage(planned)],
    }
    if exercise.patient_name:
        out["subtitle"] = exercise.patient_name
    if internal and planned.prescription.internal_notes:
        out["usage"] = planned.prescription.internal_notes
    return out


# -- DetectedIssue --------------------------------------------------------------------------


def _condition_text(active: ActiveCondition) -> str:
    """'Patellofemoral pain (right, 3 weeks since onset)': the condition without any date."""
    scope: list[str] = [active.entry.side] if active.entry.side else []
    if active.entry.weeks_since_onset is not None:
        scope.append(f"{active.entry.weeks_since_onset} weeks since onset at the start")
    name = active.condition.name
    return f"{name} ({', '.join(scope)})" if scope else name


def detected_issue(issue: SafetyIssue, activity_url: str) -> Resource:
    planned = issue.planned
    assert planned.exercise is not None
    kind = "contraindication" if issue.contraindicated else "precaution"
    out: Resource = {
        "resourceType": "DetectedIssue",
        "status": "final",
        "code": {"text": kind},
        "severity": "high" if issue.contraindicated else "moderate",
        "implicated": [{"reference": activity_url, "display": planned.exercise.name}],
        "evidence": [{"code": [{"text": _condition_text(issue.active)}]}],
        "detail": (
            f"{planned.exercise.name} is a {kind} with {issue.active.condition.name} in "
            f"phase {planned.phase.number}: {issue.basis()}"
        ),
    }
    ack = issue.acknowledgement
    if ack is not None:
        out["mitigation"] = [
            {
                "action": {"text": ack.reason.strip()},
                "date": ack.on.isoformat(),
                "author": {"display": ack.by},
            }
        ]
    return out


# -- PlanDefinition -------------------------------------------------------------------------

_PHYSIOTHERAPY = codes.coding(codes.GOAL_CATEGORY, "physiotherapy", "Physiotherapy")


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
        "pain-limit", f"Pain during exercise stays at or below {limit} out of 10", "pain limit"
    )
    goal["target"] = [
        {
            "measure": {"text": "pain during exercise, 0-10 numeric rating scale"},
            "detailRange": {"high": {"value": limit}},
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
        "goalId": [g["id"] for g in goals] + ["pain-limit"],
        "selectionBehavior": "all",
        "action": exercises,
    }
    if span.index > 0:
        action["relatedAction"] = [
            {"actionId": f"phase-{span.number - 1}", "relationship": "after-end"}
        ]
    if not exercises:
        del action["action"], action["selectionBehavior"]
    return action


def plan_definition(
    plan: Plan, activity_urls: list[str], pain_limit: int, *, internal: bool
) -> Resource:
    """The protocol: phases as actions in time order, each prescription a nested action."""
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
    goals.append(_pain_goal(pain_limit))
    total_weeks = plan.phases[-1].end_week if plan.phases else 0
    out: Resource = {
        "resourceType": "PlanDefinition",
        "status": "active",
        "name": _camel(protocol.id),
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
            {"code": focus, "valueCodeableConcept": {"text": _condition_text(active)}}
            for active in plan.conditions
        ]
    if internal and protocol.internal_notes:
        out["usage"] = protocol.internal_notes
    return out


# -- Bundle ---------------------------------------------------------------------------------


def build_bundle(plan: Plan, catalog: Catalog, *, internal: bool = False) -> Resource:
    """The Bundle of a plan that passed the export gate (every exercise known, no error)."""
    pid = plan.protocol.id
    entries: dict[str, Resource] = {}
    """fullUrl -> resource; identical prescriptions give the same one."""
    activity_urls = []
    for planned in plan.exercises:
        full_url, resource = _identified(pid, "ad", activity_definition(planned, internal=internal))
        resource["url"] = full_url  # the canonical the PlanDefinition's actions point at
        entries.setdefault(full_url, resource)
        activity_urls.append(full_url)
    position = {id(planned): i for i, planned in enumerate(plan.exercises)}
    for issue in safety_issues(plan, catalog):
        url = activity_urls[position[id(issue.planned)]]
        full_url, resource = _identified(pid, "di", detected_issue(issue, url))
        entries.setdefault(full_url, resource)
    pd_url, pd = _identified(
        pid, "pd", plan_definition(plan, activity_urls, plan.pain_limit, internal=internal)
    )
    ordered = [(pd_url, pd), *entries.items()]
    content = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"fullUrl": url, "resource": resource} for url, resource in ordered],
    }
    return {**content, "id": f"rehab-{_digest(pid, content)[:16]}"}
