"""The editing session behind the app: dirty state, undo, and saves that never clobber a file."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from rehab import session as session_module
from rehab.check import Context
from rehab.domain import editing
from rehab.session import ChangedOnDisk, EditSession
from rehab.storage.protocol_files import dumps_protocol, load_protocol
from tests.conftest import ROOT

EXAMPLE = ROOT / "protocols" / "example-pfp-calf-mobility.toml"


@pytest.fixture
def opened(tmp_path: Path, context: Context) -> EditSession:
    path = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, path)
    return EditSession.open(path, context)


def test_edit_undo_redo_and_dirty(opened: EditSession) -> None:
    assert opened.protocol is not None and not opened.dirty
    original = opened.protocol
    opened.apply(editing.toggle_condition(original, "pregnancy"))
    assert opened.dirty and "pregnancy" in opened.protocol.condition_codes
    assert opened.undo() and opened.protocol == original and not opened.dirty
    assert not opened.undo()
    assert opened.redo() and opened.dirty
    # Undoing back to the saved state is clean again; an edit clears the redo stack.
    opened.undo()
    opened.apply(editing.update_details(original, title="New title"))
    assert not opened.redo()


def test_save_is_canonical_and_clean_afterwards(opened: EditSession) -> None:
    assert opened.protocol is not None
    opened.apply(editing.update_details(opened.protocol, title="Renamed"))
    opened.save()
    assert not opened.dirty
    text = opened.path.read_text("utf-8")
    assert text == dumps_protocol(opened.protocol)
    assert load_protocol(opened.path).protocol == opened.protocol
    # Findings of the saved state carry line numbers again.
    assert all(f.line is not None for f in opened.findings() if f.loc)


def test_changed_on_disk_is_not_overwritten_without_asking(opened: EditSession) -> None:
    assert opened.protocol is not None
    pulled = opened.path.read_text("utf-8").replace("Calf mobility", "Pulled title")
    opened.path.write_text(pulled, "utf-8")
    opened.apply(editing.update_details(opened.protocol, title="Mine"))
    with pytest.raises(ChangedOnDisk):
        opened.save()
    assert opened.path.read_text("utf-8") == pulled and opened.dirty
    opened.save(overwrite=True)
    assert "Mine" in opened.path.read_text("utf-8") and not opened.dirty


def test_deleted_file_counts_as_changed(opened: EditSession) -> None:
    opened.path.unlink()
    assert opened.changed_on_disk()


def test_new_session_creates_the_file_on_first_save(tmp_path: Path, context: Context) -> None:
    protocol = editing.start_protocol(None, "fresh-one", None, "A, PT", date(2026, 11, 21))
    target = tmp_path / "sub" / "fresh-one.toml"
    new = EditSession.new(target, protocol, context)
    assert new.dirty and new.is_new
    new.save()
    assert load_protocol(target).protocol == protocol and not new.dirty
    # A file that appears at the path before the first save is not overwritten silently.
    other = EditSession.new(tmp_path / "taken.toml", protocol, context)
    (tmp_path / "taken.toml").write_text("someone else's file")
    with pytest.raises(ChangedOnDisk):
        other.save()


def test_failed_write_keeps_file_and_draft(
    opened: EditSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert opened.protocol is not None
    before = opened.path.read_bytes()
    opened.apply(editing.update_details(opened.protocol, title="Unsaved"))

    def disk_full(path: Path, data: bytes, **_: object) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(session_module, "write_atomic", disk_full)
    with pytest.raises(OSError, match="No space"):
        opened.save()
    assert opened.path.read_bytes() == before
    assert opened.dirty and opened.protocol.title == "Unsaved"


def test_unreadable_file_has_no_draft_and_shows_why(tmp_path: Path, context: Context) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("id = [")
    broken = EditSession.open(path, context)
    assert broken.protocol is None and not broken.dirty
    assert broken.findings()[0].code.value == "toml-syntax"
    with pytest.raises(ValueError, match="could not be read"):
        broken.save()


def test_recovery_copy_follows_the_dirty_state(opened: EditSession, tmp_path: Path) -> None:
    folder = tmp_path / "recovery"
    opened.recovery_dir = folder
    assert opened.protocol is not None
    opened.apply(editing.update_details(opened.protocol, title="Draft"))
    assert len(list(folder.glob("*.json"))) == 1
    opened.undo()  # back to the file's state: nothing to recover
    assert list(folder.glob("*.json")) == []
    opened.redo()
    fresh = EditSession.open(opened.path, opened.context)
    fresh.recovery_dir = folder
    recovered = fresh.pending_recovery()
    assert recovered is not None and recovered.title == "Draft"
    fresh.discard_recovery()
    assert fresh.pending_recovery() is None
