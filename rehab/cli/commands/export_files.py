"""What `rehab export` exports, for the handout and the FHIR bundle alike.

Both formats take one file (with an optional `-o`) or a folder (with `--out-dir`), report the
files a folder walk skipped, and refuse an `-o` of the wrong kind or one that cannot name a
single output; kept here once so the two cannot drift apart.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rehab.cli.exits import UsageError
from rehab.cli.output import Printer
from rehab.storage.protocol_paths import PathProblem, Skipped, find_protocol_files
from rehab.terminal import one_line


def export_files(
    args: argparse.Namespace, suffixes: tuple[str, ...], kind: str
) -> tuple[list[Path], list[Skipped]]:
    """The protocol files to export and the paths skipped on the way; a usage error for an
    `-o` that is not a `kind` file ("the handout is a PDF; name a .pdf file") or that would
    have to name several outputs."""
    source: Path = args.file
    if args.output is not None and args.output.suffix.lower() not in suffixes:
        raise UsageError(f"-o {one_line(args.output.as_posix())}: {kind}")
    skipped: list[Skipped] = []
    try:
        files = find_protocol_files([source], skipped)
    except PathProblem as exc:
        raise UsageError(one_line(str(exc))) from None
    if args.output and (len(files) != 1 or files[0] != source or skipped):
        raise UsageError("-o names one file; use --out-dir to export a folder")
    return files, skipped


def report_skipped(printer: Printer, skipped: list[Skipped]) -> int:
    """Say each skipped path; the number of them, each counted as not exported."""
    for missed in skipped:
        printer.line(one_line(str(missed)))
    return len(skipped)
