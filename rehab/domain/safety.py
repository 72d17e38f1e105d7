"""The safety rules: conditions x prescriptions through shared movement components.

For each prescription and each of the patient's conditions, the rules in force decide the
finding: those whose window overlaps the weeks the prescription's phase covers since the
condition's onset (every rule when the timing is not known: the safe side), and only for a
prescription that loads the affected side. The highest level among the components they share
wins (docs/safety.md). Every finding carries the condition, the exercise, the shared
components, the reason and the source, so a clinician can judge it rather than trust a box.

A referral condition (a suspected DVT, cauda equina symptoms, ...) is not a rule about
exercises at all: the patient needs assessment instead, so it gives one error that no
acknowledgement can answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from rehab.domain.conditions import LEVEL_RANK, Catalog, Level, Rule, window_text
from rehab.domain.findings import Code, Finding, Severity
from rehab.domain.plan import ActiveCondition, Plan, PlannedExercise
from rehab.domain.protocol import Acknowledgement
from rehab.domain.safety_acks import AckBook


@dataclass(frozen=True)
class Hit:
    """The rules in force for one prescription and one condition, at their highest level."""

    level: Level
    components: tuple[str, ...]
    rule: Rule
    proposed: bool


def applies_to_side(active: ActiveCondition, planned: PlannedExercise) -> bool:
    """A sided condition flags prescriptions on its side, on both and bilateral ones; never a
    prescription on the other side alone (training the other leg is standard care)."""
    side = active.entry.side
    return side is None or planned.works(side)


def rules_in_force(active: ActiveCondition, planned: PlannedExercise) -> list[Rule]:
    """The condition's rules whose window overlaps the phase (all of them without timing)."""
    weeks = active.onset_weeks(planned.phase)
    if weeks is None:
        return list(active.condition.rules)
    return [rule for rule in active.condition.rules if rule.applies_in(*weeks)]


def hit_for(active: ActiveCondition, planned: PlannedExercise) -> Hit | None:
    """The highest level among the rules in force that share a component with the exercise."""
    exercise = planned.exercise
    if exercise is None or not applies_to_side(active, planned):
        return None
    components = list(exercise.components)
    best: Hit | None = None
    for rule in rules_in_force(active, planned):
        shared = (
            tuple(components)
            if "all" in rule.components
            else tuple(c for c in components if c in rule.components)
        )
        if not shared:
            continue
        if best is None or LEVEL_RANK[rule.level] > LEVEL_RANK[best.level]:
            best = Hit(rule.level, shared, rule, rule.proposed)
        elif rule.level == best.level:
            merged = best.components + tuple(c for c in shared if c not in best.components)
            best = Hit(best.level, merged, best.rule, best.proposed or rule.proposed)
    return best


def basis(active: ActiveCondition, hit: Hit) -> str:
    """What the rule is, as every message about it says it: the shared components, whether
    the level is a judgement, the window, why and the source (the FHIR export uses it too)."""
    level_note = " (proposed level: clinical judgement)" if hit.proposed else ""
    window = hit.rule.window
    when = f", {window_text(window)} since onset" if window is not None else ""
    return (
        f"shares {', '.join(hit.components)}{level_note}{when}. Why: {why(active, hit)} "
        f"Source: {source(active, hit)}."
    )


def why(active: ActiveCondition, hit: Hit) -> str:
    return hit.rule.why or active.condition.why


def source(active: ActiveCondition, hit: Hit) -> str:
    return hit.rule.source or active.condition.source


