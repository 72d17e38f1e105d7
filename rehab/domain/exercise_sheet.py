"""What a clinician reads about an exercise before prescribing it, as labelled text.

`rehab show` and the app's library detail render the same sheet, so the two never disagree
about what an entry says.
"""

from __future__ import annotations

from dataclasses import dataclass

from rehab.domain.dosage_text import describe_dosage
from rehab.domain.exercise import Exercise
from rehab.domain.resolve import default_dosage


@dataclass(frozen=True)
class ExerciseSheet:
    """Labelled one-line facts, then titled sections of lines."""

    facts: list[tuple[str, str]]
    sections: list[tuple[str, list[str]]]


def sensible_ranges(exercise: Exercise) -> str:
    """The entry's ranges in one line, as the dose checks apply them."""
    r = exercise.ranges
    parts = [f"sets {r.sets.min}-{r.sets.max}"]
    if r.hold_seconds:
        held = "hold" if exercise.dosing == "hold" else "isometric hold"
        parts.append(f"{held} {r.hold_seconds.min}-{r.hold_seconds.max} s")
    if r.reps:
        parts.append(f"reps {r.reps.min}-{r.reps.max}")
    parts.append(f"times a day {r.times_per_day.min}-{r.times_per_day.max}")
    unit = "seconds" if exercise.dosing == "hold" else "reps"
    parts.append(f"at most {r.daily_max} {unit} per leg per day")
    return ", ".join(parts)


def exercise_sheet(e: Exercise) -> ExerciseSheet:
    """Every field of an entry a clinician needs, in reading order (empty ones left out)."""
    facts = [
        ("Handout", e.handout_name),
        ("Type", f"{e.category}, {e.dosing}, {e.laterality}, {e.position}, knee {e.knee_angle}"),
        ("Muscles", ", ".join(e.muscles)),
        ("Equipment", ", ".join(e.equipment) or "none"),
        ("Partner", "needed" if e.partner else "not needed"),
        ("Components", ", ".join(e.components) or "none"),
        ("Modes", ", ".join(["standard", *e.modes])),
        ("Default", describe_dosage(default_dosage(e), unilateral=not e.bilateral)),
        ("Sensible", sensible_ranges(e)),
    ]
    if e.progressions:
        facts.append(("Progress to", ", ".join(e.progressions)))
    if e.regressions:
        facts.append(("Regress to", ", ".join(e.regressions)))
    if e.video_url:
        facts.append(("Video", str(e.video_url)))
    facts.append(("Source", e.source))
    sections = [
        ("Instructions", [f"{i}. {step}" for i, step in enumerate(e.instructions, 1)]),
        *(
            (f"Instructions, {mode} mode", [f"{i}. {step}" for i, step in enumerate(steps, 1)])
            for mode, steps in e.mode_instructions.items()
        ),
        ("Tips", [f"- {t}" for t in e.tips]),
        ("Common mistakes", [f"- {m}" for m in e.mistakes]),
        ("Stop if", [f"- {s}" for s in e.stop_if]),
    ]
    return ExerciseSheet(facts, [(title, lines) for title, lines in sections if lines])
