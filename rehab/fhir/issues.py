"""The contraindications and precautions of a plan, each with the acknowledgement answering it.

The safety rules (rehab.domain.safety) report these as findings with a message for a person;
the export needs the parts (level, condition, phase, acknowledgement) as values, so it asks the
same functions the rules use (`hit_for`, `AckBook.answer`) rather than reading messages.
Technique cues are not issues: nothing about them needs deciding.
"""

from __future__ import annotations

from dataclasses import dataclass

from rehab.domain.conditions import Catalog, window_text
from rehab.domain.plan import ActiveCondition, Plan, PlannedExercise
from rehab.domain.protocol import Acknowledgement
from rehab.domain.safety import Hit, hit_for, source, why
from rehab.domain.safety_acks import AckBook


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

    def basis(self) -> str:
        """What the rule is, in the words `rehab check` uses: components, window, why, source."""
        hit, active = self.hit, self.active
        level_note = " (proposed level: clinical judgement)" if hit.proposed else ""
        window = hit.rule.window
        when = f", {window_text(window)} since onset" if window is not None else ""
        return (
            f"shares {', '.join(hit.components)}{level_note}{when}. Why: {why(active, hit)} "
            f"Source: {source(active, hit)}."
        )


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
