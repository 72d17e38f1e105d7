"""Every model rule has a valid and an invalid fixture; the first line says what to expect."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rehab.check import Context, check_file
from rehab.domain.findings import Severity

RULES = Path(__file__).parent / "fixtures" / "rules"
VALID = sorted((RULES / "valid").glob("*.toml"))
INVALID = sorted((RULES / "invalid").glob("*.toml"))
EXPECT = re.compile(r"^# expect: (\w+) ([\w-]+) (\S+) line (\d+|-)$")


def test_every_rule_has_both_fixtures() -> None:
    assert len(VALID) >= 30
    assert [p.name for p in VALID] == [p.name for p in INVALID]


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixture_has_no_errors(path: Path, context: Context) -> None:
    """Valid files may still get warnings: a boundary value such as sets = 10 is allowed by
    the schema but outside an exercise's sensible range (the safety corpus covers those)."""
    assert path.read_text().startswith("# expect: valid\n")
    loaded = check_file(path, context)
    assert loaded.protocol is not None
    assert [f for f in loaded.findings if f.severity is Severity.ERROR] == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_gives_exactly_the_expected_finding(path: Path, context: Context) -> None:
    match = EXPECT.match(path.read_text().splitlines()[0])
    assert match, "first line must be an '# expect:' comment"
    severity, code, field, line = match.groups()
    loaded = check_file(path, context)
    # The one finding the rule is about; dose and safety findings of the base are not.
    serious = [
        f
        for f in loaded.findings
        if f.severity is not Severity.INFO and f.code.value != "dose-out-of-range"
    ]
    assert len(serious) == 1, serious
    finding = serious[0]
    assert finding.severity.value == severity
    assert finding.code.value == code
    assert finding.field == field
    assert finding.line == (None if line == "-" else int(line))
    assert finding.message
