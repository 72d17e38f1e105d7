"""`rehab show`: one exercise in full, as a clinician needs it before prescribing."""

from __future__ import annotations

import argparse
import json
import sys

from rehab.cli.context import ContextFailed, build_context
from rehab.cli.exits import EXIT_ERROR, EXIT_OK
from rehab.cli.output import Printer
from rehab.domain.exercise_sheet import exercise_sheet
from rehab.terminal import printable


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
