"""The user reference in docs/ stays in step with the code (issue 19).

A clinic scripts against the finding codes, the file format and the JSON output, so each
documented list is compared with the code: every code documented and none extra, every
protocol key of the model's JSON Schema documented at its level and none invented, every
command listed, and the JSON example shaped exactly like `rehab check --format json`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from rehab.cli.commands.schema import protocol_schema
from rehab.cli.main import _COMMANDS
from rehab.domain.findings import Code
from tests.conftest import ROOT, Result

DOCS = ROOT / "docs"
ROW_KEY = re.compile(r"^\| `([a-z0-9_-]+)` \|(.*)$", re.M)


def _section(text: str, start: str, end: str | None = None) -> str:
    assert start in text, f"no section {start!r}"
    body = text.split(start, 1)[1]
    return body.split(end, 1)[0] if end else body


def test_findings_doc_lists_exactly_the_codes_with_a_severity() -> None:
    text = (DOCS / "findings.md").read_text("utf-8")
    rows = ROW_KEY.findall(_section(text, "## Codes"))
    documented = [code for code, _ in rows]
    assert len(documented) == len(set(documented)), "a code documented twice"
    assert set(documented) == {c.value for c in Code}
    for code, rest in rows:
        severity = rest.split("|")[0].strip()
        assert severity in {"error", "warning", "info"}, (code, severity)
        assert rest.split("|")[1].strip(), f"{code} has no meaning"


def test_file_format_doc_has_every_schema_key_at_its_level() -> None:
    text = (DOCS / "file-format.md").read_text("utf-8")
    v1 = _section(text, "## Schema version 2", "## Version 1 files")
    schema = protocol_schema()
    defs = schema["$defs"]
    levels = {
        "### Top level": (schema["properties"], schema["required"]),
        "### A condition `{ code, side, weeks_since_onset }`": (
            defs["ConditionEntry"]["properties"],
            defs["ConditionEntry"]["required"],
        ),
        "### `[[phases]]`": (defs["Phase"]["properties"], defs["Phase"]["required"]),
        "### A measurable goal `{ measure, target, side, text }`": (
            defs["MeasureGoal"]["properties"],
            defs["MeasureGoal"]["required"],
        ),
        "### `[[phases.exercises]]`": (
            defs["Prescription"]["properties"],
            defs["Prescription"]["required"],
        ),
        "### A schedule step `{ from_week, ... }`": (
            defs["ScheduleStep"]["properties"],
            defs["ScheduleStep"]["required"],
        ),
        "### `[[acknowledged]]`": (
            defs["Acknowledgement"]["properties"],
            defs["Acknowledgement"]["required"],
        ),
    }
    headings = list(levels)
    for index, heading in enumerate(headings):
        following = headings[index + 1] if index + 1 < len(headings) else "### Example"
        rows = ROW_KEY.findall(_section(v1, heading, following))
        keys = {key: rest.split("|")[0].strip() for key, rest in rows}
        properties, required = levels[heading]
        assert set(keys) == set(properties), heading
        for key, needed in keys.items():
            # Required by the version 2 check rather than the model (version 1 files omit it).
            v2_required = heading == "### `[[acknowledged]]`" and key == "phases"
            expected = "yes" if key in required or v2_required else "no"
            assert needed == expected, (heading, key, needed)


def test_cli_doc_lists_every_command() -> None:
    text = (DOCS / "cli.md").read_text("utf-8")
    table = _section(text, "## Commands", "## Exit codes")
    listed = set(re.findall(r"^\| `rehab ([a-z]+)", table, re.M))
    assert listed == set(_COMMANDS)


def test_cli_doc_json_example_has_the_shape_of_the_real_output(cli: Callable[..., Result]) -> None:
    text = (DOCS / "cli.md").read_text("utf-8")
    block = _section(text, "## JSON output of `rehab check --format json`")
    example = json.loads(block.split("```json\n", 1)[1].split("```", 1)[0])
    bad = ROOT / "tests" / "fixtures" / "scenarios" / "hip-posterior-unacknowledged.toml"
    real = json.loads(cli("check", str(bad), "--format", "json").out)
    assert set(example) == set(real)
    assert set(example["files"][0]) == set(real["files"][0])
    assert set(example["files"][0]["findings"][0]) == set(real["files"][0]["findings"][0])
    assert example["summary"].keys() == real["summary"].keys()


def test_no_reference_to_a_file_outside_the_repository() -> None:
    """CONTRACT.md is not shipped: README and code comments point into docs/ instead."""
    texts = [ROOT / "README.md", *(ROOT / "rehab").rglob("*.py"), *(ROOT / "rehab").rglob("*.toml")]
    mentions = [p for p in texts if "CONTRACT" in Path(p).read_text("utf-8")]
    assert mentions == []
    for link in re.findall(r"\]\((docs/[^)#]+)", (ROOT / "README.md").read_text("utf-8")):
        assert (ROOT / link).exists(), link
