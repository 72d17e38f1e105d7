"""The app's dose form with the version 2 keys: mode (only the entry's), load, effort, and a
file's schedule kept through an edit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from rehab.check import Context
from rehab.tui.app import RehabApp
from rehab.tui.dialogs.dosage import DosageDialog
from rehab.tui.screens.protocol import ProtocolScreen
from rehab.tui.widgets.protocol_tree import ProtocolTree, Target

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


async def _wait_for(pilot: Pilot[Any], screen_type: type, tries: int = 60) -> Any:
    for _ in range(tries):
        await pilot.pause()
        if isinstance(pilot.app.screen, screen_type):
            return pilot.app.screen
    raise AssertionError(f"{screen_type.__name__} did not open; on {pilot.app.screen!r}")


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
        editor = await _wait_for(pilot, ProtocolScreen)
        editor.query_one(ProtocolTree).select(Target("exercise", 0, 0))
        await pilot.press("enter")
        dosage = await _wait_for(pilot, DosageDialog)
        mode = dosage.query_one("#field-mode", Select)
        offered = [value for _, value in mode._options]
        assert offered == ["", "eccentric", "isometric"]
        assert "from week 2" in str(dosage.query_one("#schedule-note", Static).render())
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
        await _wait_for(pilot, ProtocolScreen)
        edited = editor.protocol.phases[0].exercises[0]
        assert (edited.mode, edited.load_kg, edited.effort) == ("eccentric", 2.5, 7)
        assert [(s.from_week, s.reps) for s in edited.schedule or []] == [(2, 20)]


async def test_dose_form_of_an_entry_without_modes_has_no_mode_field(
    clinic: Path, context: Context
) -> None:
    app = _app(context, clinic)
    async with app.run_test(size=(100, 50)) as pilot:
        editor = await _wait_for(pilot, ProtocolScreen)
        editor.query_one(ProtocolTree).select(Target("exercise", 0, 1))
        await pilot.press("enter")
        dosage = await _wait_for(pilot, DosageDialog)
        assert not dosage.query("#field-mode")
        assert dosage.query("#field-load_kg") and dosage.query("#field-effort")
