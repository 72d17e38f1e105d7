"""The condition catalog: which movement components each condition restricts, and how strongly.

The catalog is data (rehab/data/conditions.toml), not code, so a clinician can read every rule
and its source, and a reviewer can check a change to a rule as a change to one line of data.
"""

from __future__ import annotations

from typing import Literal, Self

from pydantic import Field, model_validator

from rehab.domain.base import StrictModel
from rehab.domain.components import Component
from rehab.domain.text import Line, LongText, Slug

Level = Literal["absolute", "relative", "technique"]

LEVEL_RANK: dict[str, int] = {"absolute": 3, "relative": 2, "technique": 1}
"""absolute > relative > technique: for one exercise and one condition the highest level wins."""

ALL = "all"


class Rule(StrictModel):
    """One level of restriction for a set of components (or 'all' exercises)."""

    level: Level = Field(description="absolute (error), relative (warning) or technique (info).")
    components: list[Component | Literal["all"]] = Field(
        min_length=1, description="Components this level applies to; 'all' matches every exercise."
    )
    proposed: bool = Field(
        default=False,
        description="True when the level is a clinical judgement, not graded by a guideline.",
    )


class RedFlag(StrictModel):
    """A symptom the patient must act on, printed in the handout's 'Stop and get help' box."""

    id: Slug = Field(description="Stable id conditions refer to.")
    text: LongText = Field(description="The symptom in the patient's words.")
    action: Line = Field(description="What to do, e.g. 'Call an ambulance'.")
    general: bool = Field(description="Printed on every handout, whatever the conditions.")


class Condition(StrictModel):
    """A catalog entry: a patient condition with its rules, reasons and red flags."""

    code: Slug = Field(description="Code used in protocol files.")
    name: Line = Field(description="Name for clinicians.")
    description: LongText = Field(description="What the condition covers.")
    why: LongText = Field(description="The reason for the rules, in plain words.")
    source: Line = Field(description="Where the rule comes from.")
    rules: list[Rule] = Field(min_length=1, description="Levels per component.")
    cue: LongText | None = Field(
        default=None,
        description="Technique cue printed on the handout for exercises it flags.",
    )
    red_flags: list[Slug] = Field(
        default_factory=list, description="Ids of red flags this condition adds to a handout."
    )

    @model_validator(mode="after")
    def _each_component_once(self) -> Self:
        seen: set[str] = set()
        for rule in self.rules:
            for component in rule.components:
                if component in seen:
                    raise ValueError(f"component '{component}' appears in more than one rule")
                seen.add(component)
        if any(rule.level == "technique" for rule in self.rules) and not self.cue:
            raise ValueError("a condition with a technique rule needs a cue for the handout")
        return self

    def level_for(self, components: list[str]) -> tuple[Level, tuple[str, ...], bool] | None:
        """The highest level among the components shared with an exercise.

        Returns (level, shared components at that level, proposed) or None when nothing is
        shared. 'all' matches every exercise; it is reported as every component of it.
        """
        best: tuple[Level, tuple[str, ...], bool] | None = None
        for rule in self.rules:
            if ALL in rule.components:
                shared = tuple(components)
            else:
                shared = tuple(c for c in components if c in rule.components)
            if not shared:
                continue
            if best is None or LEVEL_RANK[rule.level] > LEVEL_RANK[best[0]]:
                best = (rule.level, shared, rule.proposed)
        return best


class Catalog(StrictModel):
    """All conditions and red flags; the file is validated as a whole."""

    red_flags: list[RedFlag] = Field(min_length=1, description="Every red flag.")
    conditions: list[Condition] = Field(min_length=1, description="Every condition.")

    @model_validator(mode="after")
    def _references_resolve(self) -> Self:
        flag_ids = [flag.id for flag in self.red_flags]
        if len(set(flag_ids)) != len(flag_ids):
            raise ValueError("a red flag id is used twice")
        codes = [c.code for c in self.conditions]
        if len(set(codes)) != len(codes):
            raise ValueError("a condition code is used twice")
        for condition in self.conditions:
            for flag in condition.red_flags:
                if flag not in flag_ids:
                    raise ValueError(
                        f"condition '{condition.code}' names unknown red flag '{flag}'"
                    )
        return self

    def get(self, code: str) -> Condition | None:
        """The condition with this code, or None."""
        return next((c for c in self.conditions if c.code == code), None)

    @property
    def codes(self) -> frozenset[str]:
        """Every known condition code."""
        return frozenset(c.code for c in self.conditions)

    def red_flags_for(self, codes: list[str]) -> list[RedFlag]:
        """General red flags plus those of the given conditions, in catalog order."""
        wanted = {flag for code in codes if (c := self.get(code)) for flag in c.red_flags}
        return [f for f in self.red_flags if f.general or f.id in wanted]


__all__ = ["ALL", "LEVEL_RANK", "Catalog", "Condition", "Level", "RedFlag", "Rule"]
