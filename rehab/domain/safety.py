"""The safety rules: conditions x exercises through shared movement components.

For each prescription and each of the protocol's conditions, the highest level among the
components they share decides the finding (docs/findings.md). Every finding carries the
condition, the exercise, the shared components, the reason and the source, so a clinician can
judge it rather than trust a black box.
"""

from __future__ import annotations

from rehab.domain.conditions import Catalog, Condition
from rehab.domain.exercise import Exercise
from rehab.domain.findings import Code, Finding, Loc, Severity
from rehab.domain.library import Library
from rehab.domain.protocol import Acknowledgement, Protocol


def _basis(condition: Condition, components: tuple[str, ...], proposed: bool) -> str:
    level_note = " (proposed level: clinical judgement)" if proposed else ""
    return (
        f"shares {', '.join(components)}{level_note}. Why: {condition.why} "
        f"Source: {condition.source}."
    )


def _finding_for(
    condition: Condition,
    exercise: Exercise,
    loc: Loc,
    phase: int,
    acknowledgements: dict[tuple[str, str], tuple[int, Acknowledgement]],
    used: set[int],
) -> Finding | None:
    hit = condition.level_for(list(exercise.components))
    if hit is None:
        return None
    level, components, proposed = hit
    basis = _basis(condition, components, proposed)

    def make(severity: Severity, code: Code, message: str, reason: str) -> Finding:
        return Finding(
            severity,
            code,
            message,
            loc=loc,
            phase=phase,
            exercise=exercise.id,
            condition=condition.code,
            components=components,
            reason=reason,
            source=condition.source,
        )

    if level == "absolute":
        ack = acknowledgements.get((condition.code, exercise.id))
        if ack is None:
            return make(
                Severity.ERROR,
                Code.CONTRAINDICATED,
                f"{exercise.id} is contraindicated with {condition.code}: {basis} To prescribe "
                "it anyway, add an [[acknowledged]] entry with a reason.",
                condition.why,
            )
        index, entry = ack
        used.add(index)
        return make(
            Severity.INFO,
            Code.ACKNOWLEDGED,
            f"{exercise.id} is contraindicated with {condition.code}, acknowledged by "
            f"{entry.by} on {entry.on}: {entry.reason.strip()} (rule: {basis})",
            entry.reason,
        )
    if level == "relative":
        return make(
            Severity.WARNING,
            Code.PRECAUTION,
            f"precaution for {exercise.id} with {condition.code}: {basis}",
            condition.why,
        )
    cue = condition.cue or ""
    return make(
        Severity.INFO,
        Code.TECHNIQUE,
        f"technique cue for {exercise.id} with {condition.code}: {cue} ({basis})",
        cue,
    )


def _unused_reason(
    ack: Acknowledgement, protocol: Protocol, library: Library, catalog: Catalog
) -> str:
    prescribed = {p.exercise for phase in protocol.phases for p in phase.exercises}
    if ack.condition not in protocol.conditions:
        return f"condition '{ack.condition}' is not among this protocol's conditions"
    if ack.exercise not in prescribed:
        return f"exercise '{ack.exercise}' is not prescribed in any phase"
    condition = catalog.get(ack.condition)
    exercise = library.get(ack.exercise)
    if condition and exercise:
        hit = condition.level_for(list(exercise.components))
        if hit is None:
            return f"{ack.exercise} is not restricted by {ack.condition}"
        return (
            f"{ack.exercise} is only a {'precaution' if hit[0] == 'relative' else 'technique cue'} "
            f"with {ack.condition}; only contraindications need acknowledging"
        )
    return "it matches no contraindication"


def safety_findings(protocol: Protocol, library: Library, catalog: Catalog) -> list[Finding]:
    """Contraindications, precautions, technique cues and the use of acknowledgements.

    Unknown condition codes and exercise ids are skipped here because `check_structure`
    reports them as errors: the check as a whole never passes on unknown input.
    """
    acknowledgements: dict[tuple[str, str], tuple[int, Acknowledgement]] = {}
    duplicates: list[int] = []
    for index, ack in enumerate(protocol.acknowledged):
        key = (ack.condition, ack.exercise)
        if key in acknowledgements:
            duplicates.append(index)
        else:
            acknowledgements[key] = (index, ack)
    used: set[int] = set()
    findings: list[Finding] = []
    conditions = [c for code in protocol.conditions if (c := catalog.get(code)) is not None]
    for p_index, phase in enumerate(protocol.phases):
        for e_index, prescription in enumerate(phase.exercises):
            exercise = library.get(prescription.exercise)
            if exercise is None:
                continue
            loc: Loc = ("phases", p_index, "exercises", e_index)
            for condition in conditions:
                finding = _finding_for(
                    condition, exercise, loc, p_index + 1, acknowledgements, used
                )
                if finding is not None:
                    findings.append(finding)
    for index, ack in enumerate(protocol.acknowledged):
        if index in used:
            continue
        why = (
            "it repeats an earlier acknowledgement of the same condition and exercise"
            if index in duplicates
            else _unused_reason(ack, protocol, library, catalog)
        )
        findings.append(
            Finding(
                Severity.WARNING,
                Code.UNUSED_ACKNOWLEDGEMENT,
                f"acknowledgement of {ack.exercise} with {ack.condition} matches nothing: {why}",
                loc=("acknowledged", index),
                exercise=ack.exercise,
                condition=ack.condition,
            )
        )
    return findings
