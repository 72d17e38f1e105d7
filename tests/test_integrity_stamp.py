"""Issue 15, the version stamp and --since: `git:<commit>` only for the committed bytes, a
digest of the library entries printed, --since compares resolved doses, one read per export."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest

from tests.conftest import ROOT, Result

EXAMPLE = ROOT / "protocols" / "example-pfp-calf-mobility.toml"
ENTRY = (ROOT / "rehab" / "data" / "exercises" / "floor-calf-raise.toml").read_text()


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "clinic"
    (repo / "protocols").mkdir(parents=True)
    (repo / "library").mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.org")
    _git(repo, "config", "user.name", "T")
    (repo / "library" / "clinic-raise.toml").write_text(
        ENTRY.replace('id = "floor-calf-raise"', 'id = "clinic-raise"')
    )
    (repo / "protocols" / "uses-clinic.toml").write_text(
        EXAMPLE.read_text()
        .replace('id = "example-pfp-calf-mobility"', 'id = "uses-clinic"')
        .replace(
            'exercise = "patella-maltracking-calf-stretch"\nside = "both"\nsets = 3\n'
            "hold_seconds = 30",
            'exercise = "clinic-raise"\nside = "both"',
        )
    )
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "first")
    return repo


def _export(cli: Callable[..., Result], repo: Path, *more: str) -> Result:
    return cli(
        "export",
        "protocols/uses-clinic.toml",
        "--library",
        "library",
        "-o",
        "out.pdf",
        "--date",
        "2026-11-21",
        *more,
        cwd=repo,
    )


def _version(result: Result) -> str:
    return result.out.rsplit("(version ", 1)[1].split(")")[0]


def test_the_stamp_says_git_only_for_the_committed_bytes(
    repo: Path, cli: Callable[..., Result]
) -> None:
    committed = _export(cli, repo)
    assert committed.code == 0, committed.out + committed.err
    commit = _git(repo, "log", "-1", "--format=%h").strip()
    assert _version(committed).startswith(f"git:{commit}")
    path = repo / "protocols" / "uses-clinic.toml"
    path.write_text(path.read_text().replace("times_per_day = 2", "times_per_day = 1", 1))
    _git(repo, "update-index", "--assume-unchanged", "protocols/uses-clinic.toml")
    assert "uses-clinic" not in _git(repo, "status", "--porcelain")  # git says "unchanged"
    edited = _export(cli, repo)
    assert edited.code == 0
    assert _version(edited).startswith("sha256:")


def test_a_changed_library_default_changes_the_stamp_and_the_since_box(
    repo: Path, cli: Callable[..., Result]
) -> None:
    """The dose tripled (2 x 15 once a day -> 4 x 25 twice a day) through the library default;
    --since said "nothing has changed" and both sheets carried the same stamp."""
    before = _export(cli, repo)
    entry = repo / "library" / "clinic-raise.toml"
    entry.write_text(
        entry.read_text()
        .replace("sets = 2\nreps = 15", "sets = 4\nreps = 25")
        .replace("times_per_day = 1", "times_per_day = 2")
    )
    after = _export(cli, repo, "--since", "HEAD")
    assert after.code == 0, after.out + after.err
    assert _version(after) != _version(before)
    text = " ".join(
        " ".join(page.extract_text().split()) for page in pypdf.PdfReader(repo / "out.pdf").pages
    )
    assert "Nothing in your exercises has changed" not in text
    assert "4" in text and "25" in text


def test_export_reads_the_protocol_once(
    repo: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = (repo / "protocols" / "uses-clinic.toml").resolve()
    opened: list[str] = []
    real_open = os.open

    def counting(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(os.fsdecode(file)).resolve() == path:
            opened.append(os.fsdecode(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", counting)
    result = _export(cli, repo, "--since", "HEAD")
    assert result.code == 0, result.out + result.err
    assert len(opened) == 1, opened
