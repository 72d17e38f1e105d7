"""The findings cache of `rehab check`: a warm run says exactly what a fresh check says."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rehab import check
from rehab.check import Context, check_many
from rehab.storage import findings_cache
from rehab.storage.findings_cache import FindingsCache, cache_key
from tests.conftest import ROOT, Result

SCENARIOS = ROOT / "tests" / "fixtures" / "scenarios"
ENTRY = (ROOT / "rehab" / "data" / "exercises" / "floor-calf-raise.toml").read_text()
AN_HOUR_AGO = (time.time_ns() - 3_600 * 10**9,) * 2


def _cache_files() -> list[Path]:
    return sorted((Path(os.environ["REHAB_CACHE_DIR"]) / "check").glob("*.json"))


def _body(path: Path) -> dict:  # type: ignore[type-arg]
    """The cache file's JSON, after its first line (the HMAC)."""
    return json.loads(path.read_bytes().partition(b"\n")[2])  # type: ignore[no-any-return]


def _secret(tmp_path: Path) -> bytes:
    key = cache_key(tmp_path / "state")
    assert key is not None
    return key


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Every scenario, the shipped examples and templates, and files that cannot be read."""
    folder = tmp_path / "protocols"
    folder.mkdir()
    for source in [
        *SCENARIOS.glob("*.toml"),
        *(ROOT / "protocols").glob("*.toml"),
        *(ROOT / "templates").glob("*.toml"),
    ]:
        shutil.copy(source, folder)
    (folder / "zz-broken.toml").write_bytes(b"id = [")
    (folder / "zz-folder.toml").mkdir()
    return folder


def test_warm_run_prints_exactly_what_a_fresh_check_prints(
    repo: Path, cli: Callable[..., Result]
) -> None:
    fresh = cli("check", str(repo), "--format", "json", "--no-cache")
    assert _cache_files() == []  # --no-cache writes nothing either
    cold = cli("check", str(repo), "--format", "json")
    [cache_file] = _cache_files()
    warm = cli("check", str(repo), "--format", "json")
    text = cli("check", str(repo))
    assert fresh.code == cold.code == warm.code == 1  # the scenarios include errors
    assert json.loads(fresh.out) == json.loads(cold.out) == json.loads(warm.out)
    assert text.out == cli("check", str(repo), "--no-cache").out
    # The warm run was served from the cache: every readable file is in it.
    entries = _body(cache_file)["entries"]
    assert len(entries) == len(list(repo.glob("*.toml"))) - 1  # not the folder


def test_warm_run_checks_nothing_again(
    repo: Path, context: Context, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cache_dir = tmp_path / "cache"
    paths = sorted(repo.iterdir())
    secret = _secret(tmp_path)
    first = check_many(paths, context, cache=FindingsCache(cache_dir, secret))
    checked: list[Path] = []
    real = check._checked_findings

    def counting(item):  # type: ignore[no-untyped-def]
        checked.append(item[0])
        return real(item)

    monkeypatch.setattr(check, "_checked_findings", counting)
    second = check_many(paths, context, cache=FindingsCache(cache_dir, secret))
    assert [r.findings for r in second] == [r.findings for r in first]
    assert checked == [repo / "zz-folder.toml"]  # unreadable files are never cached
    # Parallel workers fill the cache the same way.
    monkeypatch.setattr(check, "_checked_findings", real)
    monkeypatch.setattr(check, "PARALLEL_FROM", 2)
    parallel = check_many(paths, context, jobs=2, cache=FindingsCache(tmp_path / "c2", secret))
    assert [r.findings for r in parallel] == [r.findings for r in first]


def test_an_edited_or_renamed_file_is_checked_again(repo: Path, cli: Callable[..., Result]) -> None:
    path = repo / "example-pfp-calf-mobility.toml"
    assert cli("check", str(path)).code == 0
    path.write_text(path.read_text().replace("sets = 3", "sets = 30", 1))
    edited = cli("check", str(path))
    assert edited.code == 1 and ".sets: must be between 1 and 10, got 30" in edited.out
    renamed = repo / "renamed.toml"
    path.write_text((ROOT / "protocols" / path.name).read_text())
    path.rename(renamed)
    result = cli("check", str(renamed))
    assert "does not match id" in result.out  # the name is part of the key


def _clinic(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A clinic library with one entry, and a protocol that uses it with its default dose."""
    library = tmp_path / "library"
    library.mkdir(exist_ok=True)
    entry = library / "clinic-raise.toml"
    entry.write_text(ENTRY.replace('id = "floor-calf-raise"', 'id = "clinic-raise"'))
    os.utime(entry, ns=AN_HOUR_AGO)
    protocol = tmp_path / "uses-clinic.toml"
    protocol.write_text(
        (ROOT / "protocols" / "example-pfp-calf-mobility.toml")
        .read_text()
        .replace('id = "example-pfp-calf-mobility"', 'id = "uses-clinic"')
        .replace(
            'exercise = "patella-maltracking-calf-stretch"\nside = "both"\nsets = 3\n'
            "hold_seconds = 30",
            'exercise = "clinic-raise"\nside = "both"',
        )
    )
    return library, entry, protocol


