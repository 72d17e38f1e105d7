"""Dosage in plain words, as a patient reads it on a handout or a clinician in `rehab show`.

"3 holds of 30 seconds, each leg, twice a day, every day" is harder to misread than a table of
numbers; every number of the resolved dosage appears in the sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from rehab.domain.dosage import ResolvedDosage, is_four_part, tempo_parts, tempo_parts4

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


_EFFORT = {
    1: "very easy",
    2: "very easy",
    3: "easy",
    4: "easy",
    5: "moderate: you could still talk",
    6: "somewhat hard",
    7: "hard but steady",
    8: "hard",
    9: "very hard",
    10: "as hard as you can",
}


def effort_words(effort: int) -> str:
    """7 -> 'hard but steady: about 7 out of 10 effort' (a rate of perceived exertion)."""
    return f"{_EFFORT[effort]}: about {effort} out of 10 effort"


def load_words(load_kg: float) -> str:
    """5.0 -> 'with 5 kg added, e.g. in a backpack'."""
    return f"with {load_kg:g} kg added, e.g. in a backpack"


def tempo_words(tempo: str) -> str:
    """The tempo in the order a patient moves: up first, as most of these exercises start at
    the bottom (a raise, a lift, a bridge). '3-0-1' -> 'rise for 1 second, lower for 3
    seconds'; a pause says where it is: '3-1-1-2' -> 'rise for 1 second, pause for 2 seconds
    at the top, lower for 3 seconds, pause for 1 second at the bottom'. (The notation lists
    the lowering first: lower-pause-raise[-pause at the top].)"""
    if is_four_part(tempo):
        down, bottom, up, top = tempo_parts4(tempo)
    else:
        down, bottom, up = tempo_parts(tempo)
        top = 0
    words = [f"rise for {_plural(up, 'second')}"] if up else []
    if top:
        words.append(f"pause for {_plural(top, 'second')} at the top")
    if down:
        words.append(f"lower for {_plural(down, 'second')}")
    if bottom:
        words.append(f"pause for {_plural(bottom, 'second')} at the bottom")
    return ", ".join(words)


def _eccentric_lead(dose: ResolvedDosage, unilateral: bool) -> str:
    """What the eccentric mode asks, before the numbers (Alfredson 1998: rise on both legs,
    lower on the working one)."""
    if not unilateral:
        return "Rise with help, lower slowly"
    foot = {"left": "your left foot", "right": "your right foot", "both": "one foot"}
    return f"Rise on both feet, lower slowly on {foot[dose.side]}"


def describe_dosage(dose: ResolvedDosage, *, unilateral: bool) -> str:
    """One sentence with every number of the dose."""
    if dose.isometric and dose.reps is not None:
        hold = f"hold still for {_plural(dose.hold_seconds or 0, 'second')}, "
        hold += "once" if dose.reps == 1 else f"{dose.reps} times"
        parts = [hold if dose.sets == 1 else f"{_plural(dose.sets, 'set')}: {hold}"]
    elif dose.hold_seconds is not None:
        parts = [f"{_plural(dose.sets, 'hold')} of {dose.hold_seconds} seconds"]
    else:
        # "1 set of 25" means little to a patient: one set is "25 times".
        parts = [
            f"{dose.reps} times"
            if dose.sets == 1
            else f"{_plural(dose.sets, 'set')} of {dose.reps}"
        ]
        if dose.tempo:
            parts.append(tempo_words(dose.tempo))
    eccentric = dose.mode == "eccentric"
    if unilateral and not (eccentric and dose.side != "both"):
        parts.append(
            {"both": "each leg", "left": "left leg only", "right": "right leg only"}[dose.side]
        )
    if dose.load_kg is not None:
        parts.append(load_words(dose.load_kg))
    if dose.load:
        parts.append(f"load: {dose.load}")
    if dose.effort is not None:
        parts.append(effort_words(dose.effort))
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
    sentence = ", ".join(parts)
    return f"{_eccentric_lead(dose, unilateral)}: {sentence}" if eccentric else sentence


def short_dose(dose: ResolvedDosage) -> str:
    """The counts alone, for a log row: '3 sets of 20', '3 holds of 30 seconds', '5 holds of
    45 seconds', with any added load ('..., 5 kg')."""
    if dose.isometric and dose.reps is not None:
        text = f"{_plural(dose.sets * dose.reps, 'hold')} of {dose.hold_seconds} seconds"
    elif dose.hold_seconds is not None:
        text = f"{_plural(dose.sets, 'hold')} of {dose.hold_seconds} seconds"
    else:
        text = (
            f"{dose.reps} times"
            if dose.sets == 1
            else f"{_plural(dose.sets, 'set')} of {dose.reps}"
        )
    if dose.load_kg is not None:
        text += f", {dose.load_kg:g} kg"
    return text


def _change_words(before: ResolvedDosage, after: ResolvedDosage) -> list[str]:
    """What a schedule step changes, in the words of the dose sentence."""
    words: list[str] = []
    if after.sets != before.sets:
        words.append(_plural(after.sets, "set"))
    if after.reps != before.reps and after.reps is not None:
        # One set is "25 times" in the dose sentence; its change says it the same way.
        words.append(f"{after.reps} times" if after.sets == 1 else f"{after.reps} each set")
    if after.hold_seconds != before.hold_seconds and after.hold_seconds is not None:
        words.append(f"hold {after.hold_seconds} seconds")
    if after.tempo != before.tempo and after.tempo:
        words.append(tempo_words(after.tempo))
    if after.load_kg != before.load_kg:
        words.append(load_words(after.load_kg) if after.load_kg is not None else "no added load")
    if after.load != before.load and after.load:
        words.append(f"load: {after.load}")
    if after.effort != before.effort and after.effort is not None:
        words.append(effort_words(after.effort))
    if after.rest_seconds != before.rest_seconds and after.rest_seconds is not None:
        words.append(f"rest {after.rest_seconds} seconds")
    if after.times_per_day != before.times_per_day:
        words.append(times_words(after.times_per_day))
    if after.frequency != before.frequency:
        words.append(frequency_words(after.frequency))
    return words


def describe_steps(
    steps: Sequence[tuple[int, ResolvedDosage]],
    *,
    unilateral: bool,
    week_words: Callable[[int], str] | None = None,
) -> str:
    """The dose sentence of week 1, then each week it changes: '3 sets of 15, ...; from week
    2: 20 each set'. Without a schedule it is exactly `describe_dosage`. `week_words` names a
    week of the phase another way (the handout, given a start date: 'from 14 Dec')."""
    if not steps:
        return ""
    text = describe_dosage(steps[0][1], unilateral=unilateral)
    for (_, before), (week, after) in pairwise(steps):
        words = _change_words(before, after)
        if words:
            when = week_words(week) if week_words else f"from week {week}"
            text += f"; {when}: {', '.join(words)}"
    return text
