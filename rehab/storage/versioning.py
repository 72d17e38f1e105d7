"""The version stamp printed in a handout's footer, so a printed sheet leads back to its file.

When the file is committed and unchanged in git, the stamp is the short commit hash that last
touched it; otherwise (no git, untracked, or edited since) a hash of the file's content.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path


def content_hash(data: bytes) -> str:
    """A short content hash; the same bytes always give the same stamp."""
    return "sha256:" + hashlib.sha256(data).hexdigest()[:12]


def _git(args: list[str], folder: Path) -> str | None:
    try:
        result = subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def version_stamp(path: Path, data: bytes) -> str:
    """'git:abc1234' for a committed, unmodified file, else the content hash."""
    folder = path.resolve().parent
    name = path.resolve().name
    if _git(["status", "--porcelain", "--", name], folder) == "":
        commit = _git(["log", "-1", "--format=%h", "--", name], folder)
        if commit:
            return f"git:{commit}"
    return content_hash(data)


class GitProblem(Exception):
    """A git revision or file that cannot be read; the message says why in plain words."""


def file_at_revision(path: Path, revision: str) -> bytes:
    """The bytes of `path` as committed at `revision` (for `rehab export --since`).

    The path is resolved inside its own repository, so it works from any working directory.
    """
    if revision.startswith("-"):
        raise GitProblem(f"'{revision}' is not a git revision")
    folder = path.resolve().parent
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top is None:
        raise GitProblem(f"{path} is not inside a git repository")
    relative = path.resolve().relative_to(Path(top).resolve()).as_posix()
    if _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], folder) is None:
        raise GitProblem(f"no git revision '{revision}'")
    try:
        result = subprocess.run(
            ["git", "show", f"{revision}:{relative}"],
            cwd=top,
            capture_output=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitProblem(f"cannot run git: {exc}") from None
    if result.returncode != 0:
        raise GitProblem(f"{relative} does not exist at revision '{revision}'")
    return result.stdout
