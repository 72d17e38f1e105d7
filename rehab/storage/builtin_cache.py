"""The built-in library and catalog as validated last time, so a command does not check them again.

Every `rehab` process needs the 65 built-in entries and the condition catalog. Parsing their
TOML, validating and linting them, and building the models' validators for it, took about
0.06 s of each `rehab check`, while for one installed version they never change. So the first
process stores the validated objects and later ones load them: no TOML parse, no lint, and the
entry and catalog models' validators are not even built (`StrictModel` builds them on first use).

A stored result is used only when it was made from exactly these bytes by exactly this code:
its key is a digest of rehab's version, its sources (`code_version`) and every file's name and
bytes, which are read and hashed on every load. Sizes and times never stand for content, so an
entry edited in place (same size, same modification time) is checked again. The file is
authenticated with the findings cache's per-user HMAC key (`findings_cache.cache_key`, a 0600
file in the state folder), and nothing in it is unpickled before the HMAC and the key match:
a file written by anyone else, damaged, or from other code or bytes is ignored and rebuilt.
Only results without a single problem are stored.
"""

from __future__ import annotations

import hashlib
import hmac
import pickle
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path

from rehab import __version__
from rehab.storage.atomic import write_atomic
from rehab.storage.library_index import code_version

FORMAT = 2
"""2: pickled validated objects, library and catalog (1 was the entries' JSON)."""

Files = Sequence[tuple[str, bytes]]
"""What a result is made from, as (name, bytes), in load order."""


def file_name(kind: str) -> str:
    return f"builtin-{kind}-{FORMAT}.bin"


def inputs_key(kind: str, files: Files) -> bytes:
    """What a stored result stands for: rehab's version and code, and every file's bytes."""
    digest = hashlib.sha256(f"{FORMAT}\0{kind}\0{__version__}\0{code_version()}\0".encode())
    for name, data in files:
        # Lengths first, so no two different lists of files hash the same stream.
        encoded = name.encode("utf-8", "surrogatepass")
        digest.update(b"%d\0%d\0" % (len(encoded), len(data)) + encoded + data)
    return digest.hexdigest().encode("ascii")


def _secret() -> bytes | None:
    from rehab.storage.findings_cache import process_key
    from rehab.storage.recovery import default_state_dir

    state_dir = default_state_dir()
    return process_key(state_dir) if state_dir is not None else None


def _mac(secret: bytes, body: bytes) -> bytes:
    return hmac.new(secret, body, hashlib.sha256).hexdigest().encode("ascii")


def read_result(cache_dir: Path, kind: str, files: Files) -> object | None:
    """What an earlier process of this user stored for these very files, or None (missing,
    foreign, damaged, from other code or other bytes). The caller checks its type."""
    secret = _secret()
    if secret is None:
        return None
    try:
        raw = (cache_dir / file_name(kind)).read_bytes()
    except OSError:
        return None
    mac, _, body = raw.partition(b"\n")
    if not hmac.compare_digest(mac, _mac(secret, body)):
        return None
    key, _, payload = body.partition(b"\n")
    if not hmac.compare_digest(key, inputs_key(kind, files)):
        return None
    try:
        # Safe to unpickle: the MAC proves this user's own rehab wrote these bytes.
        result: object = pickle.loads(payload)
    except Exception:  # any failure only means checking the files again
        return None
    return result


def write_result(cache_dir: Path, kind: str, files: Files, result: object) -> None:
    """Store a result that had no problem at all; a cache that cannot be written is skipped."""
    secret = _secret()
    if secret is None:
        return
    body = inputs_key(kind, files) + b"\n" + pickle.dumps(result, pickle.HIGHEST_PROTOCOL)
    with suppress(OSError):
        cache_dir.mkdir(parents=True, exist_ok=True)
        write_atomic(cache_dir / file_name(kind), _mac(secret, body) + b"\n" + body)
