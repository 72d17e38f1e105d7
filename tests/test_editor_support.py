"""Editor support: the schema completes ids and codes, and its `#:schema` line survives saves."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

from rehab.check import Context
from rehab.domain import editing
from rehab.session import EditSession
from tests.conftest import ROOT, Result

EXAMPLE = ROOT / "protocols" / "example-pfp-calf-mobility.toml"
DIRECTIVE = "#:schema ../protocol.schema.json"


def test_schema_lists_exercise_ids_and_condition_codes(
    cli: Callable[..., Result], context: Context
) -> None:
    schema = json.loads(cli("schema").out)
    exercise = schema["$defs"]["Prescription"]["properties"]["exercise"]
    assert exercise["enum"] == sorted(context.library.ids)
    # A condition is a bare code or a table { code, side, weeks_since_onset }.
    bare, table = schema["properties"]["conditions"]["items"]["anyOf"]
    assert bare["enum"] == sorted(context.catalog.codes)
    assert table == {"$ref": "#/$defs/ConditionEntry"}
    entry = schema["$defs"]["ConditionEntry"]["properties"]
    assert entry["code"]["enum"] == sorted(context.catalog.codes)
    assert set(entry) == {"code", "side", "weeks_since_onset"}
    assert schema["$defs"]["Acknowledgement"]["properties"]["condition"]["enum"]


def test_schema_includes_clinic_library_entries(tmp_path: Path, cli: Callable[..., Result]) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    entry = (ROOT / "rehab/data/exercises/double-leg-calf-raise.toml").read_text()
    entry = entry.replace('id = "double-leg-calf-raise"', 'id = "clinic-wall-raise"')
    entry = re.sub(r"(?m)^(progressions|regressions) = \[[^\]]*\]", r"\1 = []", entry)
    (folder / "clinic-wall-raise.toml").write_text(entry)
    result = cli("schema", "--library", str(folder))
    assert result.code == 0, result.err
    enum = json.loads(result.out)["$defs"]["Prescription"]["properties"]["exercise"]["enum"]
    assert "clinic-wall-raise" in enum


def test_fmt_keeps_the_schema_line_and_refuses_other_comments(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    path = tmp_path / EXAMPLE.name
    untidy = EXAMPLE.read_text().replace("weeks = 2\n", "weeks   =   2\n")
    path.write_text(f"{DIRECTIVE}\n{untidy}")
    result = cli("fmt", str(path), cwd=tmp_path)
    assert result.code == 0, result.out
    assert path.read_text() == f"{DIRECTIVE}\n{EXAMPLE.read_text()}"
    path.write_text(f"{DIRECTIVE}\n# hand-written\n{untidy}")
    result = cli("fmt", str(path), cwd=tmp_path)
    assert result.code == 1 and f"{path.as_posix()}:2: has hand-written comments" in result.out


def test_app_save_keeps_the_schema_line(tmp_path: Path, context: Context) -> None:
    path = tmp_path / EXAMPLE.name
    path.write_text(f"{DIRECTIVE}\n{EXAMPLE.read_text()}")
    session = EditSession.open(path, context)
    assert session.comment_lines == [] and session.protocol is not None
    session.apply(editing.update_details(session.protocol, title="New"))
    session.save()
    # The save writes version 2 (same meaning) and keeps the directive line.
    assert path.read_text().startswith(f"{DIRECTIVE}\nschema_version = 2\n")


def test_readme_taplo_config_points_at_the_schema_file() -> None:
    readme = (ROOT / "README.md").read_text()
    block = readme.split("```toml\n# .taplo.toml", 1)[1].split("```", 1)[0]
    config = tomllib.loads(block)
    assert config["rule"][0]["schema"]["path"] == "protocol.schema.json"
    assert "rehab schema > protocol.schema.json" in readme
