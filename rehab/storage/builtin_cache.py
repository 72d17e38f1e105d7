"""The built-in library as validated last time, so a command does not parse and lint it again.

Every `rehab` process needs the 65 built-in entries. Parsing their TOML, validating and
linting them took about 0.04 s of each `rehab check` (tomllib three quarters of it), while
for one installed version the entries never change. So the first process stores the
validated entries (their JSON) and later ones validate that JSON again with the same model,
which skips the TOML parser and the text lint.

A stored result is used only when it was made from exactly these bytes by exactly this code:
its key is a digest of rehab's version, its sources (`code_version`) and every entry's name
and bytes, which are read and hashed on every load. Sizes and times never stand for content,
so an entry edited in place (same size, same modification time) is parsed again. The file is
authenticated with the findings cache's per-user HMAC key (`findings_cache.cache_key`): a
file written by anyone else, damaged, or from other code or entries is ignored and rebuilt.
Even a stored entry that got past all that is validated by the model again, so the cache can
skip the lint of an unchanged entry but never let through what the schema refuses.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path

from pydantic import ValidationError

from rehab import __version__
from rehab.domain.exercise import Exercise
from rehab.storage.atomic import write_atomic
from rehab.storage.library_index import code_version

FORMAT = 1
FILE_NAME = f"builtin-library-{FORMAT}.json"

Entries = Sequence[tuple[str, bytes]]
"""The built-in entries as (name, bytes), in load order."""


def entries_key(entries: Entries) -> str:
    """What a stored result stands for: rehab's version and code, and every entry's bytes."""
    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0{code_version()}\0".encode())
    for name, data in entries:
        # Lengths first, so no two different lists of entries hash the same stream.
        encoded = name.encode("utf-8", "surrogatepass")
        digest.update(b"%d\0%d\0" % (len(encoded), len(data)) + encoded + data)
    return digest.hexdigest()


def _secret() -> bytes | None:
    from rehab.storage.findings_cache import cache_key
    from rehab.storage.recovery import default_state_dir

    state_dir = default_state_dir()
    return cache_key(state_dir) if state_dir is not None else None


def _mac(secret: bytes, body: bytes) -> bytes:
    return hmac.new(secret, body, hashlib.sha256).hexdigest().encode("ascii")


def read_validated(cache_dir: Path, entries: Entries) -> list[Exercise] | None:
    """The entries validated by an earlier process from these very bytes, in order; None
    when there is no such result (missing, foreign, damaged, other code or other bytes)."""
    secret = _secret()
    if secret is None:
        return None
    try:
        raw = (cache_dir / FILE_NAME).read_bytes()
        mac, _, body = raw.partition(b"\n")
        if not hmac.compare_digest(mac, _mac(secret, body)):
            return None
        stored = json.loads(body)
        if stored.get("key") != entries_key(entries):
            return None
        texts = stored["entries"]
        if not isinstance(texts, list) or len(texts) != len(entries):
            return None
        exercises = [Exercise.model_validate_json(text) for text in texts]
    except (OSError, ValueError, TypeError, KeyError, AttributeError, ValidationError):
        return None
    # The same entries in the same order (the key says so; the ids say it again).
    for (name, _), exercise in zip(entries, exercises, strict=True):
        if Path(name).stem != exercise.id:
            return None
    return exercises


def write_validated(cache_dir: Path, entries: Entries, exercises: Sequence[Exercise]) -> None:
    """Store entries that parsed, validated and linted without a problem; a cache that
    cannot be written is simply not kept."""
    secret = _secret()
    if secret is None:
        return
    payload = {
        "format": FORMAT,
        "key": entries_key(entries),
        "entries": [exercise.model_dump_json() for exercise in exercises],
    }
    body = json.dumps(payload, separators=(",", ":")).encode("ascii")
    with suppress(OSError):
        cache_dir.mkdir(parents=True, exist_ok=True)
        write_atomic(cache_dir / FILE_NAME, _mac(secret, body) + b"\n" + body)
