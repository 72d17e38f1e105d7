"""Issue 17 item 6, the clinic profile's plumbing (docs/clinic.md): which clinic.toml applies,
how a bad one is refused (file, line, field, exit 2, nothing written), its logo, and that
every export (command line, batch, app) hands the handout the same profile."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import rehab.export
from rehab.check import Context
from rehab.domain.clinic import ClinicProfile
from rehab.export import export_file
from rehab.handout.render import HandoutOptions
from rehab.storage.clinic_files import (
    CLINIC_ENV,
    ClinicProblem,
    ClinicSource,
    clinic_for,
    find_clinic,
    load_clinic,
)
from tests.conftest import ROOT, Result

EXAMPLE = ROOT / "protocols" / "example-pfp-calf-mobility.toml"  # clinic = "Example Physio..."
PATIENT = "Zebedee Quartermaine-Okonkwo"
EXAMPLE_DATE = date(2026, 11, 21)


def profile_text(name: str, phone: str = "020 7946 0000", **more: str) -> str:
    lines = [f'name = "{name}"', f'phone = "{phone}"']
    lines += [f'{key} = "{value}"' for key, value in more.items()]
    return "\n".join(lines) + "\n"


def png(width: int = 300, height: int = 100) -> bytes:
    """A real (grey, blank) PNG of the given size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def jpeg_header(width: int = 300, height: int = 100) -> bytes:
    """The start of a baseline JPEG (what the size check reads)."""
    return b"\xff\xd8\xff\xc0\x00\x11\x08" + struct.pack(">HH", height, width) + b"\x00" * 64


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A clinic repository (a `.git` is all the look-up needs) with one protocol."""
    root = tmp_path / "clinic-repo"
    (root / ".git").mkdir(parents=True)
    (root / "protocols").mkdir()
    (root / "protocols" / EXAMPLE.name).write_bytes(EXAMPLE.read_bytes())
    return root


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[HandoutOptions]:
    """The options every handout was rendered with (the real renderer still runs)."""
    seen: list[HandoutOptions] = []
    real = rehab.export.render_handout_checked

    def spy(*args: Any) -> Any:
        seen.append(args[-1])
        return real(*args)

    monkeypatch.setattr(rehab.export, "render_handout_checked", spy)
    return seen


# -- which file applies ----------------------------------------------------------------------


def test_flag_beats_the_variable_which_beats_the_repository_file(
    repo: Path,
    tmp_path: Path,
    cli: Callable[..., Result],
    rendered: list[HandoutOptions],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (repo / "clinic.toml").write_text(profile_text("Repo Clinic", "020 7946 0001"))
    env_file = tmp_path / "env-clinic.toml"
    env_file.write_text(profile_text("Env Clinic", "020 7946 0002"))
    flag_file = tmp_path / "flag-clinic.toml"
    flag_file.write_text(profile_text("Flag Clinic", "020 7946 0003"))
    protocol = repo / "protocols" / EXAMPLE.name
    out = tmp_path / "out.pdf"

    def phone(*extra: str) -> str:
        result = cli("export", str(protocol), "-o", str(out), *extra, cwd=tmp_path)
        assert result.code == 0, result.err
        clinic = rendered[-1].clinic
        assert clinic is not None
        return clinic.phone

    assert phone() == "020 7946 0001"  # the repository's clinic.toml
    monkeypatch.setenv(CLINIC_ENV, str(env_file))
    assert phone() == "020 7946 0002"  # REHAB_CLINIC beats it
    assert phone("--clinic", str(flag_file)) == "020 7946 0003"  # --clinic beats both


def test_the_repository_root_is_found_from_a_nested_folder_and_a_git_file(tmp_path: Path) -> None:
    worktree = tmp_path / "wt"
    (worktree / "protocols" / "knees" / "2026").mkdir(parents=True)
    (worktree / ".git").write_text("gitdir: /elsewhere/.git/worktrees/wt\n")  # a worktree
    (worktree / "clinic.toml").write_text(profile_text("Worktree Clinic"))
    found = find_clinic(worktree / "protocols" / "knees" / "2026", environ={})
    assert found == ClinicSource(worktree / "clinic.toml", "repository")


def test_a_clinic_toml_inside_the_repository_but_not_at_its_root_is_not_used(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "protocols" / "clinic.toml").write_text(profile_text("Stray"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "clinic.toml").write_text(profile_text("Current Folder"))
    assert find_clinic(repo / "protocols", environ={}) is None


def test_outside_a_repository_the_current_folder_s_clinic_toml_applies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "no-git"
    (here / "protocols").mkdir(parents=True)
    (here / "clinic.toml").write_text(profile_text("Folder Clinic"))
    monkeypatch.chdir(here)
    profile = clinic_for(Path("protocols") / "x.toml", environ={})
    assert profile is not None and profile.name == "Folder Clinic"


def test_no_profile_still_exports(
    repo: Path, tmp_path: Path, cli: Callable[..., Result], rendered: list[HandoutOptions]
) -> None:
    out = tmp_path / "out.pdf"
    result = cli("export", str(repo / "protocols" / EXAMPLE.name), "-o", str(out), cwd=tmp_path)
    assert result.code == 0, result.err
    assert out.exists() and rendered[-1].clinic is None


# -- a bad profile ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (profile_text("North", "call us"), "clinic.toml:2: phone: must be a phone number"),
        ('name = "North"\n', "clinic.toml: phone: required key 'phone' is missing"),
        (
            profile_text("North", emergency_number="9999 9"),
            "clinic.toml:3: emergency_number: must be the 2 to 4 digits",
        ),
        (profile_text("North", fax="1"), "clinic.toml:3: fax: unknown key 'fax'"),
        (
            profile_text("North", email="north at example"),
            "clinic.toml:3: email: must be an e-mail",
        ),
        ('name = "North"\nphone = "020\n', "clinic.toml:2: invalid TOML"),
        ("\ufeff" + profile_text("North"), "clinic.toml:1: file starts with a byte-order mark"),
    ],
    ids=["phone", "missing-phone", "emergency", "unknown-key", "email", "syntax", "bom"],
)
def test_a_bad_profile_names_file_line_and_field_exits_2_and_writes_nothing(
    repo: Path, tmp_path: Path, cli: Callable[..., Result], text: str, expected: str
) -> None:
    (repo / "clinic.toml").write_text(text, encoding="utf-8")
    out = tmp_path / "out.pdf"
    result = cli(
        "export",
        "clinic-repo/protocols/" + EXAMPLE.name,
        "-o",
        str(out),
        "--patient",
        PATIENT,
        cwd=tmp_path,
    )
    assert result.code == 2
    assert f"rehab export: clinic profile clinic-repo/{expected}" in result.err, result.err
    assert "nothing was exported" in result.err and "Traceback" not in result.err
    assert not out.exists()
    assert PATIENT not in result.out + result.err


def test_a_bad_profile_stops_a_batch_before_any_handout_is_written(
    repo: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    second = repo / "protocols" / "example-hip-replacement-calf-care.toml"
    second.write_bytes((ROOT / "protocols" / second.name).read_bytes())
    (repo / "clinic.toml").write_text(profile_text("North", "999999999999999999999999999999999"))
    result = cli("export", str(repo / "protocols"), "--out-dir", str(tmp_path / "out"))
    assert result.code == 2, result.out + result.err
    assert "phone" in result.err and not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "problem",
    ["missing", "folder", "too-large", "link-to-nothing"],
)
def test_a_named_profile_that_cannot_be_read_is_refused(
    repo: Path, tmp_path: Path, cli: Callable[..., Result], problem: str
) -> None:
    target = tmp_path / "named.toml"
    if problem == "folder":
        target.mkdir()
    elif problem == "too-large":
        target.write_text("# " + "x" * 70_000 + "\n" + profile_text("North"))
    elif problem == "link-to-nothing":
        target.symlink_to(tmp_path / "gone.toml")
    out = tmp_path / "out.pdf"
    result = cli(
        "export", str(repo / "protocols" / EXAMPLE.name), "-o", str(out), "--clinic", str(target)
    )
    assert result.code == 2 and not out.exists()
    assert "clinic profile" in result.err and "named.toml" in result.err, result.err
    assert "Traceback" not in result.err


def test_a_dangling_repository_clinic_toml_is_an_error_not_no_profile(repo: Path) -> None:
    (repo / "clinic.toml").symlink_to(repo / "shared" / "clinic.toml")
    with pytest.raises(ClinicProblem, match="no such file"):
        clinic_for(repo / "protocols" / EXAMPLE.name, environ={})


# -- the logo --------------------------------------------------------------------------------


def _with_logo(folder: Path, logo: str) -> ClinicSource:
    path = folder / "clinic.toml"
    path.write_text(profile_text("North", logo=logo))
    return ClinicSource(path, "--clinic")


def test_a_good_logo_is_given_to_the_handout_as_an_absolute_path(tmp_path: Path) -> None:
    (tmp_path / "art").mkdir()
    (tmp_path / "art" / "logo.png").write_bytes(png())
    profile = load_clinic(_with_logo(tmp_path, "art/logo.png"))
    assert profile.logo == str((tmp_path / "art" / "logo.png").resolve())
    (tmp_path / "logo.jpeg").write_bytes(jpeg_header())
    assert load_clinic(_with_logo(tmp_path, "logo.jpeg")).logo == str(tmp_path / "logo.jpeg")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("missing.png", None, "the logo file not found: missing.png"),
        ("logo.png", b"<svg/>", "the logo is not a PNG or JPEG file"),
        ("logo.jpg", png(), "the logo is a PNG file but is named .jpg"),
        ("logo.gif", jpeg_header(), "the logo is a JPEG file but is named .gif"),
        ("logo.png", png(40, 40), "the logo is 40 x 40 pixels"),
        ("../outside.png", png(), "the logo must be inside the folder of the clinic profile"),
    ],
    ids=["missing", "not-an-image", "png-named-jpg", "jpeg-named-gif", "too-small", "outside"],
)
def test_a_bad_logo_is_refused_at_its_line(
    tmp_path: Path, name: str, content: bytes | None, expected: str
) -> None:
    folder = tmp_path / "profile"
    folder.mkdir()
    if content is not None:
        (folder / name).write_bytes(content)
    with pytest.raises(ClinicProblem) as raised:
        load_clinic(_with_logo(folder, name))
    [issue] = raised.value.issues
    assert issue.line == 3 and issue.field == "logo" and expected in issue.message
    assert (
        f"clinic.toml:3: logo: {expected}" in str(raised.value)
        and raised.value.issues[0].field == "logo"
    )
    assert expected in raised.value.issues[0].message


# -- what the handout receives ---------------------------------------------------------------


def test_the_protocol_s_clinic_key_overrides_the_name_only(
    repo: Path, tmp_path: Path, context: Context, rendered: list[HandoutOptions]
) -> None:
    (repo / "clinic.toml").write_text(
        profile_text("Northside Physio", emergency_number="999", website="https://example.org")
    )
    path = repo / "protocols" / EXAMPLE.name
    export_file(path, context, HandoutOptions(issue_date=EXAMPLE_DATE), tmp_path / "a.pdf")
    printed = rendered[-1].clinic
    assert printed == ClinicProfile(
        name="Example Physiotherapy",  # the protocol's own `clinic` key
        phone="020 7946 0000",
        emergency_number="999",
        website="https://example.org",
    )
    # Without the key, the profile's name.
    path.write_text(path.read_text().replace('clinic = "Example Physiotherapy"\n', ""))
    export_file(path, context, HandoutOptions(issue_date=EXAMPLE_DATE), tmp_path / "b.pdf")
    assert rendered[-1].clinic is not None and rendered[-1].clinic.name == "Northside Physio"


def test_a_profile_given_in_the_options_is_used_as_given(
    repo: Path, tmp_path: Path, context: Context, rendered: list[HandoutOptions]
) -> None:
    (repo / "clinic.toml").write_text("this is not read")
    given = ClinicProfile(name="Given", phone="+1 555 0100")
    options = HandoutOptions(issue_date=EXAMPLE_DATE, clinic=given)
    export_file(repo / "protocols" / EXAMPLE.name, context, options, tmp_path / "a.pdf")
    assert rendered[-1].clinic == given.with_name("Example Physiotherapy")
