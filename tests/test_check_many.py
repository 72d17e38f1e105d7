"""Checking many files in worker processes gives exactly what checking them one by one gives."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rehab import check
from rehab.check import Context, check_file, check_many
from tests.conftest import ROOT

SCENARIOS = ROOT / "tests" / "fixtures" / "scenarios"


def test_parallel_results_match_sequential_in_order(
    tmp_path: Path, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = sorted(SCENARIOS.glob("*.toml"))[:12]
    for source in sources:
        shutil.copy(source, tmp_path)
    (tmp_path / "zz-broken.toml").write_bytes(b"id = [")
    (tmp_path / "zz-folder.toml").mkdir()  # unreadable as a file: a finding, not a crash
    paths = sorted(tmp_path.iterdir())
    monkeypatch.setattr(check, "PARALLEL_FROM", 2)
    parallel = check_many(paths, context, jobs=2)
    sequential = check_many(paths, context, jobs=1)
    assert [r.path for r in parallel] == paths
    assert [r.findings for r in parallel] == [r.findings for r in sequential]
    assert [r.findings for r in parallel[:-2]] == [
        check_file(p, context).findings for p in paths[:-2]
    ]
    assert parallel[-1].findings[0].message == "is a folder, not a file"


def test_the_workers_inherit_the_protocol_validator() -> None:
    """Validators are built on first use (`StrictModel`); with workers, the protocol's is
    built before the fork, so the workers do not each build their own (a fresh process: in
    this one some test has long built it)."""
    code = """
import rehab.check as check
from rehab.domain.protocol import Protocol
assert not Protocol.__pydantic_complete__
seen = []
def record(fn, items, workers):
    seen.append((workers, Protocol.__pydantic_complete__))
    return []
check.forked_map = record
check.PARALLEL_FROM = 1
check._check_all([(None, None)] * 2, None, jobs=2)
print(seen)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[(2, True)]"
