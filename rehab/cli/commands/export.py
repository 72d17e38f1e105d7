"""`rehab export`: the handout PDF of one protocol, or of every protocol in a folder."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from rehab.check import duplicate_ids
from rehab.cli.commands.export_files import export_files, report_skipped
from rehab.cli.context import ContextFailed, build_context
from rehab.cli.exits import EXIT_ERROR, EXIT_OK, EXIT_USAGE, UsageError
from rehab.cli.output import Printer
from rehab.cli.report import finding_line
from rehab.domain.text import forbidden_character
from rehab.export import (
    OUTPUT_SUFFIXES,
    ExportRefused,
    StartOutOfRange,
    changes_since,
    export_file,
    protocol_ids,
)
from rehab.handout.render import HandoutOptions
from rehab.storage.clinic_files import ClinicProblem, clinic_profiles
from rehab.storage.protocol_paths import PathProblem, read_bytes
from rehab.storage.versioning import GitProblem
from rehab.terminal import one_line


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"{option} must be a date such as 2026-11-20, got '{one_line(text)}'"
        ) from None


NAME_LIMIT = 4096
"""A name is a line; a patient file past this is not one."""


def _read_name(args: argparse.Namespace) -> tuple[str | None, str]:
    """The name as given (argument, terminal prompt, stdin or file) and where it came from."""
    if args.patient_file is not None:
        try:
            data = read_bytes(args.patient_file, limit=NAME_LIMIT)
        except PathProblem as exc:
            raise UsageError(f"--patient-file: {exc}") from None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise UsageError("--patient-file: the file is not UTF-8 text") from None
        return text.removeprefix("\ufeff").rstrip("\r\n"), "--patient-file"
    if args.patient == "-":
        if sys.stdin.isatty():
            sys.stderr.write("Patient name (printed on the handout only): ")
            sys.stderr.flush()
        line = sys.stdin.readline(NAME_LIMIT)
        return line.rstrip("\r\n"), "--patient -"
    return args.patient, "--patient"


def _patient(args: argparse.Namespace) -> str | None:
    name, option = _read_name(args)
    if name is None:
        return None
    if not name.strip():
        raise UsageError(f"{option} is empty; leave it out to print no name")
    problem = forbidden_character(name, allow_newlines=False)
    if problem:
        # The name itself is never echoed: it is patient data.
        raise UsageError(f"{option} contains a {problem}")
    return name.strip()


def _earlier_handouts(out_dir: Path) -> dict[Path, float]:
    """The PDFs already in the output folder and when each was written.

    A batch export rewrites exports/<id>.pdf; one written earlier with a patient's name would
    be replaced by a sheet without it, so each replaced file is named with its time.
    """
    try:
        return {p.resolve(): p.stat().st_mtime for p in out_dir.glob("*.pdf") if p.is_file()}
    except OSError:
        return {}


def _replaced(output: Path, earlier: dict[Path, float]) -> str:
    written = earlier.get(output.resolve())
    if written is None:
        return ""
    when = datetime.fromtimestamp(written)
    shown = when.strftime("%H:%M today" if when.date() == date.today() else "%Y-%m-%d %H:%M")
    return f"; replaced the handout written {shown}"


def run(args: argparse.Namespace) -> int:
    if getattr(args, "format", "pdf") == "fhir":
        from rehab.cli.commands import export_fhir  # the FHIR code loads for this alone

        return export_fhir.run(args)
    if getattr(args, "internal", False):
        raise UsageError("--internal applies to --format fhir; the handout never prints notes")
    options = HandoutOptions(
        issue_date=_date(args.date, "--date") if args.date else date.today(),
        patient=_patient(args),
        large_print=args.large_print,
        start=_date(args.start, "--start") if args.start else None,
    )
    files, skipped = export_files(args, OUTPUT_SUFFIXES, "the handout is a PDF; name a .pdf file")
    try:  # every profile read before any handout is written (docs/clinic.md)
        clinics = clinic_profiles(files, args.clinic)
    except ClinicProblem as problem:
        for line in problem.lines():
            print(f"rehab export: {one_line(line)}", file=sys.stderr)
        print("rehab export: nothing was exported (see docs/clinic.md)", file=sys.stderr)
        return EXIT_USAGE
    try:
        context = build_context(args)
    except ContextFailed:
        return EXIT_ERROR
    printer = Printer(stream=sys.stdout, colour=False if args.no_color else None)
    refused = report_skipped(printer, skipped)
    out_dir = args.out_dir or Path("exports")
    earlier = _earlier_handouts(out_dir) if len(files) > 1 else {}
    # Handouts are named by id: files sharing one would print as one sheet. None of them is
    # exported, so no handout stands for the wrong file.
    duplicates = dict(duplicate_ids(protocol_ids(files), files)) if len(files) > 1 else {}
    for index, path in enumerate(files):
        try:
            data = read_bytes(path)  # once: checked, compared with --since, printed, stamped
        except PathProblem as exc:
            refused += 1
            printer.line(f"{one_line(str(exc))} (not exported)")
            continue
        if index in duplicates:
            refused += 1
            printer.line(f"{one_line(path.as_posix())}: export refused (fix the errors below)")
            printer.line("  " + finding_line(path.as_posix(), duplicates[index], printer))
            continue
        file_options = replace(options, clinic=clinics[path])
        if args.since:
            try:
                file_options = replace(
                    file_options, changes=changes_since(path, args.since, context, data)
                )
            except (GitProblem, ValueError) as exc:
                raise UsageError(f"--since: {one_line(str(exc))}") from None
        try:
            result = export_file(path, context, file_options, args.output, out_dir, data=data)
        except StartOutOfRange as exc:
            raise UsageError(f"--start: {exc}") from None
        except ExportRefused as exc:
            refused += 1
            printer.line(f"{one_line(path.as_posix())}: export refused (fix the errors below)")
            for finding in exc.errors:
                printer.line("  " + finding_line(path.as_posix(), finding, printer))
            continue
        except ClinicProblem as problem:  # the profile changed since it was read above
            refused += 1
            printer.line(f"{one_line(path.as_posix())}: not exported ({one_line(str(problem))})")
            continue
        except (OSError, PathProblem) as exc:
            refused += 1
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            printer.line(
                f"{one_line(path.as_posix())}: cannot write the handout ({one_line(reason)})"
            )
            continue
        replaced = _replaced(result.output, earlier)
        printer.line(
            f"{one_line(path.as_posix())} -> {one_line(result.output.as_posix())} "
            f"(version {result.version}{replaced})"
        )
        warning = result.unprintable_warning()
        if warning:
            print(
                f"rehab export: {one_line(path.as_posix())}: warning: {one_line(warning)}",
                file=sys.stderr,
            )
    total = len(files) + len(skipped)
    if total > 1:
        printer.line(f"{total - refused} of {total} protocols exported, {refused} refused")
    return EXIT_ERROR if refused else EXIT_OK
