"""Build the check context (library + catalog) from the command line and environment."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rehab.check import Context
from rehab.storage.library_files import (
    LibraryError,
    library_folders_from_env,
    load_catalog,
    load_library,
)
from rehab.storage.library_index import default_cache_dir
from rehab.storage.protocol_paths import PathProblem
from rehab.terminal import one_line


class ContextFailed(Exception):
    """The library or catalog cannot be used; `lines` say why, with file, line and field."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def library_folders(args: argparse.Namespace) -> list[Path]:
    """Clinic library folders: REHAB_LIBRARY first, then each --library."""
    return [*library_folders_from_env(), *(args.library or [])]


def load_context(args: argparse.Namespace) -> Context:
    """Library from the built-ins, REHAB_LIBRARY and --library; the shipped catalog.

    Raises ContextFailed so that nothing is checked against a broken library.
    """
    folders = library_folders(args)
    try:
        cache_dir = default_cache_dir()
        return Context(load_library(folders, cache_dir), load_catalog(cache_dir))
    except LibraryError as exc:
        lines = ["rehab: the exercise library has problems:"]
        lines += [f"  {one_line(str(problem))}" for problem in exc.problems]
        raise ContextFailed(lines) from None
    except PathProblem as exc:
        raise ContextFailed([f"rehab: {one_line(str(exc))}"]) from None


def report(failure: ContextFailed) -> None:
    """Print why the library cannot be used, to stderr."""
    for line in failure.lines:
        print(line, file=sys.stderr)


def build_context(args: argparse.Namespace) -> Context:
    """`load_context` for a command: the problems are printed before ContextFailed goes up,
    and the command exits 1.
    """
    try:
        return load_context(args)
    except ContextFailed as exc:
        report(exc)
        raise
