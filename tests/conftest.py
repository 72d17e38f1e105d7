"""Shared fixtures: the real library and catalog, and an in-process CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from rehab.check import Context
from rehab.cli.main import main
from rehab.storage.library_files import load_catalog, load_library

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def _private_state(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Caches and recovery copies of a test go to its own folder, never the user's home."""
    root = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("REHAB_CACHE_DIR", str(root / "cache"))
    monkeypatch.setenv("REHAB_STATE_DIR", str(root / "state"))
    monkeypatch.delenv("REHAB_CLINIC", raising=False)  # a user's clinic profile stays theirs


@pytest.fixture(scope="session")
def context() -> Context:
    return Context(load_library(), load_catalog())


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Result]:
    """Run `rehab ARGS` in process (fast); cwd defaults to the project root."""
    monkeypatch.delenv("REHAB_LIBRARY", raising=False)
    monkeypatch.delenv("REHAB_CLINICIAN", raising=False)

    def run(*args: str, cwd: Path | None = None) -> Result:
        monkeypatch.chdir(cwd or ROOT)
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def run_process(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Result:
    """Run `python -m rehab ARGS` in a subprocess, to see exactly what a user's terminal sees."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    full_env.pop("REHAB_DEBUG", None)
    proc = subprocess.run(
        [sys.executable, "-m", "rehab", *args],
        cwd=cwd or ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)
