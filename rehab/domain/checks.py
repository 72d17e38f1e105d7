"""Checks that need more than one field: ids that must exist, dosage that must fit, dates in order.

Schema validation has already passed when these run, so every value has the right type and
range; what is left are the facts a single field cannot know.
"""

from __future__ import annotations

from collections.abc import Collection

from rehab.domain.findings import Code, Finding, Severity
from rehab.domain.library import Library
from rehab.domain.protocol import Protocol
from rehab.domain.resolve import dosage_mismatches


def _unknown_condition(code: str, known: Collection[str], loc: tuple[str | int, ...]) -> Finding:
    from difflib import get_close_matches  # only when a name is unknown

    hint = get_close_matches(code, list(known), n=1)
    tail = f"; did you mean '{hint[0]}'?" if hint else "; `rehab conditions` lists the codes"
    return Finding(
        Severity.ERROR,
        Code.UNKNOWN_CONDITION,
        f"unknown condition '{code}'{tail}",
        loc=loc,
        condition=code,
    )


def _unknown_exercise(
    exercise_id: str, library: Library, loc: tuple[str | int, ...], phase: int | None
) -> Finding:
    hint = library.suggest(exercise_id)
    tail = f"; did you mean '{hint}'?" if hint else "; `rehab library` lists the ids"
    return Finding(
        Severity.ERROR,
        Code.UNKNOWN_EXERCISE,
        f"unknown exercise '{exercise_id}'{tail}",
        loc=loc,
        phase=phase,
        exercise=exercise_id,
    )


def check_structure(
    protocol: Protocol, library: Library, condition_codes: Collection[str]
) -> list[Finding]:
    """Unknown ids, dosage that does not fit its exercise, and dates out of order."""
    findings: list[Finding] = []
    if protocol.review_on is not None and protocol.review_on < protocol.created:
        findings.append(
            Finding(
                Severity.ERROR,
                Code.DATE_ORDER,
                f"review_on {protocol.review_on} is before created {protocol.created}",
                loc=("review_on",),
            )
        )
    for i, code in enumerate(protocol.condition_codes):
        if code not in condition_codes:
            findings.append(_unknown_condition(code, condition_codes, ("conditions", i)))
    for p_index, phase in enumerate(protocol.phases):
        for e_index, prescription in enumerate(phase.exercises):
            loc: tuple[str | int, ...] = ("phases", p_index, "exercises", e_index)
            exercise = library.get(prescription.exercise)
            if exercise is None:
                findings.append(
                    _unknown_exercise(
                        prescription.exercise, library, (*loc, "exercise"), p_index + 1
                    )
                )
                continue
            for mismatch in dosage_mismatches(prescription, exercise, phase.weeks):
                findings.append(
                    Finding(
                        Severity.ERROR,
                        Code.DOSAGE_MISMATCH,
                        mismatch.message,
                        loc=(*loc, *mismatch.loc),
                        phase=p_index + 1,
                        exercise=exercise.id,
                    )
                )
    for a_index, ack in enumerate(protocol.acknowledged):
        if ack.condition not in condition_codes:
            findings.append(
                _unknown_condition(
                    ack.condition, condition_codes, ("acknowledged", a_index, "condition")
                )
            )
        if ack.exercise not in library:
            findings.append(
                _unknown_exercise(
                    ack.exercise, library, ("acknowledged", a_index, "exercise"), None
                )
            )
    return findings
