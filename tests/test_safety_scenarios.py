"""The golden corpus: each scenario gives exactly the findings its header lists."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from rehab.check import Context, check_file
from rehab.storage.library_files import load_catalog
from tests.conftest import Result

SCENARIOS = sorted((Path(__file__).parent / "fixtures" / "scenarios").glob("*.toml"))


def _expected(path: Path) -> Counter[tuple[str, ...]]:
    lines = [line for line in path.read_text().splitlines() if line.startswith("# expect: ")]
    if lines == ["# expect: none"]:
        return Counter()
    return Counter(tuple(line.removeprefix("# expect: ").split(" ")) for line in lines)


def test_corpus_size_and_every_condition_covered() -> None:
    assert len(SCENARIOS) >= 25
    text = "\n".join(p.read_text() for p in SCENARIOS)
    for code in load_catalog().codes:
        assert f'"{code}"' in text, f"no scenario uses {code}"


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_scenario_gives_exactly_the_expected_findings(path: Path, context: Context) -> None:
    loaded = check_file(path, context)
    actual = Counter(
        (f.severity.value, f.code.value, f.field or "-", f.condition or "-", f.exercise or "-")
        for f in loaded.findings
    )
    assert actual == _expected(path)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_safety_finding_can_be_reviewed(path: Path, context: Context) -> None:
    """A clinician must see which components, why and the source, and where in the file."""
    for finding in check_file(path, context).findings:
        assert finding.line is not None, finding
        if finding.code.value in ("contraindicated", "precaution", "technique", "acknowledged"):
            assert finding.components and finding.reason and finding.source
            assert all(c in finding.message for c in finding.components)
            assert finding.source in finding.message
            assert finding.phase is not None


def test_strict_passes_once_every_precaution_is_answered(cli: Callable[..., Result]) -> None:
    """A precaution can be acknowledged (CONTRACT 6.2), so `check --strict` in a clinic's CI
    can pass for a correct protocol instead of failing for ever."""
    folder = Path(__file__).parent / "fixtures" / "scenarios"
    assert cli("check", "--strict", str(folder / "fall-risk.toml")).code == 1
    answered = cli("check", "--strict", str(folder / "acknowledgement-answers-a-precaution.toml"))
    assert answered.code == 0, answered.out
