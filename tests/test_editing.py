"""The edits the app makes, tested on the domain alone: each gives a valid protocol or refuses."""

from __future__ import annotations

from datetime import date

import pytest

from rehab.check import Context, review
from rehab.domain import editing
from rehab.domain.dosage_input import form_values, keys_for, read_dosage_form
from rehab.domain.editing import EditRejected
from rehab.domain.findings import Code
from rehab.domain.protocol import Acknowledgement, Prescription, Protocol

TODAY = date(2026, 11, 21)


@pytest.fixture
def blank() -> Protocol:
    return editing.start_protocol(None, "calf-care", None, "A. Physio, PT", TODAY)


def _ids(protocol: Protocol) -> list[list[str]]:
    return [[p.exercise for p in phase.exercises] for phase in protocol.phases]


def test_blank_protocol_is_dated_and_titled(blank: Protocol) -> None:
    assert (blank.id, blank.title, blank.created, blank.conditions) == (
        "calf-care",
        "Calf care",
        TODAY,
        [],
    )


def test_template_copy_drops_acknowledgements_and_keeps_review_interval(
    blank: Protocol,
) -> None:
    base = editing.acknowledge(
        editing.update_details(blank, created=date(2026, 1, 1), review_on=date(2026, 1, 29)),
        Acknowledgement(
            condition="achilles-repair-early",
            exercise="donkey-calf-raise",
            reason="surgeon cleared",
            by="X",
            on=date(2026, 1, 1),
        ),
    )
    copy = editing.start_protocol(base, "new-one", "Title", "B, PT", TODAY)
    assert copy.acknowledged == [] and copy.review_on == date(2026, 12, 19)
    assert (copy.id, copy.title, copy.clinician) == ("new-one", "Title", "B, PT")


def test_start_protocol_rejects_a_bad_id() -> None:
    with pytest.raises(EditRejected, match="id"):
        editing.start_protocol(None, "../../x", None, "A", TODAY)


def test_phases_add_update_move_remove(blank: Protocol) -> None:
    p, first = editing.add_phase(blank, "One", 2)
    p, second = editing.add_phase(p, "Two", 3, goals=["walk"])
    p, zero = editing.add_phase(p, "Zero", 1, at=0)
    assert (first, second, zero) == (0, 1, 0)
    assert [ph.name for ph in p.phases] == ["Zero", "One", "Two"]
    p, moved = editing.move_phase(p, 0, +1)
    assert moved == 1 and [ph.name for ph in p.phases] == ["One", "Zero", "Two"]
    p, stays = editing.move_phase(p, 2, +1)
    assert stays == 2 and p.phases[2].name == "Two"
    p = editing.update_phase(p, 2, "Two b", 4, ["run"], ["no pain"])
    assert (p.phases[2].name, p.phases[2].weeks, p.phases[2].advance_when) == (
        "Two b",
        4,
        ["no pain"],
    )
    p = editing.remove_phase(p, 1)
    assert [ph.name for ph in p.phases] == ["One", "Two b"]


def test_invalid_edits_are_refused_and_leave_the_protocol_unchanged(blank: Protocol) -> None:
    p, _ = editing.add_phase(blank, "One", 2)
    with pytest.raises(EditRejected, match=r"phases\[1\]\.weeks: must be between 1 and 52"):
        editing.add_phase(p, "Two", 60)
    with pytest.raises(EditRejected, match="name"):
        editing.update_phase(p, 0, "", 2, [], [])
    with pytest.raises(EditRejected, match="no phase 3"):
        editing.add_exercise(p, 2, "donkey-calf-raise")
    with pytest.raises(EditRejected, match="no exercise 1"):
        editing.remove_exercise(p, (0, 0))
    with pytest.raises(EditRejected, match="title"):
        editing.update_details(p, title="a\x1b[31m")
    with pytest.raises(EditRejected, match="not a protocol detail"):
        editing.update_details(p, phases=[])
    assert p.phases[0].name == "One" and len(p.phases) == 1


def test_exercises_move_within_and_between_phases(blank: Protocol) -> None:
    p, _ = editing.add_phase(blank, "One", 2)
    p, _ = editing.add_phase(p, "Two", 2)
    p, at = editing.add_exercise(p, 0, "standing-soleus-stretch")
    p, _ = editing.add_exercise(p, 0, "standing-gastrocnemius-stretch")
    p, _ = editing.add_exercise(p, 1, "double-leg-calf-raise")
    assert at == (0, 0)
    p, at = editing.move_exercise(p, (0, 0), +1)
    assert at == (0, 1)
    assert _ids(p) == [
        ["standing-gastrocnemius-stretch", "standing-soleus-stretch"],
        ["double-leg-calf-raise"],
    ]
    # Past the end of phase 1 it goes first into phase 2, and back up again.
    p, at = editing.move_exercise(p, (0, 1), +1)
    assert at == (1, 0)
    assert _ids(p) == [
        ["standing-gastrocnemius-stretch"],
        ["standing-soleus-stretch", "double-leg-calf-raise"],
    ]
    p, at = editing.move_exercise(p, (1, 0), -1)
    assert at == (0, 1)
    # At the very top nothing moves.
    same, at = editing.move_exercise(p, (0, 0), -1)
    assert same == p and at == (0, 0)
    p = editing.remove_exercise(p, (0, 0))
    assert _ids(p) == [["standing-soleus-stretch"], ["double-leg-calf-raise"]]


