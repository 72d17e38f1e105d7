"""`rehab diff OLD NEW`: what changed clinically between two versions of a protocol.

Also usable as git's external diff driver. Git passes seven arguments (path, old file, old
hash, old mode, new file, new hash, new mode; `/dev/null` for an added or deleted file), nine
for a renamed or copied file (then the new path and git's similarity text), and one for an
unmerged path; git also sets GIT_DIFF_PATH_TOTAL. In that mode the exit code is always 0,
because git stops the whole `git diff` / `git show` at the first driver that fails.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from rehab.check import Context, check_file
from rehab.cli.context import ContextFailed, build_context
from rehab.cli.exits import EXIT_ERROR, EXIT_OK, UsageError
from rehab.cli.output import Printer
from rehab.cli.report import finding_json, finding_label
from rehab.domain.diff import ProtocolDiff, diff_protocols
from rehab.storage.protocol_files import LoadedFile
from rehab.storage.protocol_paths import PathProblem
from rehab.terminal import one_line

NULL = "/dev/null"


def _load(path: Path, context: Context) -> LoadedFile | None:
    """The checked file, or None for git's /dev/null; an unusable file is a usage error."""
    if str(path) == NULL:
        return None
    try:
        loaded = check_file(path, context)
    except PathProblem as exc:
        raise UsageError(str(exc)) from None
    if loaded.protocol is None:
        first = loaded.findings[0]
        where = f"{path}:{first.line}" if first.line else str(path)
        raise UsageError(
            f"{one_line(where)}: {one_line(first.message)} (cannot compare a file that does "
            "not validate; `rehab check` shows every problem)"
        )
    return loaded


GIT_ARGUMENTS = (7, 9)


def _as_driver(args: argparse.Namespace) -> bool:
    return len(args.files) in GIT_ARGUMENTS or "GIT_DIFF_PATH_TOTAL" in os.environ


def run(args: argparse.Namespace) -> int:
    if not _as_driver(args):
        return _run(args, git_mode=False)
    try:
        return _run(args, git_mode=True)
    except BaseException as exc:  # git stops the whole diff at a failing driver: never fail
        if isinstance(exc, KeyboardInterrupt):
            raise
        shown = one_line(args.files[0].as_posix()) if args.files else "a file"
        print(
            f"rehab diff: cannot compare {shown} ({type(exc).__name__}); "
            "run `rehab diff` on the two versions to see why"
        )
        return EXIT_OK


def _run(args: argparse.Namespace, *, git_mode: bool) -> int:
    if len(args.files) == 2:
        old_path, new_path = args.files
        label_old, label_new = old_path.as_posix(), new_path.as_posix()
    elif git_mode and len(args.files) in GIT_ARGUMENTS:
        name = args.files[0].as_posix()
        old_path, new_path = args.files[1], args.files[4]
        renamed = args.files[7].as_posix() if len(args.files) == 9 else name
        label_old, label_new = f"a/{name}", f"b/{renamed}"
    elif git_mode:  # an unmerged path (one argument): nothing to compare yet
        print(f"rehab diff: {one_line(args.files[0].as_posix())}: unmerged, not compared")
        return EXIT_OK
    else:
        raise UsageError("give two files, OLD and NEW")
    try:
        context = build_context(args)
    except ContextFailed:
        return EXIT_OK if git_mode else EXIT_ERROR
    try:
        old = _load(old_path, context)
        new = _load(new_path, context)
    except UsageError as exc:
        if git_mode:  # never stop git's whole diff for one file
            print(f"rehab diff: {exc}")
            return EXIT_OK
        raise
    result = diff_protocols(
        old.protocol if old else None,
        new.protocol if new else None,
        old.findings if old else [],
        new.findings if new else [],
        context.library,
    )
    if args.format == "json":
        _json(result, label_old, label_new)
    else:
        _text(result, label_old, label_new, Printer(colour=False if args.no_color else None))
    if git_mode:
        return EXIT_OK
    return EXIT_OK if result.equal else EXIT_ERROR


def _text(result: ProtocolDiff, old: str, new: str, printer: Printer) -> None:
    head = f"{one_line(old)} -> {one_line(new)}"
    if result.equal:
        printer.line(f"{head}: no clinical changes")
        return
    count = len(result.changes)
    printer.line(printer.style(f"{head}: {count} change{'s' if count != 1 else ''}", "bold"))
    for change in result.changes:
        printer.line(f"  {one_line(change.text)}")
    for sign, findings in (("+", result.findings_appeared), ("-", result.findings_resolved)):
        word = "new finding" if sign == "+" else "resolved"
        for finding in findings:
            # The same finding in two phases would otherwise read as one line printed twice.
            where = f"phase {finding.phase}: " if finding.phase is not None else ""
            printer.line(f"  {sign} {word}: {where}{finding_label(finding, printer)}")


def _json(result: ProtocolDiff, old: str, new: str) -> None:
    payload = {
        "old": old,
        "new": new,
        "equal": result.equal,
        "changes": [c.as_json() for c in result.changes],
        "findings": {
            "appeared": [finding_json(f) for f in result.findings_appeared],
            "resolved": [finding_json(f) for f in result.findings_resolved],
        },
    }
    sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
