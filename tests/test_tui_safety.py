"""The app follows the v2 engine: k answers a phase (or more), precautions can be answered,
a referral is a banner that says what to do instead, and conditions get a side and weeks."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Select, Static, TextArea

from rehab.check import Context
from rehab.domain.conditions import Catalog
from rehab.domain.protocol import Protocol
from rehab.storage.library_files import load_library
from rehab.storage.protocol_files import load_protocol, save_protocol
from rehab.tui.app import RehabApp
from rehab.tui.dialogs.acknowledge import AcknowledgeDialog
from rehab.tui.dialogs.condition_scope import ConditionScopeDialog
from rehab.tui.screens.protocol import ProtocolScreen
from rehab.tui.widgets.protocol_tree import ProtocolTree, Target
from rehab.tui.widgets.tick_list import TickList
from tests.pilot_wait import until
from tests.test_safety_scope import FLAGS, REFERRAL, REPAIR, SL, UNSIDED


@pytest.fixture(scope="module")
def ctx() -> Context:
    catalog = Catalog.model_validate(
        {"red_flags": FLAGS, "conditions": [REPAIR, REFERRAL, UNSIDED]}
    )
    return Context(load_library(), catalog)


def _file(tmp_path: Path, conditions: list[Any], phases: int = 2) -> Path:
    folder = tmp_path / "protocols"
    folder.mkdir(exist_ok=True)
    protocol = Protocol.model_validate(
        {
            "schema_version": 2,
            "id": "tui-safety",
            "title": "TUI safety",
            "clinician": "A. Example, PT",
            "created": date(2026, 12, 1),
            "conditions": conditions,
            "phases": [
                {"name": f"Phase {n}", "weeks": 2, "exercises": [{"exercise": SL}]}
                for n in range(1, phases + 1)
            ],
        }
    )
    path = folder / "tui-safety.toml"
    save_protocol(protocol, path)
    return path


def _app(ctx: Context, path: Path, tmp_path: Path) -> RehabApp:
    return RehabApp(ctx, path.parent, path, exports_dir=tmp_path / "exports")


async def test_k_acknowledges_the_phase_under_the_cursor_and_ticked_ones(
    ctx: Context, tmp_path: Path
) -> None:
    path = _file(tmp_path, [{"code": "test-repair", "weeks_since_onset": 0}], phases=3)
    app = _app(ctx, path, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await until(pilot, lambda: isinstance(app.screen, ProtocolScreen) and app.screen)
        assert editor.query_one(ProtocolTree).select(Target("exercise", 1, 0))
        await pilot.press("k")
        dialog = await until(
            pilot, lambda: isinstance(app.screen, AcknowledgeDialog) and app.screen
        )
        phases = dialog.query_one("#phases", TickList)
        assert phases.selected == [2]  # the phase under the cursor
        # Ticks read as text, so they read without colour too (NO_COLOR=1).
        prompts = [str(phases.get_option_at_index(i).prompt) for i in range(3)]
        assert prompts == ["[ ] Phase 1: Phase 1", "[x] Phase 2: Phase 2", "[ ] Phase 3: Phase 3"]
        dialog.query_one("#reason", TextArea).text = "Surgeon allows it from here."
        phases.focus()
        phases.highlighted = 2
        await pilot.press("space")  # phase 3 holds the exercise too (weeks 4-6: still absolute)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ProtocolScreen))
        [ack] = editor.protocol.acknowledged
        assert ack.phases == [2, 3]
        codes = {(f.code.value, f.phase) for f in editor.session.findings()}
        assert ("contraindicated", 1) in codes  # phase 1 is still flagged
        assert ("acknowledged", 2) in codes and ("acknowledged", 3) in codes
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = load_protocol(path)
    assert saved.protocol is not None and saved.protocol.acknowledged[0].phases == [2, 3]


async def test_k_answers_a_precaution(ctx: Context, tmp_path: Path) -> None:
    path = _file(tmp_path, ["test-unsided"], phases=1)
    app = _app(ctx, path, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await until(pilot, lambda: isinstance(app.screen, ProtocolScreen) and app.screen)
        assert editor.query_one(ProtocolTree).select(Target("exercise", 0, 0))
        await pilot.press("k")
        dialog = await until(
            pilot, lambda: isinstance(app.screen, AcknowledgeDialog) and app.screen
        )
        assert dialog.heading == "Answer a precaution"
        dialog.query_one("#reason", TextArea).text = "Holds the kitchen counter with both hands."
        await pilot.pause()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ProtocolScreen))
        assert not [f for f in editor.session.findings() if f.severity.value == "warning"]


async def test_a_referral_shows_a_banner_and_cannot_be_acknowledged(
    ctx: Context, tmp_path: Path
) -> None:
    path = _file(tmp_path, ["test-referral"], phases=1)
    app = _app(ctx, path, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await until(pilot, lambda: isinstance(app.screen, ProtocolScreen) and app.screen)
        banner = editor.query_one("#referral-banner", Static)
        assert banner.display
        text = str(banner.render())
        assert "REFER, DO NOT EXERCISE: test-referral" in text
        assert "same-day medical assessment" in text
        assert editor.query_one(ProtocolTree).select(Target("exercise", 0, 0))
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, ProtocolScreen)  # nothing to answer
        assert "Only a contraindication or a precaution" in list(app._notifications)[-1].message


async def test_side_and_weeks_since_onset_are_set_in_the_app(ctx: Context, tmp_path: Path) -> None:
    path = _file(tmp_path, ["test-repair", "test-unsided"], phases=1)
    app = _app(ctx, path, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await until(pilot, lambda: isinstance(app.screen, ProtocolScreen) and app.screen)
        await pilot.press("o")
        dialog = await until(
            pilot, lambda: isinstance(app.screen, ConditionScopeDialog) and app.screen
        )
        assert not list(dialog.query("#side-1"))  # test-unsided has no side
        dialog.query_one("#side-0", Select).value = "left"
        dialog.query_one("#weeks-0", Input).value = "20"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ProtocolScreen))
        entry = editor.protocol.conditions[0]
        assert (entry.side, entry.weeks_since_onset) == ("left", 20)
        # Week 20 is past every window of test-repair: the raise is no longer flagged.
        assert not [f for f in editor.session.findings() if f.condition == "test-repair"]


async def test_details_set_the_start_and_the_pain_limit(ctx: Context, tmp_path: Path) -> None:
    from rehab.tui.dialogs.details import DetailsDialog

    path = _file(tmp_path, ["test-unsided"], phases=1)
    app = _app(ctx, path, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await until(pilot, lambda: isinstance(app.screen, ProtocolScreen) and app.screen)
        assert editor.query_one(ProtocolTree).select(Target("details"))
        await pilot.press("enter")
        dialog = await until(pilot, lambda: isinstance(app.screen, DetailsDialog) and app.screen)
        dialog.query_one("#starts", Input).value = "2026-12-07"
        dialog.query_one("#pain-limit", Input).value = "6"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ProtocolScreen))
        assert (editor.protocol.starts, editor.protocol.pain_limit) == (date(2026, 12, 7), 6)
        # 6 is above test-unsided's limit of 5.
        assert "pain-limit" in {f.code.value for f in editor.session.findings()}


async def test_an_old_condition_code_is_ticked_under_its_current_code(
    context: Context, tmp_path: Path
) -> None:
    """A file with achilles-repair-early (an alias) shows achilles-repair ticked; applying the
    picker keeps one condition with its side and weeks, under the current code."""
    from rehab.tui.dialogs.conditions import ConditionsDialog

    path = _file(
        tmp_path, [{"code": "achilles-repair-early", "side": "right", "weeks_since_onset": 9}]
    )
    app = _app(context, path, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await until(pilot, lambda: isinstance(app.screen, ProtocolScreen) and app.screen)
        await pilot.press("c")
        dialog = await until(pilot, lambda: isinstance(app.screen, ConditionsDialog) and app.screen)
        assert dialog.chosen == ["achilles-repair"]
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ProtocolScreen))
        [entry] = editor.protocol.conditions
        assert (entry.code, entry.side, entry.weeks_since_onset) == ("achilles-repair", "right", 9)