def test_swap_keeps_the_dose_that_fits(blank: Protocol, context: Context) -> None:
    p, _ = editing.add_phase(blank, "One", 2)
    p, at = editing.add_exercise(p, 0, "single-leg-calf-raise")
    dosed = Prescription(
        exercise="single-leg-calf-raise", side="left", sets=2, reps=12, tempo="3-0-1", notes="n"
    )
    p = editing.replace_prescription(p, at, dosed)
    # Regression to a bilateral reps exercise: one-leg side dropped, reps and tempo kept.
    double = context.library.get("double-leg-calf-raise")
    assert double is not None
    swapped = editing.swap_exercise(p, at, double).phases[0].exercises[0]
    assert (swapped.exercise, swapped.side, swapped.reps, swapped.tempo, swapped.notes) == (
        "double-leg-calf-raise",
        None,
        12,
        "3-0-1",
        "n",
    )
    # Onto a hold exercise: reps and tempo go, sets and notes stay.
    stretch = context.library.get("standing-gastrocnemius-stretch")
    assert stretch is not None
    held = editing.swap_exercise(p, at, stretch).phases[0].exercises[0]
    assert (held.reps, held.tempo, held.sets, held.side) == (None, None, 2, "left")
    assert not [
        f
        for f in review(editing.swap_exercise(p, at, stretch), context)
        if f.code is Code.DOSAGE_MISMATCH
    ]


def test_conditions_and_acknowledgements(blank: Protocol, context: Context) -> None:
    p, _ = editing.add_phase(blank, "One", 2)
    p, _ = editing.add_exercise(p, 0, "donkey-calf-raise")
    p = editing.toggle_condition(p, "hip-arthroplasty-posterior")
    errors = [f for f in review(p, context) if f.code is Code.CONTRAINDICATED]
    assert errors and errors[0].exercise == "donkey-calf-raise"
    ack = Acknowledgement(
        condition="hip-arthroplasty-posterior",
        exercise="donkey-calf-raise",
        reason="Surgeon cleared flexion past 90 degrees",
        by="A. Physio, PT",
        on=TODAY,
    )
    p = editing.acknowledge(p, ack)
    p = editing.acknowledge(p, ack.model_copy(update={"reason": "Re-decided"}))
    assert [a.reason for a in p.acknowledged] == ["Re-decided"]
    assert not [f for f in review(p, context) if f.code is Code.CONTRAINDICATED]
    p = editing.remove_acknowledgement(p, "hip-arthroplasty-posterior", "donkey-calf-raise")
    assert p.acknowledged == []
    p = editing.toggle_condition(p, "hip-arthroplasty-posterior")
    assert p.conditions == []
    with pytest.raises(EditRejected, match="listed twice"):
        editing.set_conditions(p, ["peripheral-neuropathy", "peripheral-neuropathy"])


# -- the dosage form ---------------------------------------------------------------------


def test_dosage_form_reads_values_and_blanks(context: Context) -> None:
    raise_ = context.library.get("single-leg-calf-raise")
    assert raise_ is not None
    form = read_dosage_form(
        raise_, {"sets": " 3 ", "reps": "12", "tempo": "3-0-1", "side": "left", "load": ""}
    )
    assert form.errors == {}
    assert form.prescription == Prescription(
        exercise="single-leg-calf-raise", sets=3, reps=12, tempo="3-0-1", side="left"
    )
    assert form_values(form.prescription)["load"] == ""
    assert form_values(form.prescription)["sets"] == "3"


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("sets", "three", "must be a whole number"),
        ("sets", "3.5", "must be a whole number"),
        ("sets", "-1", "must be a whole number"),
        ("sets", "11", "must be between 1 and 10, got 11"),
        ("reps", "٣", "must be a whole number"),  # Arabic-Indic digit: isdigit() but not ASCII
        ("sets", "9" * 40, "far too large"),
        ("tempo", "3-0", "lower-pause-raise"),
        ("side", "middle", "must be one of both, left, right"),
        # The raise offers hold_seconds for its isometric mode only.
        ("hold_seconds", "30", "use reps, not hold_seconds"),
        ("load", "a\x1bb", "control character"),
        ("frequency", "hourly", "must be one of 'daily'"),
    ],
)
def test_dosage_form_says_why_a_field_is_rejected(
    context: Context, key: str, text: str, message: str
) -> None:
    raise_ = context.library.get("single-leg-calf-raise")
    assert raise_ is not None
    form = read_dosage_form(raise_, {key: text})
    assert form.prescription is None
    assert message in form.errors[key]


def test_dosage_form_fields_follow_the_exercise(context: Context) -> None:
    stretch = context.library.get("standing-gastrocnemius-stretch")
    double = context.library.get("double-leg-calf-raise")
    assert stretch is not None and double is not None
    assert "reps" not in keys_for(stretch) and "hold_seconds" in keys_for(stretch)
    assert "hold_seconds" not in keys_for(double) and "tempo" in keys_for(double)
    assert read_dosage_form(double, {"side": "left"}).errors == {"side": "must be one of both"}
