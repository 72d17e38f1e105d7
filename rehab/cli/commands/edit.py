"""`rehab` / `rehab edit [FILE]`: the interactive app.

Textual is imported here and only here, so no other command pays for it.
"""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from rehab.tui.app import run_app

    return run_app(args)
