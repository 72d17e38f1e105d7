"""Quitting while a slow library is still loading closes the app at once (issue 19).

The load used to run in asyncio's default executor, which the event loop joins on exit: a
clinic library's first load (seconds for 13,000 entries) held the quit until it finished.
Here the loader never finishes on its own; the app must still exit.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import ROOT

SCRIPT = textwrap.dedent(
    """
    import asyncio, threading
    from pathlib import Path
    from rehab.tui.app import RehabApp

    never = threading.Event()

    def load():
        never.wait()  # a library load that outlasts the session

    async def main():
        app = RehabApp(load, Path("protocols"))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.3)
            await pilot.press("ctrl+q")
            await pilot.pause(0.2)
            assert not app.is_running, "ctrl+q did not close the app"
        print("closed")

    asyncio.run(main())
    """
)


def test_quit_during_a_library_load_that_never_ends() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,  # before the fix asyncio.run() waited for the loader: forever
    )
    assert proc.returncode == 0, proc.stderr
    assert "closed" in proc.stdout
