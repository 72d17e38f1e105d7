"""`rehab check`: validate files and folders, print findings, exit by the contract."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rehab.check import check_file
from rehab.cli.context import ContextFailed, build_context
from rehab.cli.exits import EXIT_ERROR, EXIT_OK, UsageError
from rehab.cli.output import Printer
from rehab.cli.report import report_json, report_text
from rehab.domain.findings import Code, Finding, Severity
from rehab.storage.protocol_files import LoadedFile, PathProblem, find_protocol_files


def run(args: argparse.Namespace) -> int:
    paths = args.paths or [Path("protocols")]
    try:
        files = find_protocol_files(paths)
    except PathProblem as exc:
        raise UsageError(str(exc)) from None
    try:
        context = build_context(args)
    except ContextFailed:
        return EXIT_ERROR
    results = []
    for path in files:
        try:
            results.append(check_file(path, context))
        except PathProblem as exc:
            # Unreadable file: report it as a finding so one bad file does not hide the rest.
            finding = Finding(Severity.ERROR, Code.TOML_SYNTAX, str(exc).split(": ", 1)[-1])
            results.append(LoadedFile(path, None, [finding]))
    if args.format == "json":
        sys.stdout.write(report_json(results) + "\n")
    else:
        report_text(results, Printer(colour=False if args.no_color else None))
    severities = {f.severity for loaded in results for f in loaded.findings}
    if Severity.ERROR in severities or (args.strict and Severity.WARNING in severities):
        return EXIT_ERROR
    return EXIT_OK
