"""`rehab schema`: the JSON Schema of protocol files, for editors and other tools."""

from __future__ import annotations

import argparse
import json
import sys

from rehab.cli.exits import EXIT_OK
from rehab.domain.protocol import Protocol

SCHEMA_ID = "https://rehab.invalid/schema/protocol-v1.json"


def protocol_schema() -> dict[str, object]:
    """The schema with the draft and a title, so editors (taplo, VS Code) recognise it."""
    schema = Protocol.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "rehab protocol (schema_version 1)",
    }


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(json.dumps(protocol_schema(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK
