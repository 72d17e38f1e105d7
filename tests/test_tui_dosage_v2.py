"""The app's dose form with the version 2 keys: mode (only the entry's), load, effort, and the
week-by-week schedule: a file's schedule kept through an edit, steps added, changed and removed
(each refused at its field when it does not fit), saved to the file and undone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Select, Static

from rehab.check import Context
from rehab.storage.protocol_files import load_protocol
from rehab.tui.app import RehabApp
from rehab.tui.dialogs.dosage import DosageDialog
from rehab.tui.dialogs.schedule_step import ScheduleStepDialog
from rehab.tui.screens.protocol import ProtocolScreen
from rehab.tui.widgets.protocol_tree import ProtocolTree, Target
from tests.pilot_wait import screen_of, until

PROTOCOL = """\
schema_version = 2
id = "dose-form"
title = "Dose form"
clinician = "A. Physio, PT"
created = 2026-11-20
conditions = []

[[phases]]
name = "One"
weeks = 4

[[phases.exercises]]
exercise = "single-leg-calf-raise"
side = "right"
sets = 3
reps = 15
schedule = [{ from_week = 2, reps = 20 }]

[[phases.exercises]]
exercise = "standing-soleus-stretch"
"""


@pytest.fixture
def clinic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "protocols").mkdir()
    (tmp_path / "protocols" / "dose-form.toml").write_text(PROTOCOL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REHAB_CLINICIAN", "A. Physio, PT")
    return tmp_path


def _app(context: Context, clinic: Path) -> RehabApp:
    return RehabApp(
        context,
        clinic / "protocols",
        clinic / "protocols" / "dose-form.toml",
        exports_dir=clinic / "exports",
        templates_dir=clinic / "templates",
    )


async def test_dose_form_sets_mode_load_and_effort_and_keeps_the_schedule(
    clinic: Path, context: Context
) -> None:
    app = _app(context, clinic)
    async with app.run_test(size=(100, 50)) as pilot:
        editor = await screen_of(pilot, ProtocolScreen)
        editor.query_one(ProtocolTree).select(Target("exercise", 0, 0))
        await pilot.press("enter")
        dosage = await screen_of(pilot, DosageDialog)
        mode = dosage.query_one("#field-mode", Select)
        offered = [value for _, value in mode._options]
        assert offered == ["", "eccentric", "isometric"]
        assert _steps(dosage) == ["From week 2: reps 20"]
        mode.value = "eccentric"
        dosage.query_one("#field-load_kg", Input).value = "2.5"
        dosage.query_one("#field-effort", Input).value = "7"
        await pilot.pause()
        assert not dosage.query_one("#apply").disabled
        dosage.query_one("#field-effort", Input).value = "12"
        await pilot.pause()
        assert "between 1 and 10" in str(dosage.query_one("#error-effort", Static).render())
        assert dosage.query_one("#apply").disabled
        dosage.query_one("#field-effort", Input).value = "7"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await screen_of(pilot, ProtocolScreen)
        edited = editor.protocol.phases[0].exercises[0]
        assert (edited.mode, edited.load_kg, edited.effort) == ("eccentric", 2.5, 7)
        assert [(s.from_week, s.reps) for s in edited.schedule or []] == [(2, 20)]


async def test_dose_form_of_an_entry_without_modes_has_no_mode_field(
    clinic: Path, context: Context
) -> None:
    app = _app(context, clinic)
    async with app.run_test(size=(100, 50)) as pilot:
        editor = await screen_of(pilot, ProtocolScreen)
        editor.query_one(ProtocolTree).select(Target("exercise", 0, 1))
        await pilot.press("enter")
        dosage = await screen_of(pilot, DosageDialog)
        assert not dosage.query("#field-mode")
        assert dosage.query("#field-load_kg") and dosage.query("#field-effort")


def _steps(dosage: DosageDialog) -> list[str]:
    """The dose form's list of schedule steps as shown, one line each (warnings after it)."""
    listing = dosage.query_one("#schedule", OptionList)
    if not listing.display:
        return []
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def _shown(dialog: ModalScreen[Any], selector: str) -> str:
    shown = dialog.query_one(selector, Static)
    return str(shown.render()) if shown.display else ""


async def _dose_form(pilot: Pilot[Any], editor: ProtocolScreen, index: int = 0) -> DosageDialog:
    """Open the dose form of exercise `index` of phase 1 as a clinician does: cursor, Enter."""
    assert editor.query_one(ProtocolTree).select(Target("exercise", 0, index))
    await pilot.press("enter")
    return await screen_of(pilot, DosageDialog)


