"""Protocol templates: the project's `templates/` folder first, then the copies shipped with rehab.

A clinic can keep its own templates in `./templates`; a fresh install still has the built-in
ones (packaged into the wheel, or read from the source checkout in an editable install).
"""

from __future__ import annotations

import os
from pathlib import Path

import rehab
from rehab.domain.findings import has_errors
from rehab.domain.protocol import Protocol
from rehab.storage.protocol_files import load_protocol
from rehab.storage.protocol_paths import PathProblem

LOCAL_TEMPLATES = Path("templates")
CLINICIAN_ENV = "REHAB_CLINICIAN"
"""Who is responsible for new protocols when `rehab new` or the app is not told."""


def default_clinician() -> str:
    """The clinician named in REHAB_CLINICIAN, or '' when unset."""
    return os.environ.get(CLINICIAN_ENV, "").strip()


def builtin_templates_dir() -> Path | None:
    """Where the shipped templates are: inside the package (wheel) or beside it (checkout)."""
    package = Path(rehab.__file__).resolve().parent
    for candidate in (package / "templates", package.parent / "templates"):
        if candidate.is_dir():
            return candidate
    return None


def template_dirs(local: Path = LOCAL_TEMPLATES) -> list[Path]:
    """Folders searched for templates, in priority order."""
    dirs = [local] if local.is_dir() else []
    builtin = builtin_templates_dir()
    if builtin is not None and all(builtin.resolve() != d.resolve() for d in dirs):
        dirs.append(builtin)
    return dirs


def available_templates(local: Path = LOCAL_TEMPLATES) -> dict[str, Path]:
    """Template name -> file; a local template hides a built-in one of the same name."""
    found: dict[str, Path] = {}
    for folder in template_dirs(local):
        for path in sorted(folder.glob("*.toml")):
            found.setdefault(path.stem, path)
    return found


def template_protocols(local: Path = LOCAL_TEMPLATES) -> dict[str, Protocol]:
    """Template name -> protocol, for every template that reads without schema errors.

    A broken template is left out rather than offered: starting from it would hand the
    clinician someone else's error. `rehab new --list` and `rehab check templates/` show why.
    """
    usable: dict[str, Protocol] = {}
    for name, path in available_templates(local).items():
        try:
            loaded = load_protocol(path)
        except PathProblem:
            continue
        if loaded.protocol is not None and not has_errors(loaded.findings):
            usable[name] = loaded.protocol
    return usable
