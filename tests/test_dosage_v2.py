"""Dosage of schema version 2 (CONTRACT 6.3): mode, four-part tempo, load_kg, effort, schedule.

Each key through every place that reads it: the model and its version gate, the structure
checks, the plan's dose per week, the dose checks, the sentence, the diff and the dose form.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rehab.check import Context, check_file, review
from rehab.domain.diff import diff_protocols
from rehab.domain.dosage_input import keys_for, read_dosage_form
from rehab.domain.dosage_text import describe_dosage, describe_steps
from rehab.domain.findings import Code, Finding
from rehab.domain.plan import plan_protocol
from rehab.domain.protocol import Prescription, Protocol
from rehab.domain.resolve import dose_steps, resolve_dosage
from rehab.domain.validation import parse_protocol
from rehab.storage.protocol_files import dumps_protocol, load_protocol, save_protocol
from tests.test_properties import CONTEXT, line_text

HEADER = """\
schema_version = {version}
id = "dose-v2"
title = "Dose"
clinician = "A. Example, PT"
created = 2026-11-20
conditions = []

[[phases]]
name = "Phase one"
weeks = 4
"""


def _write(tmp_path: Path, prescription: str, version: int = 2) -> Path:
    path = tmp_path / "dose-v2.toml"
    text = HEADER.format(version=version) + "\n[[phases.exercises]]\n" + prescription
    path.write_text(text, encoding="utf-8")
    return path


def _findings(tmp_path: Path, context: Context, prescription: str, version: int = 2) -> list[Any]:
    return check_file(_write(tmp_path, prescription, version), context).findings


def _where(f: Finding) -> tuple[str, str, int | None]:
    return (f.code.value, ".".join(str(p) for p in f.loc), f.line)


def _protocol(*prescriptions: dict[str, Any], weeks: int = 4) -> Protocol:
    return Protocol.model_validate(
        {
            "schema_version": 2,
            "id": "dose-v2",
            "title": "Dose",
            "clinician": "A",
            "created": date(2026, 11, 20),
            "conditions": [],
            "phases": [{"name": "One", "weeks": weeks, "exercises": list(prescriptions)}],
        }
    )


CALF = "single-leg-calf-raise"


# The version gate ---------------------------------------------------------------------------


def test_a_version_1_file_is_refused_at_each_v2_dosage_key(
    tmp_path: Path, context: Context
) -> None:
    found = _findings(
        tmp_path,
        context,
        f'exercise = "{CALF}"\nmode = "eccentric"\nload_kg = 5\neffort = 7\n'
        'tempo = "3-1-1-2"\nschedule = [{ from_week = 2, reps = 20 }]\n',
        version=1,
    )
    where = {(f.loc[-1], f.line) for f in found}
    assert where == {("mode", 14), ("load_kg", 15), ("effort", 16), ("tempo", 17), ("schedule", 18)}
    assert all("needs schema_version = 2" in f.message for f in found)


def test_the_same_keys_read_in_version_2(tmp_path: Path, context: Context) -> None:
    found = _findings(
        tmp_path,
        context,
        f'exercise = "{CALF}"\nside = "right"\nmode = "eccentric"\nload_kg = 5\neffort = 7\n'
        'tempo = "3-1-1-2"\nschedule = [{ from_week = 2, reps = 20 }]\n',
    )
    assert [f for f in found if f.severity.value == "error"] == []


def test_load_kg_takes_whole_and_decimal_numbers_and_names_its_range() -> None:
    assert parse_protocol(_raw({"load_kg": 2.5}))[0] is not None
    assert parse_protocol(_raw({"load_kg": 5}))[0] is not None
    _, problems = parse_protocol(_raw({"load_kg": 0.25}))
    assert [p.message for p in problems] == ["must be between 0.5 and 300, got 0.25"]
    _, problems = parse_protocol(_raw({"load_kg": "5 kg"}))
    assert problems and problems[0].loc[-1] == "load_kg"


def test_effort_is_1_to_10() -> None:
    _, problems = parse_protocol(_raw({"effort": 11}))
    assert [p.message for p in problems] == ["must be between 1 and 10, got 11"]


def _raw(keys: dict[str, Any]) -> dict[str, Any]:
    return {
        "schema_version": 2,
        "id": "dose-v2",
        "title": "Dose",
        "clinician": "A",
        "created": date(2026, 11, 20),
        "conditions": [],
        "phases": [{"name": "One", "weeks": 4, "exercises": [{"exercise": CALF, **keys}]}],
    }


# Structure: mode and schedule that do not fit ----------------------------------------------


def test_a_mode_the_exercise_does_not_allow_is_a_dosage_mismatch(
    tmp_path: Path, context: Context
) -> None:
    found = _findings(
        tmp_path, context, 'exercise = "standing-soleus-stretch"\nmode = "eccentric"\n'
    )
    assert [_where(f) for f in found if f.severity.value == "error"] == [
        ("dosage-mismatch", "phases.0.exercises.0.mode", 14)
    ]
    assert "allows standard" in found[0].message


def test_isometric_needs_a_hold_and_takes_no_tempo(tmp_path: Path, context: Context) -> None:
    found = _findings(
        tmp_path, context, f'exercise = "{CALF}"\nmode = "isometric"\ntempo = "3-0-1"\n'
    )
    errors = sorted(_where(f) for f in found if f.code == Code.DOSAGE_MISMATCH)
    assert errors == [
        ("dosage-mismatch", "phases.0.exercises.0.mode", 14),
        ("dosage-mismatch", "phases.0.exercises.0.tempo", 15),
    ]
    ok = _findings(
        tmp_path, context, f'exercise = "{CALF}"\nmode = "isometric"\nreps = 5\nhold_seconds = 45\n'
    )
    assert [f for f in ok if f.severity.value == "error"] == []


def test_schedule_errors_name_the_step(tmp_path: Path, context: Context) -> None:
    outside = _findings(
        tmp_path,
        context,
        f'exercise = "{CALF}"\n\n[[phases.exercises.schedule]]\nfrom_week = 2\nreps = 20\n\n'
        "[[phases.exercises.schedule]]\nfrom_week = 5\nreps = 25\n",
    )
    assert [_where(f) for f in outside if f.severity.value == "error"] == [
        ("dosage-mismatch", "phases.0.exercises.0.schedule.1.from_week", 20)
    ]
    backwards = _findings(
        tmp_path,
        context,
        f'exercise = "{CALF}"\nschedule = [{{ from_week = 3, reps = 20 }}, '
        "{ from_week = 2, reps = 25 }]\n",
    )
    assert [(f.code, f.loc[-1]) for f in backwards] == [(Code.SCHEMA, "schedule")]
    assert "increasing weeks" in backwards[0].message
    on_hold = _findings(
        tmp_path,
        context,
        'exercise = "standing-soleus-stretch"\nschedule = [{ from_week = 2, reps = 20 }]\n',
    )
    assert [_where(f) for f in on_hold if f.severity.value == "error"] == [
        ("dosage-mismatch", "phases.0.exercises.0.schedule.0.reps", 14)
    ]
    empty = _findings(tmp_path, context, f'exercise = "{CALF}"\nschedule = [{{ from_week = 2 }}]\n')
    assert [f.code for f in empty] == [Code.SCHEMA] and "changes nothing" in empty[0].message


# The plan: a dose per week --------------------------------------------------------------


def test_the_plan_resolves_each_week_of_the_phase(context: Context) -> None:
    protocol = _protocol(
        {
            "exercise": CALF,
            "sets": 3,
            "reps": 15,
            "schedule": [{"from_week": 2, "reps": 20}, {"from_week": 4, "load_kg": 2.5}],
        }
    )
    planned = plan_protocol(protocol, context.library, context.catalog).exercises[0]
    reps = [planned.dosage_in_week(w).reps for w in range(1, 5)]  # type: ignore[union-attr]
    loads = [planned.dosage_in_week(w).load_kg for w in range(1, 5)]  # type: ignore[union-attr]
    assert reps == [15, 20, 20, 20]
    assert loads == [None, None, None, 2.5]
    assert planned.dosage == planned.dosage_in_week(1)
    assert planned.dosage_in_week(5) is None
    assert [week for week, _ in planned.dose_changes()] == [1, 2, 4]


def test_resolved_dosage_carries_mode_load_effort_and_four_part_tempo(context: Context) -> None:
    entry = context.library.get(CALF)
    assert entry is not None
    dose = resolve_dosage(
        Prescription(exercise=CALF, mode="eccentric", load_kg=5.0, effort=7, tempo="3-1-1-2"),
        entry,
    )
    assert (dose.mode, dose.load_kg, dose.effort, dose.tempo) == ("eccentric", 5.0, 7, "3-1-1-2")
    iso = resolve_dosage(
        Prescription(exercise=CALF, mode="isometric", reps=5, hold_seconds=45), entry
    )
    assert (iso.isometric, iso.reps, iso.hold_seconds, iso.tempo) == (True, 5, 45, None)


# Dose checks over the scheduled weeks --------------------------------------------------


def test_a_scheduled_week_out_of_range_is_found_at_its_step(
    tmp_path: Path, context: Context
) -> None:
    found = _findings(
        tmp_path,
        context,
        f'exercise = "{CALF}"\nsets = 3\nreps = 15\nschedule = [{{ from_week = 3, reps = 30 }}]\n',
    )
    ranges = [f for f in found if f.code == Code.DOSE_OUT_OF_RANGE and f.loc[-1] == "reps"]
    assert [f.loc for f in ranges] == [("phases", 0, "exercises", 0, "schedule", 0, "reps")]
    assert ranges[0].message.startswith("from week 3: reps 30 for single-leg-calf-raise")
    # Without the schedule the same dose is in range.
    plain = _findings(tmp_path, context, f'exercise = "{CALF}"\nsets = 3\nreps = 15\n')
    assert [f for f in plain if f.code == Code.DOSE_OUT_OF_RANGE] == []


def test_phase_volume_is_taken_in_the_heaviest_week(context: Context) -> None:
    steps = [{"from_week": 3, "sets": 4, "reps": 25, "times_per_day": 2}]
    protocol = _protocol(
        {"exercise": CALF, "side": "right", "sets": 3, "reps": 15, "schedule": steps},
        {"exercise": "double-leg-calf-raise", "sets": 3, "reps": 25, "times_per_day": 2},
    )
    volume = [
        f
        for f in review(protocol, context)
        if f.loc == ("phases", 0) and "training day" in f.message
    ]
    assert len(volume) == 1
    assert "(its heaviest week, week 3)" in volume[0].message


def test_isometric_holds_are_not_counted_as_reps_eccentric_lowering_is(context: Context) -> None:
    iso = _protocol({"exercise": CALF, "mode": "isometric", "reps": 5, "hold_seconds": 45})
    assert [f for f in review(iso, context) if f.code == Code.DOSE_OUT_OF_RANGE] == []
    too_many = {"sets": 6, "reps": 25, "times_per_day": 2, "side": "right"}
    ecc = _protocol(
        {"exercise": CALF, "mode": "eccentric", **too_many},
        {"exercise": "eccentric-heel-drop", "mode": "eccentric", **too_many},
    )
    volume = [f for f in review(ecc, context) if f.loc == ("phases", 0)]
    assert volume and "calf-loading reps per leg on a training day" in volume[0].message


# The sentence ----------------------------------------------------------------------------


def _sentence(context: Context, **keys: Any) -> str:
    entry = context.library.get(keys.pop("exercise", CALF))
    assert entry is not None
    prescription = Prescription.model_validate({"exercise": entry.id, **keys})
    return describe_steps(dose_steps(prescription, entry), unilateral=not entry.bilateral)


def test_eccentric_sentence_says_what_each_leg_does(context: Context) -> None:
    text = _sentence(context, side="right", mode="eccentric", sets=3, reps=15, times_per_day=2)
    assert text.startswith("Rise on both feet, lower slowly on your right foot: 3 sets of 15, ")
    assert "twice a day" in text and "right leg only" not in text
    both = _sentence(context, mode="eccentric", sets=3, reps=15)
    assert both.startswith("Rise on both feet, lower slowly on one foot: 3 sets of 15, ")
    assert ", each leg," in both


def test_load_effort_and_four_part_tempo_in_words(context: Context) -> None:
    text = _sentence(context, load_kg=5.0, effort=7, tempo="3-1-1-2")
    assert (
        "rise for 1 second, pause for 2 seconds at the top, lower for 3 seconds, "
        "pause for 1 second at the bottom"
    ) in text
    assert "with 5 kg added, e.g. in a backpack" in text
    assert "hard but steady: about 7 out of 10 effort" in text
    assert "with 2.5 kg added" in _sentence(context, load_kg=2.5)


def test_isometric_sentence(context: Context) -> None:
    text = _sentence(context, mode="isometric", sets=1, reps=5, hold_seconds=45, side="left")
    assert text.startswith("hold still for 45 seconds, 5 times, left leg only")
    assert _sentence(context, mode="isometric", sets=2, reps=5, hold_seconds=45).startswith(
        "2 sets: hold still for 45 seconds, 5 times"
    )


def test_schedule_sentence_says_each_change(context: Context) -> None:
    text = _sentence(
        context,
        sets=3,
        reps=15,
        schedule=[{"from_week": 2, "reps": 20}, {"from_week": 3, "load_kg": 2.5}],
    )
    assert text.endswith(
        "; from week 2: 20 each set; from week 3: with 2.5 kg added, e.g. in a backpack"
    )


def test_a_dose_without_new_keys_reads_as_before(context: Context) -> None:
    entry = context.library.get(CALF)
    assert entry is not None
    prescription = Prescription(exercise=CALF, sets=3, reps=15, tempo="3-0-1")
    old = describe_dosage(resolve_dosage(prescription, entry), unilateral=True)
    assert _sentence(context, sets=3, reps=15, tempo="3-0-1") == old
    assert old.startswith("3 sets of 15, rise for 1 second, lower for 3 seconds, each leg")


# The diff ------------------------------------------------------------------------------------


def test_diff_says_the_week_and_the_new_keys() -> None:
    before = _protocol({"exercise": CALF, "reps": 15, "schedule": [{"from_week": 3, "reps": 15}]})
    after = _protocol(
        {
            "exercise": CALF,
            "reps": 15,
            "mode": "eccentric",
            "load_kg": 2.5,
            "effort": 6,
            "tempo": "3-1-1-2",
            "schedule": [{"from_week": 3, "reps": 20}],
        }
    )
    texts = [c.text for c in diff_protocols(before, after).changes]
    assert f"{CALF}, phase 1, from week 3: reps 15 -> 20" in texts
    assert f"{CALF}, phase 1: mode (library default) -> eccentric" in texts
    assert f"{CALF}, phase 1: load_kg (library default) -> 2.5" in texts
    assert f"{CALF}, phase 1: effort (library default) -> 6" in texts
    assert any(t.startswith(f"{CALF}, phase 1: tempo ") and t.endswith("-> 3-1-1-2") for t in texts)


def test_a_whole_phase_change_is_not_repeated_for_each_week() -> None:
    before = _protocol({"exercise": CALF, "sets": 2, "schedule": [{"from_week": 3, "reps": 20}]})
    after = _protocol({"exercise": CALF, "sets": 3, "schedule": [{"from_week": 3, "reps": 20}]})
    assert [c.text for c in diff_protocols(before, after).changes] == [
        f"{CALF}, phase 1: sets 2 -> 3"
    ]


# The dose form -------------------------------------------------------------------------------


def test_form_offers_mode_only_where_the_entry_allows_one(context: Context) -> None:
    calf, stretch = context.library.get(CALF), context.library.get("standing-soleus-stretch")
    assert calf is not None and stretch is not None
    assert {"mode", "load_kg", "effort", "hold_seconds"} <= set(keys_for(calf))
    assert "mode" not in keys_for(stretch)


def test_form_reads_mode_load_effort_and_keeps_the_schedule(context: Context) -> None:
    calf = context.library.get(CALF)
    assert calf is not None
    editing = Prescription.model_validate(
        {"exercise": CALF, "schedule": [{"from_week": 2, "reps": 20}]}
    )
    form = read_dosage_form(
        calf,
        {"mode": "eccentric", "load_kg": "2.5", "effort": "7", "tempo": "3-1-1-2"},
        editing,
    )
    assert form.errors == {}
    assert form.prescription is not None
    assert (form.prescription.mode, form.prescription.load_kg, form.prescription.effort) == (
        "eccentric",
        2.5,
        7,
    )
    assert form.prescription.schedule == editing.schedule
    bad = read_dosage_form(calf, {"load_kg": "2,5", "effort": "11", "mode": "isometric"})
    assert set(bad.errors) == {"load_kg", "effort"}
    iso = read_dosage_form(calf, {"mode": "isometric", "reps": "5"})
    assert "needs hold_seconds" in iso.errors["mode"]
    standard = read_dosage_form(calf, {"mode": "standard"})
    assert standard.prescription is not None and standard.prescription.mode is None


# Round trip ----------------------------------------------------------------------------------

MODAL = sorted(e.id for e in CONTEXT.library.exercises() if e.modes)


@st.composite
def v2_prescriptions(draw: st.DrawFn) -> dict[str, Any]:
    exercise = CONTEXT.library.get(draw(st.sampled_from(MODAL)))
    assert exercise is not None
    data: dict[str, Any] = {"exercise": exercise.id}
    mode = draw(st.sampled_from(["standard", *exercise.modes]))
    if mode != "standard" or draw(st.booleans()):
        data["mode"] = mode
    if mode == "isometric":
        r = exercise.ranges.hold_seconds
        assert r is not None
        data["hold_seconds"] = draw(st.integers(max(5, r.min), r.max))
    elif exercise.dosing == "reps" and draw(st.booleans()):
        data["tempo"] = draw(st.sampled_from(["3-0-1", "3-1-1-2", "2-0-2-1", "0-0-1-0"]))
    for key, strategy in {
        "load_kg": st.one_of(st.integers(1, 300), st.floats(0.5, 300, allow_nan=False)),
        "effort": st.integers(1, 10),
        "reps": st.integers(1, 100),
        "side": st.sampled_from(["both"] if exercise.bilateral else ["both", "left", "right"]),
    }.items():
        if draw(st.booleans()):
            data[key] = draw(strategy)
    weeks = draw(st.lists(st.integers(2, 8), unique=True, max_size=3))
    steps = []
    for week in sorted(weeks):
        step: dict[str, Any] = {"from_week": week, "reps": draw(st.integers(1, 100))}
        if draw(st.booleans()):
            step["load_kg"] = draw(st.floats(0.5, 300, allow_nan=False))
        if draw(st.booleans()):
            step["load"] = draw(line_text)
        steps.append(step)
    if steps:
        data["schedule"] = steps
    return data


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(v2_prescriptions(), min_size=1, max_size=3))
def test_any_valid_v2_dosage_round_trips_through_save_and_load(
    prescriptions: list[dict[str, Any]],
) -> None:
    protocol = _protocol(*prescriptions, weeks=8)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dose-v2.toml"
        save_protocol(protocol, path)
        loaded = load_protocol(path)
        assert loaded.findings == []
        assert loaded.protocol == protocol
        assert dumps_protocol(loaded.protocol) == path.read_text("utf-8")


def test_a_long_schedule_step_stays_inside_its_prescription(tmp_path: Path) -> None:
    """tomli-w writes a long inline table as a `[[schedule]]` section, which after the
    `[[phases.exercises]]` header would be read as a top-level key."""
    long_load = "a backpack with books, " * 6
    protocol = _protocol(
        {"exercise": CALF, "schedule": [{"from_week": 2, "load": long_load.strip()}]}
    )
    path = save_protocol(protocol, tmp_path / "dose-v2.toml")
    loaded = load_protocol(path)
    assert loaded.findings == [] and loaded.protocol == protocol


def test_json_schema_describes_the_v2_dosage() -> None:
    import re

    from rehab.cli.commands.schema import protocol_schema

    schema = protocol_schema()
    prescription = schema["$defs"]["Prescription"]["properties"]
    assert {"mode", "load_kg", "effort", "schedule"} <= set(prescription)
    assert prescription["load_kg"]["anyOf"][0]["minimum"] == 0.5
    assert prescription["effort"]["anyOf"][0]["maximum"] == 10
    pattern = prescription["tempo"]["anyOf"][0]["pattern"]
    assert re.match(pattern, "3-1-1-2") and re.match(pattern, "3-0-1")
    assert not re.match(pattern, "3-1-1-2-1")
    assert schema["$defs"]["ScheduleStep"]["required"] == ["from_week"]
    v1 = next(
        rule for rule in schema["allOf"] if rule["if"]["properties"]["schema_version"]["const"] == 1
    )
    items = v1["then"]["properties"]["phases"]["items"]["properties"]["exercises"]["items"]
    assert {r["required"][0] for r in items["not"]["anyOf"]} == {
        "mode",
        "load_kg",
        "effort",
        "schedule",
    }
    assert not re.match(items["properties"]["tempo"]["pattern"], "3-1-1-2")


def test_the_handout_prints_the_v2_sentence_and_the_mode_steps(context: Context) -> None:
    import io
    import re
    from datetime import date as day

    import pypdf

    from rehab.handout.render import HandoutOptions, render_handout

    protocol = _protocol(
        {
            "exercise": CALF,
            "side": "right",
            "mode": "eccentric",
            "sets": 3,
            "reps": 15,
            "load_kg": 5,
            "schedule": [{"from_week": 2, "reps": 20}],
        }
    )
    pdf = render_handout(
        protocol,
        context.library,
        context.catalog,
        [],
        HandoutOptions(issue_date=day(2026, 11, 21), version="test"),
    )
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "Rise on both feet, lower slowly on your right foot: 3 sets of 15" in text
    assert "with 5 kg added, e.g. in a backpack" in text
    assert "from week 2: 20 each set" in text
    assert "Rise up onto your toes using both feet" in text  # the eccentric steps
    assert "Rise all the way up onto your toes" not in text


def test_a_scheduled_switch_to_daily_loading_is_found(context: Context) -> None:
    protocol = _protocol(
        {
            "exercise": CALF,
            "frequency": "every-other-day",
            "schedule": [{"from_week": 3, "frequency": "daily"}],
        }
    )
    found = [f for f in review(protocol, context) if f.loc[-1] == "frequency"]
    assert [f.message.split(":")[0] for f in found] == ["from week 3"]