async def _new_step(pilot: Pilot[Any], dosage: DosageDialog) -> ScheduleStepDialog:
    dosage.query_one("#step-add", Button).press()
    return await screen_of(pilot, ScheduleStepDialog)


async def _apply_and_save(pilot: Pilot[Any], editor: ProtocolScreen) -> None:
    """Apply the dose form (ctrl+s), then save the protocol (ctrl+s again)."""
    await pilot.press("ctrl+s")
    await screen_of(pilot, ProtocolScreen)
    await pilot.press("ctrl+s")
    await until(pilot, lambda: not editor.session.dirty)


async def test_a_schedule_step_is_added_typed_in_one_go_and_saved_to_the_file(
    clinic: Path, context: Context
) -> None:
    app = _app(context, clinic)
    async with app.run_test(size=(100, 50)) as pilot:
        editor = await screen_of(pilot, ProtocolScreen)
        dosage = await _dose_form(pilot, editor)
        step = await _new_step(pilot, dosage)
        assert step.focused is step.query_one("#step-from_week")
        # Only the keys a rep exercise done in repetitions can change: no hold, no side or mode.
        assert step.query("#step-reps") and step.query("#step-tempo")
        assert not step.query("#step-hold_seconds") and not step.query("#step-side")
        # The week, Tab past sets to the reps, then the added load further down.
        await pilot.press("4", "tab", "tab", "2", "2")
        step.query_one("#step-load_kg", Input).value = "2.5"
        await pilot.pause()
        assert not step.query_one("#apply", Button).disabled
        await pilot.press("ctrl+s")
        dosage = await screen_of(pilot, DosageDialog)
        assert _steps(dosage) == ["From week 2: reps 20", "From week 4: reps 22, added load 2.5 kg"]
        await _apply_and_save(pilot, editor)
    text = (clinic / "protocols" / "dose-form.toml").read_text(encoding="utf-8")
    assert "{ from_week = 2, reps = 20 }" in text
    assert "{ from_week = 4, reps = 22, load_kg = 2.5 }" in text
    saved = load_protocol(clinic / "protocols" / "dose-form.toml").protocol
    assert saved is not None
    steps = saved.phases[0].exercises[0].schedule or []
    assert [(s.from_week, s.reps, s.load_kg) for s in steps] == [(2, 20, None), (4, 22, 2.5)]


async def test_a_step_out_of_range_warns_in_the_form_and_in_the_findings(
    clinic: Path, context: Context
) -> None:
    app = _app(context, clinic)
    async with app.run_test(size=(100, 50)) as pilot:
        editor = await screen_of(pilot, ProtocolScreen)
        dosage = await _dose_form(pilot, editor)
        step = await _new_step(pilot, dosage)
        await pilot.press("3", "tab", "tab", "4", "0")
        # At the field, as the dose form warns about week 1 (the single-leg raise: 5-25 reps).
        hint = _shown(step, "#step-hint-reps")
        assert "▲ from week 3: reps 40" in hint and "above the sensible range 5-25" in hint
        assert not step.query_one("#apply", Button).disabled  # a warning, not a refusal
        await pilot.press("ctrl+s")
        dosage = await screen_of(pilot, DosageDialog)
        assert "▲ from week 3: reps 40" in _steps(dosage)[1]
        await pilot.press("ctrl+s")
        await screen_of(pilot, ProtocolScreen)
        warnings = [
            f.message for f in editor.session.findings() if f.code.value == "dose-out-of-range"
        ]
        assert any(m.startswith("from week 3: reps 40") for m in warnings)


async def test_a_schedule_step_is_changed_from_the_list(clinic: Path, context: Context) -> None:
    app = _app(context, clinic)
    async with app.run_test(size=(100, 50)) as pilot:
        editor = await screen_of(pilot, ProtocolScreen)
        dosage = await _dose_form(pilot, editor)
        dosage.query_one("#schedule", OptionList).focus()
        await pilot.press("enter")  # Enter on a step edits it
        step = await screen_of(pilot, ScheduleStepDialog)
        assert step.query_one("#step-from_week", Input).value == "2"
        assert step.query_one("#step-reps", Input).value == "20"
        step.query_one("#step-from_week", Input).value = "3"
        step.query_one("#step-reps", Input).value = "18"
        await pilot.pause()
        await pilot.press("ctrl+s")
        dosage = await screen_of(pilot, DosageDialog)
        assert _steps(dosage) == ["From week 3: reps 18"]
        await _apply_and_save(pilot, editor)
    saved = load_protocol(clinic / "protocols" / "dose-form.toml").protocol
    assert saved is not None
    assert [(s.from_week, s.reps) for s in saved.phases[0].exercises[0].schedule or []] == [(3, 18)]


