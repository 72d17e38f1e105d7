"""`rehab conditions`: the condition catalog with every rule, reason and source."""

from __future__ import annotations

import argparse
import json
import sys

from rehab.cli.exits import EXIT_OK
from rehab.cli.output import Printer
from rehab.storage.library_files import load_catalog
from rehab.terminal import printable


def run(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    if args.json:
        payload = catalog.model_dump(mode="json")
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    p = Printer(colour=False if args.no_color else None)
    for condition in catalog.conditions:
        p.line(p.style(condition.code, "bold") + f"  {printable(condition.name)}")
        for rule in condition.rules:
            proposed = " (proposed)" if rule.proposed else ""
            p.line(f"  {rule.level}{proposed}: {', '.join(rule.components)}")
        p.line(f"  why: {printable(condition.why)}")
        if condition.cue:
            p.line(f"  cue: {printable(condition.cue)}")
        p.line(f"  source: {printable(condition.source)}")
        p.line()
    p.line(f"{len(catalog.conditions)} conditions")
    return EXIT_OK
