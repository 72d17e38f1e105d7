"""`rehab export`: the handout PDF of one protocol, or of every protocol in a folder."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from rehab.cli.context import ContextFailed, build_context
from rehab.cli.exits import EXIT_ERROR, EXIT_OK, UsageError
from rehab.cli.output import Printer
from rehab.cli.report import finding_line
from rehab.domain.text import forbidden_character
from rehab.export import OUTPUT_SUFFIXES, ExportRefused, changes_since, export_file
from rehab.handout.render import HandoutOptions
from rehab.storage.protocol_paths import PathProblem, find_protocol_files
from rehab.storage.versioning import GitProblem
from rehab.terminal import printable


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"{option} must be a date such as 2026-11-20, got '{printable(text)}'"
        ) from None


def _patient(name: str | None) -> str | None:
    if name is None:
        return None
    if not name.strip():
        raise UsageError("--patient is empty; leave it out to print no name")
    problem = forbidden_character(name, allow_newlines=False)
    if problem:
        # The name itself is never echoed: it is patient data.
        raise UsageError(f"--patient contains a {problem}")
    return name.strip()


def run(args: argparse.Namespace) -> int:
    options = HandoutOptions(
        issue_date=_date(args.date, "--date") if args.date else date.today(),
        patient=_patient(args.patient),
        large_print=args.large_print,
        start=_date(args.start, "--start") if args.start else None,
    )
    source: Path = args.file
    if args.output is not None and args.output.suffix.lower() not in OUTPUT_SUFFIXES:
        raise UsageError(
            f"-o {printable(args.output.as_posix())}: the handout is a PDF; name a .pdf file"
        )
    if source.is_dir():
        if args.output:
            raise UsageError("-o names one file; use --out-dir to export a folder")
        try:
            files = find_protocol_files([source])
        except PathProblem as exc:
            raise UsageError(str(exc)) from None
    elif source.exists():
        files = [source]
    else:
        raise UsageError(f"{source}: no such file or folder")
    try:
        context = build_context(args)
    except ContextFailed:
        return EXIT_ERROR
    printer = Printer(stream=sys.stdout, colour=False if args.no_color else None)
    refused = 0
    out_dir = args.out_dir or Path("exports")
    for path in files:
        file_options = options
        if args.since:
            try:
                file_options = replace(options, changes=changes_since(path, args.since, context))
            except (GitProblem, ValueError) as exc:
                raise UsageError(f"--since: {printable(str(exc))}") from None
        try:
            result = export_file(path, context, file_options, args.output, out_dir)
        except ExportRefused as exc:
            refused += 1
            printer.line(f"{printable(path.as_posix())}: export refused (fix the errors below)")
            for finding in exc.errors:
                printer.line("  " + finding_line(path.as_posix(), finding, printer))
            continue
        except (OSError, PathProblem) as exc:
            refused += 1
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            printer.line(
                f"{printable(path.as_posix())}: cannot write the handout ({printable(reason)})"
            )
            continue
        printer.line(
            f"{printable(path.as_posix())} -> {printable(result.output.as_posix())} "
            f"(version {result.version})"
        )
        warning = result.unprintable_warning()
        if warning:
            print(
                f"rehab export: {printable(path.as_posix())}: warning: {printable(warning)}",
                file=sys.stderr,
            )
    if len(files) > 1:
        printer.line(
            f"{len(files) - refused} of {len(files)} protocols exported, {refused} refused"
        )
    return EXIT_ERROR if refused else EXIT_OK
