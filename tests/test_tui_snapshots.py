"""Snapshots of the main screens at 80x24 on the shipped example protocols.

Update after an intended change with `pytest tests/test_tui_snapshots.py --snapshot-update`
and look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from rehab.check import Context
from rehab.tui.app import RehabApp
from tests.conftest import ROOT


@pytest.fixture
def app(context: Context, monkeypatch: pytest.MonkeyPatch) -> RehabApp:
    monkeypatch.chdir(ROOT)
    return RehabApp(context, Path("protocols"))


async def _no_blink(pilot: Pilot[Any]) -> None:
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


def _keys_then_still(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Press keys (opening dialogs), then stop every cursor blinking so the image is stable."""

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        for _ in range(3):
            await pilot.pause()
        await _no_blink(pilot)

    return run


async def _checked(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_home_screen(snap_compare: Any, app: RehabApp) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=_checked)


def test_protocol_screen(snap_compare: Any, app: RehabApp) -> None:
    assert snap_compare(app, terminal_size=(80, 24), press=["down", "enter"])


def test_library_screen(snap_compare: Any, app: RehabApp) -> None:
    assert snap_compare(
        app, terminal_size=(80, 24), press=["l", *"calf raise"], run_before=_no_blink
    )


def test_dosage_dialog(snap_compare: Any, app: RehabApp) -> None:
    # Open the first protocol, move to its first exercise and open the dosage form.
    keys = ["enter", "down", "down", "down", "down", "enter"]
    assert snap_compare(app, terminal_size=(80, 24), run_before=_keys_then_still(*keys))


def test_conditions_dialog(snap_compare: Any, app: RehabApp) -> None:
    keys = ["enter", "c", *"hip"]
    assert snap_compare(app, terminal_size=(80, 24), run_before=_keys_then_still(*keys))
