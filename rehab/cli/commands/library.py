"""`rehab library`: list and search the exercise library."""

from __future__ import annotations

import argparse
import json
import sys

from rehab.cli.context import ContextFailed, build_context
from rehab.cli.exits import EXIT_ERROR, EXIT_OK, UsageError
from rehab.cli.output import Printer
from rehab.domain.components import COMPONENTS
from rehab.terminal import printable


def run(args: argparse.Namespace) -> int:
    if args.component and args.component not in COMPONENTS:
        raise UsageError(f"unknown component '{args.component}'; known: {', '.join(COMPONENTS)}")
    try:
        context = build_context(args)
    except ContextFailed:
        return EXIT_ERROR
    hits = context.library.search(
        " ".join(args.query),
        muscle=args.muscle,
        component=args.component,
        category=args.category,
        equipment=args.equipment,
        mode=args.mode,
    )
    if args.json:
        full = (context.library.get(summary.id) for summary in hits)
        payload = [exercise.model_dump(mode="json") for exercise in full if exercise is not None]
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    printer = Printer(colour=False if args.no_color else None)
    if not hits:
        printer.line("No exercise matches. Try fewer words, or `rehab library` for all of them.")
        return EXIT_OK
    width = max(len(e.id) for e in hits)
    for exercise in hits:
        kind = f"{exercise.category}/{exercise.dosing}"
        muscles = ", ".join(exercise.muscles)
        name = printer.style(printable(exercise.id).ljust(width), "bold")
        printer.line(f"{name}  {kind:<15} {printable(exercise.name)} ({printable(muscles)})")
    printer.line(f"{len(hits)} of {len(context.library)} exercises")
    return EXIT_OK
