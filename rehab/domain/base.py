"""The strict base model every file-backed model uses.

pydantic's lax mode would accept ``sets = "3"``, ``3.0``, ``nan`` or a misspelt key and carry on;
for a clinical file each of those is a mistake the clinician must see, so nothing is coerced.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """Base for models read from TOML: no coercion, no unknown keys, no NaN or infinity."""

    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        allow_inf_nan=False,
        validate_assignment=True,
        validate_default=False,
        # Validators are built on first use, not on import: a check that loads the built-in
        # library and catalog as stored (`rehab.storage.builtin_cache`) validates protocols
        # only, and never pays for building the entry, figure and catalog models' (50 ms).
        defer_build=True,
    )
