"""The built-in measures a phase goal may name (issue 18, docs/file-format.md).

A goal written as text ("Knee-to-wall distance 10 cm each side") can be neither checked nor
logged. A goal that names one of these measures with a target can: the file check refuses a
target the measure cannot take, the handout teaches the patient how to take a self-measurable
one and prints a box for it in the weekly log.

The set is small and fixed on purpose: each measure here has a unit, a valid range and a
named source (the clinical reference's "Measures clinicians record"), and its patient texts
are held to the handout's plain-language rules by the tests: grade 7 or lower, and the library
text lint except its dose rules (numbers, counts, times), since a measure is itself a count or
a time and competes with no prescription. It is code rather than a data
file because the protocol model validates against it, and the domain reads no files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MeasureSide = Literal["left", "right"]


@dataclass(frozen=True)
class Measure:
    """One measure: what it is called, its unit and range, and how a patient takes it."""

    id: str
    """Stable id used in protocol files (`measure = "heel-raise-count"`)."""
    name: str
    """The clinician's name (app, diff, check messages)."""
    patient_name: str
    """The name the patient reads on the handout and in the log."""
    unit: str
    """The unit in plain words: 'cm', 'rises', 'out of 10', 'stands in 30 seconds', 'seconds'."""
    per_side: bool
    """Measured for the left and the right side apart."""
    self_measurable: bool
    """The patient can take it at home without help or risk; otherwise the clinic takes it."""
    how_to: tuple[str, ...]
    """Two to four plain steps for the patient (used only when self_measurable)."""
    higher_is_better: bool
    """A target is a least value when True (rises), a most value when False (pain)."""
    low: float
    """Lowest value a target may take."""
    high: float
    """Highest value a target may take."""
    whole: bool
    """Targets are whole numbers (counts, scores); False allows decimals (cm)."""
    source: str
    """Where the measure and its range come from."""
    proposed: bool
    """True where the range or the use as a home measure is a clinical judgement."""
    goal_template: str
    """The patient's goal sentence, with {side}, {target} and the plural words {times} and
    {seconds} to fill in."""
    part: str | None = None
    """The body part a per-side measure names in a goal: 'foot' gives 'your right foot'."""

    def goal_sentence(self, target: float, side: MeasureSide | None) -> str:
        """The goal in the patient's words: 'Rise on your right foot 25 times'."""
        one = target == 1
        return self.goal_template.format(
            target=format_target(target),
            side=self.side_words(side),
            times="time" if one else "times",
            seconds="second" if one else "seconds",
        )

    def side_words(self, side: MeasureSide | None) -> str:
        """'your right foot', or 'each foot' for both sides ('' for an unsided measure)."""
        if self.part is None:
            return ""
        return f"your {side} {self.part}" if side else f"each {self.part}"

    def label(self, target: float, side: MeasureSide | None) -> str:
        """The goal as a clinician reads it: 'heel-raise-count right >= 25 rises'."""
        where = f" {side}" if side else (" each side" if self.per_side else "")
        return f"{self.id}{where} {self.sign} {format_target(target)} {self.unit}"

    @property
    def sign(self) -> str:
        """'>=' where more is better, '<=' for pain."""
        return ">=" if self.higher_is_better else "<="

    def target_problem(self, target: float) -> str | None:
        """Why a target cannot be one of this measure (None when it can)."""
        if self.whole and target != int(target):
            return f"'{self.id}' is counted in whole numbers, got {target!r}"
        if not self.low <= target <= self.high:
            unit = "" if self.unit.startswith("out of") else f" {self.unit}"
            return (
                f"a '{self.id}' target must be between {format_target(self.low)} and "
                f"{format_target(self.high)}{unit}, got {format_target(target)}"
            )
        return None


def format_target(value: float) -> str:
    """25, 10.5: no trailing '.0' on a whole value."""
    return str(int(value)) if value == int(value) else f"{value:g}"


