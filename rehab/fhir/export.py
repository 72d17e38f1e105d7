"""`rehab export --format fhir`: the PDF's gate, then the Bundle, checked by the FHIR models.

The gate is the handout's (rehab.check.check_bytes and rehab.export.ExportRefused), so no
protocol with an error leaves rehab in either form. The bundle is validated by the
`fhir.resources` R4B models (types, cardinalities, choice types, unknown keys) before a byte
is written; they are the `fhir` extra and are imported here only, when the command runs.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rehab.check import Context, check_bytes
from rehab.domain.findings import Severity
from rehab.domain.plan import plan_protocol
from rehab.export import ExportRefused, check_output
from rehab.fhir.bundle import build_bundle
from rehab.storage.atomic import write_atomic
from rehab.storage.protocol_paths import read_bytes

INSTALL_HINT = "the FHIR export needs the optional FHIR models: pip install 'rehab[fhir]'"
SUFFIXES = (".json",)
MAGIC = b'{\n  "entry": [\n    {\n      "fullUrl": "urn:uuid:'
"""How every bundle rehab writes begins (sorted keys, two-space indent): an existing file
that begins otherwise is not one of ours and is never replaced."""


class FhirUnavailable(Exception):
    """The `fhir.resources` package (the `fhir` extra) is not installed."""


@dataclass(frozen=True)
class ExportedBundle:
    source: Path
    output: Path
    protocol_id: str
    resources: int


def bundle_model() -> Any:
    """The R4B Bundle model class, or FhirUnavailable when the extra is missing."""
    try:
        module = importlib.import_module("fhir.resources.R4B.bundle")
    except ImportError:
        raise FhirUnavailable(INSTALL_HINT) from None
    return module.Bundle


def serialize(bundle: dict[str, Any]) -> bytes:
    """Validate through the models and write sorted JSON (the models' own field order is not
    stable across their versions; sorted keys are)."""
    model = bundle_model().model_validate(bundle)
    data = json.loads(model.model_dump_json())
    return (json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode()


def default_fhir_output(protocol_id: str, out_dir: Path = Path("exports")) -> Path:
    """exports/<id>.json (next to the handout, exports/<id>.pdf)."""
    return out_dir / f"{protocol_id}.json"


def export_fhir_file(
    path: Path,
    context: Context,
    output: Path | None = None,
    out_dir: Path = Path("exports"),
    *,
    internal: bool = False,
    data: bytes | None = None,
) -> ExportedBundle:
    """Check, build and write one bundle; ExportRefused (nothing written) while errors remain.

    The file is read once (or not at all, given its `data`): the bytes checked are the bytes
    exported.
    """
    bundle_model()  # a missing extra is said before any file is read or written
    if data is None:
        data = read_bytes(path)
    loaded = check_bytes(path, data, context)
    errors = [f for f in loaded.findings if f.severity is Severity.ERROR]
    if loaded.protocol is None or errors:
        raise ExportRefused(path, errors)
    target = output or default_fhir_output(loaded.protocol.id, out_dir)
    check_output(target, path, SUFFIXES, MAGIC, "FHIR bundle")
    plan = plan_protocol(loaded.protocol, context.library, context.catalog)
    bundle = build_bundle(plan, context.catalog, internal=internal)
    payload = serialize(bundle)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, payload, follow_links=False)
    return ExportedBundle(path, target, loaded.protocol.id, len(bundle["entry"]))
