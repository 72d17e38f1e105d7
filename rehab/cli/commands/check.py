"""`rehab check`: validate files and folders, print findings, exit by the contract."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rehab.check import check_many
from rehab.cli.context import ContextFailed, build_context
from rehab.cli.exits import EXIT_ERROR, EXIT_OK, UsageError
from rehab.cli.output import Printer
from rehab.cli.report import report_json, report_text
from rehab.domain.findings import Code, Finding, Severity
from rehab.storage.protocol_files import LoadedFile
from rehab.storage.protocol_paths import PathProblem, Skipped, find_protocol_files
from rehab.terminal import one_line

if TYPE_CHECKING:
    from rehab.storage.findings_cache import FindingsCache


def _cache(args: argparse.Namespace) -> FindingsCache | None:
    """Findings of unchanged files from earlier runs against the very same library and code."""
    if args.no_cache:
        return None
    from rehab.storage.findings_cache import FindingsCache, process_key  # not with --no-cache
    from rehab.storage.library_index import default_cache_dir
    from rehab.storage.recovery import default_state_dir

    cache_dir, state_dir = default_cache_dir(), default_state_dir()
    if cache_dir is None or state_dir is None:
        return None  # no home folder to keep a cache in: check everything
    secret = process_key(state_dir)
    return FindingsCache(cache_dir / "check", secret) if secret is not None else None


def run(args: argparse.Namespace) -> int:
    paths = args.paths or [Path("protocols")]
    skipped: list[Skipped] = []
    try:
        named = [find_protocol_files([path], skipped) for path in paths]
    except PathProblem as exc:
        raise UsageError(one_line(str(exc))) from None
    files = list(dict.fromkeys(file for group in named for file in group))
    # Ids are unique within each folder named (its handouts share exports/<id>.pdf); files
    # named one by one may share one (two versions of a protocol side by side).
    position = {file: index for index, file in enumerate(files)}
    folders = [
        [position[f] for f in group]
        for path, group in zip(paths, named, strict=True)
        if path.is_dir()
    ]
    try:
        context = build_context(args)
    except ContextFailed:
        return EXIT_ERROR
    results = check_many(files, context, cache=_cache(args), folders=folders)
    # A path the walk could not use is an error, as an unreadable file is: a check that did
    # not see a protocol must not pass.
    results += [
        LoadedFile(Path(s.path), None, [Finding(Severity.ERROR, Code.TOML_SYNTAX, str(s.reason))])
        for s in skipped
    ]
    if args.format == "json":
        sys.stdout.write(report_json(results) + "\n")
    else:
        report_text(results, Printer(colour=False if args.no_color else None))
    severities = {f.severity for loaded in results for f in loaded.findings}
    if Severity.ERROR in severities or (args.strict and Severity.WARNING in severities):
        return EXIT_ERROR
    return EXIT_OK
