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
    )