def _same_size(old: str, new: str) -> str:
    """`new` padded or trimmed in its summary to the byte length of `old`."""
    grow = len(old.encode()) - len(new.encode())
    start = new.index('summary = "') + len('summary = "')
    if grow >= 0:
        return new[:start] + "x" * grow + new[start:]
    return new[:start] + new[start - grow :]


def test_a_library_entry_changed_with_the_same_size_and_time_is_checked_again(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """Issue 15, cache bullet: the old fingerprint used path, size and mtime only."""
    library, entry, protocol = _clinic(tmp_path)
    first = cli("check", str(protocol), "--library", str(library))
    assert first.code == 0, first.out
    # The clinic adds a component that the patient's condition contraindicates, in a file of
    # the very same size and modification time (a `touch -d`, a reproducible archive).
    old = entry.read_text()
    added = old.replace("components = [", 'components = ["weight-bearing-knee-flexion", ', 1)
    new = _same_size(old, added)
    assert len(new.encode()) == len(old.encode())
    entry.write_text(new)
    os.utime(entry, ns=AN_HOUR_AGO)
    second = cli("check", str(protocol), "--library", str(library))
    fresh = cli("check", str(protocol), "--library", str(library), "--no-cache")
    assert fresh.out != first.out
    assert (second.code, second.out) == (fresh.code, fresh.out)


def test_a_library_file_edited_just_now_is_cached_by_its_content(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    library = tmp_path / "library"
    library.mkdir()
    (library / "clinic-raise.toml").write_text(
        ENTRY.replace('id = "floor-calf-raise"', 'id = "clinic-raise"')
    )
    result = cli("check", str(ROOT / "protocols"), "--library", str(library))
    assert result.code == 0
    assert len(_cache_files()) == 1


COMPONENTS = [
    "loaded-plantarflexion",
    "weight-bearing-knee-flexion",
    "ankle-dorsiflexion-stretch",
    "hip-flexion-90",
]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    edits=st.lists(
        st.tuples(
            st.lists(st.sampled_from(COMPONENTS), min_size=1, max_size=3, unique=True),
            st.integers(1, 12),  # default sets (past 10 is an error)
            st.integers(1, 40),  # default reps
            st.booleans(),  # keep size and time (pad the summary, set the time back)
        ),
        min_size=1,
        max_size=4,
    )
)
def test_a_warm_check_says_what_a_fresh_check_says_after_any_library_edit(
    tmp_path: Path, cli: Callable[..., Result], edits: list[tuple[list[str], int, int, bool]]
) -> None:
    """Issue 15, acceptance: for random clinic-library edits, warm `check` == `--no-cache`."""
    library, entry, protocol = _clinic(tmp_path)
    cli("check", str(protocol), "--library", str(library))  # warm the cache
    for components, sets, reps, keep_stamp in edits:
        old = entry.read_text()
        new = ENTRY.replace('id = "floor-calf-raise"', 'id = "clinic-raise"')
        new = new.replace('["loaded-plantarflexion"]', json.dumps(components))
        new = new.replace("sets = 2\nreps = 15", f"sets = {sets}\nreps = {reps}")
        if keep_stamp:
            with contextlib.suppress(ValueError):
                new = _same_size(old, new)
        entry.write_text(new)
        if keep_stamp:
            os.utime(entry, ns=AN_HOUR_AGO)
        warm = cli("check", str(protocol), "--library", str(library), "--format", "json")
        fresh = cli(
            "check", str(protocol), "--library", str(library), "--format", "json", "--no-cache"
        )
        assert (warm.code, warm.out, warm.err) == (fresh.code, fresh.out, fresh.err)


def test_more_protocols_than_the_cache_keeps_stay_warm(
    repo: Path, context: Context, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Issue 15, scale: with more protocols than MAX_ENTRIES, least-recently-used pruning
    dropped on every run exactly the entries the next run needed."""
    monkeypatch.setattr(findings_cache, "MAX_ENTRIES", 5)
    paths = sorted(p for p in repo.iterdir() if p.is_file())
    assert len(paths) > 10
    secret = _secret(tmp_path)
    check_many(paths, context, cache=FindingsCache(tmp_path / "c", secret))
    checked: list[Path] = []
    real = check._checked_findings

    def counting(item):  # type: ignore[no-untyped-def]
        checked.append(item[0])
        return real(item)

    monkeypatch.setattr(check, "_checked_findings", counting)
    check_many(paths, context, cache=FindingsCache(tmp_path / "c", secret))
    assert checked == []


def _forge(cache_file: Path, secret: bytes | None) -> None:
    """Every entry says "no findings"; signed with `secret` (None: the old MAC kept)."""
    import hashlib
    import hmac

    mac, _, body = cache_file.read_bytes().partition(b"\n")
    data = json.loads(body)
    data["entries"] = {k: [deps, [], i] for k, (deps, _, i) in data["entries"].items()}
    body = json.dumps(data).encode()
    if secret is not None:
        mac = hmac.new(secret, body, hashlib.sha256).hexdigest().encode()
    cache_file.write_bytes(mac + b"\n" + body)


@pytest.mark.parametrize("signer", ["none", "another-user"])
def test_a_forged_cache_file_cannot_pass_a_protocol(
    repo: Path, cli: Callable[..., Result], signer: str
) -> None:
    """Issue 15, cache bullet: editing the cache to `[]` made `check --strict` pass."""
    fresh = cli("check", str(repo), "--strict", "--format", "json", "--no-cache")
    cli("check", str(repo))
    [cache_file] = _cache_files()
    _forge(cache_file, None if signer == "none" else b"k" * 32)
    again = cli("check", str(repo), "--strict", "--format", "json")
    assert again.code == fresh.code == 1
    assert json.loads(again.out) == json.loads(fresh.out)


def test_the_cache_key_is_private_and_a_loose_one_is_replaced(tmp_path: Path) -> None:
    state = tmp_path / "state"
    key = cache_key(state)
    assert key is not None and len(key) == 32
    assert (state / "cache-key").stat().st_mode & 0o777 == 0o600
    assert cache_key(state) == key
    (state / "cache-key").chmod(0o644)  # readable by others: not a secret any more
    assert cache_key(state) not in (None, key)
    assert (state / "cache-key").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    "damage",
    [b"{not json", b'{"format": 2, "entries": {"x": 1}}', b'{"format": 2, "entries": []}', b"e"],
)
def test_a_damaged_cache_means_checking_again(
    repo: Path, cli: Callable[..., Result], damage: bytes
) -> None:
    """Damage signed with the user's own key (so it passes the HMAC) still never crashes or
    changes an answer: an entry that does not parse is checked again."""
    import hashlib
    import hmac

    fresh = cli("check", str(repo), "--format", "json", "--no-cache")
    cli("check", str(repo))
    [cache_file] = _cache_files()
    entries = _body(cache_file)["entries"]
    if damage == b"e":  # every entry present but damaged in a different way
        shapes = [[1], [{}, [[1]]], [{"x": 1}, []], None, [{}, [["error", "nope"]]]]
        damaged = {key: shapes[i % len(shapes)] for i, key in enumerate(entries)}
        damage = json.dumps({"format": 2, "entries": damaged}).encode()
    secret = cache_key(Path(os.environ["REHAB_STATE_DIR"]))
    assert secret is not None
    mac = hmac.new(secret, damage, hashlib.sha256).hexdigest().encode()
    cache_file.write_bytes(mac + b"\n" + damage)
    again = cli("check", str(repo), "--format", "json")
    assert json.loads(again.out) == json.loads(fresh.out)
