"""Dosage in plain words, as a patient reads it on a handout or a clinician in `rehab show`.

"3 holds of 30 seconds, each leg, twice a day, every day" is harder to misread than a table of
numbers; every number of the resolved dosage appears in the sentence.
"""

from __future__ import annotations

from rehab.domain.dosage import ResolvedDosage, tempo_parts

_TIMES = {1: "once a day", 2: "twice a day"}
_FREQUENCY = {
    "daily": "every day",
    "every-other-day": "every second day",
    "before-activity": "before each exercise session",
    "1x-week": "once a week",
    "2x-week": "2 days a week",
}


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def frequency_words(frequency: str) -> str:
    """'every-other-day' -> 'every second day', '3x-week' -> '3 days a week'."""
    if frequency in _FREQUENCY:
        return _FREQUENCY[frequency]
    return f"{frequency.split('x-', 1)[0]} days a week"


def times_words(times_per_day: int) -> str:
    """1 -> 'once a day', 3 -> '3 times a day'."""
    return _TIMES.get(times_per_day, f"{times_per_day} times a day")


def describe_dosage(dose: ResolvedDosage, *, unilateral: bool) -> str:
    """One sentence with every number of the dose."""
    if dose.hold_seconds is not None:
        parts = [f"{_plural(dose.sets, 'hold')} of {dose.hold_seconds} seconds"]
    else:
        parts = [f"{_plural(dose.sets, 'set')} of {dose.reps}"]
        if dose.tempo:
            lower, pause, raise_ = tempo_parts(dose.tempo)
            tempo = [f"lower for {_plural(lower, 'second')}"] if lower else []
            if pause:
                tempo.append(f"pause for {_plural(pause, 'second')}")
            if raise_:
                tempo.append(f"rise for {_plural(raise_, 'second')}")
            parts.append(", ".join(tempo))
    if unilateral:
        parts.append(
            {"both": "each leg", "left": "left leg only", "right": "right leg only"}[dose.side]
        )
    if dose.load:
        parts.append(f"load: {dose.load}")
    if dose.rest_seconds and dose.sets > 1:
        parts.append(
            f"rest {dose.rest_seconds} seconds between {'holds' if dose.hold_seconds else 'sets'}"
        )
    if dose.frequency == "before-activity":
        if dose.times_per_day > 1:
            parts.append(f"up to {times_words(dose.times_per_day)}")
        parts.append(frequency_words(dose.frequency))
    else:
        parts.append(times_words(dose.times_per_day))
        parts.append(frequency_words(dose.frequency))
    return ", ".join(parts)
