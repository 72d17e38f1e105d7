"""Issue 17 item 6: the app's export prints the profile `rehab export` prints, and the
commands that set a clinic up (`rehab new --clinic`, `rehab clinic init`, `rehab clinic`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rehab.check import Context
from rehab.domain.clinic import ClinicProfile
from rehab.handout.render import HandoutOptions
from rehab.storage.clinic_files import clinic_for
from tests.conftest import ROOT, Result
from tests.pilot_wait import screen_of
from tests.test_clinic_profile import EXAMPLE, PATIENT, profile_text, rendered, repo

__all__ = ["rendered", "repo"]  # fixtures shared with the storage tests


# -- the app's export ------------------------------------------------------------------------


async def _screen(pilot: Any, kind: type) -> Any:
    return await screen_of(pilot, kind)  # waits by wall time, not by a count of pauses


@pytest.fixture
def app_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clinic folder outside any repository, the app started in it (as `rehab`)."""
    (tmp_path / "protocols").mkdir()
    (tmp_path / "protocols" / EXAMPLE.name).write_bytes(EXAMPLE.read_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _rehab_app(context: Context, folder: Path) -> Any:
    from rehab.tui.app import RehabApp

    return RehabApp(
        context,
        folder / "protocols",
        folder / "protocols" / EXAMPLE.name,
        exports_dir=folder / "exports",
    )


async def test_the_app_s_export_prints_the_same_profile_as_the_command(
    app_folder: Path, context: Context, rendered: list[HandoutOptions]
) -> None:
    from rehab.tui.dialogs.export import ExportDialog
    from rehab.tui.screens.protocol import ProtocolScreen

    (app_folder / "clinic.toml").write_text(profile_text("Northside", emergency_number="112"))
    app = _rehab_app(context, app_folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await _screen(pilot, ProtocolScreen)
        await pilot.press("x")
        dialog = await _screen(pilot, ExportDialog)
        shown = str(dialog.query_one("#clinic").render())
        assert shown == "Clinic on the handout: Example Physiotherapy, phone 020 7946 0000"
        await pilot.press(*PATIENT, "enter")
        await _screen(pilot, ProtocolScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
    assert any("Handout written to" in m for m in messages), messages
    assert rendered[-1].clinic == ClinicProfile(
        name="Example Physiotherapy", phone="020 7946 0000", emergency_number="112"
    )
    assert (app_folder / "exports" / "example-pfp-calf-mobility.pdf").exists()


async def test_the_app_refuses_a_bad_profile_before_the_form_naming_line_and_field(
    app_folder: Path, context: Context
) -> None:
    from rehab.tui.screens.protocol import ProtocolScreen

    (app_folder / "clinic.toml").write_text(profile_text("Northside", "ring us"))
    app = _rehab_app(context, app_folder)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _screen(pilot, ProtocolScreen)
        await pilot.press("x")
        for _ in range(10):
            await pilot.pause()
        assert pilot.app.screen is screen  # no form for an export that cannot happen
        messages = [str(n.message) for n in app._notifications]
    [refusal] = [m for m in messages if m.startswith("Not exported")]
    assert "clinic profile clinic.toml:2: phone: must be a phone number" in refusal
    assert not (app_folder / "exports").exists()


async def test_the_app_s_export_worker_writes_nothing_when_the_profile_broke_meanwhile(
    app_folder: Path, context: Context
) -> None:
    from rehab.tui.dialogs.export import ExportRequest
    from rehab.tui.screens.protocol import ProtocolScreen

    (app_folder / "clinic.toml").write_text(profile_text("Northside", "ring us"))
    path = app_folder / "protocols" / EXAMPLE.name
    output = app_folder / "exports" / "x.pdf"
    app = _rehab_app(context, app_folder)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await _screen(pilot, ProtocolScreen)
        editor.run_export(
            path, path.read_bytes(), context, ExportRequest(output, None, False, None)
        )
        await app.workers.wait_for_complete()
        for _ in range(5):
            await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
    assert any("clinic.toml:2: phone" in m for m in messages), messages
    assert not output.exists()


# -- rehab new --clinic, rehab clinic --------------------------------------------------------


def test_new_with_clinic_sets_the_protocol_s_clinic_name_and_says_who_patients_call(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    created = cli(
        "new", "knee-one", "--clinician", "A. Physio, PT", "--clinic", "North Physio", cwd=tmp_path
    )
    assert created.code == 0, created.err
    text = (tmp_path / "protocols" / "knee-one.toml").read_text()
    assert 'clinic = "North Physio"' in text
    assert "no clinic profile yet" in created.out and "rehab clinic init" in created.out
    (tmp_path / "clinic.toml").write_text(profile_text("North Physio", "0161 496 0000"))
    again = cli("new", "knee-two", "--clinician", "A. Physio, PT", cwd=tmp_path)
    assert "handouts give 0161 496 0000 to call (clinic.toml)" in again.out
    (tmp_path / "clinic.toml").write_text(profile_text("North Physio", "ring us"))
    broken = cli("new", "knee-three", "--clinician", "A. Physio, PT", cwd=tmp_path)
    assert broken.code == 0 and "clinic.toml:2: phone" in broken.out


def test_new_refuses_a_file_name_as_the_clinic_name(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    result = cli("new", "knee-one", "--clinician", "A", "--clinic", "clinic.toml", cwd=tmp_path)
    assert result.code == 2 and "the clinic's name" in result.err
    assert not (tmp_path / "protocols" / "knee-one.toml").exists()


def test_clinic_init_writes_a_valid_commented_profile_where_export_looks(
    repo: Path, cli: Callable[..., Result]
) -> None:
    (repo / "protocols" / "sub").mkdir()
    made = cli(
        "clinic",
        "init",
        "--name",
        "North Physio",
        "--phone",
        "+44 20 7946 0000",
        "--emergency-number",
        "999",
        cwd=repo / "protocols" / "sub",
    )
    assert made.code == 0, made.err
    assert "+44 20 7946 0000" in made.out
    written = repo / "clinic.toml"  # the repository root, not the current folder
    assert "# out_of_hours = " in written.read_text()
    assert clinic_for(repo / "protocols" / EXAMPLE.name, environ={}) == ClinicProfile(
        name="North Physio", phone="+44 20 7946 0000", emergency_number="999"
    )
    before = written.read_bytes()
    again = cli("clinic", "init", "--name", "X", "--phone", "020 7946 0001", cwd=repo)
    assert again.code == 1 and "already exists" in again.err
    assert written.read_bytes() == before
    shown = cli("clinic", cwd=repo)
    assert shown.code == 0 and "phone = +44 20 7946 0000" in shown.out


def test_clinic_init_checks_its_values_and_needs_a_phone(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    no_phone = cli("clinic", "init", "--name", "North", cwd=tmp_path)
    assert no_phone.code == 2 and "--phone" in no_phone.err
    bad = cli("clinic", "init", "--name", "North", "--phone", "ring us", cwd=tmp_path)
    assert bad.code == 2 and "--phone: must be a phone number" in bad.err
    assert not (tmp_path / "clinic.toml").exists()


def test_clinic_show_exits_2_for_a_bad_profile_like_export(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    assert "no clinic profile" in cli("clinic", cwd=tmp_path).out
    (tmp_path / "clinic.toml").write_text('name = "North"\nphone = 20\n')
    shown = cli("clinic", cwd=tmp_path)
    assert shown.code == 2 and "clinic.toml:2: phone: expected text in quotes" in shown.err


def test_the_readme_s_clinic_step_copied_unfilled_writes_nothing(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """The README's `rehab clinic init` has placeholders for the clinic's own values: run as
    it stands, it must refuse rather than write a profile with no real number in it."""
    import shlex

    readme = (ROOT / "README.md").read_text("utf-8")
    [line] = [x for x in readme.splitlines() if " clinic init " in x]
    args = shlex.split(line)[1:]
    assert args[:2] == ["clinic", "init"]
    result = cli(*args, cwd=tmp_path)
    assert result.code == 2 and "--phone" in result.err
    assert not (tmp_path / "clinic.toml").exists()


def test_the_clinic_doc_lists_every_key_and_its_example_is_a_valid_profile() -> None:
    import re
    import tomllib

    text = (ROOT / "docs" / "clinic.md").read_text("utf-8")
    keys = text.split("## Keys", 1)[1].split("##", 1)[0]
    rows = dict(re.findall(r"^\| `([a-z_]+)` \| (yes|no) \|", keys, re.M))
    fields = ClinicProfile.model_fields
    assert set(rows) == set(fields)
    assert {k for k, needed in rows.items() if needed == "yes"} == {
        k for k, f in fields.items() if f.is_required()
    }
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    profile = ClinicProfile.model_validate(tomllib.loads(example))
    assert profile.phone == "020 7946 0000"  # a reserved fictional number (Ofcom)
