"""The contraindications and precautions of a plan as DetectedIssues, each with its answer.

The safety rules (rehab.domain.safety) report these as findings with a message for a person;
the export needs the parts (level, condition, phase, acknowledgement) as values, so it asks the
same functions the rules use (`hit_for`, `basis`, `AckBook.answer`) rather than reading
messages. Technique cues are not issues: nothing about them needs deciding.

The acknowledgement's reason is the documented clinical decision the record exists to keep, so
it is always exported (unlike `internal_notes`, the only clinician-only text of a protocol).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rehab.domain.conditions import Catalog
from rehab.domain.plan import ActiveCondition, Plan, PlannedExercise
from rehab.domain.protocol import Acknowledgement
from rehab.domain.safety import Hit, basis, hit_for
from rehab.domain.safety_acks import AckBook
from rehab.fhir import codes

Resource = dict[str, Any]


@dataclass(frozen=True)
class SafetyIssue:
    """One prescription that one of the patient's conditions restricts."""

    planned: PlannedExercise
    active: ActiveCondition
    hit: Hit
    acknowledgement: Acknowledgement | None

    @property
    def contraindicated(self) -> bool:
        """True for an absolute rule; False for a precaution (a relative one)."""
        return self.hit.level == "absolute"


def safety_issues(plan: Plan, catalog: Catalog) -> list[SafetyIssue]:
    """Every contraindication and precaution, in plan order (phase, exercise, condition)."""
    book = AckBook(plan, catalog)
    out = []
    for planned in plan.exercises:
        for active in plan.conditions:
            if active.condition.referral:
                continue  # a referral is an error: the export gate never lets one through
            hit = hit_for(active, planned)
            if hit is None or hit.level not in ("absolute", "relative"):
                continue
            assert planned.exercise is not None  # hit_for needs the entry
            ack = book.answer(active.code, planned.exercise.id, planned.phase.number)
            out.append(SafetyIssue(planned, active, hit, ack))
    return out


def condition_text(active: ActiveCondition) -> str:
    """'Achilles tendon repair (right, 3 weeks since onset at the start)': no date at all."""
    scope: list[str] = [active.entry.side] if active.entry.side else []
    if active.entry.weeks_since_onset is not None:
        scope.append(f"{active.entry.weeks_since_onset} weeks since onset at the start")
    name = active.condition.name
    return f"{name} ({', '.join(scope)})" if scope else name


def detected_issue(issue: SafetyIssue, activity_url: str) -> Resource:
    """The issue, the exercise it implicates and, when answered, the acknowledgement."""
    planned = issue.planned
    assert planned.exercise is not None
    kind = "contraindication" if issue.contraindicated else "precaution"
    out: Resource = {
        "resourceType": "DetectedIssue",
        "status": "final",
        "code": codes.concept(codes.ACT_CODE, codes.CONDITION_ALERT, kind),
        "severity": "high" if issue.contraindicated else "moderate",
        "implicated": [{"reference": activity_url, "display": planned.exercise.name}],
        "evidence": [{"code": [{"text": condition_text(issue.active)}]}],
        "detail": (
            f"{planned.exercise.name} is a {kind} with {issue.active.condition.name} in "
            f"phase {planned.phase.number}: {basis(issue.active, issue.hit)}"
        ),
    }
    ack = issue.acknowledgement
    if ack is not None:
        out["mitigation"] = [
            {
                "action": codes.concept(
                    codes.ACT_CODE, codes.THERAPY_APPROPRIATE, ack.reason.strip()
                ),
                "date": ack.on.isoformat(),
                "author": {"display": ack.by},
            }
        ]
    return out
