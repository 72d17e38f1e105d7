"""`rehab` / `rehab edit`: the interactive editor.

The Textual editor is imported here and only here, so no other command pays for it.
"""

from __future__ import annotations

import argparse
import sys

from rehab.cli.exits import EXIT_ERROR


def run(args: argparse.Namespace) -> int:
    try:
        from rehab.tui.app import run_app  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        print(
            "rehab: the interactive editor is not part of this version yet.\n"
            "Meanwhile: `rehab new ID --template NAME` starts a protocol, "
            "`rehab check` validates it, `rehab library` lists exercises; `rehab --help` for all.",
            file=sys.stderr,
        )
        return EXIT_ERROR
    result: int = run_app(args)
    return result
