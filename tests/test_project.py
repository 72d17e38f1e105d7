"""The project's promises about itself: README commands, CI, layout, import boundaries, lint."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _readme_commands() -> list[str]:
    lines = (ROOT / "README.md").read_text().splitlines()
    start = lines.index("```sh")
    return lines[start + 1 : lines.index("```", start + 1)]


def test_readme_starts_with_exactly_two_commands() -> None:
    lines = (ROOT / "README.md").read_text().splitlines()
    assert lines[0] == "# rehab"
    assert lines[2] == "```sh"
    launch, tests = _readme_commands()
    assert launch.endswith(".venv/bin/rehab") and "pip install -e ." in launch
    assert "'.[test]'" in tests and tests.endswith("python -m pytest")


def test_ci_runs_the_readme_test_command() -> None:
    _, tests = _readme_commands()
    assert tests in (ROOT / ".ci" / "run").read_text()


def test_exports_folder_holds_only_gitkeep() -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "exports"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.split()
    assert tracked in ([], ["exports/.gitkeep"])  # [] before the first commit of a clone
    assert "exports/*" in (ROOT / ".gitignore").read_text()


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        (
            "rehab.domain.protocol, rehab.domain.checks, rehab.domain.library, "
            "rehab.domain.conditions, "
            "rehab.domain.validation, rehab.domain.dosage_text, rehab.domain.figures.checks, "
            "rehab.domain.figures.scene",
            ("textual", "reportlab", "PIL", "rehab.storage", "rehab.cli", "rehab.handout"),
        ),
        (
            "rehab.domain.safety, rehab.domain.dose_checks",
            ("textual", "reportlab", "rehab.storage", "rehab.cli", "rehab.handout"),
        ),
        (
            "rehab.cli.main, rehab.cli.commands.check, rehab.cli.commands.library, "
            "rehab.cli.commands.fmt, rehab.cli.commands.show, rehab.cli.commands.diff, "
            "rehab.domain.diff",
            ("textual", "reportlab", "fhir", "rehab.fhir"),
        ),
        # The FHIR code and its models load for `export --format fhir` only.
        ("rehab.cli.commands.export, rehab.export", ("textual", "fhir", "rehab.fhir")),
        # The mapping is plain dicts: the models load when a bundle is validated, not before.
        ("rehab.fhir.bundle, rehab.fhir.export", ("textual", "fhir")),
        # ReportLab only when exporting; pydantic and the models after the first frame.
        (
            "rehab.tui.app, rehab.tui.screens.home",
            (
                "reportlab",
                "rehab.handout",
                "pydantic",
                "rehab.check",
                "rehab.domain.library",
                "fhir",
                "rehab.fhir",
            ),
        ),
    ],
    ids=["domain", "safety", "cli-light", "export", "fhir-core", "app"],
)
def test_import_boundaries(module: str, forbidden: tuple[str, ...]) -> None:
    code = (
        f"import sys; import {module}; "
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {forbidden!r} "
        f"or any(m.startswith(f) for f in {forbidden!r})); print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "args",
    [
        ["check", "protocols"],
        ["library", "calf"],
        [
            "diff",
            "protocols/example-pfp-calf-mobility.toml",
            "protocols/example-hip-replacement-calf-care.toml",
        ],
        ["export", "protocols/example-pfp-calf-mobility.toml", "-o", "{tmp}/x.pdf"],
    ],
    ids=["check", "library", "diff", "export"],
)
def test_commands_never_import_textual(args: list[str], tmp_path: Path) -> None:
    """The real command in a subprocess, its every import listed by -X importtime."""
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "rehab", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()]
    assert not [m for m in imported if m == "textual" or m.startswith("textual.")]
    # Heavy modules a plain run never needs: the QR-code graphics (only for video links),
    # ssl (pulled in by xml.sax.saxutils), the protocol diff (only for --since) and the
    # process pool (a few files are checked in process).
    heavy = ("reportlab.graphics", "ssl", "rehab.domain.diff", "multiprocessing")
    if args[0] != "diff":
        assert not [m for m in imported if m.startswith(heavy)]
    assert "rehab.cli.main" in imported  # the listing is real
    # The FHIR models (the optional extra) and the FHIR code: `export --format fhir` alone.
    assert not [m for m in imported if m.split(".")[0] == "fhir" or m.startswith("rehab.fhir")]


def test_a_check_imports_only_what_checking_needs(tmp_path: Path) -> None:
    """`rehab check` runs on every commit of a clinic: it loads the models and the rules, not
    the handout, ReportLab, the app, FHIR or the figure drawing; once the built-in library is
    stored (`rehab.storage.builtin_cache`), not the entry lint either, and the "did you mean"
    matcher only when a name is unknown."""
    env = {**os.environ, "REHAB_CACHE_DIR": str(tmp_path / "c"), "REHAB_STATE_DIR": str(tmp_path)}
    command = [sys.executable, "-X", "importtime", "-m", "rehab", "check", "protocols"]
    first = subprocess.run([*command, "--no-cache"], cwd=ROOT, env=env, capture_output=True)
    assert first.returncode == 0, first.stderr[-2000:]
    result = subprocess.run(
        [*command, "--no-cache"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()]
    assert "rehab.check" in imported  # the listing is real
    unneeded = (
        "rehab.handout",
        "reportlab",
        "textual",
        "rehab.tui",
        "fhir",
        "rehab.fhir",
        "rehab.export",
        "rehab.domain.figures.scene",
        "rehab.domain.figures.kinematics",
        "rehab.domain.figures.layout",
        "rehab.domain.text_lint",
        "rehab.storage.entry_pictures",
        "difflib",
    )
    assert not [m for m in imported if m.startswith(unneeded)]


def test_only_the_fhir_export_imports_the_fhir_models(tmp_path: Path) -> None:
    """The other half of the boundary above: the listing sees the models when they load
    (they are in the `test` extra)."""
    result = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "rehab",
            "export",
            "protocols/example-pfp-calf-mobility.toml",
            "--format",
            "fhir",
            "-o",
            str(tmp_path / "x.json"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()]
    assert [m for m in imported if m.startswith("fhir.resources.R4B.")]
    assert "rehab.fhir.bundle" in imported


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff", path=str(ROOT / ".venv" / "bin")) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (it is part of the test extras)")
    result = subprocess.run(
        [ruff, "check", "rehab", "tests"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_the_domain_and_storage() -> None:
    pytest.importorskip("mypy")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "rehab/domain",
            "rehab/storage",
            "rehab/check.py",
            "rehab/parallel.py",
            "rehab/export.py",
            "rehab/session.py",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
