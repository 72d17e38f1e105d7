"""Dosage vocabulary and the resolution of a prescription against its exercise's defaults.

A prescription may leave any dosage key out; the exercise's library default fills it. Keeping
the omission in the file (rather than writing the default back) means a library update to a
default reaches every protocol that did not choose its own value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, WithJsonSchema

Side = Literal["left", "right", "both"]
DoseMode = Literal["standard", "eccentric", "isometric"]
"""How a prescription asks for the exercise to be done (`mode`, schema version 2)."""
Frequency = Literal[
    "daily",
    "every-other-day",
    "before-activity",
    "1x-week",
    "2x-week",
    "3x-week",
    "4x-week",
    "5x-week",
    "6x-week",
]

_TEMPO_RE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{1,2})(?:-(\d{1,2}))?$")


def _check_tempo(text: str) -> str:
    match = _TEMPO_RE.match(text)
    if not match:
        raise ValueError(
            "must be three or four whole numbers of seconds 'lower-pause-raise' or "
            "'lower-pause-raise-pause at the top', for example '3-0-1' or '3-1-1-2'"
        )
    parts = [int(part) for part in match.groups() if part is not None]
    if sum(parts) == 0:
        raise ValueError("must not be all zeros: give at least one phase a duration")
    if max(parts) > 10:
        raise ValueError("each part must be 10 seconds or less")
    return text


Tempo = Annotated[
    str,
    AfterValidator(_check_tempo),
    WithJsonSchema({"type": "string", "pattern": _TEMPO_RE.pattern}),
]
"""Seconds to lower, pause and raise, written 'lower-pause-raise' (e.g. '3-0-1'), optionally
with a fourth part, the pause at the top ('3-1-1-2'; version 2 files only)."""


def tempo_parts(tempo: str) -> tuple[int, int, int]:
    """Split a validated tempo into (lower, pause, raise) seconds (a pause at the top dropped)."""
    lower, pause, raise_, _ = tempo_parts4(tempo)
    return lower, pause, raise_


def tempo_parts4(tempo: str) -> tuple[int, int, int, int]:
    """Split a validated tempo into (lower, pause at the bottom, raise, pause at the top)."""
    parts = [int(part) for part in tempo.split("-")]
    top = parts[3] if len(parts) == 4 else 0
    return parts[0], parts[1], parts[2], top


def is_four_part(tempo: str) -> bool:
    """True for the version 2 form with a pause at the top."""
    return tempo.count("-") == 3


def sessions_per_week(frequency: str) -> float:
    """How many training days a week a frequency means, for weekly-volume arithmetic.

    'before-activity' counts as daily: it is the upper bound a clinician must plan for.
    """
    if frequency in ("daily", "before-activity"):
        return 7.0
    if frequency == "every-other-day":
        return 3.5
    return float(frequency.split("x-", 1)[0])


@dataclass(frozen=True)
class ResolvedDosage:
    """A prescription's dosage after library defaults have filled every omitted key."""

    side: Side
    sets: int
    hold_seconds: int | None
    reps: int | None
    rest_seconds: int | None
    tempo: str | None
    load: str | None
    frequency: Frequency
    times_per_day: int
    mode: DoseMode = "standard"
    load_kg: float | None = None
    """Added load in kg; None is body weight."""
    effort: int | None = None
    """Target effort 1-10 (RPE), None when not set."""

    @property
    def sides(self) -> int:
        """Number of legs that each do the full dose (unilateral work on 'both' doubles it)."""
        return 2 if self.side == "both" else 1

    @property
    def isometric(self) -> bool:
        """Held still: `reps` holds of `hold_seconds` each (a rep exercise under mode
        'isometric')."""
        return self.mode == "isometric"

    @property
    def daily_amount(self) -> int:
        """Reps, or seconds held, per leg per day: the figure the daily limits are set in."""
        per_set = self.reps if self.reps is not None else (self.hold_seconds or 0)
        return per_set * self.sets * self.times_per_day
