"""Version 1 to version 2 without a change of meaning (docs/file-format.md).

A version 1 acknowledgement covers its exercise in every phase; version 2 asks for the phases.
The upgrade writes down exactly the phases where the exercise is prescribed at that moment, so
every finding stays what it was. Bare condition codes mean the same in both versions.
"""

from __future__ import annotations

from rehab.domain.protocol import SCHEMA_VERSION, Protocol


def upgraded(protocol: Protocol) -> Protocol:
    """The same protocol as schema version 2 (itself when it already is)."""
    if protocol.schema_version >= SCHEMA_VERSION:
        return protocol
    data = protocol.model_dump(mode="python", exclude_none=True)
    data["schema_version"] = SCHEMA_VERSION
    for ack, raw in zip(protocol.acknowledged, data.get("acknowledged", []), strict=True):
        if ack.phases is None:
            raw["phases"] = [
                number
                for number, phase in enumerate(protocol.phases, start=1)
                if any(p.exercise == ack.exercise for p in phase.exercises)
            ]
    return Protocol.model_validate(data)
