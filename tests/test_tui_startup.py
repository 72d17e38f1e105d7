"""The app's start: the list is drawn before the library loads, actions wait for it, and a
library that cannot be used closes the app with its problems (file, field), exit 1."""

from __future__ import annotations

import argparse
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.screen import Screen
from textual.widgets import OptionList

from rehab.check import Context
from rehab.tui.app import RehabApp, run_app
from rehab.tui.screens.home import HomeScreen
from rehab.tui.screens.library import LibraryScreen
from rehab.tui.screens.protocol import ProtocolScreen
from tests.conftest import ROOT
from tests.pilot_wait import until

SCENARIOS = ROOT / "tests" / "fixtures" / "scenarios"
BUILTIN = ROOT / "rehab" / "data" / "exercises"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "protocols"
    folder.mkdir()
    shutil.copy(SCENARIOS / "hip-posterior-unacknowledged.toml", folder)
    return folder


def _held(context: Context) -> tuple[Callable[[], Context], threading.Event]:
    """A loader that returns `context` only once the test releases it."""
    release = threading.Event()

    def load() -> Context:
        assert release.wait(10), "the test never released the loader"
        return context

    return load, release


def _prompts(app: App[None]) -> list[str]:
    listing = app.screen.query_one("#protocols", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_list_is_drawn_before_the_library_loads(tmp_path: Path, context: Context) -> None:
    load, release = _held(context)
    app = RehabApp(load, _folder(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert _prompts(app) == ["hip-posterior-unacknowledged.toml  (checking...)"]
        with pytest.raises(RuntimeError, match="not loaded yet"):
            _ = app.context
        await pilot.press("enter")  # opening waits for the library, it does not fail
        await until(pilot, lambda: bool(app._notifications))
        assert [n.message for n in app._notifications] == [
            "Loading the exercise library; this goes on as soon as it is ready."
        ]
        assert isinstance(app.screen, HomeScreen)
        release.set()
        await until(pilot, lambda: isinstance(app.screen, ProtocolScreen))
        assert app.context is context
        await pilot.press("escape")
        await until(pilot, lambda: "[2 errors]" in " ".join(_prompts(app)))
        assert _prompts(app) == ["hip-posterior-unacknowledged.toml  Safety scenario  [2 errors]"]


async def test_library_key_before_the_load_opens_it_after(tmp_path: Path, context: Context) -> None:
    load, release = _held(context)
    app = RehabApp(load, _folder(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause(0.05)
        assert isinstance(app.screen, HomeScreen)
        release.set()
        # The screen is on the stack before its widgets are mounted: wait for the list itself
        # (querying it as soon as the screen was pushed failed about 1 run in 2 on a busy CPU).
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, LibraryScreen)
                and _results_count(app.screen) == len(list(BUILTIN.glob("*.toml")))
            ),  # every built-in exercise
        )


def _results_count(screen: Screen[Any]) -> int | None:
    found = list(screen.query("#results").results(OptionList))
    return found[0].option_count if found else None


async def test_quit_while_the_library_loads(tmp_path: Path, context: Context) -> None:
    load, release = _held(context)
    app = RehabApp(load, _folder(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
        await until(pilot, lambda: not app.is_running)
        release.set()
    assert app.return_code == 0 and app.startup_error is None


class _QuitOnMount(RehabApp):
    """Quits in the same turn that pushes the home screen: before the screen's mount runs."""

    def on_mount(self) -> None:
        super().on_mount()
        self.exit()


async def test_quit_before_the_home_screen_has_mounted(tmp_path: Path, context: Context) -> None:
    """The race behind a flaky ctrl+q test (4 runs in 30): the app closed the home screen's
    children before its mount handler ran, which then raised NoMatches and exited with 1."""
    load, release = _held(context)
    app = _QuitOnMount(load, _folder(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: not app.is_running)
    release.set()
    assert app.return_code == 0 and app.startup_error is None


async def test_a_failing_loader_closes_the_app_with_exit_1(tmp_path: Path) -> None:
    def load() -> Context:
        raise ValueError("no library here")

    app = RehabApp(load, _folder(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: not app.is_running)
    assert app.return_code == 1
    assert isinstance(app.startup_error, ValueError)


def test_rehab_with_a_broken_library_prints_its_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`rehab` itself: the app closes, the problems name the file and the field, exit 1."""
    library = tmp_path / "clinic-library"
    library.mkdir()
    (library / "broken.toml").write_text('id = "broken-entry"\nname = "Broken"\n')
    monkeypatch.setenv("REHAB_LIBRARY", str(library))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(RehabApp, "run", lambda self: App.run(self, headless=True))
    code = run_app(argparse.Namespace(library=None, file=None))
    err = capsys.readouterr().err
    assert code == 1
    assert "the exercise library has problems" in err
    assert f"{library / 'broken.toml'}: required key 'summary' is missing (summary)" in err
    assert "Traceback" not in err


async def test_list_check_worker_does_not_spell_out_the_library(
    tmp_path: Path, context: Context
) -> None:
    """Textual describes a worker by the repr of its arguments unless told otherwise; the
    context's repr once spelt out the whole library (25 MB of text with 13,000 entries)."""
    app = RehabApp(context, _folder(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        worker = home.check_all([], context)
        assert len(worker.description) < 100
    assert repr(context.library) == f"<Library of {len(context.library)} exercises>"
