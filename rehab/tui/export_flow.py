"""The app's export, decided before any form: what is on screen, checked against the library
as its files are now, refused in the app's own words.

The screen's export action is a shell over these functions, so the rules (refuse an unsaved
or changed file, re-read every clinic entry, say each error once) are tested without a
terminal.
"""

from __future__ import annotations

from pathlib import Path

from rehab.check import Context, check_bytes
from rehab.domain.findings import Code, Finding, Severity
from rehab.session import EditSession

SHOWN = 6
"""Errors listed in a refusal; the findings panel (f) has them all."""


def fresh_context(context: Context) -> Context:
    """The same library with every clinic entry read and validated from its file again on
    first use: the app keeps entries in memory for a whole session, and a `git pull` meanwhile
    can add a contraindicated component to one."""
    return Context(context.library.fresh(), context.catalog)


def disk_differs(session: EditSession) -> str | None:
    """Why the file on disk is not what the screen shows, or None when it is."""
    if session.is_new:
        return f"{session.path.name} has not been saved yet: press ctrl+s, then export."
    if session.changed_on_disk():
        return (
            f"{session.path.name} changed on disk since you opened it (a git pull or another "
            "editor?), so the handout would not be what you see. Press r to load the file as "
            "it is now, or ctrl+s to save your version over it; then export."
        )
    return None


def export_errors(session: EditSession, context: Context) -> list[Finding]:
    """The errors `rehab export` would refuse the saved file for, against `context`, and a
    bad clinic profile (the export, `export_file`, reads the same profile and refuses too).

    Raises EntryUnavailable when a clinic entry the protocol uses cannot be read now.
    """
    assert session.disk is not None
    loaded = check_bytes(session.path, session.disk, context)
    errors = [f for f in loaded.findings if f.severity is Severity.ERROR]
    return errors + clinic_errors(session.path)


def clinic_errors(path: Path) -> list[Finding]:
    """The problems of the clinic profile the protocol at `path` would print (REHAB_CLINIC,
    else the repository's clinic.toml), as errors for the refusal, each naming file, line and
    field. The profile is read afresh on every export, like the library's clinic entries."""
    from rehab.storage.clinic_files import ClinicProblem, clinic_for

    try:
        clinic_for(path)
    except ClinicProblem as problem:
        return [Finding(Severity.ERROR, Code.SCHEMA, line) for line in problem.lines()]
    return []


def _in_app_words(finding: Finding) -> str:
    """The finding's first sentence, with what to press here instead of what to type in the
    file."""
    text = finding.message.split(" Why: ", 1)[0].split(" To prescribe it anyway", 1)[0]
    text = text.rstrip(". ")
    where = f"Phase {finding.phase}: " if finding.phase else ""
    if finding.code is Code.CONTRAINDICATED:
        text += " (if you prescribe it anyway, select it in the findings with f and press k)"
    return where + text


def refusal(errors: list[Finding]) -> str:
    """One notification for a protocol that cannot be exported: each error once."""
    lines = list(dict.fromkeys(_in_app_words(f) for f in errors))
    shown = "\n".join(f"- {line}" for line in lines[:SHOWN])
    more = f"\n... and {len(lines) - SHOWN} more (f shows them all)" if len(lines) > SHOWN else ""
    count = f"{len(lines)} error" + ("" if len(lines) == 1 else "s")
    return f"Not exported: fix {count} first.\n{shown}{more}"


def clinic_line(path: Path, protocol_clinic: str | None = None) -> str:
    """What the export dialog says about the clinic the handout will print: its name and the
    phone number in the STOP box, or that there is none (the profile was checked just before,
    by `export_errors`, so a bad one has already refused the export)."""
    from rehab.storage.clinic_files import ClinicProblem, clinic_for

    try:
        clinic = clinic_for(path)
    except (ClinicProblem, OSError):
        clinic = None
    if clinic is None:
        return (
            "No clinic profile: the STOP box gets a line to write your number on "
            "(rehab clinic init, docs/clinic.md)"
        )
    clinic = clinic.with_name(protocol_clinic)  # as the export prints it
    return f"Clinic on the handout: {clinic.name}, phone {clinic.phone}"
