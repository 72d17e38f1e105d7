"""What the patient's handout says, before any page is laid out.

The handout's layout (rehab/handout/) only draws; every decision a patient depends on is made
here, where it can be tested without a PDF: which exercise gets a card and its number (an
exercise in several stages is printed in full once, later stages point back to it), the dose
sentence of each stage, the stage dates and which stage is "this week", and the log's rows:
one box per session, only on the days a session is due, a row per leg where both legs work.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from rehab.domain.dosage import ResolvedDosage
from rehab.domain.dosage_text import describe_steps, short_dose
from rehab.domain.exercise import Exercise
from rehab.domain.findings import Loc
from rehab.domain.goals import phase_measures
from rehab.domain.library import Library
from rehab.domain.measures import Measure
from rehab.domain.protocol import Phase, Prescription, Protocol
from rehab.domain.resolve import dose_steps, resolve_dosage

WEEKDAY_PATTERNS: dict[int, tuple[int, ...]] = {
    1: (0,),
    2: (0, 3),
    3: (0, 2, 4),
    4: (0, 1, 3, 5),
    5: (0, 1, 2, 4, 5),
    6: (0, 1, 2, 3, 4, 5),
}
"""Days of the week (0 = the first day of the log's week) for N days a week: spread out, so
a muscle gets a rest day between sessions wherever the count allows one."""

_STAGE_PREFIX = re.compile(r"^\s*(?:phase|stage)\s*\d+\s*[:.\-\u2013\u2014]\s*", re.IGNORECASE)


def stage_name(phase: Phase) -> str:
    """The phase's own name without a leading "Phase 2:", which the handout prints itself
    ("Stage 2: one leg" rather than "Stage 2: Phase 2: one leg")."""
    stripped = _STAGE_PREFIX.sub("", phase.name)
    return stripped or phase.name


@dataclass(frozen=True)
class Card:
    """An exercise printed in full: number, entry, the prescription where it first appears."""

    number: int
    exercise: Exercise
    prescription: Prescription
    stage: int
    """1-based stage of its first appearance."""


@dataclass(frozen=True)
class Entry:
    """One prescription of a stage: its card (printed here, or earlier and pointed to)."""

    card: Card
    prescription: Prescription
    loc: Loc
    dose: str
    """The whole dose sentence of this prescription, every schedule change included."""
    as_before: bool = False
    """Done with the same dose as in the stage before: "as before" is enough."""

    @property
    def new(self) -> bool:
        """True where the card itself is printed; False: "see exercise N"."""
        return self.card.prescription is self.prescription


@dataclass(frozen=True)
class Stage:
    """A phase as the patient meets it: its number, its weeks and dates, its entries."""

    number: int
    phase: Phase
    name: str
    first_week: int
    """1-based week of the whole programme in which the stage starts."""
    start: date | None
    end: date | None
    """The stage's last day (inclusive), when the programme has a start date."""
    last: bool
    entries: tuple[Entry, ...]
    dropped: tuple[int, ...] = ()
    """Cards of the stage before that this stage no longer has: "Stop doing exercises 3 and 4"."""


@dataclass(frozen=True)
class Now:
    """Where the patient is on the day the sheet is issued."""

    stage: Stage | None
    """None before the programme starts and after it ends."""
    week: int = 0
    """1-based week within the stage."""
    before: bool = False
    after: bool = False


@dataclass(frozen=True)
class Sheet:
    """Everything the handout says, in order."""

    stages: tuple[Stage, ...]
    cards: tuple[Card, ...]
    now: Now | None
    """None without a start date: the sheet cannot know the week."""


def _card_key(prescription: Prescription, exercise: Exercise) -> tuple[str, str]:
    """Two prescriptions share a card when the patient does the same movement: the same
    exercise in the same mode (an eccentric raise has steps of its own)."""
    mode = prescription.mode if prescription.mode in exercise.modes else "standard"
    return (exercise.id, mode)


def build_sheet(protocol: Protocol, library: Library, *, start: date | None, today: date) -> Sheet:
    """The handout's content. Prescriptions whose exercise is unknown are left out (the
    export gate has refused them already)."""
    cards: dict[tuple[str, str], Card] = {}
    stages: list[Stage] = []
    week = 1
    before: set[tuple[int, str]] = set()
    for index, phase in enumerate(protocol.phases):
        entries: list[Entry] = []
        now: set[tuple[int, str]] = set()
        for e_index, prescription in enumerate(phase.exercises):
            exercise = library.get(prescription.exercise)
            if exercise is None:
                continue
            key = _card_key(prescription, exercise)
            if key not in cards:
                cards[key] = Card(len(cards) + 1, exercise, prescription, index + 1)
            dose = describe_steps(
                dose_steps(prescription, exercise),
                unilateral=not exercise.bilateral,
                week_words=_dated(start, week) if start else None,
            )
            loc = ("phases", index, "exercises", e_index)
            card = cards[key]
            same = (card.number, dose) in before
            entries.append(Entry(card, prescription, loc, dose, as_before=same))
            now.add((card.number, dose))
        before = now
        previous = {e.card.number for e in stages[-1].entries} if stages else set()
        dropped = tuple(sorted(previous - {e.card.number for e in entries}))
        first = start + timedelta(weeks=week - 1) if start else None
        last_day = first + timedelta(weeks=phase.weeks, days=-1) if first else None
        stages.append(
            Stage(
                number=index + 1,
                phase=phase,
                name=stage_name(phase),
                first_week=week,
                start=first,
                end=last_day,
                last=index == len(protocol.phases) - 1,
                entries=tuple(entries),
                dropped=dropped,
            )
        )
        week += phase.weeks
    return Sheet(tuple(stages), tuple(cards.values()), _now(stages, start, today))


def _dated(start: date, first_week: int) -> Callable[[int], str]:
    """Names week N of a stage that starts in programme week `first_week` by its first day:
    'from Mon 14 Dec' reads better than 'from week 2' (of what?) on a dated sheet."""

    def words(week: int) -> str:
        day = start + timedelta(weeks=first_week - 1 + week - 1)
        return f"from {day.strftime('%a')} {day.day} {day.strftime('%b')}"

    return words


def _now(stages: Sequence[Stage], start: date | None, today: date) -> Now | None:
    if start is None or not stages:
        return None
    if today < start:
        return Now(None, before=True)
    for stage in stages:
        if stage.start and stage.end and stage.start <= today <= stage.end:
            return Now(stage, (today - stage.start).days // 7 + 1)
    return Now(None, after=True)


@dataclass(frozen=True)
class LogRow:
    """One line of a week's log: an exercise (and leg), its boxes per day."""

    number: int
    name: str
    leg: str | None
    """'left leg' / 'right leg' where the prescription works both legs one at a time."""
    sessions: int
    """Boxes on each day a session is due."""
    due: tuple[bool, ...]
    """Seven days: True where a session is due."""
    target: str | None
    """The week's dose in short ('3 sets of 10') where it differs from the card's."""
    scheduled: bool = False
    """True where a schedule changes the dose within the stage ("this week: ...")."""


@dataclass(frozen=True)
class LogWeek:
    """One week of the log."""

    stage: Stage
    week: int
    """1-based week within the stage."""
    days: tuple[date, ...] | None
    rows: tuple[LogRow, ...]
    measures: tuple[tuple[Measure, str | None], ...] = ()
    """What the patient measures once this week at home (each measurable goal of the stage
    they can take themselves), with its side."""


def due_days(dose: ResolvedDosage, first_day: int) -> tuple[bool, ...]:
    """The seven days of a week on which a session is due; `first_day` is the 0-based day of
    the programme the week starts on, so every second day carries on across weeks."""
    frequency = dose.frequency
    if frequency == "every-other-day":
        return tuple((first_day + d) % 2 == 0 for d in range(7))
    if frequency.endswith("x-week"):
        pattern = WEEKDAY_PATTERNS[int(frequency.split("x-", 1)[0])]
        return tuple(d in pattern for d in range(7))
    return (True,) * 7  # daily, and before-activity (the patient's own exercise days)


def log_weeks(sheet: Sheet, library: Library) -> list[LogWeek]:
    """Every week of every stage with exercises, as the log prints it."""
    weeks: list[LogWeek] = []
    for stage in sheet.stages:
        if not stage.entries:
            continue
        for week in range(1, stage.phase.weeks + 1):
            first = stage.start + timedelta(weeks=week - 1) if stage.start else None
            days = tuple(first + timedelta(days=d) for d in range(7)) if first else None
            rows: list[LogRow] = []
            for entry in stage.entries:
                exercise = entry.card.exercise
                dose = resolve_dosage(entry.prescription, exercise, week)
                # The week's amount where it is not the card's: a schedule changing it within
                # the stage ("this week: ..."), or a later stage's new amount.
                changed = not entry.new and not entry.as_before
                shown = entry.prescription.schedule or changed
                target = short_dose(dose) if shown else None
                # Counted from the programme's first day, so every second day carries on
                # across stages (no two loaded days in a row where one stage meets the next).
                due = due_days(dose, (stage.first_week - 1 + week - 1) * 7)
                name = exercise.handout_name
                sides: list[str | None] = [None]
                if not exercise.bilateral:
                    both = dose.side == "both"
                    sides = ["left leg", "right leg"] if both else [f"{dose.side} leg"]
                scheduled = bool(entry.prescription.schedule)
                for leg in sides:
                    rows.append(
                        LogRow(
                            entry.card.number, name, leg, dose.times_per_day, due, target, scheduled
                        )
                    )
            # Pain is written every day in the log's own row: no weekly line for it.
            home = tuple(
                m for m in phase_measures(stage.phase) if m[0].self_measurable and m[0].id != "pain"
            )
            weeks.append(LogWeek(stage, week, days, tuple(rows), home))
    return weeks