def _finding(active: ActiveCondition, planned: PlannedExercise, hit: Hit, book: AckBook) -> Finding:
    assert planned.exercise is not None
    exercise_id = planned.exercise.id
    code = active.code
    rule_basis = basis(active, hit)
    phase = planned.phase.number
    ack = book.answer(code, exercise_id, phase) if hit.level != "technique" else None

    def make(severity: Severity, kind: Code, message: str, reason: str) -> Finding:
        return Finding(
            severity,
            kind,
            message,
            loc=planned.loc,
            phase=phase,
            exercise=exercise_id,
            condition=code,
            components=hit.components,
            reason=reason,
            source=source(active, hit),
            cue=hit.rule.cue_for(exercise_id),
        )

    if ack is not None:
        kind = "contraindicated" if hit.level == "absolute" else "a precaution"
        handled = "" if hit.level == "absolute" else "; how it is handled"
        return make(
            Severity.INFO,
            Code.ACKNOWLEDGED,
            f"{exercise_id} is {kind} with {code} in phase {phase}, acknowledged by "
            f"{ack.by} on {ack.on}{handled}: {ack.reason.strip()} (rule: {rule_basis})",
            ack.reason,
        )
    if hit.level == "absolute":
        return make(
            Severity.ERROR,
            Code.CONTRAINDICATED,
            f"{exercise_id} is contraindicated with {code} in phase {phase}: {rule_basis} To "
            f"prescribe it anyway, acknowledge it for phase {phase} with a reason.",
            why(active, hit),
        )
    if hit.level == "relative":
        return make(
            Severity.WARNING,
            Code.PRECAUTION,
            f"precaution for {exercise_id} with {code} in phase {phase}: {rule_basis}"
            + (
                f" The handout tells the patient: {cue}"
                if (cue := hit.rule.cue_for(exercise_id))
                else ""
            )
            + " Acknowledge it with how you handle it.",
            why(active, hit),
        )
    cue = hit.rule.cue_for(exercise_id)
    if cue is None:
        return make(
            Severity.INFO,
            Code.TECHNIQUE,
            f"technique for {exercise_id} with {code}: this exercise's own instructions guide "
            "it on purpose, so the handout prints them and not the condition's cue, which "
            f"would contradict them ({rule_basis})",
            hit.rule.cue or why(active, hit),
        )
    return make(
        Severity.INFO,
        Code.TECHNIQUE,
        f"technique cue for {exercise_id} with {code}: {cue} ({rule_basis})",
        cue,
    )


def _referrals(plan: Plan) -> list[Finding]:
    return [
        Finding(
            Severity.ERROR,
            Code.REFERRAL_REQUIRED,
            f"{active.code} needs referral, not exercise: {active.condition.referral_advice} "
            "No handout can be printed until the patient has been assessed and the condition "
            "is removed or replaced by the diagnosis.",
            loc=("conditions", active.index),
            condition=active.code,
            reason=active.condition.referral_advice,
            source=active.condition.source,
        )
        for active in plan.conditions
        if active.condition.referral
    ]


def _timing_unknown(plan: Plan, in_force: dict[str, set[int]]) -> list[Finding]:
    """One info per untimed condition whose time-limited rules are holding exercises."""
    out = []
    for active in plan.conditions:
        if active.timed or active.condition.referral or not in_force.get(active.code):
            continue
        lapsing = [r for r in active.condition.rules if r.window is not None]
        if not lapsing:
            continue
        rules = "; ".join(
            f"{r.level} for {', '.join(r.components)} ({window_text(r.window)})" for r in lapsing
        )
        out.append(
            Finding(
                Severity.INFO,
                Code.CONDITION_TIMING_UNKNOWN,
                f"{active.code} has no weeks_since_onset, so its time-limited rules hold in "
                f"every phase: {rules}. Give the weeks since onset and those outside their "
                "window lapse.",
                loc=("conditions", active.index),
                condition=active.code,
            )
        )
    return out


def safety_findings(plan: Plan, catalog: Catalog) -> list[Finding]:
    """Referrals, contraindications, precautions, technique cues and the acknowledgements.

    Unknown condition codes and exercise ids are skipped here because the structure checks
    report them as errors: the check as a whole never passes on unknown input.
    """
    book = AckBook(plan, catalog)
    findings = _referrals(plan)
    in_force: dict[str, set[int]] = {}
    for planned in plan.exercises:
        for active in plan.conditions:
            if active.condition.referral:
                continue  # the referral error stands for every exercise
            hit = hit_for(active, planned)
            if hit is None:
                continue
            if hit.rule.window is not None:
                in_force.setdefault(active.code, set()).add(planned.phase.number)
            findings.append(_finding(active, planned, hit, book))
    findings += _timing_unknown(plan, in_force)
    findings += book.problems()
    return findings


__all__ = [
    "Acknowledgement",
    "Hit",
    "applies_to_side",
    "basis",
    "hit_for",
    "rules_in_force",
    "safety_findings",
]
