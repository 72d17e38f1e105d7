"""`rehab clinic`: which clinic profile the handouts print, and a first `clinic.toml`.

A clinic sets its profile up once; afterwards the question is only "which number will the
patient see?", so `rehab clinic` (show) answers it the way `rehab export` would find it, and
`rehab clinic init` writes a valid, commented file where export looks for it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import tomli_w

from rehab.cli.exits import EXIT_ERROR, EXIT_OK, EXIT_USAGE, UsageError
from rehab.cli.output import Printer
from rehab.domain.clinic import ClinicProfile
from rehab.domain.validation import validate_model
from rehab.storage.atomic import ChangedOnDisk, write_atomic
from rehab.storage.clinic_files import (
    ClinicProblem,
    ClinicSource,
    default_location,
    display,
    find_clinic,
    load_clinic,
)
from rehab.terminal import one_line

FIELDS = (
    "name",
    "phone",
    "emergency_number",
    "out_of_hours",
    "email",
    "address",
    "website",
    "logo",
)
"""The profile's keys in the order a clinic reads them (and `init` writes them)."""

_HINTS = {
    "name": "the clinic's name as the patient knows it (required)",
    "phone": "the number the patient calls with a question or a problem (required)",
    "emergency_number": 'the local emergency number, printed in the STOP box: "999", "911", "112"',
    "out_of_hours": "one sentence on what to do when the clinic is closed",
    "email": "an e-mail address for questions",
    "address": "the clinic's address, one line",
    "website": "the clinic's web address",
    "logo": "a PNG or JPEG next to this file, printed at the top of page 1",
}

_EXAMPLES = {
    "emergency_number": "999",
    "out_of_hours": "If we are closed and it cannot wait, call your doctor's out-of-hours service.",
    "email": "reception@example.org",
    "address": "1 Example Street, Exampletown",
    "website": "https://example.org",
    "logo": "logo.png",
}


def _profile_text(profile: ClinicProfile) -> str:
    """The profile as TOML: the keys given, then every other key commented out with what it
    is for, so a clinic can fill them in later without looking anything up."""
    lines = [
        "# The clinic profile rehab prints on every handout (docs/clinic.md).",
        "# Name and contact go on page 1; the phone and emergency number in the STOP box.",
        "",
    ]
    values = profile.model_dump(exclude_none=True)
    for key in FIELDS:
        lines.append(f"# {_HINTS[key]}")
        if key in values:
            lines.append(tomli_w.dumps({key: values[key]}).rstrip("\n"))
        else:
            lines.append("# " + tomli_w.dumps({key: _EXAMPLES[key]}).rstrip("\n"))
    return "\n".join(lines) + "\n"


def _target(args: argparse.Namespace) -> ClinicSource:
    if args.clinic is not None:
        return ClinicSource(args.clinic, "--clinic")
    path, origin = default_location(Path("protocols"))
    return ClinicSource(path, origin)


def _init(args: argparse.Namespace, printer: Printer) -> int:
    given = {key: getattr(args, key) for key in FIELDS if getattr(args, key) is not None}
    missing = [f"--{key.replace('_', '-')}" for key in ("name", "phone") if key not in given]
    if missing:
        raise UsageError(
            f"give {' and '.join(missing)}: a handout must say who to call, e.g. "
            "rehab clinic init --name 'Northside Physio' --phone '020 7946 0000' "
            "--emergency-number 999"
        )
    profile, findings = validate_model(ClinicProfile, given)
    if profile is None:
        for finding in findings:
            option = f"--{(finding.field or '').replace('_', '-')}"
            print(f"rehab clinic: {option}: {one_line(finding.message)}", file=sys.stderr)
        return EXIT_USAGE
    target = _target(args)
    shown = display(target.path)
    if target.path.exists() or target.path.is_symlink():
        print(f"rehab clinic: {shown} already exists; nothing was changed", file=sys.stderr)
        return EXIT_ERROR
    try:
        write_atomic(target.path, _profile_text(profile).encode("utf-8"), expected=None)
    except ChangedOnDisk:
        print(f"rehab clinic: {shown} appeared meanwhile; nothing was changed", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        print(f"rehab clinic: cannot write {shown}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    printer.line(
        f"created {one_line(shown)}: handouts exported here now give {one_line(profile.phone)} "
        "as the number to call"
    )
    if profile.logo is not None:
        printer.line(f"put the logo file next to it as {one_line(profile.logo)}")
    return EXIT_OK


def _show(args: argparse.Namespace, printer: Printer) -> int:
    source = find_clinic(Path("protocols"), args.clinic)
    if source is None:
        where = display(default_location(Path("protocols"))[0])
        printer.line(
            f'no clinic profile: handouts say "your clinic" with no phone number. '
            f"Write {where} with `rehab clinic init --name NAME --phone NUMBER` (docs/clinic.md)."
        )
        return EXIT_OK
    try:
        profile = load_clinic(source)
    except ClinicProblem as problem:
        for line in problem.lines():
            print(f"rehab clinic: {one_line(line)}", file=sys.stderr)
        print("rehab clinic: `rehab export` refuses to print until it is fixed", file=sys.stderr)
        return EXIT_USAGE
    printer.line(f"clinic profile {one_line(display(source.path))} ({source.origin}):")
    values = profile.model_dump(exclude_none=True)
    for key in FIELDS:
        if key in values:
            printer.line(f"  {key} = {one_line(str(values[key]))}")
    if profile.emergency_number is None:
        printer.line("  (no emergency_number: the STOP box names none)")
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    printer = Printer(colour=False if args.no_color else None)
    if args.action == "init":
        return _init(args, printer)
    if any(getattr(args, key) is not None for key in FIELDS):
        raise UsageError("--name, --phone and the other values are for `rehab clinic init`")
    return _show(args, printer)
