"""What a schedule change means week by week, for the clinical diff.

Comparing the `schedule` lists as data would print "[{from_week = 2, ...}] -> [...]", which a
reviewer has to work out by hand. Comparing the dose the patient is asked for in each week where
either version's schedule starts a step says it directly: "from week 3: reps 15 -> 20".
"""

from __future__ import annotations

from typing import Any

from rehab.domain.protocol import SCHEDULE_KEYS, Prescription
from rehab.domain.resolve import prescription_in_week


def schedule_changes(a: Prescription, b: Prescription) -> list[tuple[int, str, Any, Any]]:
    """(week, key, old, new) for each week-2-or-later change that the week before did not
    already have: a change of the whole phase's value (week 1) is not repeated each week."""
    weeks = sorted({s.from_week for s in [*(a.schedule or []), *(b.schedule or [])]})
    previous = {key: (getattr(a, key), getattr(b, key)) for key in SCHEDULE_KEYS}
    out: list[tuple[int, str, Any, Any]] = []
    for week in weeks:
        x, y = prescription_in_week(a, week), prescription_in_week(b, week)
        now = {key: (getattr(x, key), getattr(y, key)) for key in SCHEDULE_KEYS}
        for key in SCHEDULE_KEYS:
            old, new = now[key]
            if old != new and now[key] != previous[key]:
                out.append((week, key, old, new))
        previous = now
    return out
