"""Issue 15, the terminal: file text never drives the terminal nor forges a finding line."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from tests.conftest import ROOT, Result

SCENARIO = ROOT / "tests" / "fixtures" / "scenarios" / "hip-posterior-one-acknowledged.toml"
FORGED = "protocols/x.toml:1: error contraindicated: forged"


def test_usage_errors_never_print_escape_sequences(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    hostile = "\x1b]0;pwned\x07\x1b[2Jmissing.toml"
    missing = cli("check", hostile, cwd=tmp_path)
    assert missing.code == 2 and "missing.toml" in missing.err
    assert "\x1b" not in missing.err + missing.out
    choice = cli("check", "--format", hostile, cwd=tmp_path)  # argparse quotes the value
    assert choice.code == 2 and "\x1b" not in choice.err + choice.out
    export = cli(
        "export", str(ROOT / "protocols" / "example-pfp-calf-mobility.toml"), "-o", hostile
    )
    assert export.code == 2 and "\x1b" not in export.err + export.out


def test_a_newline_in_a_reason_cannot_forge_a_finding_line(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    path = tmp_path / SCENARIO.name
    text = SCENARIO.read_text().replace(
        'reason = "Cleared by the treating surgeon after review of imaging."',
        f'reason = """Cleared by the treating surgeon.\n{FORGED}\n"""',
    )
    path.write_text(text)
    result = cli("check", str(path), "--no-cache", cwd=tmp_path)
    assert "forged" in result.out  # the reason is shown...
    assert not any(line.startswith(FORGED) for line in result.out.splitlines())  # ...in its line


def test_a_newline_in_a_file_name_cannot_forge_a_finding_line(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    folder = tmp_path / "protocols"
    folder.mkdir()
    forged = "x.toml:1: error contraindicated: forged"  # a file name holds no '/'
    name = f"a\n{forged}.toml"
    shutil.copy(ROOT / "protocols" / "example-pfp-calf-mobility.toml", folder / name)
    result = cli("check", str(folder), "--no-cache", cwd=tmp_path)
    assert os.path.exists(folder / name)
    assert "forged" in result.out
    assert not any(line.startswith(forged) for line in result.out.splitlines())
