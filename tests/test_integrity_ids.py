"""Issue 15, duplicate ids: three files with one id are an error in `rehab check`, and a batch
export writes no handout for any of them (it wrote one PDF and said "3 of 3 exported")."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, Result

EXAMPLE = ROOT / "protocols" / "example-pfp-calf-mobility.toml"
OTHER = ROOT / "protocols" / "example-hip-replacement-calf-care.toml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "protocols"
    folder.mkdir()
    for name in ("example-pfp-calf-mobility.toml", "copy-1.toml", "copy-2.toml"):
        (folder / name).write_bytes(EXAMPLE.read_bytes())
    if OTHER.exists():
        (folder / OTHER.name).write_bytes(OTHER.read_bytes())
    return folder


@pytest.mark.parametrize("cache", [[], ["--no-cache"]], ids=["cached", "fresh"])
def test_check_reports_an_id_used_by_several_files(
    folder: Path, cli: Callable[..., Result], cache: list[str]
) -> None:
    for _ in range(2):  # a warm run says it too: the finding is never cached
        result = cli("check", str(folder), "--format", "json", *cache, cwd=folder.parent)
        assert result.code == 1
        report = {f["path"]: f["findings"] for f in json.loads(result.out)["files"]}
        for name in ("example-pfp-calf-mobility.toml", "copy-1.toml", "copy-2.toml"):
            [dup] = [f for f in report[(folder / name).as_posix()] if f["code"] == "duplicate-id"]
            assert dup["severity"] == "error" and dup["field"] == "id" and dup["line"] == 2
        if OTHER.exists():
            other = report[(folder / OTHER.name).as_posix()]
            assert not [f for f in other if f["code"] == "duplicate-id"]


def test_batch_export_writes_nothing_for_files_sharing_an_id(
    folder: Path, cli: Callable[..., Result]
) -> None:
    out = folder.parent / "exports"
    result = cli("export", str(folder), "--out-dir", str(out), cwd=folder.parent)
    assert result.code == 1
    assert "error duplicate-id" in result.out
    assert not (out / "example-pfp-calf-mobility.pdf").exists()
    total = 4 if OTHER.exists() else 3
    assert f"{total - 3} of {total} protocols exported, 3 refused" in result.out