async def test_removing_the_last_step_drops_the_schedule_and_ctrl_z_brings_it_back(
    clinic: Path, context: Context
) -> None:
    app = _app(context, clinic)
    async with app.run_test(size=(100, 50)) as pilot:
        editor = await screen_of(pilot, ProtocolScreen)
        dosage = await _dose_form(pilot, editor)
        dosage.query_one("#step-remove", Button).press()
        await pilot.pause()
        assert _steps(dosage) == []
        assert dosage.query_one("#step-edit", Button).disabled
        await pilot.press("ctrl+s")
        await screen_of(pilot, ProtocolScreen)
        assert editor.protocol.phases[0].exercises[0].schedule is None
        await pilot.press("ctrl+z")  # the whole dose edit is one step of undo
        await pilot.pause()
        kept = editor.protocol.phases[0].exercises[0].schedule or []
        assert [(s.from_week, s.reps) for s in kept] == [(2, 20)]
        assert not editor.session.dirty


@pytest.mark.parametrize(
    ("week", "refusal"),
    [
        ("5", "From week must be between 2 and 4: the phase has 4 weeks"),
        ("1", "From week must be 2 or later: week 1 is the dose in the form above"),
        ("2", "From week 2 already has a step: edit that step instead"),
        ("x", "From week must be a whole number such as 3, got 'x'"),
    ],
)
async def test_a_bad_from_week_is_refused_at_the_field(
    clinic: Path, context: Context, week: str, refusal: str
) -> None:
    app = _app(context, clinic)
    async with app.run_test(size=(100, 50)) as pilot:
        editor = await screen_of(pilot, ProtocolScreen)
        dosage = await _dose_form(pilot, editor)
        step = await _new_step(pilot, dosage)
        await pilot.press(week, "tab", "tab", "2", "2")
        assert _shown(step, "#step-error-from_week") == refusal
        assert step.query_one("#apply", Button).disabled
        await pilot.press("ctrl+s")  # refused: the step form stays open, the list unchanged
        await pilot.pause()
        assert app.screen is step
        await pilot.press("escape")
        dosage = await screen_of(pilot, DosageDialog)
        assert _steps(dosage) == ["From week 2: reps 20"]


async def test_a_step_that_no_longer_fits_the_mode_is_refused_at_the_schedule(
    clinic: Path, context: Context
) -> None:
    """Held still (isometric), the raise has no tempo: a step with one stops Apply, and the
    step form under that mode offers the hold's length instead of the tempo."""
    app = _app(context, clinic)
    async with app.run_test(size=(100, 50)) as pilot:
        editor = await screen_of(pilot, ProtocolScreen)
        dosage = await _dose_form(pilot, editor)
        step = await _new_step(pilot, dosage)
        await pilot.press("3")
        step.query_one("#step-tempo", Input).value = "3-0-3"
        await pilot.pause()
        await pilot.press("ctrl+s")
        dosage = await screen_of(pilot, DosageDialog)
        dosage.query_one("#field-mode", Select).value = "isometric"
        dosage.query_one("#field-hold_seconds", Input).value = "30"
        await pilot.pause()
        assert "step from week 3" in _shown(dosage, "#error-schedule")
        assert "tempo does not apply" in _shown(dosage, "#error-schedule")
        assert dosage.query_one("#apply", Button).disabled
        step = await _new_step(pilot, dosage)
        assert step.query("#step-hold_seconds") and not step.query("#step-tempo")


async def test_a_one_week_phase_offers_no_schedule_step(clinic: Path, context: Context) -> None:
    path = clinic / "protocols" / "dose-form.toml"
    one_week = PROTOCOL.replace("weeks = 4", "weeks = 1")
    path.write_text(one_week.replace("schedule = [{ from_week = 2, reps = 20 }]\n", ""), "utf-8")
    app = _app(context, clinic)
    async with app.run_test(size=(100, 50)) as pilot:
        editor = await screen_of(pilot, ProtocolScreen)
        dosage = await _dose_form(pilot, editor)
        assert dosage.query_one("#step-add", Button).disabled
        assert "The phase has 1 week: lengthen it" in _shown(dosage, "#schedule-hint")
