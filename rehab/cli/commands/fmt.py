"""`rehab fmt`: rewrite protocol files canonically, never losing what a clinician wrote.

tomli-w cannot write comments, so a file with hand-written comments is refused unless the user
says `--drop-comments`; clinician-only remarks belong in `internal_notes`, which survives.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rehab.check import Context, check_bytes
from rehab.cli.context import ContextFailed, build_context
from rehab.cli.exits import EXIT_ERROR, EXIT_OK, UsageError
from rehab.cli.output import Printer
from rehab.cli.report import finding_line
from rehab.domain.findings import Severity, has_errors
from rehab.domain.upgrade import upgraded
from rehab.storage.atomic import ChangedOnDisk, write_atomic
from rehab.storage.protocol_files import (
    dumps_protocol,
    hand_written_comments,
    schema_directive,
)
from rehab.storage.protocol_paths import PathProblem, Skipped, find_protocol_files, read_bytes
from rehab.terminal import one_line


def _comment_message(lines: list[int]) -> str:
    where = ", ".join(str(n) for n in lines[:5]) + (" ..." if len(lines) > 5 else "")
    return (
        f"has hand-written comments (line {where}) that rewriting would drop; move "
        "clinician-only remarks into `internal_notes`, or pass --drop-comments"
    )


OK, REFORMAT, PROBLEM = "ok", "reformat", "problem"


def _format_one(path: Path, args: argparse.Namespace, context: Context, printer: Printer) -> str:
    """Format or check one file: OK (canonical, or now rewritten), REFORMAT (--check: it would
    be rewritten) or PROBLEM (errors, comments, unwritable: said above).

    The file is read once: the bytes checked are the bytes compared before the rewrite, and
    the rewrite happens only if the file still holds them. Any error, from validation or a
    safety rule, leaves the file alone (`rehab check` says what to fix).
    """
    shown = path.as_posix()
    try:
        original = read_bytes(path)
    except PathProblem as exc:
        printer.line(one_line(str(exc)))
        return PROBLEM
    loaded = check_bytes(path, original, context)
    errors = [f for f in loaded.findings if f.severity is Severity.ERROR]
    if loaded.protocol is None or has_errors(errors):
        for finding in errors:
            printer.line(finding_line(shown, finding, printer))
        printer.line(f"{one_line(shown)}: not formatted (fix the errors first)")
        return PROBLEM
    comments = hand_written_comments(loaded.document)
    if comments and not args.drop_comments:
        printer.line(f"{one_line(shown)}:{comments[0]}: {_comment_message(comments)}")
        return PROBLEM
    protocol = upgraded(loaded.protocol) if args.upgrade else loaded.protocol
    canonical = dumps_protocol(protocol, schema_directive(loaded.document)).encode("utf-8")
    if canonical == original:
        return OK
    if args.check:
        printer.line(f"{one_line(shown)}: would be reformatted")
        return REFORMAT
    try:
        write_atomic(path, canonical, expected=original)
    except ChangedOnDisk:
        printer.line(f"{one_line(shown)}: changed on disk while formatting; left as it is now")
        return PROBLEM
    except OSError as exc:
        printer.line(f"{one_line(shown)}: cannot write ({exc.strerror}); the file is unchanged")
        return PROBLEM
    printer.line(f"{one_line(shown)}: reformatted")
    return OK


def _files(n: int) -> str:
    return f"{n} file" if n == 1 else f"{n} files"


def _summary(results: list[str], *, check: bool) -> str:
    """ "1 of 3 files would be reformatted", "1 file would be left unchanged" (CI logs)."""
    total = _files(len(results))
    reformat, problems = results.count(REFORMAT), results.count(PROBLEM)
    if check and not reformat and not problems:
        return f"{total} would be left unchanged"
    parts = [f"{reformat} of {total} would be reformatted"] if reformat else []
    if problems:
        parts.append(f"{problems} of {total} not formatted (see above)")
    return "; ".join(parts) or f"{total} formatted"


def run(args: argparse.Namespace) -> int:
    paths = args.paths or [Path("protocols")]
    skipped: list[Skipped] = []
    try:
        files = find_protocol_files(paths, skipped)
    except PathProblem as exc:
        raise UsageError(one_line(str(exc))) from None
    try:
        context = build_context(args)
    except ContextFailed:
        return EXIT_ERROR
    printer = Printer(colour=False if args.no_color else None)
    results = [_format_one(path, args, context, printer) for path in files]
    for missed in skipped:
        printer.line(one_line(str(missed)))
        results.append(PROBLEM)
    printer.line(_summary(results, check=args.check))
    return EXIT_OK if all(r == OK for r in results) else EXIT_ERROR
