"""The pre-commit hooks, run by the real pre-commit tool against a temporary clinic repository.

`pre-commit try-repo` installs rehab from this checkout into its own environment, exactly as a
clinic's `.pre-commit-config.yaml` would, so this also proves the hooks file and packaging.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCENARIOS = ROOT / "tests" / "fixtures" / "scenarios"
EXAMPLE = ROOT / "protocols" / "example-pfp-calf-mobility.toml"


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def precommit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of rehab")
    return tmp_path_factory.mktemp("pre-commit-home")


def test_hooks_fail_on_errors_and_reformat(tmp_path: Path, precommit_home: Path) -> None:
    env = {**os.environ, "PRE_COMMIT_HOME": str(precommit_home), "NO_COLOR": "1"}
    env.pop("REHAB_LIBRARY", None)
    clinic = tmp_path / "clinic"
    (clinic / "protocols").mkdir(parents=True)
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=T"]
    _run([*git, "init", "-q"], clinic, env)
    bad = (SCENARIOS / "hip-posterior-unacknowledged.toml").read_text()
    (clinic / "protocols" / "hip-posterior-unacknowledged.toml").write_text(bad)
    untidy = EXAMPLE.read_text().replace("weeks = 2\n", "weeks   =   2\n")
    tidy_path = clinic / "protocols" / EXAMPLE.name
    tidy_path.write_text(untidy)
    (clinic / "notes.toml").write_text("not = 'a protocol' [")  # outside protocols/: ignored
    _run([*git, "add", "."], clinic, env)
    _run([*git, "commit", "-qm", "protocols"], clinic, env)

    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "--all-files"]
    first = _run(command, clinic, env)
    out = first.stdout + first.stderr
    assert first.returncode == 1, out
    assert "rehab check (protocol safety and validity)" in out and "Failed" in out
    assert "hip-posterior-unacknowledged.toml" in out and "contraindicated" in out
    assert "notes.toml" not in out
    assert "reformatted" in out
    assert tidy_path.read_text() == EXAMPLE.read_text()  # rewritten canonically

    # Fixed files pass both hooks.
    (clinic / "protocols" / "hip-posterior-unacknowledged.toml").unlink()
    second = _run(command, clinic, env)
    assert second.returncode == 0, second.stdout + second.stderr
    assert second.stdout.count("Passed") == 2
