"""`rehab schema`: the JSON Schema of protocol files, for editors and other tools.

Exercise ids and condition codes are listed as `enum`s from the library and catalog in use
(built-in plus `--library` / REHAB_LIBRARY folders), so an editor completes them and marks a
typo while the clinician types. Regenerate the file after adding library entries.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from typing import Any

from rehab.cli.context import ContextFailed, build_context
from rehab.cli.exits import EXIT_ERROR, EXIT_OK
from rehab.domain.measures import MEASURES
from rehab.domain.protocol import V2_DOSAGE_KEYS, Protocol

SCHEMA_ID = "https://rehab.invalid/schema/protocol-v2.json"


TEMPO_3_PATTERN = r"^\d{1,2}-\d{1,2}-\d{1,2}$"


def protocol_schema(
    exercise_ids: Iterable[str] = (), condition_codes: Iterable[str] = ()
) -> dict[str, Any]:
    """The schema with the draft and a title, so editors (taplo, VS Code) recognise it."""
    schema: dict[str, Any] = Protocol.model_json_schema()
    exercises, codes = sorted(exercise_ids), sorted(condition_codes)
    defs = schema["$defs"]
    if exercises:
        defs["Prescription"]["properties"]["exercise"]["enum"] = exercises
        defs["Acknowledgement"]["properties"]["exercise"]["enum"] = exercises
    # A condition is a bare code or a table with side and weeks (the model reads a bare code
    # as a table before validating, which its generated schema cannot say).
    bare: dict[str, Any] = {"type": "string"}
    if codes:
        bare["enum"] = codes
        defs["ConditionEntry"]["properties"]["code"]["enum"] = codes
        defs["Acknowledgement"]["properties"]["condition"]["enum"] = codes
    schema["properties"]["conditions"]["items"] = {
        "anyOf": [bare, {"$ref": "#/$defs/ConditionEntry"}]
    }
    defs["MeasureGoal"]["allOf"] = _measure_rules()
    # In version 2 an acknowledgement names its phases (version 1 ones cover every phase).
    schema["allOf"] = [
        {
            "if": {"properties": {"schema_version": {"const": 2}}},
            "then": {"properties": {"acknowledged": {"items": {"required": ["phases"]}}}},
        },
        # The dosage additions are version 2 keys: a version 1 prescription may not use them.
        {
            "if": {"properties": {"schema_version": {"const": 1}}},
            "then": {
                "properties": {
                    "phases": {
                        "items": {
                            "properties": {
                                # Measurable goals are version 2: text only in version 1.
                                "goals": {"items": {"type": "string"}},
                                "advance_when": {"items": {"type": "string"}},
                                "exercises": {
                                    "items": {
                                        "not": {
                                            "anyOf": [{"required": [key]} for key in V2_DOSAGE_KEYS]
                                        },
                                        "properties": {"tempo": {"pattern": TEMPO_3_PATTERN}},
                                    }
                                },
                            }
                        }
                    }
                }
            },
        },
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "rehab protocol (schema_version 2; version 1 files are read too)",
    }


def _measure_rules() -> list[dict[str, Any]]:
    """Each measure's target range, whole numbers and whether it takes a side, as the model
    checks them, so an editor marks `target = 30` on pain while the clinician types."""
    rules: list[dict[str, Any]] = []
    for measure in MEASURES:
        target: dict[str, Any] = {"minimum": measure.low, "maximum": measure.high}
        if measure.whole:
            target["type"] = "integer"
        then: dict[str, Any] = {"properties": {"target": target}}
        if not measure.per_side:
            then["not"] = {"required": ["side"]}
        rules.append({"if": {"properties": {"measure": {"const": measure.id}}}, "then": then})
    return rules


LIBRARY_SCHEMA_ID = "https://rehab.invalid/schema/library-entry-v2.json"


def library_schema() -> dict[str, Any]:
    """The schema of one exercise library entry, figure keys included, for clinics' editors."""
    from rehab.domain.exercise import Exercise

    schema: dict[str, Any] = Exercise.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": LIBRARY_SCHEMA_ID,
        **schema,
        "title": "rehab exercise library entry",
    }


def run(args: argparse.Namespace) -> int:
    from rehab.cli.main import ENTRY_SCHEMA

    folders = getattr(args, "library", None) or []
    if any(str(folder) == ENTRY_SCHEMA for folder in folders):
        schema = library_schema()
        sys.stdout.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    try:
        context = build_context(args)
    except ContextFailed:
        return EXIT_ERROR
    schema = protocol_schema(context.library.ids, context.catalog.codes)
    sys.stdout.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK
