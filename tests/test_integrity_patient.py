"""Issue 15, the patient's name: it can be given without the shell history or the process
list seeing it (--patient-file F, --patient -), and no message names its characters."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest

from tests.conftest import ROOT, Result

EXAMPLE = ROOT / "protocols" / "example-pfp-calf-mobility.toml"
NAME = "Zelda Quimby"


def _pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


@pytest.fixture
def protocol(tmp_path: Path) -> Path:
    path = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, path)
    return path


def test_patient_file(protocol: Path, tmp_path: Path, cli: Callable[..., Result]) -> None:
    (tmp_path / "who").write_text(NAME + "\n")
    out = tmp_path / "x.pdf"
    result = cli("export", str(protocol), "--patient-file", str(tmp_path / "who"), "-o", str(out))
    assert result.code == 0, result.err
    assert NAME in _pdf_text(out)
    assert NAME not in result.out + result.err
    empty = tmp_path / "empty"
    empty.write_text("\n")
    refused = cli("export", str(protocol), "--patient-file", str(empty), "-o", str(out))
    assert refused.code == 2 and "empty" in refused.err


def test_patient_dash_reads_a_line_from_stdin(protocol: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    proc = subprocess.run(
        [sys.executable, "-m", "rehab", "export", str(protocol), "--patient", "-", "-o", str(out)],
        input=NAME + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert NAME in _pdf_text(out)
    assert NAME not in proc.stdout + proc.stderr


def test_patient_dash_asks_on_a_terminal(
    protocol: Path, tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal(NAME + "\n"))
    out = tmp_path / "x.pdf"
    result = cli("export", str(protocol), "--patient", "-", "-o", str(out))
    assert result.code == 0, result.err
    assert "Patient name" in result.err and NAME not in result.err + result.out
    assert NAME in _pdf_text(out)
