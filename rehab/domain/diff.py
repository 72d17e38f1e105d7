"""A clinical diff of two versions of a protocol: what changed for the patient, not which lines.

A text diff of a protocol shows moved TOML tables and re-wrapped strings; a reviewer wants
"donkey-calf-raise added to phase 2", "single-leg-calf-raise, phase 2: reps 10 -> 15" and which
safety findings appear or disappear because of it. The same changes feed the handout's
"What changed since your last sheet" box.

Phases are matched by position (phase 1 with phase 1); an exercise is matched by id, first
within the same phase, then across phases (reported as moved).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from rehab.domain.dosage_text import describe_steps
from rehab.domain.findings import Code, Finding
from rehab.domain.goal_diff import goal_changes
from rehab.domain.library import Library
from rehab.domain.protocol import (
    DOSAGE_KEYS,
    Acknowledgement,
    Phase,
    Prescription,
    Protocol,
    condition_label,
)
from rehab.domain.resolve import dose_steps, resolve_dosage
from rehab.domain.schedule_diff import schedule_changes

DETAIL_KEYS = (
    "title",
    "summary",
    "clinician",
    "clinic",
    "created",
    "review_on",
    "tags",
    "internal_notes",
)
PRESCRIPTION_KEYS = (*DOSAGE_KEYS, "notes", "internal_notes")


@dataclass(frozen=True)
class Change:
    """One clinical change. `text` is the line a reviewer reads."""

    kind: str
    text: str
    phase: int | None = None
    exercise: str | None = None
    field: str | None = None
    old: Any = None
    new: Any = None

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "text": self.text}
        for key in ("phase", "exercise", "field"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        if self.old is not None or self.new is not None:
            data["old"] = _jsonable(self.old)
            data["new"] = _jsonable(self.new)
        return data


@dataclass
class ProtocolDiff:
    """Changes between two versions, and the findings that appeared or disappeared."""

    changes: list[Change] = field(default_factory=list)
    findings_appeared: list[Finding] = field(default_factory=list)
    findings_resolved: list[Finding] = field(default_factory=list)

    @property
    def equal(self) -> bool:
        return not self.changes


def _jsonable(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return str(value)


def _shown(value: Any) -> str:
    if value is None:
        return "(library default)"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _shown_detail(value: Any) -> str:
    return "(none)" if value is None or value == [] else _shown(value)


def _changed_fields(a: object, b: object, keys: Sequence[str]) -> Iterator[tuple[str, Any, Any]]:
    """(key, old value, new value) for every key whose value differs between two models."""
    for key in keys:
        x, y = getattr(a, key), getattr(b, key)
        if x != y:
            yield key, x, y


def _details(old: Protocol, new: Protocol) -> list[Change]:
    return [
        Change(
            "details",
            f"{key}: {_shown_detail(a)} -> {_shown_detail(b)}",
            field=key,
            old=a,
            new=b,
        )
        for key, a, b in _changed_fields(old, new, DETAIL_KEYS)
    ]


def _conditions(old: Protocol, new: Protocol) -> list[Change]:
    before = {e.code: e for e in old.conditions}
    after = {e.code: e for e in new.conditions}
    out = [
        Change("condition-added", f"condition added: {label}", field="conditions", new=label)
        for code, entry in after.items()
        if code not in before
        for label in [condition_label(entry)]
    ]
    out += [
        Change("condition-removed", f"condition removed: {label}", field="conditions", old=label)
        for code, entry in before.items()
        if code not in after
        for label in [condition_label(entry)]
    ]
    out += [
        Change(
            "condition-changed",
            f"condition changed: {condition_label(entry)} -> {condition_label(after[code])}",
            field="conditions",
            old=condition_label(entry),
            new=condition_label(after[code]),
        )
        for code, entry in before.items()
        if code in after and after[code] != entry
    ]
    return out


def _phases(old: Protocol, new: Protocol) -> list[Change]:
    out = []
    for index in range(max(len(old.phases), len(new.phases))):
        number = index + 1
        a = old.phases[index] if index < len(old.phases) else None
        b = new.phases[index] if index < len(new.phases) else None
        if a is None and b is not None:
            out.append(
                Change(
                    "phase-added",
                    f"phase {number} added: {b.name} ({b.weeks} weeks)",
                    phase=number,
                    new=b.name,
                )
            )
        elif b is None and a is not None:
            out.append(
                Change(
                    "phase-removed", f"phase {number} removed: {a.name}", phase=number, old=a.name
                )
            )
        elif a is not None and b is not None:
            out += _phase_fields(number, a, b)
    return out


def _phase_fields(number: int, a: Phase, b: Phase) -> list[Change]:
    out = [
        Change(
            "phase-changed",
            f"phase {number}: {key.replace('_', ' ')} {_shown_detail(x)} -> {_shown_detail(y)}",
            phase=number,
            field=key,
            old=x,
            new=y,
        )
        for key, x, y in _changed_fields(a, b, ("name", "weeks"))
    ]
    for key in ("goals", "advance_when"):
        out += [
            Change(
                "phase-changed", f"phase {number}: {c.text}", number, None, c.field, c.old, c.new
            )
            for c in goal_changes(key, getattr(a, key), getattr(b, key))
        ]
    return out


Slot = tuple[int, int, Prescription]
"""(phase index, position in the phase, prescription)."""


def _slots(protocol: Protocol) -> dict[str, list[Slot]]:
    found: dict[str, list[Slot]] = {}
    for p_index, phase in enumerate(protocol.phases):
        for e_index, prescription in enumerate(phase.exercises):
            found.setdefault(prescription.exercise, []).append((p_index, e_index, prescription))
    return found


def _pair(
    old: list[Slot], new: list[Slot]
) -> tuple[list[tuple[Slot, Slot]], list[Slot], list[Slot]]:
    """Pair occurrences of one exercise: same phase first, then across phases in order."""
    pairs: list[tuple[Slot, Slot]] = []
    rest_old = list(old)
    rest_new = list(new)
    for slot in list(rest_old):
        match = next((s for s in rest_new if s[0] == slot[0]), None)
        if match is not None:
            pairs.append((slot, match))
            rest_old.remove(slot)
            rest_new.remove(match)
    while rest_old and rest_new:
        pairs.append((rest_old.pop(0), rest_new.pop(0)))
    return pairs, rest_old, rest_new


def _dosage_changes(
    exercise: str, phase: int, a: Prescription, b: Prescription, library: Library | None
) -> list[Change]:
    entry = library.get(exercise) if library is not None else None
    default = resolve_dosage(Prescription(exercise=exercise), entry) if entry else None

    def shown(key: str, value: Any) -> str:
        # "2 (library default)", not just "(library default)": the reviewer should not have
        # to look the default up to see whether the dose went up or down.
        if value is None and default is not None and key in DOSAGE_KEYS:
            fallback = getattr(default, key, None)
            if fallback is not None:
                return f"{_shown(fallback)} (library default)"
        return _shown(value) if key in DOSAGE_KEYS else _shown_detail(value)

    changes = [
        Change(
            "dosage-changed",
            f"{exercise}, phase {phase}: {key} {shown(key, x)} -> {shown(key, y)}",
            phase=phase,
            exercise=exercise,
            field=key,
            old=x,
            new=y,
        )
        for key, x, y in _changed_fields(a, b, PRESCRIPTION_KEYS)
    ]
    changes += [
        Change(
            "dosage-changed",
            f"{exercise}, phase {phase}, from week {week}: {key} {shown(key, x)} -> "
            f"{shown(key, y)}",
            phase=phase,
            exercise=exercise,
            field=f"schedule.{key}",
            old=x,
            new=y,
        )
        for week, key, x, y in schedule_changes(a, b)
    ]
    return changes


def _exercises(old: Protocol, new: Protocol, library: Library | None) -> list[Change]:
    out: list[Change] = []
    before, after = _slots(old), _slots(new)
    for exercise in [*before, *(e for e in after if e not in before)]:
        pairs, removed, added = _pair(before.get(exercise, []), after.get(exercise, []))
        for (p_old, _, a), (p_new, _, b) in pairs:
            if p_old != p_new:
                out.append(
                    Change(
                        "exercise-moved",
                        f"{exercise} moved from phase {p_old + 1} to phase {p_new + 1}",
                        phase=p_new + 1,
                        exercise=exercise,
                        old=p_old + 1,
                        new=p_new + 1,
                    )
                )
            out += _dosage_changes(exercise, p_new + 1, a, b, library)
        out += [
            Change(
                "exercise-removed",
                f"{exercise} removed from phase {p + 1}",
                phase=p + 1,
                exercise=exercise,
            )
            for p, _, _ in removed
        ]
        out += [
            Change(
                "exercise-added",
                f"{exercise} added to phase {p + 1}",
                phase=p + 1,
                exercise=exercise,
            )
            for p, _, _ in added
        ]
    out += _order_changes(old, new)
    return out


def _order_changes(old: Protocol, new: Protocol) -> list[Change]:
    """Same exercises in a phase, different order (a change in what the patient does first)."""
    out = []
    for index in range(min(len(old.phases), len(new.phases))):
        a = [p.exercise for p in old.phases[index].exercises]
        b = [p.exercise for p in new.phases[index].exercises]
        common_a = [e for e in a if e in b]
        common_b = [e for e in b if e in a]
        if common_a != common_b:
            out.append(
                Change(
                    "order-changed",
                    f"phase {index + 1}: order {', '.join(common_a)} -> {', '.join(common_b)}",
                    phase=index + 1,
                    old=common_a,
                    new=common_b,
                )
            )
    return out


def _ack_key(ack: Acknowledgement) -> tuple[str, str, tuple[int, ...] | None]:
    """Version 2 allows one decision per phase for the same condition and exercise."""
    return ack.condition, ack.exercise, tuple(ack.phases) if ack.phases is not None else None


def _ack_phases(ack: Acknowledgement) -> str:
    if ack.phases is None:
        return " in every phase"
    if not ack.phases:
        return " in no phase"
    return f" in phase {', '.join(map(str, ack.phases))}"


def _acknowledgements(old: Protocol, new: Protocol) -> list[Change]:
    a = {_ack_key(x): x for x in old.acknowledged}
    b = {_ack_key(x): x for x in new.acknowledged}
    out = []
    for key, ack in b.items():
        if key not in a:
            out.append(
                Change(
                    "acknowledgement-added",
                    f"acknowledged: {ack.exercise} despite {ack.condition}{_ack_phases(ack)} "
                    f"({ack.by}: {_shown(ack.reason)})",
                    exercise=ack.exercise,
                    field="acknowledged",
                    new=ack.reason,
                )
            )
        elif a[key] != ack:
            out.append(
                Change(
                    "acknowledgement-changed",
                    f"acknowledgement of {ack.exercise} despite {ack.condition}"
                    f"{_ack_phases(ack)} changed: {_shown(a[key].reason)} -> "
                    f"{_shown(ack.reason)}",
                    exercise=ack.exercise,
                    field="acknowledged",
                    old=a[key].reason,
                    new=ack.reason,
                )
            )
    for key, ack in a.items():
        if key not in b:
            out.append(
                Change(
                    "acknowledgement-removed",
                    f"acknowledgement withdrawn: {ack.exercise} despite {ack.condition}"
                    f"{_ack_phases(ack)}",
                    exercise=ack.exercise,
                    field="acknowledged",
                    old=ack.reason,
                )
            )
    return out


def _finding_key(finding: Finding) -> tuple[str, str, int | None, str | None, str | None, str]:
    """Findings are the same when they say the same about the same thing (lines may move)."""
    return (
        finding.severity.value,
        finding.code.value,
        finding.phase,
        finding.exercise,
        finding.condition,
        finding.message,
    )


def _nothing() -> Protocol:
    """The other side of a file that was added or deleted: every field empty."""
    empty: dict[str, Any] = {key: None for key in DETAIL_KEYS}
    empty.update(schema_version=1, id="(none)", tags=[], conditions=[], phases=[], acknowledged=[])
    return Protocol.model_construct(**empty)


def diff_protocols(
    old: Protocol | None,
    new: Protocol | None,
    old_findings: Sequence[Finding] = (),
    new_findings: Sequence[Finding] = (),
    library: Library | None = None,
) -> ProtocolDiff:
    """Every clinical change from `old` to `new`, in reading order; None is a missing file.

    With the library, a dose key left to the library default shows the default's value.
    """
    old = old if old is not None else _nothing()
    new = new if new is not None else _nothing()
    # Phase and exercise changes read phase by phase; within a phase the phase's own
    # change (added, renamed) comes first. sorted() is stable, so the rest keeps its order.
    by_phase = sorted(
        [*_phases(old, new), *_exercises(old, new, library)], key=lambda c: c.phase or 0
    )
    changes = [
        *_details(old, new),
        *_conditions(old, new),
        *by_phase,
        *_acknowledgements(old, new),
    ]
    if old.id != new.id:
        changes.insert(
            0, Change("details", f"id: {old.id} -> {new.id}", field="id", old=old.id, new=new.id)
        )
    # A file-name warning says nothing about the protocol: two copies compared side by side
    # would otherwise always "fix" one and "introduce" another.
    old_clinical = [f for f in old_findings if f.code is not Code.ID_MISMATCH]
    new_clinical = [f for f in new_findings if f.code is not Code.ID_MISMATCH]
    before = {_finding_key(f) for f in old_clinical}
    after = {_finding_key(f) for f in new_clinical}
    return ProtocolDiff(
        changes,
        [f for f in new_clinical if _finding_key(f) not in before],
        [f for f in old_clinical if _finding_key(f) not in after],
    )


# -- the handout's "What changed since your last sheet" box ----------------------------------


def _prescription_at(protocol: Protocol, phase: int, exercise: str) -> Prescription | None:
    if not 1 <= phase <= len(protocol.phases):
        return None
    return next((p for p in protocol.phases[phase - 1].exercises if p.exercise == exercise), None)


def patient_lines(diff: ProtocolDiff, protocol: Protocol, library: Library) -> list[str]:
    """What the patient does differently, in their words, for the handout's box.

    Clinician matters (details, conditions, acknowledgements, clinician-only notes) stay out;
    a changed dose is given as the whole new dose, once per exercise and phase.
    """

    def name(exercise_id: str | None) -> str:
        entry = library.get(exercise_id or "")
        return entry.name if entry else (exercise_id or "")

    lines: list[str] = []
    dosed: set[tuple[str | None, int | None]] = set()
    for c in diff.changes:
        if c.kind == "exercise-added":
            lines.append(f"New in phase {c.phase}: {name(c.exercise)}")
        elif c.kind == "exercise-removed":
            lines.append(f"No longer in phase {c.phase}: {name(c.exercise)}")
        elif c.kind == "exercise-moved":
            lines.append(f"{name(c.exercise)} moved from phase {c.old} to phase {c.new}")
        elif c.kind == "dosage-changed" and c.field == "notes":
            lines.append(f"{name(c.exercise)}, phase {c.phase}: the note has changed")
        elif c.kind == "dosage-changed" and c.field != "internal_notes":
            if (c.exercise, c.phase) in dosed:
                continue
            dosed.add((c.exercise, c.phase))
            entry = library.get(c.exercise or "")
            prescription = _prescription_at(protocol, c.phase or 0, c.exercise or "")
            if entry is None or prescription is None:
                continue
            dose = describe_steps(dose_steps(prescription, entry), unilateral=not entry.bilateral)
            lines.append(f"{entry.name}, phase {c.phase}: now {dose}")
        elif c.kind == "phase-added":
            lines.append(f"New phase {c.phase}: {c.new}")
        elif c.kind == "phase-removed":
            lines.append(f"Phase {c.phase} ({c.old}) has been taken out")
        elif c.kind == "phase-changed" and c.field == "weeks":
            lines.append(f"Phase {c.phase} now lasts {c.new} weeks")
        elif c.kind == "phase-changed" and c.field == "name":
            lines.append(f"Phase {c.phase} is now called {c.new}")
        elif c.kind == "phase-changed":
            label = "goals" if (c.field or "").startswith("goals") else "when to move on"
            lines.append(f"Phase {c.phase}: {label} updated")
        elif c.kind == "order-changed":
            order = ", ".join(name(e) for e in c.new)
            lines.append(f"Phase {c.phase}: new order: {order}")
    return lines
