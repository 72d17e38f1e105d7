"""Build the check context (library + catalog) from the command line and environment."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rehab.check import Context
from rehab.cli.output import printable
from rehab.storage.library_files import (
    LibraryError,
    library_folders_from_env,
    load_catalog,
    load_library,
)
from rehab.storage.library_index import default_cache_dir
from rehab.storage.protocol_paths import PathProblem


class ContextFailed(Exception):
    """The library or catalog could not be loaded; the problems are already printed."""


def library_folders(args: argparse.Namespace) -> list[Path]:
    """Clinic library folders: REHAB_LIBRARY first, then each --library."""
    return [*library_folders_from_env(), *(args.library or [])]


def build_context(args: argparse.Namespace) -> Context:
    """Library from the built-ins, REHAB_LIBRARY and --library; the shipped catalog.

    Problems are printed to stderr with their file, line and field, then ContextFailed is
    raised so the command exits 1 without checking anything against a broken library.
    """
    folders = library_folders(args)
    try:
        return Context(load_library(folders, default_cache_dir()), load_catalog())
    except LibraryError as exc:
        print("rehab: the exercise library has problems:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {printable(str(problem))}", file=sys.stderr)
        raise ContextFailed from None
    except PathProblem as exc:
        print(f"rehab: {printable(str(exc))}", file=sys.stderr)
        raise ContextFailed from None
