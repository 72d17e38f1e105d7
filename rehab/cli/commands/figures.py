"""`rehab figures OUT.pdf`: every exercise's figure on A4 pages (start, end and name).

What a clinic reviews before it trusts the pictures: each figure at handout size, the
library's own and the clinic's entries alike, in the library's name order.
"""

from __future__ import annotations

import argparse
import sys

from rehab.cli.context import ContextFailed, build_context
from rehab.cli.exits import EXIT_ERROR, EXIT_OK, UsageError
from rehab.terminal import printable


def run(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() != ".pdf":
        raise UsageError(f"the gallery is a PDF; got '{printable(str(args.output))}'")
    try:
        context = build_context(args)
    except ContextFailed:
        return EXIT_ERROR
    from rehab.handout.figure_files import gallery_pdf, write_bytes

    exercises = sorted(context.library.exercises(), key=lambda e: (e.name.casefold(), e.id))
    drawn = [e for e in exercises if e.figure is not None]
    try:
        write_bytes(args.output, gallery_pdf(drawn))
    except OSError as exc:
        message = f"cannot write {printable(str(args.output))}: {exc.strerror}"
        print(f"rehab figures: {message}", file=sys.stderr)
        return EXIT_ERROR
    missing = [e.id for e in exercises if e.figure is None]
    print(f"{len(drawn)} figures -> {printable(str(args.output))}")
    if missing:
        print(f"without a figure: {', '.join(missing)}")
    return EXIT_OK
