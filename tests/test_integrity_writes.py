"""Issue 15, writes: no write through a link, over a protocol, over a newer save or a
read-only file; `rehab fmt` never rewrites a file that has errors."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import rehab.cli.commands.fmt as fmt_module
import rehab.session as session_module
from rehab.check import Context
from rehab.domain import editing
from rehab.session import EditSession
from rehab.storage import atomic
from rehab.storage.atomic import ChangedOnDisk
from tests.conftest import ROOT, Result

EXAMPLE = ROOT / "protocols" / "example-pfp-calf-mobility.toml"
SCENARIOS = ROOT / "tests" / "fixtures" / "scenarios"


@pytest.fixture
def protocol(tmp_path: Path) -> Path:
    path = tmp_path / "protocols" / EXAMPLE.name
    path.parent.mkdir()
    shutil.copy(EXAMPLE, path)
    return path


def test_export_does_not_write_through_a_symlink_at_the_output(
    protocol: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("a colleague's notes")
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "example-pfp-calf-mobility.pdf").symlink_to(victim)
    result = cli("export", str(protocol), cwd=tmp_path)
    assert result.code == 1
    assert "symbolic link" in result.out
    assert victim.read_text() == "a colleague's notes"


def test_export_refuses_an_output_that_is_the_protocol_or_not_a_pdf(
    protocol: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    before = protocol.read_bytes()
    result = cli("export", str(protocol), "-o", str(protocol), cwd=tmp_path)
    assert result.code == 2 and ".pdf" in result.err
    assert protocol.read_bytes() == before
    notes = tmp_path / "notes.txt"
    assert cli("export", str(protocol), "-o", str(notes), cwd=tmp_path).code == 2
    assert not notes.exists()
    # A file that is not a PDF, even if named like one, is not replaced by a handout.
    other = tmp_path / "other.pdf"
    other.write_bytes(before)
    result = cli("export", str(protocol), "-o", str(other), cwd=tmp_path)
    assert result.code == 1 and "not a PDF" in result.out
    assert other.read_bytes() == before
    # A handout written before is replaced as usual.
    ok = tmp_path / "ok.pdf"
    assert cli("export", str(protocol), "-o", str(ok), cwd=tmp_path).code == 0
    assert cli("export", str(protocol), "-o", str(ok), cwd=tmp_path).code == 0


def test_fmt_does_not_overwrite_a_save_made_while_it_ran(
    protocol: Path, tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    protocol.write_text(protocol.read_text() + "\n\n")  # not canonical: fmt would rewrite it
    colleague = EXAMPLE.read_bytes().replace(b"sets = 3", b"sets = 4", 1)
    real = fmt_module.dumps_protocol

    def save_meanwhile(*args, **kwargs):  # type: ignore[no-untyped-def]
        protocol.write_bytes(colleague)  # the app saves while the pre-commit hook runs
        return real(*args, **kwargs)

    monkeypatch.setattr(fmt_module, "dumps_protocol", save_meanwhile)
    result = cli("fmt", str(protocol), cwd=tmp_path)
    assert result.code == 1 and "changed on disk" in result.out
    assert protocol.read_bytes() == colleague


def test_a_save_never_overwrites_a_file_changed_after_the_check(
    protocol: Path, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = EditSession.open(protocol, context)
    assert session.protocol is not None
    session.apply(editing.update_details(session.protocol, title="Mine"))
    theirs = protocol.read_bytes().replace(b"Calf mobility", b"Their title", 1)
    real = session_module.dumps_protocol

    def save_meanwhile(*args, **kwargs):  # type: ignore[no-untyped-def]
        protocol.write_bytes(theirs)  # lands after changed_on_disk() said "unchanged"
        return real(*args, **kwargs)

    monkeypatch.setattr(session_module, "dumps_protocol", save_meanwhile)
    with pytest.raises(ChangedOnDisk):
        session.save()
    assert protocol.read_bytes() == theirs
    assert session.dirty


def test_a_save_respects_a_read_only_file(
    protocol: Path, context: Context, cli: Callable[..., Result], tmp_path: Path
) -> None:
    before = protocol.read_bytes()
    protocol.chmod(0o444)
    session = EditSession.open(protocol, context)
    assert session.protocol is not None
    session.apply(editing.update_details(session.protocol, title="Mine"))
    with pytest.raises(OSError, match="read-only"):
        session.save()
    assert protocol.read_bytes() == before
    assert protocol.stat().st_mode & 0o777 == 0o444
    protocol.chmod(0o644)
    protocol.write_bytes(before + b"\n\n")
    protocol.chmod(0o444)
    result = cli("fmt", str(protocol), cwd=tmp_path)
    assert result.code == 1 and "read-only" in result.out
    assert protocol.read_bytes() == before + b"\n\n"


def test_a_save_respects_a_file_the_user_cannot_write(
    protocol: Path, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another user's file in a shared folder: a rename needs only the folder. As root every
    file is writable, so the OS's answer is simulated at the call rehab makes."""
    before = protocol.read_bytes()
    session = EditSession.open(protocol, context)
    assert session.protocol is not None
    session.apply(editing.update_details(session.protocol, title="Mine"))
    real_access = atomic.os.access
    monkeypatch.setattr(
        atomic.os, "access", lambda p, mode: False if Path(p) == protocol else real_access(p, mode)
    )
    with pytest.raises(OSError, match="permission"):
        session.save()
    assert protocol.read_bytes() == before


def test_fmt_never_rewrites_a_file_with_errors(tmp_path: Path, cli: Callable[..., Result]) -> None:
    """The README says so; a safety error (not only a schema error) counts."""
    source = (SCENARIOS / "achilles-rupture-suspected.toml").read_text()
    path = tmp_path / "achilles-rupture-suspected.toml"
    text = "\n".join(line for line in source.splitlines() if not line.startswith("#"))
    path.write_text(text + "\n\n\n")
    before = path.read_bytes()
    result = cli("fmt", str(path), cwd=tmp_path)
    assert result.code == 1 and "not formatted (fix the errors first)" in result.out
    assert "referral-required" in result.out  # a safety error, not a schema one
    assert path.read_bytes() == before
