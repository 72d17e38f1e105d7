"""Waiting in pilot tests for the app to reach a state, shared by every TUI test file.

A fixed number of pauses passed on a quiet machine and failed on a busy one (5 sessions share
2 cores here), and each file grew its own copy with its own count. One helper, bounded by wall
time instead, waits as long as a slow machine needs and no longer than the app takes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from time import monotonic
from typing import Any, TypeVar

from textual.pilot import Pilot

T = TypeVar("T")

PATIENCE_SECONDS = 15.0
"""How long the app may take to get there before the test fails (far above any real wait)."""


async def until(pilot: Pilot[Any], done: Callable[[], T], seconds: float = PATIENCE_SECONDS) -> T:
    """Wait until `done()` is truthy, and return its value.

    Each turn first lets the app handle what is pending, then looks: the worker that a key
    resumed (a dialog's result being applied) has run by then, so the state looked at is the
    settled one. An app that has exited has nothing pending and is looked at as it is.
    """
    deadline = monotonic() + seconds
    while True:
        if pilot.app.is_running:
            await pilot.pause()
        else:
            await asyncio.sleep(0.01)
        value = done()
        if value:
            return value
        if monotonic() > deadline:
            raise AssertionError(f"the app never got there; on {pilot.app.screen!r}")


async def screen_of(pilot: Pilot[Any], screen_type: type[T]) -> T:
    """Wait until the app shows a screen of `screen_type` (a dialog too), and return it."""
    return await until(pilot, lambda: _shown(pilot, screen_type))


def _shown(pilot: Pilot[Any], screen_type: type[T]) -> T | None:
    screen = pilot.app.screen
    return screen if isinstance(screen, screen_type) else None
