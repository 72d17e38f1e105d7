"""The README's clinic set-up, run exactly as written (issue 19).

The commands are read out of the README's marked code blocks, so this test breaks when the
README changes in a way that no longer works: the pinned `rev`, the hook install, the
`.gitattributes` line and the diff driver's command. Only two placeholders are filled in,
the ones the README tells the reader to fill: where rehab is, and the sha it printed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rehab.domain.clinic import ClinicProfile
from rehab.storage.clinic_files import clinic_for
from tests.conftest import ROOT

README = ROOT / "README.md"
EXAMPLE = ROOT / "protocols" / "example-pfp-calf-mobility.toml"
BAD = ROOT / "tests" / "fixtures" / "scenarios" / "hip-posterior-unacknowledged.toml"
CLINIC_VALUES = {
    "<your clinic's name>": "Northside Physio",
    "<the number patients call>": "020 7946 0000",
    "<999, 911 or 112>": "999",
}
BLOCK = re.compile(r"<!-- clinic-setup: (run|file [^ ]+) -->\n```\w*\n(.*?)```", re.S)


def _blocks() -> list[tuple[str, str]]:
    found = [(kind, body) for kind, body in BLOCK.findall(README.read_text("utf-8"))]
    assert [k for k, _ in found] == ["run", "file .pre-commit-config.yaml", "run", "run"], found
    return found


def _git(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=600
    )


@pytest.fixture
def rehab_home(tmp_path: Path) -> Path:
    """A stand-in for /path/to/rehab: this checkout's history, with `.venv/bin/rehab`.

    The README's reader installed rehab into the checkout's .venv; here the `rehab` that runs
    the suite is linked there, so the README's path is used as written.
    """
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of rehab")
    pytest.importorskip("pre_commit")
    installed = Path(sys.executable).parent / "rehab"
    if not installed.exists():
        pytest.skip("rehab is not installed in the running environment")
    home = tmp_path / "rehab"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(home)], check=True, timeout=300)
    (home / ".venv" / "bin").mkdir(parents=True)
    (home / ".venv" / "bin" / "rehab").symlink_to(installed)
    return home


def test_readme_clinic_setup_blocks_a_bad_protocol_and_diffs_clinically(
    tmp_path: Path, rehab_home: Path
) -> None:
    clinic = tmp_path / "clinic"
    (clinic / "protocols").mkdir(parents=True)
    bin_dir = tmp_path / "bin"  # `pre-commit` as the README's pipx/pip install provides it
    bin_dir.mkdir()
    shim = bin_dir / "pre-commit"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m pre_commit "$@"\n')
    shim.chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}/usr/bin{os.pathsep}/bin",  # no rehab on PATH
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "NO_COLOR": "1",
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    env.pop("REHAB_LIBRARY", None)
    assert _git(clinic, env, "init", "-q").returncode == 0

    (first, _), (_, config), (_, install), (_, profile) = _blocks()
    del first
    sha = _git(rehab_home, env, "rev-parse", "HEAD").stdout.strip()
    script = "\n".join(body for kind, body in _blocks() if kind == "run")
    script = script.replace("/path/to/rehab", str(rehab_home))
    # The profile's values are the reader's own; a copy left unfilled must write nothing.
    assert "<the number patients call>" in profile
    for placeholder, value in CLINIC_VALUES.items():
        script = script.replace(placeholder, value)
    assert "<the sha printed above>" in config
    (clinic / ".pre-commit-config.yaml").write_text(
        config.replace("/path/to/rehab", str(rehab_home)).replace("<the sha printed above>", sha)
    )
    ran = subprocess.run(
        ["bash", "-euc", script], cwd=clinic, env=env, capture_output=True, text=True, timeout=600
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert sha in ran.stdout  # the README's rev-parse printed the sha to pin
    assert (clinic / ".gitattributes").read_text() == "protocols/*.toml diff=rehab\n"
    del install
    # The profile lands at the repository root, where the export finds it.
    assert clinic_for(clinic / "protocols" / "x.toml", environ={}) == ClinicProfile(
        name="Northside Physio", phone="020 7946 0000", emergency_number="999"
    )

    # A protocol with an unacknowledged contraindication: the hook stops the commit.
    bad = clinic / "protocols" / "hip-posterior-unacknowledged.toml"
    bad.write_text(BAD.read_text())
    _git(clinic, env, "add", ".")
    stopped = _git(clinic, env, "commit", "-qm", "bad protocol")
    out = stopped.stdout + stopped.stderr
    assert stopped.returncode != 0, out
    assert "contraindicated" in out and "hip-posterior-unacknowledged.toml" in out
    assert _git(clinic, env, "rev-parse", "--verify", "-q", "HEAD").returncode != 0

    # A good protocol commits; a dose change then reads clinically in git diff and log -p.
    bad.unlink()
    good = clinic / "protocols" / EXAMPLE.name
    shutil.copy(EXAMPLE, good)
    _git(clinic, env, "add", "-A")
    committed = _git(clinic, env, "commit", "-qm", "first protocol")
    assert committed.returncode == 0, committed.stdout + committed.stderr
    good.write_text(good.read_text().replace("times_per_day = 2", "times_per_day = 1", 1))
    diff = _git(clinic, env, "diff")
    assert diff.returncode == 0, diff.stderr
    assert "patella-maltracking-calf-stretch, phase 1: times_per_day 2 -> 1" in diff.stdout
    _git(clinic, env, "commit", "-qam", "less often")
    log = _git(clinic, env, "log", "-p", "--ext-diff", "-1")
    assert "times_per_day 2 -> 1" in log.stdout, log.stdout + log.stderr
