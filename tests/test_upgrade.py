"""Version 1 files keep their meaning through `rehab fmt --upgrade` and a save in the app."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rehab.check import Context, check_file, review
from rehab.domain.findings import Finding, Severity
from rehab.domain.protocol import Protocol
from rehab.domain.upgrade import upgraded
from rehab.storage.protocol_files import dumps_protocol, load_protocol, save_protocol
from tests.conftest import ROOT
from tests.test_properties import CONTEXT, EXERCISES, line_text, prescriptions, slug

NEW_INFOS = {"schema-upgrade-available"}
V1_FILES = sorted((ROOT / "tests" / "fixtures" / "v1").glob("*.toml"))
"""Files as rehab 0.1 wrote them (see the folder's README)."""


def _key(f: Finding) -> tuple[str, str, str, str, str, int | None]:
    return (
        f.severity.value,
        f.code.value,
        f.field or "-",
        f.condition or "-",
        f.exercise or "-",
        f.phase,
    )


def _meaning(findings: list[Finding]) -> list[tuple[str, str, str, str, str, int | None]]:
    return sorted(_key(f) for f in findings if f.code.value not in NEW_INFOS)


def test_there_are_version_1_files_to_upgrade() -> None:
    assert len(V1_FILES) > 40


@pytest.mark.parametrize("path", V1_FILES, ids=lambda p: p.stem)
def test_upgrade_keeps_every_finding_of_every_file(
    path: Path, context: Context, tmp_path: Path
) -> None:
    before = check_file(path, context)
    if before.protocol is None:
        pytest.skip("does not validate: nothing to upgrade (fmt refuses it)")
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    save_protocol(upgraded(before.protocol), copy)
    after = check_file(copy, context)
    assert after.protocol is not None and after.protocol.schema_version == 2
    # Same findings, placed on the lines of the rewritten file: compare without lines.
    assert _meaning(after.findings) == _meaning(before.findings)
    assert "schema-upgrade-available" in {f.code.value for f in before.findings}
    assert "schema-upgrade-available" not in {f.code.value for f in after.findings}


def test_a_version_1_acknowledgement_lists_the_phases_of_its_exercise() -> None:
    path = ROOT / "tests/fixtures/v1/scenarios--acknowledgement-covers-every-phase.toml"
    loaded = load_protocol(path)
    assert loaded.protocol is not None and loaded.protocol.acknowledged[0].phases is None
    text = dumps_protocol(upgraded(loaded.protocol))
    assert "schema_version = 2" in text and "phases = [\n    1,\n    2,\n]" in text


def test_fmt_upgrade_writes_version_2(cli: Any, tmp_path: Path) -> None:
    # A file without errors: fmt never rewrites one that has errors (upgrade or not).
    source = ROOT / "tests/fixtures/v1/scenarios--acknowledgement-covers-every-phase.toml"
    target = tmp_path / "acknowledgement-covers-every-phase.toml"
    target.write_text(
        "\n".join(line for line in source.read_text().splitlines() if not line.startswith("#"))
        + "\n"
    )
    result = cli("fmt", "--upgrade", str(target))
    assert result.code == 0, result.out + result.err
    assert "schema_version = 2" in target.read_text()
    assert "phases = [" in target.read_text()


# -- the property: an upgrade never turns an error into a non-error ------------------------

CODES = sorted(CONTEXT.catalog.codes)


@st.composite
def v1_protocols(draw: st.DrawFn) -> Protocol:
    phases = [
        {
            "name": draw(line_text),
            "weeks": draw(st.integers(1, 8)),
            "exercises": draw(st.lists(prescriptions(), min_size=1, max_size=3)),
        }
        for _ in range(draw(st.integers(1, 3)))
    ]
    conditions = draw(st.lists(st.sampled_from(CODES), max_size=3, unique=True))
    prescribed = sorted({p["exercise"] for phase in phases for p in phase["exercises"]})
    acks = [
        {
            "condition": draw(st.sampled_from(conditions or CODES)),
            "exercise": draw(st.sampled_from(prescribed + EXERCISES[:2])),
            "reason": "Cleared at review.",
            "by": "A. Example, PT",
            "on": date(2026, 11, 20),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    return Protocol.model_validate(
        {
            "schema_version": 1,
            "id": draw(slug),
            "title": "Property",
            "clinician": "A. Example, PT",
            "created": date(2026, 11, 20),
            "conditions": conditions,
            "phases": phases,
            "acknowledged": acks,
        }
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(v1_protocols())
def test_upgrade_never_turns_an_error_into_a_non_error(protocol: Protocol) -> None:
    errors_before = {_key(f) for f in review(protocol, CONTEXT) if f.severity is Severity.ERROR}
    after = upgraded(protocol)
    with tempfile.TemporaryDirectory() as tmp:  # through the file, as fmt --upgrade does it
        path = Path(tmp) / f"{protocol.id}.toml"
        save_protocol(after, path)
        loaded = load_protocol(path)
    assert loaded.protocol == after and not loaded.findings
    errors_after = {_key(f) for f in review(after, CONTEXT) if f.severity is Severity.ERROR}
    assert errors_before <= errors_after
    assert _meaning(review(after, CONTEXT)) == _meaning(review(protocol, CONTEXT))
