"""Saving: canonical bytes in the contract's key order, atomic, permissions and links kept."""

from __future__ import annotations

import os
import stat
import tomllib
from datetime import date
from pathlib import Path

import pytest

from rehab.check import Context, check_file
from rehab.domain.protocol import Acknowledgement, Phase, Prescription, Protocol
from rehab.domain.resolve import resolve_dosage
from rehab.storage import atomic
from rehab.storage.protocol_files import dumps_protocol, load_protocol, save_protocol
from rehab.storage.protocol_paths import find_protocol_files

ROOT = Path(__file__).resolve().parent.parent


def _sample() -> Protocol:
    return Protocol(
        schema_version=1,
        id="sample-protocol",
        title="Sample",
        summary='Line one.\nLine two with "quotes" and a backslash \\.',
        clinician="A. Example, PT",
        created=date(2026, 11, 20),
        review_on=date(2026, 12, 18),
        conditions=["patellofemoral-pain"],
        tags=["knee"],
        internal_notes="Only for us.",
        phases=[
            Phase(
                name="Weeks 1-2",
                weeks=2,
                goals=["Knee-to-wall 10 cm"],
                exercises=[
                    Prescription(exercise="single-leg-calf-raise", reps=12, tempo="3-0-1"),
                    Prescription(
                        exercise="standing-soleus-stretch", side="left", internal_notes="x"
                    ),
                ],
            )
        ],
        acknowledged=[
            Acknowledgement(
                condition="fall-risk",
                exercise="single-leg-calf-raise",
                reason="Rail support.",
                by="A. Example, PT",
                on=date(2026, 11, 20),
            )
        ],
    )


def test_canonical_text_has_contract_key_order_and_sections() -> None:
    text = dumps_protocol(_sample())
    keys = [
        line.split(" =")[0]
        for line in text.splitlines()
        if " = " in line and not line.startswith(" ")
    ]
    top = keys[: keys.index("name")]
    assert top == [
        "schema_version",
        "id",
        "title",
        "summary",
        "clinician",
        "created",
        "review_on",
        "conditions",
        "tags",
        "internal_notes",
    ]
    assert "[[phases]]\nname = " in text
    assert text.count("[[phases.exercises]]\n") == 2
    assert "[[acknowledged]]\ncondition = " in text
    assert text.index("[[phases]]") < text.index("[[acknowledged]]")


def test_round_trip_is_identical_and_stable(tmp_path: Path) -> None:
    protocol = _sample()
    path = tmp_path / "sample-protocol.toml"
    save_protocol(protocol, path)
    first = path.read_bytes()
    loaded = load_protocol(path)
    assert loaded.protocol == protocol
    save_protocol(loaded.protocol, path)
    assert path.read_bytes() == first
    assert tomllib.loads(first.decode()) == tomllib.loads(dumps_protocol(protocol))


def test_omitted_dosage_stays_omitted_and_resolves_to_the_default(
    tmp_path: Path, context: Context
) -> None:
    path = tmp_path / "sample-protocol.toml"
    save_protocol(_sample(), path)
    text = path.read_text()
    soleus_block = text.split('exercise = "standing-soleus-stretch"')[1].split("[[")[0]
    assert "sets" not in soleus_block and "hold_seconds" not in soleus_block
    protocol = load_protocol(path).protocol
    assert protocol is not None
    prescription = protocol.phases[0].exercises[1]
    exercise = context.library.get(prescription.exercise)
    assert exercise is not None
    dose = resolve_dosage(prescription, exercise)
    assert (dose.sets, dose.hold_seconds, dose.side) == (3, 30, "left")
    assert dose.frequency == exercise.defaults.frequency


@pytest.mark.parametrize("folder", ["templates", "protocols"])
def test_shipped_files_are_canonical_and_clean(folder: str, context: Context) -> None:
    files = sorted((ROOT / folder).glob("*.toml"))
    assert len(files) >= (4 if folder == "templates" else 2)
    for path in files:
        loaded = check_file(path, context)
        assert loaded.protocol is not None, loaded.findings
        assert [f for f in loaded.findings if f.severity.value == "error"] == []
        assert dumps_protocol(loaded.protocol) == path.read_text(), f"{path} is not canonical"


def test_save_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "sample-protocol.toml"
    path.write_text("old")
    os.chmod(path, 0o640)
    save_protocol(_sample(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_new_file_gets_umask_permissions_not_private_tempfile_ones(tmp_path: Path) -> None:
    path = tmp_path / "sample-protocol.toml"
    old = os.umask(0o022)
    try:
        save_protocol(_sample(), path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_failed_save_leaves_original_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = tmp_path / "sample-protocol.toml"
    path.write_bytes(b"original bytes\n")

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if failing == "write":
        monkeypatch.setattr(atomic.os, "fdopen", lambda *a, **k: _FailingFile())
    else:
        monkeypatch.setattr(atomic.os, failing, boom)
    with pytest.raises(OSError):
        save_protocol(_sample(), path)
    assert path.read_bytes() == b"original bytes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sample-protocol.toml"]


class _FailingFile:
    def __enter__(self) -> _FailingFile:
        return self

    def __exit__(self, *args: object) -> None:
        return None

    def write(self, data: bytes) -> None:
        raise OSError(28, "No space left on device")


def test_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    real.write_text("old")
    link = tmp_path / "sample-protocol.toml"
    link.symlink_to(real)
    save_protocol(_sample(), link)
    assert link.is_symlink()
    assert real.read_text() == dumps_protocol(_sample())


def test_folder_listing_order_hidden_and_links(tmp_path: Path) -> None:
    """Path order with sub-folders in place, no hidden file or folder, linked files yes,
    linked folders no (they could loop), and a folder named like a protocol is no file."""
    for name in ["b.toml", "a/z.toml", "a/b/c.toml", "A.toml", ".hidden.toml", ".git/x.toml"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    (tmp_path / "notes.txt").write_text("")
    (tmp_path / "folder.toml").mkdir()
    (tmp_path / "linked.toml").symlink_to(tmp_path / "b.toml")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    found = [p.relative_to(tmp_path).as_posix() for p in find_protocol_files([tmp_path])]
    assert found == ["A.toml", "a/b/c.toml", "a/z.toml", "b.toml", "linked.toml"]
