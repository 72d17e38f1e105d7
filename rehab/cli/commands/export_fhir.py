"""`rehab export --format fhir`: the record's Bundle of one protocol, or of every one in a folder.

A shell over rehab.fhir.export, which has the PDF's gate. Imported only for `--format fhir`, so
no other command loads the FHIR code or needs its optional models installed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rehab.check import duplicate_ids
from rehab.cli.commands.export_files import export_files, report_skipped
from rehab.cli.context import ContextFailed, build_context
from rehab.cli.exits import EXIT_ERROR, EXIT_OK, UsageError
from rehab.cli.output import Printer
from rehab.cli.report import finding_line
from rehab.export import ExportRefused, protocol_ids
from rehab.fhir.export import SUFFIXES, FhirUnavailable, bundle_model, export_fhir_file
from rehab.storage.protocol_paths import PathProblem, read_bytes
from rehab.terminal import one_line

_PDF_ONLY = {
    "patient": "--patient: no name goes into the record bundle; the receiving system links it "
    "to the patient",
    "patient_file": "--patient-file: no name goes into the record bundle; the receiving system "
    "links it to the patient",
    "since": "--since: the 'what changed' box is part of the patient's handout; the record "
    "keeps each bundle you export",
    "large_print": "--large-print: the FHIR bundle is data for the record, not print",
    "date": "--date: the bundle carries only the protocol's own dates (created, starts), so the "
    "same protocol always gives the same bytes",
    "start": "--start: the log's first day is part of the handout; the bundle starts on the "
    "protocol's own `starts` date",
    "clinic": "--clinic: the clinic profile is printed on the handout; the record system "
    "already knows its own clinic",
}
"""PDF options that have no meaning in the bundle, and why (a silently ignored option would
let a clinician believe a name or a date was in the record)."""


def _refuse_pdf_options(args: argparse.Namespace) -> None:
    for option, why in _PDF_ONLY.items():
        if getattr(args, option, None) not in (None, False):
            raise UsageError(f"{why} (leave it out with --format fhir)")


def run(args: argparse.Namespace) -> int:
    _refuse_pdf_options(args)
    try:
        bundle_model()  # the missing extra is said before any file is read
    except FhirUnavailable as exc:
        raise UsageError(str(exc)) from None
    files, skipped = export_files(args, SUFFIXES, "the FHIR bundle is JSON; name a .json file")
    try:
        context = build_context(args)
    except ContextFailed:
        return EXIT_ERROR
    printer = Printer(stream=sys.stdout, colour=False if args.no_color else None)
    refused = report_skipped(printer, skipped)
    out_dir = args.out_dir or Path("exports")
    # Bundles are named by id: files sharing one would overwrite each other's bundle.
    duplicates = dict(duplicate_ids(protocol_ids(files), files)) if len(files) > 1 else {}
    for index, path in enumerate(files):
        shown = one_line(path.as_posix())
        if index in duplicates:
            refused += 1
            printer.line(f"{shown}: export refused (fix the errors below)")
            printer.line("  " + finding_line(path.as_posix(), duplicates[index], printer))
            continue
        try:
            data = read_bytes(path)  # once: the bytes checked are the bytes exported
        except PathProblem as exc:
            refused += 1
            printer.line(f"{one_line(str(exc))} (not exported)")
            continue
        try:
            result = export_fhir_file(
                path, context, args.output, out_dir, internal=args.internal, data=data
            )
        except ExportRefused as exc:
            refused += 1
            printer.line(f"{shown}: export refused (fix the errors below)")
            for finding in exc.errors:
                printer.line("  " + finding_line(path.as_posix(), finding, printer))
            continue
        except (OSError, PathProblem) as exc:
            refused += 1
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            printer.line(f"{shown}: cannot write the FHIR bundle ({one_line(reason)})")
            continue
        printer.line(
            f"{shown} -> {one_line(result.output.as_posix())} "
            f"(FHIR R4 bundle, {result.resources} resources"
            f"{', with internal notes' if args.internal else ''})"
        )
    total = len(files) + len(skipped)
    if total > 1:
        printer.line(f"{total - refused} of {total} protocols exported, {refused} refused")
    return EXIT_ERROR if refused else EXIT_OK