MEASURES: tuple[Measure, ...] = (
    Measure(
        id="knee-to-wall",
        name="Knee-to-wall distance (weight-bearing lunge)",
        patient_name="Knee to wall test",
        unit="cm",
        per_side=True,
        self_measurable=True,
        how_to=(
            "Stand facing a wall with a tape measure on the floor.",
            "Bend your knee forward to touch the wall. Keep your heel down.",
            "Move your foot back a little at a time until your knee only just touches.",
            "Measure from your big toe to the wall.",
        ),
        higher_is_better=True,
        low=0,
        high=20,
        whole=False,
        source="Bennell 1998 (knee-to-wall lunge test); clinical reference: healthy mean "
        "about 10 cm, 1 cm is about 3.6 degrees, a change under about 2 cm may be noise",
        proposed=False,
        goal_template="Touch the wall with {side}, toes {target} cm from the wall",
        part="knee",
    ),
    Measure(
        id="heel-raise-count",
        name="Single-leg heel-raise count",
        patient_name="Heel rise test",
        unit="rises",
        per_side=True,
        self_measurable=True,
        how_to=(
            "Stand on one foot. Rest your fingers on a wall to keep your balance.",
            "Rise up onto your toes as high as you can, then lower.",
            "Keep going at a steady pace until you can no longer rise as high.",
            "Write down how many full rises you did.",
        ),
        higher_is_better=True,
        low=1,
        high=100,
        whole=True,
        source="Silbernagel 2007 (heel-rise test in Achilles rehabilitation); clinical "
        "reference: healthy median about 21-24 rises",
        proposed=False,
        goal_template="Rise on {side} {target} {times}",
        part="foot",
    ),
    Measure(
        id="pain",
        name="Pain on a 0-10 scale (numeric rating)",
        patient_name="Pain score",
        unit="out of 10",
        per_side=False,
        self_measurable=True,
        how_to=(
            "Think of 0 as no pain and 10 as the worst pain you can imagine.",
            "Pick the number that fits your worst pain of the last day.",
            "Write it down at about the same time of day each time.",
        ),
        higher_is_better=False,
        low=0,
        high=10,
        whole=True,
        source="Thomeé 1997; Silbernagel 2007 (pain-monitoring model); clinical reference: "
        "a 2-point change matters",
        proposed=False,
        goal_template="Keep your pain at {target} out of 10 or lower",
    ),
    Measure(
        id="chair-stand-30s",
        name="30-second chair stand test",
        patient_name="Chair stand test",
        unit="stands in 30 seconds",
        per_side=False,
        self_measurable=True,
        how_to=(
            "Sit in the middle of a firm chair that stands against a wall. Cross your arms.",
            "Set a kitchen timer for 30 seconds, or ask someone to time you.",
            "Stand up fully and sit back down as many times as you can before it rings.",
            "Write down how many full stands you did.",
        ),
        higher_is_better=True,
        low=0,
        high=50,
        whole=True,
        source="Jones 1999 (30-second chair stand test); not in the clinical reference: "
        "targets and home use proposed",
        proposed=True,
        goal_template="Stand up from a chair {target} {times} in 30 seconds",
    ),
    Measure(
        id="one-leg-stance",
        name="One-leg stance time",
        patient_name="One leg balance test",
        unit="seconds",
        per_side=True,
        self_measurable=False,
        how_to=(
            "Stand next to a kitchen counter with your hands just above it.",
            "Lift one foot off the floor and keep still.",
            "Ask someone to time how long you stay up before you touch the counter.",
        ),
        higher_is_better=True,
        low=0,
        high=60,
        whole=True,
        source="Vellas 1997 (one-leg balance under 5 s and injurious falls); taken at the "
        "clinic, not at home, for a patient at risk of falls (proposed)",
        proposed=True,
        goal_template="Stand on {side} for {target} {seconds}",
        part="leg",
    ),
)

MEASURE_IDS: tuple[str, ...] = tuple(m.id for m in MEASURES)
_BY_ID = {m.id: m for m in MEASURES}


def get_measure(measure_id: str) -> Measure | None:
    """The built-in measure with this id, or None."""
    return _BY_ID.get(measure_id)


def unknown_measure_message(measure_id: str) -> str:
    """Why an id is not a measure, with the nearest id or the whole list."""
    from difflib import get_close_matches  # only when a name is unknown

    hint = get_close_matches(measure_id, MEASURE_IDS, n=1)
    if hint:
        return f"unknown measure '{measure_id}'; did you mean '{hint[0]}'?"
    return f"unknown measure '{measure_id}'; the measures are {', '.join(MEASURE_IDS)}"


__all__ = [
    "MEASURES",
    "MEASURE_IDS",
    "Measure",
    "MeasureSide",
    "format_target",
    "get_measure",
    "unknown_measure_message",
]
