"""Every sentence the handout itself writes, in one place, in plain words.

The library's and the catalog's texts are held to grade 7 by their own tests; these are the
sheet's own words (headings, the pain scale, the log's instructions), held to the same level by
tests/test_handout_wording.py, which calls each function here with typical values.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rehab.domain.clinic import ClinicProfile
from rehab.domain.measures import Measure
from rehab.domain.sheet import Now, Stage

STOP_TITLE = "\u26a0 STOP and get help if:"
PAIN_SCALE = "Score your pain from 0 to 10: 0 means no pain, 10 is the worst pain you can imagine."
NO_PAIN = "These exercises should not hurt at all."
HELPER = "You need a helper for this exercise."
WORKING_LEG = "The solid black leg works."
BOTH_LEGS = "Both legs work. One is drawn in outline."


def leg_key(bilateral: bool, one_leg: bool) -> str:
    """The line under a figure that says which leg works (none where both are drawn solid)."""
    if not bilateral:
        return WORKING_LEG
    return BOTH_LEGS if one_leg else ""


STOP_CARD = "Stop this exercise if:"
TIPS = "Tips"
STEPS = "How to do it"
AIMS = "Aims of this stage:"
NOTE = "Note from your clinician"
FOR_YOU = "Important for you"
LOG_TITLE = "Exercise log"
LOG_TICK = "Tick a box \u2610 when you have done the whole exercise, every set and hold."
LOG_TWICE = "Two boxes mean you do it twice that day."
LOG_REST = "Days marked rest have no session."
LOG_PAIN = "Each evening, write down your worst pain of the day, from 0 to 10."
LOG_MISSED = (
    "Missed a day? Leave its boxes empty and go on with the next day's. "
    "Do not do extra to catch up."
)
LOG_BRING = "Bring this log to your next visit."
PAIN_ROW = "Pain today (0 to 10)"
SPARE_WEEK = "Spare week: if you stay on a stage longer, use this page"
SPARE_ROW = "Exercise number: ____"
MEASURE_TITLE = "How to check your progress (once a week)"
MEASURE_EACH_SIDE = "Test one leg, then the other, and write down each."


def measure_title(stage: int) -> str:
    """Over the box that teaches a measure, where the log's weeks first ask for it."""
    return f"From stage {stage}, once a week: check your progress"


NOTES_ROW = "Notes"
REST = "rest"
WRITE_PHONE = "Your clinic's phone number: ______________________"


def pain_allowed(limit: int) -> str:
    """What the patient's pain limit means."""
    if limit == 0:
        return NO_PAIN
    return (
        f"Some pain while you exercise is all right, up to {limit}. It should settle by the "
        "next morning."
    )


def pain_limit_title(limit: int) -> str:
    return f"Your pain limit: {limit} out of 10"


def day(d: date) -> str:
    """'Monday 7 December'."""
    return f"{d.strftime('%A')} {d.day} {d.strftime('%B')}"


def short_day(d: date) -> str:
    """'7 Dec'."""
    return f"{d.day} {d.strftime('%b')}"


def long_date(d: date) -> str:
    """'7 December 2026'."""
    return f"{d.day} {d.strftime('%B %Y')}"


def numbers_text(values: Sequence[int]) -> str:
    """[1, 2, 4] -> '1, 2 and 4'."""
    shown = [str(v) for v in values]
    if len(shown) <= 1:
        return "".join(shown)
    return f"{', '.join(shown[:-1])} and {shown[-1]}"


def exercises_of(stage: Stage) -> str:
    """'exercises 1, 2 and 3' / 'exercise 4'."""
    cards = sorted({entry.card.number for entry in stage.entries})
    return f"exercise{'s' if len(cards) != 1 else ''} {numbers_text(cards)}"


def stage_title(stage: Stage, stages: int) -> str:
    """'Stage 1 of 3: both legs on the step'; a programme of one stage is just 'Your
    exercises: ...'."""
    if stages == 1:
        return f"Your exercises: {stage.name}"
    return f"Stage {stage.number} of {stages}: {stage.name}"


