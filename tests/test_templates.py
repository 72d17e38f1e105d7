"""The shipped templates (issue 18 item 3): guideline care that passes `rehab check --strict`,
fits the handout and names measures in its goals."""

from __future__ import annotations

from pathlib import Path

import pytest

from rehab.check import Context, check_file
from rehab.domain.findings import Code
from rehab.domain.goals import protocol_measures
from rehab.domain.protocol import Protocol
from tests.conftest import ROOT

# -- the shipped templates -------------------------------------------------------------------

TEMPLATES = sorted((ROOT / "templates").glob("*.toml"))


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_every_template_is_strict_clean_short_and_measurable(path: Path, context: Context) -> None:
    loaded = check_file(path, context)
    protocol: Protocol | None = loaded.protocol
    assert protocol is not None
    problems = [f for f in loaded.findings if f.severity.value in ("error", "warning")]
    assert problems == []
    assert not any(f.code is Code.HANDOUT_LENGTH for f in loaded.findings)
    assert protocol.schema_version == 2
    for phase in protocol.phases:
        assert 1 <= len(phase.exercises) <= 6, phase.name
    assert protocol_measures(protocol), f"{path.name}: no goal names a measure"
    for ack in protocol.acknowledged:
        assert len(ack.reason) > 40, ack  # a reason a colleague can review


def test_the_guideline_templates_are_shipped() -> None:
    names = {p.stem for p in TEMPLATES}
    assert {
        "achilles-midportion-alfredson",
        "achilles-insertional-floor",
        "achilles-heavy-slow-resistance",
        "pfp-hip-knee-strength",
        "knee-osteoarthritis-strength",
        "achilles-repair-early",
        "hamstring-strain-askling",
        "falls-prevention-otago",
        "plantar-heel-pain-rathleff",
    } <= names
    # The calf-stretch-only PFP template fell below guideline care (Willy 2019): replaced.
    assert "pfp-calf-mobility" not in names
