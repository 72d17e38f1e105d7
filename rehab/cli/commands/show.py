"""`rehab show`: one exercise in full, as a clinician needs it before prescribing."""

from __future__ import annotations

import argparse
import json
import sys

from rehab.cli.context import ContextFailed, build_context
from rehab.cli.exits import EXIT_ERROR, EXIT_OK
from rehab.cli.output import Printer, printable
from rehab.domain.dosage_text import describe_dosage
from rehab.domain.exercise import Exercise
from rehab.domain.resolve import default_dosage


def _ranges(exercise: Exercise) -> str:
    r = exercise.ranges
    parts = [f"sets {r.sets.min}-{r.sets.max}"]
    if r.hold_seconds:
        parts.append(f"hold {r.hold_seconds.min}-{r.hold_seconds.max} s")
    if r.reps:
        parts.append(f"reps {r.reps.min}-{r.reps.max}")
    parts.append(f"times a day {r.times_per_day.min}-{r.times_per_day.max}")
    unit = "seconds" if exercise.dosing == "hold" else "reps"
    parts.append(f"at most {r.daily_max} {unit} per leg per day")
    return ", ".join(parts)


def run(args: argparse.Namespace) -> int:
    try:
        context = build_context(args)
    except ContextFailed:
        return EXIT_ERROR
    exercise = context.library.get(args.exercise_id)
    if exercise is None:
        hint = context.library.suggest(args.exercise_id)
        tail = f"; did you mean '{hint}'?" if hint else "; `rehab library` lists the ids"
        print(
            f"rehab show: unknown exercise '{printable(args.exercise_id)}'{tail}", file=sys.stderr
        )
        return EXIT_ERROR
    if args.json:
        sys.stdout.write(
            json.dumps(exercise.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
        )
        return EXIT_OK
    p = Printer(colour=False if args.no_color else None)
    e = exercise
    p.line(p.style(printable(e.name), "bold") + f"  ({e.id})")
    out = [
        e.summary,
        "",
        f"Type:        {e.category}, {e.dosing}, {e.laterality}, {e.position}, knee {e.knee_angle}",
        f"Muscles:     {', '.join(e.muscles)}",
        f"Equipment:   {', '.join(e.equipment) or 'none'}",
        f"Partner:     {'needed' if e.partner else 'not needed'}",
        f"Components:  {', '.join(e.components)}",
        f"Default:     {describe_dosage(default_dosage(e), unilateral=not e.bilateral)}",
        f"Sensible:    {_ranges(e)}",
    ]
    if e.progressions:
        out.append(f"Progress to: {', '.join(e.progressions)}")
    if e.regressions:
        out.append(f"Regress to:  {', '.join(e.regressions)}")
    if e.video_url:
        out.append(f"Video:       {e.video_url}")
    out.append(f"Source:      {e.source}")
    sections = [
        ("Instructions", [f"{i}. {step}" for i, step in enumerate(e.instructions, 1)]),
        ("Tips", [f"- {t}" for t in e.tips]),
        ("Common mistakes", [f"- {m}" for m in e.mistakes]),
        ("Stop if", [f"- {s}" for s in e.stop_if]),
    ]
    for line in out:
        p.line(printable(line))
    for title, lines in sections:
        if lines:
            p.line()
            p.line(p.style(title, "bold"))
            for line in lines:
                p.line(printable(line))
    return EXIT_OK