def stage_when(stage: Stage) -> str:
    """'Weeks 1 to 3, from 7 Dec to 27 Dec 2026' / 'Week 4'."""
    weeks = stage.phase.weeks
    last = stage.first_week + weeks - 1
    text = f"Week {stage.first_week}" if weeks == 1 else f"Weeks {stage.first_week} to {last}"
    if stage.start and stage.end:
        text += f", from {short_day(stage.start)} to {short_day(stage.end)} {stage.end.year}"
    return text


def move_on(stage: Stage) -> str:
    return f"Move on to stage {stage.number + 1} when:"


def not_ready(stage: Stage) -> str:
    """The stages are dated, but moving on depends on the patient: what if they are not ready."""
    if stage.end:
        return f"Not ready by {short_day(stage.end)}? Stay on this stage and tell your clinician."
    return "Not ready yet? Stay on this stage and tell your clinician."


def dropped(numbers: Sequence[int]) -> str:
    """The exercises of the stage before that this one no longer has."""
    plural = "s" if len(numbers) != 1 else ""
    return f"From now on, leave out exercise{plural} {numbers_text(numbers)}."


def last_stage(review: date | None, *, only: bool = False, starts: date | None = None) -> str:
    """What the last stage says instead of "move on" (the only stage: just keep going). A
    review date before the stage even starts is not the stage's end: it would tell the
    patient to stop before they begin."""
    keep = "Keep going" if only else "This is the last stage: keep going"
    if review and starts and review < starts:
        # Page one already names that earlier review: "until your review" would point there.
        return f"{keep} until your clinician tells you otherwise."
    until = f"until your review on {long_date(review)}" if review else "until your review"
    return f"{keep} {until}."


def earlier_title(stage: Stage) -> str:
    """Over the exercises a stage keeps from before (or repeats with another side)."""
    return "Keep doing these:" if stage.number > 1 else "Also do:"


def this_week(now: Now | None, first: Stage, review: date | None) -> str:
    """Page 1's answer to "what do I do now?"."""
    stage_one = "" if first.last else " stage 1 first"
    if now is None:
        if first.last:
            return f"Do {exercises_of(first)} as this sheet shows."
        return (
            f"Start with stage 1: {exercises_of(first)}. Move on only when the sheet says you "
            "are ready."
        )
    if now.before and first.start:
        return f"Start on {day(first.start)}. Do{stage_one}: {exercises_of(first)}."
    if now.after or now.stage is None:
        ending = f" until your review on {long_date(review)}" if review else " until your review"
        return f"You have done every stage. Keep going with the last one{ending}."
    stage = now.stage
    if stage.last and stage.number == 1:
        return f"This is week {now.week} of {stage.phase.weeks}: {exercises_of(stage)}."
    return (
        f"This week you are in stage {stage.number}, week {now.week} of {stage.phase.weeks}: "
        f"{exercises_of(stage)}."
    )


def side_line(side: str, bilateral: bool) -> str:
    """What the handout adds to a card's steps about the side (library texts describe one)."""
    if bilateral:
        return ""
    if side == "both":
        return "Then do the same with the other leg."
    return f"{side.capitalize()} leg only."


def contact_lines(clinic: ClinicProfile | None) -> list[str]:
    """Who to call, for the STOP box: the emergency number and the clinic's phone."""
    lines: list[str] = []
    if clinic and clinic.emergency_number:
        lines.append(f"In an emergency, call {clinic.emergency_number}.")
    if clinic:
        lines.append(f"For any other worry, call {clinic.name} on {clinic.phone}.")
        if clinic.out_of_hours:
            lines.append(clinic.out_of_hours)
    else:
        lines.append(WRITE_PHONE)
    return lines


def log_week_title(
    stage: Stage, week: int, days: Sequence[date] | None, *, only: bool = False
) -> str:
    """'Stage 1, week 2 of 3: 14 Dec to 20 Dec 2026' ('Week 2 of 3: ...' for a programme of
    one stage)."""
    title = f"Week {week} of {stage.phase.weeks}"
    if not only:
        title = f"Stage {stage.number}, week {week} of {stage.phase.weeks}"
    if days:
        title += f": {short_day(days[0])} to {short_day(days[-1])} {days[-1].year}"
    return title


def measure_row(measure: Measure, side: str | None) -> str:
    """The log's weekly line for a measure: 'Once this week: Heel rise test, left: ____ rises'."""
    name = f"{measure.patient_name}, {side}" if side else measure.patient_name
    return f"Once this week: {name}: ________ {measure.unit}"
