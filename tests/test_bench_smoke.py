"""The benchmarks still run (tiny sizes); CI never times anything, it only keeps them working."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_quick_benchmarks_run_and_report_every_row() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    names = [row.split("|")[1].strip() for row in rows]
    assert names == [
        "benchmark",
        "check 20 protocols, all checked afresh (--no-cache)",
        "check 20 protocols, unchanged since the last check",
        "export pfp-hip-knee-strength",  # the template with the most prescriptions
        "startup to first frame",
        "startup until all 5 protocols in the list are checked",
        "batch export 3, per document",
    ]
    assert all(row.count("x |") >= 1 for row in rows[1:])  # every row has its ratio
    builtin = len(list((ROOT / "rehab" / "data" / "exercises").glob("*.toml")))
    assert f"search {300 + builtin} exercises: load" in result.stdout
    assert "first load of the folder" in result.stdout
