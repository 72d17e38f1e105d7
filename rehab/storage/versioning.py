"""The version stamp printed in a handout's footer, so a printed sheet leads back to its file.

When the very bytes printed are the file as committed at HEAD (compared as git blobs, so
`git update-index --assume-unchanged` or a stale index cannot vouch for an edit), the stamp is
the short commit hash that last touched it; otherwise a hash of the bytes. A short digest of
the library entries the handout printed follows (`lib:...`): a changed clinic default changes
the sheet, so it changes the stamp.
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


def _blob_id(data: bytes, folder: Path) -> str | None:
    """The git object id of these bytes as a blob (no filters: the bytes themselves)."""
    try:
        result = subprocess.run(
            ["git", "hash-object", "--stdin"],
            cwd=folder,
            input=data,
            capture_output=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.decode("ascii", "replace").strip() if result.returncode == 0 else None


def _committed_stamp(path: Path, data: bytes) -> str | None:
    """'git:abc1234' when HEAD holds exactly `data` at this path, else None."""
    folder = path.resolve().parent
    name = path.resolve().name
    committed = _git(["rev-parse", "--verify", "--quiet", f"HEAD:./{name}"], folder)
    if not committed or _blob_id(data, folder) != committed:
        return None
    commit = _git(["log", "-1", "--format=%h", "HEAD", "--", name], folder)
    return f"git:{commit}" if commit else None


def version_stamp(path: Path, data: bytes, library_digest: str | None = None) -> str:
    """'git:abc1234' for bytes identical to the committed file, else the content hash; then
    ' lib:<digest>' of the library entries printed, when given."""
    base = _committed_stamp(path, data) or content_hash(data)
    return f"{base} lib:{library_digest}" if library_digest else base


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
