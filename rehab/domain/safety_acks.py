"""Acknowledgements: which phase's finding each one answers, and what is wrong with the rest.

An acknowledgement answers one condition and one exercise in the phases it lists (a version 1
acknowledgement, which lists none, in every phase). It is looked up per phase, so a decision
written for week 8 never clears the same exercise in weeks 3-6. One that answers nothing, or
names a phase that does not exist, or tries to answer a referral, is itself a finding.
"""

from __future__ import annotations

from rehab.domain.conditions import Catalog
from rehab.domain.findings import Code, Finding, Severity
from rehab.domain.plan import Plan
from rehab.domain.protocol import Acknowledgement


class AckBook:
    """The protocol's acknowledgements, indexed by (condition, exercise), with their use."""

    def __init__(self, plan: Plan, catalog: Catalog) -> None:
        self.plan = plan
        self.catalog = catalog
        self.acks = list(plan.protocol.acknowledged)
        self._by_key: dict[tuple[str, str], list[int]] = {}
        for index, ack in enumerate(self.acks):
            code = catalog.canonical(ack.condition) or ack.condition
            self._by_key.setdefault((code, ack.exercise), []).append(index)
        self._used: dict[int, set[int]] = {}
        """ack index -> phases it answered."""

    def covers(self, ack: Acknowledgement, phase: int) -> bool:
        return ack.phases is None or phase in ack.phases

    def answer(self, code: str, exercise: str, phase: int) -> Acknowledgement | None:
        """The first acknowledgement that covers this phase; its use is recorded."""
        for index in self._by_key.get((code, exercise), []):
            ack = self.acks[index]
            if self.covers(ack, phase):
                self._used.setdefault(index, set()).add(phase)
                return ack
        return None

    def problems(self) -> list[Finding]:
        """Call after every finding was looked up: the acknowledgements that are wrong."""
        out: list[Finding] = []
        for index, ack in enumerate(self.acks):
            condition = self.catalog.get(ack.condition)
            if condition is not None and condition.referral:
                out.append(
                    Finding(
                        Severity.ERROR,
                        Code.REFERRAL_REQUIRED,
                        f"{condition.code} cannot be acknowledged: it needs referral, not "
                        f"exercise. {condition.referral_advice}",
                        loc=("acknowledged", index),
                        exercise=ack.exercise,
                        condition=condition.code,
                    )
                )
                continue
            missing = sorted(p for p in ack.phases or [] if p not in self.plan.phase_numbers)
            if missing:
                count = len(self.plan.phases)
                out.append(
                    Finding(
                        Severity.ERROR,
                        Code.ACKNOWLEDGEMENT_SCOPE,
                        f"the acknowledgement of {ack.exercise} with {ack.condition} names "
                        f"phase {', '.join(map(str, missing))}, which does not exist (this "
                        f"protocol has {count} phase{'s' if count != 1 else ''})",
                        loc=("acknowledged", index, "phases"),
                        exercise=ack.exercise,
                        condition=ack.condition,
                    )
                )
            unused = self._unused_phases(index, ack)
            if unused is not None:
                out.append(self._unused(index, ack, unused))
        return out

    def _unused_phases(self, index: int, ack: Acknowledgement) -> list[int] | None:
        """The phases it answered nothing in; None when it did its whole job.

        An empty list means it answered nothing at all (a version 1 one, or `phases = []`).
        """
        used = self._used.get(index, set())
        if ack.phases is None:
            return None if used else []
        if not ack.phases:
            return []
        idle = [p for p in ack.phases if p in self.plan.phase_numbers and p not in used]
        return idle or None

    def _unused(self, index: int, ack: Acknowledgement, phases: list[int]) -> Finding:
        where = (
            f" in phase {', '.join(map(str, phases))}" if phases and self._used.get(index) else ""
        )
        return Finding(
            Severity.WARNING,
            Code.UNUSED_ACKNOWLEDGEMENT,
            f"acknowledgement of {ack.exercise} with {ack.condition} matches nothing{where}: "
            f"{self._why_unused(index, ack, phases)}",
            loc=("acknowledged", index),
            exercise=ack.exercise,
            condition=ack.condition,
        )

    def _why_unused(self, index: int, ack: Acknowledgement, phases: list[int]) -> str:
        code = self.catalog.canonical(ack.condition) or ack.condition
        plan = self.plan
        if code not in {c.code for c in plan.conditions}:
            return f"condition '{ack.condition}' is not among this protocol's conditions"
        prescribed = {
            p.phase.number for p in plan.exercises if p.prescription.exercise == ack.exercise
        }
        if not prescribed:
            return f"exercise '{ack.exercise}' is not prescribed in any phase"
        wanted = phases or sorted(prescribed)
        if not any(p in prescribed for p in wanted):
            return f"{ack.exercise} is not prescribed in phase {', '.join(map(str, wanted))}"
        for other in self._by_key.get((code, ack.exercise), []):
            if other < index and any(p in self._used.get(other, set()) for p in wanted):
                return "an earlier acknowledgement of the same condition and exercise covers it"
        return (
            f"{ack.exercise} is not restricted by {code} there (another side, outside the "
            "rule's weeks, or only a technique cue, which needs no acknowledging)"
        )
