"""The condition catalog: which movement components each condition restricts, and how strongly.

The catalog is data (rehab/data/conditions.toml), not code, so a clinician can read every rule
and its source, and a reviewer can check a change to a rule as a change to one line of data.

Version 2 gives each rule a window in weeks since onset (surgery, injury, symptom onset or
gestational week), because "early" and "acute" restrictions lapse, and its own patient cue,
because a precaution must change what the patient reads, not only what the clinician sees.
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

MAX_WEEK = 600
"""The end of the longest window a rule may have (weeks since onset)."""

Urgency = Literal["emergency", "today", "not-urgent"]


def window_text(window: tuple[int, int | None] | None) -> str:
    """A window in plain words: 'weeks 0-8', 'from week 20' or 'always'."""
    if window is None:
        return "always"
    start, until = window
    return f"from week {start}" if until is None else f"weeks {start}-{until}"


def _overlap(a: tuple[int, int | None] | None, b: tuple[int, int | None] | None) -> bool:
    if a is None or b is None:
        return True
    a_end = MAX_WEEK if a[1] is None else a[1]
    b_end = MAX_WEEK if b[1] is None else b[1]
    return a[0] < b_end and b[0] < a_end


class Rule(StrictModel):
    """One level of restriction for a set of components, optionally for a window of weeks."""

    level: Level = Field(description="absolute (error), relative (warning) or technique (info).")
    components: list[Component | Literal["all"]] = Field(
        min_length=1, description="Components this level applies to; 'all' matches every exercise."
    )
    weeks: list[int] | None = Field(
        default=None,
        description=(
            "Window in weeks since onset: [from] applies from that week on, [from, until] while "
            "from <= week < until (0 <= from < until <= 600). Omitted: always."
        ),
    )
    cue: LongText | None = Field(
        default=None,
        description=(
            "What the handout tells the patient with a flagged exercise, in plain words. "
            "Required for relative and technique rules."
        ),
    )
    cue_not_for: list[Slug] = Field(
        default_factory=list,
        description=(
            "Exercise ids whose own instructions set this point differently on purpose (seed "
            "004's stretch guides the knee outside the foot): the handout prints theirs, not "
            "this cue, so a patient never reads two cues that contradict each other."
        ),
    )
    why: LongText | None = Field(
        default=None, description="The reason for this rule when it differs from the condition's."
    )
    source: Line | None = Field(
        default=None, description="The source of this rule when it differs from the condition's."
    )
    proposed: bool = Field(
        default=False,
        description="True when the level is a clinical judgement, not graded by a guideline.",
    )

    @model_validator(mode="after")
    def _valid_window_and_cue(self) -> Self:
        if self.weeks is not None:
            if len(self.weeks) not in (1, 2):
                raise ValueError("weeks must be [from] or [from, until]")
            start = self.weeks[0]
            if not 0 <= start < MAX_WEEK:
                raise ValueError(f"weeks: 'from' must be 0 to {MAX_WEEK - 1}, got {start}")
            if len(self.weeks) == 2 and not start < self.weeks[1] <= MAX_WEEK:
                raise ValueError(
                    f"weeks: 'until' must be after 'from' ({start}) and at most {MAX_WEEK}, "
                    f"got {self.weeks[1]}"
                )
        if self.level != "absolute" and not (self.cue and self.cue.strip()):
            raise ValueError(
                f"a {self.level} rule needs a cue: what the patient should do differently"
            )
        return self

    @property
    def window(self) -> tuple[int, int | None] | None:
        """(from, until) in weeks since onset; until None means open-ended; None means always."""
        if self.weeks is None:
            return None
        return (self.weeks[0], self.weeks[1] if len(self.weeks) == 2 else None)

    def applies_in(self, first_week: int, end_week: int) -> bool:
        """True when the window overlaps the weeks [first_week, end_week) (always without one)."""
        window = self.window
        if window is None:
            return True
        start, until = window
        return start < end_week and (until is None or first_week < until)

    def cue_for(self, exercise: str) -> str | None:
        """The cue the handout prints with this exercise (None where the exercise's own wins)."""
        return None if exercise in self.cue_not_for else self.cue


class RedFlag(StrictModel):
    """A symptom the patient must act on, printed in the handout's 'Stop and get help' box."""

    id: Slug = Field(description="Stable id conditions refer to.")
    text: LongText = Field(description="The symptom in the patient's words.")
    action: Line = Field(description="What to do, e.g. 'Call an ambulance'.")
    urgency: Urgency = Field(
        description=(
            "emergency (call an ambulance or go to an emergency department), today (a same-day "
            "assessment) or not-urgent (do less and tell your clinician): printed apart."
        )
    )
    general: bool = Field(description="Printed on every handout, whatever the conditions.")


class Condition(StrictModel):
    """A catalog entry: a patient condition with its rules, reasons and red flags."""

    code: Slug = Field(description="Code used in protocol files.")
    name: Line = Field(description="Name for clinicians.")
    description: LongText = Field(description="What the condition covers.")
    why: LongText = Field(description="The reason for the rules, in plain words.")
    source: Line = Field(description="Where the rules come from (a named paper or guideline).")
    rules: list[Rule] = Field(min_length=1, description="Levels per component.")
    referral: bool = Field(
        default=False,
        description="True when the patient needs assessment instead of exercise: no handout.",
    )
    referral_advice: LongText | None = Field(
        default=None,
        description="What the clinician does instead of exercise (required with referral).",
    )
    pain_limit: int | None = Field(
        default=None,
        ge=0,
        le=10,
        description="Highest acceptable pain during exercise (0-10) for this condition.",
    )
    aliases: list[Slug] = Field(
        default_factory=list, description="Older codes that still mean this condition."
    )
    sided: bool = Field(
        default=False, description="Whether a protocol may give this condition a side."
    )
    red_flags: list[Slug] = Field(
        default_factory=list, description="Ids of red flags this condition adds to a handout."
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        seen: list[tuple[str, Rule]] = []
        for rule in self.rules:
            for component in rule.components:
                for other_component, other in seen:
                    same = ALL in (component, other_component) or component == other_component
                    if same and _overlap(rule.window, other.window):
                        raise ValueError(
                            f"component '{component}' appears in two rules whose windows "
                            f"overlap ({window_text(other.window)} and {window_text(rule.window)})"
                            "; give each rule its own weeks"
                        )
                seen.append((component, rule))
        if self.referral and not (self.referral_advice and self.referral_advice.strip()):
            raise ValueError("a referral condition needs referral_advice: what to do instead")
        if self.referral_advice is not None and not self.referral:
            raise ValueError("referral_advice is only for a condition with referral = true")
        if self.code in self.aliases:
            raise ValueError(f"'{self.code}' cannot be an alias of itself")
        return self

    def level_for(self, components: list[str]) -> tuple[Level, tuple[str, ...], bool] | None:
        """The highest level among the components shared with an exercise, in any window.

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
        names = [name for c in self.conditions for name in (c.code, *c.aliases)]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValueError(f"condition code or alias used twice: {', '.join(repeated)}")
        for condition in self.conditions:
            for flag in condition.red_flags:
                if flag not in flag_ids:
                    raise ValueError(
                        f"condition '{condition.code}' names unknown red flag '{flag}'"
                    )
        return self

    def get(self, code: str) -> Condition | None:
        """The condition with this code or alias, or None."""
        return next((c for c in self.conditions if code == c.code or code in c.aliases), None)

    def canonical(self, code: str) -> str | None:
        """The current code for a code or alias (None when unknown)."""
        condition = self.get(code)
        return condition.code if condition else None

    @property
    def codes(self) -> frozenset[str]:
        """Every code a protocol may use: current codes and their aliases."""
        return frozenset(name for c in self.conditions for name in (c.code, *c.aliases))

    def red_flags_for(self, codes: list[str]) -> list[RedFlag]:
        """General red flags plus those of the given conditions, in catalog order."""
        wanted = {flag for code in codes if (c := self.get(code)) for flag in c.red_flags}
        return [f for f in self.red_flags if f.general or f.id in wanted]


__all__ = [
    "ALL",
    "LEVEL_RANK",
    "MAX_WEEK",
    "Catalog",
    "Condition",
    "Level",
    "RedFlag",
    "Rule",
    "Urgency",
    "window_text",
]
