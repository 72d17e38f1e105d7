"""Recovery copies of unsaved edits, so a crash or a killed terminal loses nothing.

The app writes the draft here after every edit and removes it on save or discard; on the next
start the copy is offered back. A copy holds the protocol text and the path it belongs to,
nothing else: protocols carry no patient data, and the patient name typed at export time is
never part of a draft.
"""

from __future__ import annotations

import hashlib
import json
import os
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from rehab.storage.atomic import write_atomic

STATE_ENV = "REHAB_STATE_DIR"


def default_state_dir() -> Path | None:
    """$REHAB_STATE_DIR, else $XDG_STATE_HOME/rehab, else ~/.local/state/rehab; None when
    there is no home folder to find (HOME unset and no user entry)."""
    if os.environ.get(STATE_ENV):
        return Path(os.environ[STATE_ENV])
    xdg = os.environ.get("XDG_STATE_HOME")
    if xdg:
        return Path(xdg) / "rehab"
    try:
        return Path.home() / ".local" / "state" / "rehab"
    except (RuntimeError, KeyError, OSError):
        return None


def default_recovery_dir() -> Path | None:
    """The state folder's /recovery (None: drafts are not kept, see `default_state_dir`)."""
    state = default_state_dir()
    return state / "recovery" if state is not None else None


@dataclass(frozen=True)
class Recovered:
    """A draft found from an earlier session."""

    path: Path
    text: str


def _copy_path(folder: Path, target: Path) -> Path:
    key = hashlib.sha256(str(target.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    return folder / f"{key[:24]}.json"


def write_copy(folder: Path, target: Path, text: str) -> None:
    """Keep the draft for `target`; failures are ignored (the draft is still in memory)."""
    # ASCII JSON: a path that is not valid UTF-8 is kept as escaped surrogates, not a crash.
    payload = json.dumps({"path": str(target.resolve()), "text": text})
    with suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(_copy_path(folder, target), payload.encode("ascii"))


def _read(copy: Path) -> tuple[str, str] | None:
    """(path as written, text) of one recovery file; None when missing, unreadable or not one."""
    try:
        data = json.loads(copy.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        return None
    return str(data.get("path")), data["text"]


def read_copy(folder: Path, target: Path) -> Recovered | None:
    """The draft left for `target` by an earlier session, if any (and readable)."""
    found = _read(_copy_path(folder, target))
    if found is None or found[0] != str(target.resolve()):
        return None
    return Recovered(target, found[1])


def drop_copy(folder: Path, target: Path) -> None:
    """Forget the draft for `target` (saved or discarded)."""
    with suppress(OSError):
        _copy_path(folder, target).unlink()


def orphan_copies(folder: Path, protocols: Path) -> list[Recovered]:
    """Drafts of protocols in `protocols` that were never saved (their file does not exist).

    Opening a file offers its own draft back; a new protocol has no file to open, so the app
    asks about these at start. Drafts for other folders (another clinic repository) are left
    for the app started there.
    """
    try:
        copies = sorted(folder.glob("*.json"))
    except OSError:
        return []
    where = protocols.resolve()
    found: list[Recovered] = []
    for copy in copies:
        draft = _read(copy)
        if draft is None:
            continue
        path = Path(draft[0])
        if path.parent == where and not path.exists() and copy == _copy_path(folder, path):
            found.append(Recovered(path, draft[1]))
    return found
