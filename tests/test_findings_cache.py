"""The findings cache of `rehab check`: a warm run says exactly what a fresh check says."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from rehab import check
from rehab.check import Context, check_many
from rehab.storage.findings_cache import FindingsCache
from tests.conftest import ROOT, Result

SCENARIOS = ROOT / "tests" / "fixtures" / "scenarios"
ENTRY = (ROOT / "rehab" / "data" / "exercises" / "floor-calf-raise.toml").read_text()
AN_HOUR_AGO = (time.time_ns() - 3_600 * 10**9,) * 2


def _cache_files() -> list[Path]:
    return sorted((Path(os.environ["REHAB_CACHE_DIR"]) / "check").glob("*.json"))


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
    entries = json.loads(cache_file.read_bytes())["entries"]
    assert len(entries) == len(list(repo.glob("*.toml"))) - 1  # not the folder


def test_warm_run_checks_nothing_again(
    repo: Path, context: Context, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cache_dir = tmp_path / "cache"
    paths = sorted(repo.iterdir())
    first = check_many(paths, context, cache=FindingsCache(cache_dir, "ctx"))
    checked: list[Path] = []
    real = check._checked_findings

    def counting(item):  # type: ignore[no-untyped-def]
        checked.append(item[0])
        return real(item)

    monkeypatch.setattr(check, "_checked_findings", counting)
    second = check_many(paths, context, cache=FindingsCache(cache_dir, "ctx"))
    assert [r.findings for r in second] == [r.findings for r in first]
    assert checked == [repo / "zz-folder.toml"]  # unreadable files are never cached
    # Parallel workers fill the cache the same way.
    monkeypatch.setattr(check, "_checked_findings", real)
    monkeypatch.setattr(check, "PARALLEL_FROM", 2)
    parallel = check_many(paths, context, jobs=2, cache=FindingsCache(tmp_path / "c2", "ctx"))
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


def test_a_changed_clinic_library_invalidates_the_cache(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    library = tmp_path / "library"
    library.mkdir()
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
    first = cli("check", str(protocol), "--library", str(library))
    assert first.code == 0, first.out
    assert len(_cache_files()) == 1
    # The clinic adds a component that the patient's condition contraindicates.
    entry.write_text(
        entry.read_text().replace(
            "components = [", 'components = ["weight-bearing-knee-flexion", ', 1
        )
    )
    os.utime(entry, ns=AN_HOUR_AGO)  # same time: the size still tells
    second = cli("check", str(protocol), "--library", str(library))
    assert second.out != first.out
    assert len(_cache_files()) == 2


def test_a_library_file_edited_just_now_turns_the_cache_off(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    library = tmp_path / "library"
    library.mkdir()
    (library / "clinic-raise.toml").write_text(
        ENTRY.replace('id = "floor-calf-raise"', 'id = "clinic-raise"')
    )
    result = cli("check", str(ROOT / "protocols"), "--library", str(library))
    assert result.code == 0
    assert _cache_files() == []


@pytest.mark.parametrize(
    "damage",
    [b"{not json", b'{"format": 1, "entries": {"x": 1}}', b'{"format": 1, "entries": []}'],
)
def test_a_damaged_cache_means_checking_again(
    repo: Path, cli: Callable[..., Result], damage: bytes
) -> None:
    fresh = cli("check", str(repo), "--format", "json", "--no-cache")
    cli("check", str(repo))
    [cache_file] = _cache_files()
    if damage.endswith(b"1}}"):  # every entry present but not a list of findings
        entries = json.loads(cache_file.read_bytes())["entries"]
        damage = json.dumps({"format": 1, "entries": {key: [[1]] for key in entries}}).encode()
    cache_file.write_bytes(damage)
    again = cli("check", str(repo), "--format", "json")
    assert json.loads(again.out) == json.loads(fresh.out)
