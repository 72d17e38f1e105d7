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


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_tree_with_long_dose_sentences(
    snap_compare: Any, app: RehabApp, size: tuple[int, int]
) -> None:
    """Dose sentences longer than the tree end in "…" at both sizes, never mid-word bare."""
    assert snap_compare(app, terminal_size=size, press=["down", "enter"])


def test_conditions_picker_without_colour(
    snap_compare: Any, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under NO_COLOR=1 ticked and unticked rows differ in text: "[x]" and "[ ]"."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
    app = RehabApp(context, Path("protocols"))

    async def tick_one(pilot: Pilot[Any]) -> None:
        # The hip example lists hip-arthroplasty-posterior: tick the condition beside it too.
        await _keys_then_still("enter", "c", *"hip", "down")(pilot)
        await pilot.press("backspace", "backspace", "backspace", "down", "space")
        await _no_blink(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=tick_one)
