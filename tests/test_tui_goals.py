"""The app's phase dialog with measurable goals: shown as one line each, applied unchanged,
and a line typed in the same form becomes a measurable goal (issue 18 item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Static, TextArea

from rehab.check import Context
from rehab.domain.goals import MeasureGoal
from rehab.tui.dialogs.phase import PhaseDialog
from rehab.tui.screens.protocol import ProtocolScreen
from rehab.tui.widgets.protocol_tree import ProtocolTree, Target
from tests.conftest import ROOT
from tests.test_tui_editor import _app, _wait_for

TEMPLATE = ROOT / "templates" / "achilles-midportion-alfredson.toml"


@pytest.fixture
def clinic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "protocols").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REHAB_CLINICIAN", "A. Physio, PT")
    (tmp_path / "protocols" / TEMPLATE.name).write_bytes(TEMPLATE.read_bytes())
    return tmp_path


async def _open_phase(pilot: object, editor: ProtocolScreen, phase: int) -> PhaseDialog:
    editor.query_one(ProtocolTree).select(Target("phase", phase))
    editor.action_edit()
    return await _wait_for(pilot, PhaseDialog)  # type: ignore[arg-type]


async def test_measurable_goals_show_as_lines_and_apply_unchanged(
    clinic: Path, context: Context
) -> None:
    app = _app(context, clinic, clinic / "protocols" / TEMPLATE.name)
    async with app.run_test(size=(100, 40)) as pilot:
        editor = await _wait_for(pilot, ProtocolScreen)
        before = editor.session.protocol
        assert before is not None
        dialog = await _open_phase(pilot, editor, 1)
        assert dialog.query_one("#goals", TextArea).text == (
            "heel-raise-count right >= 25 rises\npain <= 2 out of 10"
        )
        dialog.query_one("#apply", Button).press()
        await _wait_for(pilot, ProtocolScreen)
        await pilot.pause()
        after = editor.session.protocol
        assert after is not None and after.phases == before.phases


async def test_a_typed_measure_line_becomes_a_goal_and_a_bad_target_is_shown(
    clinic: Path, context: Context
) -> None:
    app = _app(context, clinic, clinic / "protocols" / TEMPLATE.name)
    async with app.run_test(size=(100, 40)) as pilot:
        editor = await _wait_for(pilot, ProtocolScreen)
        dialog = await _open_phase(pilot, editor, 1)
        goals = dialog.query_one("#goals", TextArea)
        goals.text = "pain <= 12"
        await pilot.pause()
        error = str(dialog.query_one("#form-error", Static).render())
        assert "between 0 and 10" in error
        assert dialog.query_one("#apply", Button).disabled
        goals.text = "heel-raise-count left >= 20 | Twenty rises on the left foot"
        await pilot.pause()
        dialog.query_one("#apply", Button).press()
        await _wait_for(pilot, ProtocolScreen)
        await pilot.pause()
        after = editor.session.protocol
        assert after is not None
        assert after.phases[1].goals == [
            MeasureGoal(
                measure="heel-raise-count",
                target=20,
                side="left",
                text="Twenty rises on the left foot",
            )
        ]
