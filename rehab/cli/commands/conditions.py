"""`rehab conditions`: the condition catalog with every rule, window, cue, reason and source.

A clinician must be able to judge each rule rather than trust it, so every rule is shown with
the weeks it covers, the cue the patient reads, its reason and its source, and a level that is a
clinical judgement says "proposed" where the source would be.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from rehab.cli.exits import EXIT_OK
from rehab.cli.output import Printer
from rehab.domain.conditions import Catalog, Condition, Rule, window_text
from rehab.storage.library_files import load_catalog
from rehab.terminal import printable


def _rule_json(condition: Condition, rule: Rule) -> dict[str, Any]:
    """A rule with its window in words and its reason and source resolved."""
    payload = rule.model_dump(mode="json")
    payload["window"] = window_text(rule.window)
    payload["why"] = rule.why or condition.why
    payload["source"] = rule.source or condition.source
    return payload


def _json(catalog: Catalog) -> dict[str, Any]:
    conditions = []
    for condition in catalog.conditions:
        entry = condition.model_dump(mode="json")
        entry["rules"] = [_rule_json(condition, rule) for rule in condition.rules]
        conditions.append(entry)
    return {
        "red_flags": [flag.model_dump(mode="json") for flag in catalog.red_flags],
        "conditions": conditions,
    }


def _print_condition(p: Printer, condition: Condition) -> None:
    p.line(p.style(condition.code, "bold") + f"  {printable(condition.name)}")
    aliases = ", ".join(condition.aliases) or "none"
    limit = f"{condition.pain_limit}/10" if condition.pain_limit is not None else "not set"
    sided = "yes" if condition.sided else "no"
    p.line(f"  sided: {sided}   pain limit: {limit}   aliases: {aliases}")
    if condition.referral:
        advice = printable(condition.referral_advice or "")
        p.line("  " + p.style("referral: yes, no exercise handout", "red") + f". Instead: {advice}")
    else:
        p.line("  referral: no")
    for rule in condition.rules:
        proposed = ", proposed" if rule.proposed else ""
        p.line(
            f"  - {rule.level}, {window_text(rule.window)}{proposed}: {', '.join(rule.components)}"
        )
        if rule.cue:
            p.line(f"      cue: {printable(rule.cue)}")
        if rule.cue_not_for:
            p.line(f"      cue not printed for: {', '.join(rule.cue_not_for)} (their own text)")
        if rule.why:
            p.line(f"      why: {printable(rule.why)}")
        if rule.source:
            p.line(f"      source: {printable(rule.source)}")
    p.line(f"  why: {printable(condition.why)}")
    p.line(f"  source: {printable(condition.source)}")
    if condition.red_flags:
        p.line(f"  red flags: {', '.join(condition.red_flags)}")


def run(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    if args.json:
        sys.stdout.write(json.dumps(_json(catalog), indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    p = Printer(colour=False if args.no_color else None)
    for condition in catalog.conditions:
        _print_condition(p, condition)
        p.line()
    aliases = sum(len(c.aliases) for c in catalog.conditions)
    older = "1 older code" if aliases == 1 else f"{aliases} older codes"
    p.line(f"{len(catalog.conditions)} conditions ({older} still read)")
    return EXIT_OK
