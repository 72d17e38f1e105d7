"""`rehab show`: one exercise in full, as a clinician needs it before prescribing."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rehab.cli.context import ContextFailed, build_context
from rehab.cli.exits import EXIT_ERROR, EXIT_OK, UsageError
from rehab.cli.output import Printer
from rehab.domain.exercise import Exercise
from rehab.domain.exercise_sheet import exercise_sheet
from rehab.terminal import printable


def _write_figure(exercise: Exercise, out: Path, side: str) -> int:
    """`--figure OUT`: the exercise's start and end drawn to a PNG, SVG or PDF file."""
    from rehab.handout.figure_files import FORMATS, figure_bytes, write_bytes

    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"--figure writes {', '.join(FORMATS)} files; got '{printable(str(out))}'")
    if exercise.figure is None:
        print(f"rehab show: '{exercise.id}' has no figure", file=sys.stderr)
        return EXIT_ERROR
    data = figure_bytes(
        exercise.figure, suffix, mirrored=side == "left", bilateral=exercise.bilateral
    )
    try:
        write_bytes(out, data)
    except OSError as exc:
        print(f"rehab show: cannot write {printable(str(out))}: {exc.strerror}", file=sys.stderr)
        return EXIT_ERROR
    print(f"{exercise.id} -> {printable(str(out))}")
    return EXIT_OK


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
    if getattr(args, "figure", None) is not None:
        return _write_figure(exercise, args.figure, args.side)
    if args.json:
        sys.stdout.write(
            json.dumps(exercise.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
        )
        return EXIT_OK
    p = Printer(colour=False if args.no_color else None)
    sheet = exercise_sheet(exercise)
    p.line(p.style(printable(exercise.name), "bold") + f"  ({exercise.id})")
    p.line(printable(exercise.summary))
    p.line()
    for label, value in sheet.facts:
        p.line(printable(f"{label + ':':<12} {value}"))
    for title, lines in sheet.sections:
        p.line()
        p.line(p.style(title, "bold"))
        for line in lines:
            p.line(printable(line))
    return EXIT_OK
