"""The clinic profile (docs/clinic.md): who the patient calls, printed on every handout.

A patient alone at home with a swollen calf needs a number, not "get help": the handout prints
the clinic's name and contact on page 1 and the phone and emergency number inside the STOP box.
The profile lives in `clinic.toml` at the repository root (or `--clinic FILE`, `REHAB_CLINIC`),
once per clinic, not in every protocol; a protocol's own `clinic` key overrides only the name.

This module holds only the model; finding and reading the file is the storage layer's job.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field

from rehab.domain.base import StrictModel
from rehab.domain.text import Line

_PHONE = re.compile(r"^\+?[0-9][0-9 ()./-]{1,30}[0-9]$")
_EMERGENCY = re.compile(r"^[0-9]{2,4}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def _check_phone(value: str) -> str:
    if not _PHONE.match(value):
        raise ValueError(
            "must be a phone number as a patient dials it: digits, spaces, brackets, dots, "
            "dashes and a leading +"
        )
    return value


def _check_emergency(value: str) -> str:
    if not _EMERGENCY.match(value):
        raise ValueError('must be the 2 to 4 digits of the local emergency number, e.g. "999"')
    return value


def _check_email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError("must be an e-mail address such as reception@example.org")
    return value


Phone = Annotated[Line, AfterValidator(_check_phone)]
EmergencyNumber = Annotated[str, AfterValidator(_check_emergency)]
Email = Annotated[Line, AfterValidator(_check_email)]


class ClinicProfile(StrictModel):
    """What the handout prints about the clinic. Only `name` and `phone` are required: a
    profile without a phone number would bring back the "get help" with no one to call."""

    name: Line = Field(description="The clinic's name as the patient knows it.")
    phone: Phone = Field(description="The number the patient calls with a question or a problem.")
    email: Email | None = Field(default=None, description="An e-mail address for questions.")
    address: Line | None = Field(default=None, description="The clinic's address, one line.")
    website: Line | None = Field(default=None, description="The clinic's web address.")
    emergency_number: EmergencyNumber | None = Field(
        default=None,
        description='The local emergency number ("999", "911", "112"); printed in the STOP box.',
    )
    out_of_hours: Line | None = Field(
        default=None,
        description="One sentence on what to do when the clinic is closed.",
    )
    logo: Line | None = Field(
        default=None,
        description="A PNG or JPEG printed at the top of page 1, relative to clinic.toml.",
    )

    def with_name(self, name: str | None) -> ClinicProfile:
        """This profile under a protocol's own clinic name (docs/clinic.md: the name only)."""
        if not name or name == self.name:
            return self
        return self.model_copy(update={"name": name})
