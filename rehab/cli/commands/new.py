"""`rehab new`: start a protocol from a template or from blank, dated today."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from rehab.cli.exits import EXIT_ERROR, EXIT_OK, UsageError
from rehab.cli.output import Printer
from rehab.domain.editing import EditRejected, start_protocol, update_details
from rehab.domain.findings import has_errors
from rehab.domain.protocol import Protocol
from rehab.domain.text import is_slug
from rehab.storage.clinic_files import ClinicProblem, display, find_clinic, load_clinic
from rehab.storage.protocol_files import load_protocol, save_protocol
from rehab.storage.protocol_paths import PathProblem
from rehab.storage.templates import CLINICIAN_ENV, available_templates, default_clinician
from rehab.terminal import one_line


def _list(printer: Printer) -> int:
    templates = available_templates()
    if not templates:
        printer.line("No templates found.")
        return EXIT_OK
    for name, path in templates.items():
        loaded = load_protocol(path)
        title = loaded.protocol.title if loaded.protocol else "(invalid template)"
        printer.line(f"{printer.style(name, 'bold')}  {one_line(title)}")
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    printer = Printer(colour=False if args.no_color else None)
    if args.list:
        return _list(printer)
    if args.id is None:
        raise UsageError("give the new protocol's ID, e.g. `rehab new calf-mobility-smith`")
    if not is_slug(args.id):
        raise UsageError(
            f"'{one_line(args.id)}' is not a valid id: use 3-64 lowercase letters, digits and "
            "hyphens, e.g. 'calf-mobility-smith'"
        )
    target = args.dir / f"{args.id}.toml"
    if target.exists():
        print(f"rehab new: {target} already exists; nothing was changed", file=sys.stderr)
        return EXIT_ERROR
    clinician = args.clinician or default_clinician()
    if not clinician:
        raise UsageError(
            f"who is the responsible clinician? pass --clinician 'Name, PT' "
            f"(or set {CLINICIAN_ENV})"
        )
    today = date.today()
    if args.template:
        templates = available_templates()
        if args.template not in templates:
            known = ", ".join(templates) or "none found"
            raise UsageError(f"no template '{one_line(args.template)}' (available: {known})")
        try:
            loaded = load_protocol(templates[args.template])
        except PathProblem as exc:
            raise UsageError(str(exc)) from None
        if loaded.protocol is None or has_errors(loaded.findings):
            print(
                f"rehab new: template '{args.template}' is not valid; run "
                f"`rehab check {templates[args.template]}`",
                file=sys.stderr,
            )
            return EXIT_ERROR
        base: Protocol | None = loaded.protocol
    else:
        base = None
    try:
        protocol = start_protocol(base, args.id, args.title, clinician, today)
        if args.clinic is not None:
            protocol = update_details(protocol, clinic=_clinic_name(args.clinic))
    except EditRejected as exc:
        raise UsageError(one_line(str(exc))) from None
    try:
        args.dir.mkdir(parents=True, exist_ok=True)
        written = save_protocol(protocol, target)
    except OSError as exc:
        print(f"rehab new: cannot write {target}: {exc.strerror}", file=sys.stderr)
        return EXIT_ERROR
    source = f"template '{args.template}'" if args.template else "blank"
    printer.line(f"created {written} ({source})")
    printer.line(clinic_note(args.dir))
    return EXIT_OK


def _clinic_name(value: str) -> str:
    """--clinic is the name the handout prints; a path here means the profile was meant."""
    if value.strip().lower().endswith(".toml"):
        raise UsageError(
            f"--clinic is the clinic's name, e.g. --clinic 'Northside Physio'; "
            f"'{one_line(value)}' looks like a file: the clinic profile is found by "
            "`rehab export` itself (docs/clinic.md)"
        )
    return value


def clinic_note(folder: Path) -> str:
    """What the new protocol's handouts will give as the number to call, so a clinic that
    has no profile yet learns it before a patient gets a sheet with no number on it."""
    try:
        source = find_clinic(folder)
        profile = None if source is None else load_clinic(source)
    except ClinicProblem as problem:
        return (
            f"warning: {one_line(problem.lines()[0])}; `rehab export` refuses until it is "
            "fixed (rehab clinic shows every problem)"
        )
    if source is None or profile is None:
        return (
            "note: no clinic profile yet, so handouts give no number to call; write one with "
            "`rehab clinic init --name NAME --phone NUMBER` (docs/clinic.md)"
        )
    return f"handouts give {one_line(profile.phone)} to call ({one_line(display(source.path))})"
