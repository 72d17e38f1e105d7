"""Issue 15, the app's export: it prints what the library says now and what is on screen,
and its dialog neither crashes nor shows the patient's name in a traceback."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from rehab.check import Context
from rehab.storage.library_files import load_catalog, load_library
from rehab.tui.app import RehabApp
from rehab.tui.dialogs.export import ExportDialog, ExportRequest
from rehab.tui.screens.protocol import ProtocolScreen
from tests.conftest import ROOT

EXAMPLE = ROOT / "protocols" / "example-pfp-calf-mobility.toml"
ENTRY = (ROOT / "rehab" / "data" / "exercises" / "floor-calf-raise.toml").read_text()
AN_HOUR_AGO = (time.time_ns() - 3_600 * 10**9,) * 2


@pytest.fixture
def clinic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "protocols").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _app(context: Context, clinic: Path, initial: Path) -> RehabApp:
    return RehabApp(context, clinic / "protocols", initial, exports_dir=clinic / "exports")


async def _settle(pilot: Pilot[Any], n: int = 10) -> None:
    for _ in range(n):
        await pilot.pause()


async def _screen(pilot: Pilot[Any], kind: type) -> Any:
    for _ in range(50):
        await pilot.pause()
        if isinstance(pilot.app.screen, kind):
            return pilot.app.screen
    raise AssertionError(f"{kind.__name__} did not open")


def _messages(app: RehabApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_export_checks_the_clinic_entry_as_its_file_is_now(clinic: Path) -> None:
    """A colleague's `git pull` adds hip-flexion-90 to a clinic exercise while the app is open;
    the app's gate checked the copy it had read at the start and printed the handout."""
    library = clinic / "library"
    library.mkdir()
    entry = library / "clinic-raise.toml"
    entry.write_text(ENTRY.replace('id = "floor-calf-raise"', 'id = "clinic-raise"'))
    os.utime(entry, ns=AN_HOUR_AGO)
    path = clinic / "protocols" / "uses-clinic.toml"
    path.write_text(
        EXAMPLE.read_text()
        .replace('id = "example-pfp-calf-mobility"', 'id = "uses-clinic"')
        .replace(
            '"patellofemoral-pain",', '"patellofemoral-pain",\n    "hip-arthroplasty-posterior",'
        )
        .replace(
            'exercise = "patella-maltracking-calf-stretch"\nside = "both"\nsets = 3\n'
            "hold_seconds = 30",
            'exercise = "clinic-raise"\nside = "both"',
        )
    )
    context = Context(load_library([library]), load_catalog())
    app = _app(context, clinic, path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _screen(pilot, ProtocolScreen)
        assert context.library.get("clinic-raise") is not None  # read, kept in memory
        entry.write_text(
            entry.read_text().replace("components = [", 'components = ["hip-flexion-90", ')
        )
        await pilot.press("x")
        await _settle(pilot)
        assert pilot.app.screen is screen, "the export form opened"
        [refusal] = [m for m in _messages(app) if m.startswith("Not exported")]
        assert "contraindicated with hip-arthroplasty-posterior" in refusal
    assert not (clinic / "exports").exists()


async def test_export_refuses_when_the_file_on_disk_is_not_what_is_on_screen(
    clinic: Path, context: Context
) -> None:
    path = clinic / "protocols" / EXAMPLE.name
    path.write_bytes(EXAMPLE.read_bytes())
    app = _app(context, clinic, path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _screen(pilot, ProtocolScreen)
        path.write_bytes(EXAMPLE.read_bytes().replace(b"sets = 3", b"sets = 9", 1))  # git pull
        await pilot.press("x")
        await _settle(pilot)
        assert pilot.app.screen is screen
        assert any("changed on disk" in m for m in _messages(app))
    assert not (clinic / "exports").exists()


async def test_the_export_worker_prints_nothing_when_the_file_changed_meanwhile(
    clinic: Path, context: Context
) -> None:
    path = clinic / "protocols" / EXAMPLE.name
    path.write_bytes(EXAMPLE.read_bytes())
    app = _app(context, clinic, path)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await _screen(pilot, ProtocolScreen)
        shown = path.read_bytes()
        path.write_bytes(shown.replace(b"sets = 3", b"sets = 9", 1))
        output = clinic / "exports" / "x.pdf"
        editor.run_export(path, shown, context, ExportRequest(output, None, False, None))
        await app.workers.wait_for_complete()
        await _settle(pilot)
        assert any("changed on disk" in m for m in _messages(app))
        assert not output.exists()


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [("#output", "~nosuchuser/x.pdf", "home folder"), ("#start", "9999-12-31", "calendar")],
    ids=["unknown-home", "start-9999-12-31"],
)
async def test_the_export_dialog_does_not_crash(
    clinic: Path, context: Context, field: str, value: str, expected: str
) -> None:
    """Both crashed the app with a traceback whose locals held the patient's name."""
    path = clinic / "protocols" / EXAMPLE.name
    path.write_bytes(EXAMPLE.read_bytes())
    app = _app(context, clinic, path)
    name = "Zelda Quimby-Patient"
    async with app.run_test(size=(100, 30)) as pilot:
        await _screen(pilot, ProtocolScreen)
        await pilot.press("x")
        dialog = await _screen(pilot, ExportDialog)
        dialog.query_one("#patient", Input).value = name
        dialog.query_one(field, Input).value = value
        dialog.query_one("#patient", Input).focus()
        await pilot.press("enter")
        for _ in range(30):  # the form stays open (a problem shown) or the worker reports
            await pilot.pause(0.1)
            if any(expected in m for m in _messages(app)):
                break
        shown = " ".join(_messages(app))
        if isinstance(pilot.app.screen, ExportDialog):  # the form says what is wrong
            shown += str(pilot.app.screen.query_one("#form-error").render())
        assert expected in shown
        assert name not in shown
    assert app.return_code in (None, 0)
    assert not app._exit_renderables


async def test_a_crash_report_shows_no_locals(clinic: Path, context: Context) -> None:
    path = clinic / "protocols" / EXAMPLE.name
    path.write_bytes(EXAMPLE.read_bytes())
    app = _app(context, clinic, path)

    def crash() -> None:
        patient = "".join(["Zel", "da ", "Quimby"])  # built at run time: only a local holds it
        raise RuntimeError(f"boom ({len(patient)})")

    try:
        crash()
    except RuntimeError:
        app._fatal_error()  # what Textual runs for an unhandled exception
    text = "".join(s.text for r in app._exit_renderables for s in r.segments)
    assert "boom" in text and "Zelda" not in text


def test_no_name_in_the_export_worker_or_options_repr() -> None:
    from datetime import date

    from rehab.handout.render import HandoutOptions

    name = "Zelda Quimby-Patient"
    assert name not in repr(ExportRequest(Path("x.pdf"), name, False, None))
    assert name not in repr(HandoutOptions(date(2026, 1, 1), patient=name))
