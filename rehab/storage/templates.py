"""Protocol templates: the project's `templates/` folder first, then the copies shipped with rehab.

A clinic can keep its own templates in `./templates`; a fresh install still has the built-in
ones (packaged into the wheel, or read from the source checkout in an editable install).
"""

from __future__ import annotations

from pathlib import Path

import rehab

LOCAL_TEMPLATES = Path("templates")


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
