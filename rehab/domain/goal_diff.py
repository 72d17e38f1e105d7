"""What changed in a phase's goals and move-on criteria, for the clinical diff.

A measurable goal is a clinical value like a dose: "phase 2: goal heel-raise-count right target
20 -> 25" is what a reviewer must see, not two lists of tables. Measurable goals are matched by
measure and side; text goals are compared as the list of texts they were before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rehab.domain.goals import MeasureGoal, goal_label
from rehab.domain.measures import format_target

_WORD = {"goals": "goal", "advance_when": "move-on criterion"}


@dataclass(frozen=True)
class GoalChange:
    """One change: `field` is 'goals', 'goals.target', 'advance_when.text' and so on."""

    field: str
    text: str
    old: Any
    new: Any


def _key(goal: MeasureGoal) -> tuple[str, str | None]:
    return goal.measure, goal.side


def _shown(texts: Sequence[str]) -> str:
    return "(none)" if not texts else "[" + ", ".join(texts) + "]"


def goal_changes(
    key: str, old: Sequence[str | MeasureGoal], new: Sequence[str | MeasureGoal]
) -> list[GoalChange]:
    """Every change from `old` to `new` of one list (`goals` or `advance_when`) of a phase."""
    if list(old) == list(new):
        return []
    word = _WORD.get(key, key)
    out: list[GoalChange] = []
    texts_a = [g for g in old if isinstance(g, str)]
    texts_b = [g for g in new if isinstance(g, str)]
    if texts_a != texts_b:
        out.append(
            GoalChange(
                key,
                f"{key.replace('_', ' ')} {_shown(texts_a)} -> {_shown(texts_b)}",
                texts_a,
                texts_b,
            )
        )
    before = {_key(g): g for g in old if isinstance(g, MeasureGoal)}
    after = {_key(g): g for g in new if isinstance(g, MeasureGoal)}
    for k, a in before.items():
        b = after.get(k)
        if b is None:
            out.append(GoalChange(key, f"{word} removed: {goal_label(a)}", goal_label(a), None))
            continue
        name = a.measure + (f" {a.side}" if a.side else "")
        if a.target != b.target:
            out.append(
                GoalChange(
                    f"{key}.target",
                    f"{word} {name}: target {format_target(a.target)} -> {format_target(b.target)}",
                    a.target,
                    b.target,
                )
            )
        if a.text != b.text:
            out.append(
                GoalChange(
                    f"{key}.text",
                    f"{word} {name}: wording {a.text or '(generated)'} -> "
                    f"{b.text or '(generated)'}",
                    a.text,
                    b.text,
                )
            )
    for k, b in after.items():
        if k not in before:
            out.append(GoalChange(key, f"{word} added: {goal_label(b)}", None, goal_label(b)))
    if not out:
        # The same goals in another order: the handout prints them in the new order.
        labels_a = [goal_label(g) for g in old]
        labels_b = [goal_label(g) for g in new]
        out.append(GoalChange(key, f"{key.replace('_', ' ')} reordered", labels_a, labels_b))
    return out
