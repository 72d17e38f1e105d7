"""The validated built-in library kept between processes: it saves the parse and lint of
unchanged entries and never stands for an entry whose bytes changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from rehab.storage import builtin_cache, library_files
from rehab.storage.library_files import LibraryError, load_library

BUILT_IN = Path(__file__).parent.parent / "rehab" / "data" / "exercises"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the entries parsed from TOML."""
    seen: list[str] = []
    original = library_files._parse_entry

    def counting(name: str, data: bytes):  # type: ignore[no-untyped-def]
        seen.append(Path(name).name)
        return original(name, data)

    monkeypatch.setattr(library_files, "_parse_entry", counting)
    return seen


@pytest.fixture
def entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the built-in entries standing in for the installed ones."""
    folder = tmp_path / "exercises"
    shutil.copytree(BUILT_IN, folder)
    monkeypatch.setattr(library_files, "_builtin_folder", lambda: folder)
    return folder


def _stored(cache: Path) -> Path:
    return cache / "builtin" / builtin_cache.file_name("library")


def _same(a: object, b: object) -> bool:
    from rehab.domain.library import Library

    assert isinstance(a, Library) and isinstance(b, Library)
    return sorted(a.ids) == sorted(b.ids) and all(a.get(i) == b.get(i) for i in a.ids)


def test_a_second_load_parses_no_entry_and_gives_the_same_entries(
    tmp_path: Path, parses: list[str]
) -> None:
    cache = tmp_path / "cache"
    uncached = load_library()
    assert len(parses) == 65
    parses.clear()
    load_library([], cache)
    assert len(parses) == 65 and _stored(cache).is_file()  # the first load stores them
    parses.clear()
    cached = load_library([], cache)
    assert parses == []
    assert _same(cached, uncached)
    assert list(cached.ids) == list(uncached.ids)  # the same order, too


def _edit_in_place(path: Path, old: bytes, new: bytes) -> None:
    """Change bytes keeping the file's size and modification time."""
    assert len(old) == len(new)
    before = path.stat()
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new, 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_an_entry_edited_in_place_is_read_again(
    tmp_path: Path, entries: Path, parses: list[str]
) -> None:
    cache = tmp_path / "cache"
    load_library([], cache)
    _edit_in_place(entries / "ankle-circle.toml", b'"Ankle circles"', b'"Ankle c1rcles"')
    parses.clear()
    library = load_library([], cache)
    assert len(parses) == 65
    exercise = library.get("ankle-circle")
    assert exercise is not None and exercise.name == "Ankle c1rcles"
    parses.clear()
    load_library([], cache)  # and the new bytes are what is stored now
    assert parses == []


def test_an_entry_broken_in_place_is_refused_not_served_from_the_cache(
    tmp_path: Path, entries: Path
) -> None:
    cache = tmp_path / "cache"
    load_library([], cache)
    _edit_in_place(entries / "ankle-circle.toml", b'id = "ankle-circle"', b'id = "ankle-circlf"')
    with pytest.raises(LibraryError, match="must match the file name"):
        load_library([], cache)
    with pytest.raises(LibraryError):  # a library with problems is never stored
        load_library([], cache)


def test_an_entry_added_is_seen(tmp_path: Path, entries: Path, parses: list[str]) -> None:
    cache = tmp_path / "cache"
    load_library([], cache)
    text = (entries / "ankle-circle.toml").read_text()
    (entries / "ankle-circle-copy.toml").write_text(
        text.replace('id = "ankle-circle"', 'id = "ankle-circle-copy"', 1)
    )
    parses.clear()
    library = load_library([], cache)
    assert len(parses) == 66 and "ankle-circle-copy" in library


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"garbage",
        lambda raw: raw[: len(raw) // 2],
        lambda raw: b"0" * 64 + raw[64:],  # another key's MAC
        lambda raw: raw.replace(b"Ankle circles", b"Ankle c1rcles", 1),  # body edited
    ],
    ids=["garbage", "truncated", "foreign", "edited"],
)
def test_a_damaged_or_foreign_file_means_a_full_parse(
    tmp_path: Path, parses: list[str], damage
) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path / "cache"
    load_library([], cache)
    path = _stored(cache)
    path.write_bytes(damage(path.read_bytes()))
    parses.clear()
    library = load_library([], cache)
    assert len(parses) == 65
    exercise = library.get("ankle-circle")
    assert exercise is not None and exercise.name == "Ankle circles"


def test_other_code_means_a_full_parse(
    tmp_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    load_library([], cache)
    monkeypatch.setattr(builtin_cache, "code_version", lambda: "other rules")
    parses.clear()
    load_library([], cache)
    assert len(parses) == 65


def test_a_file_authenticated_for_other_entries_is_not_used(
    tmp_path: Path, entries: Path, parses: list[str]
) -> None:
    """The key inside the authenticated body must be that of the bytes read now: a stored
    result of the old bytes, even one this user wrote, never stands for the new ones."""
    cache = tmp_path / "cache"
    load_library([], cache)
    old = _stored(cache).read_bytes()
    _edit_in_place(entries / "ankle-circle.toml", b'"Ankle circles"', b'"Ankle c1rcles"')
    load_library([], cache)
    _stored(cache).write_bytes(old)  # a genuine file, for the entries as they were
    parses.clear()
    library = load_library([], cache)
    assert len(parses) == 65
    exercise = library.get("ankle-circle")
    assert exercise is not None and exercise.name == "Ankle c1rcles"


def test_the_catalog_is_stored_and_an_edit_in_place_is_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    data = library_files._catalog_bytes()
    fresh = library_files.load_catalog.__wrapped__()
    library_files.load_catalog.__wrapped__(cache)
    assert (cache / "builtin" / builtin_cache.file_name("catalog")).is_file()
    monkeypatch.setattr(library_files, "read_toml_bytes", None)  # must not be parsed again
    assert library_files.load_catalog.__wrapped__(cache) == fresh
    monkeypatch.undo()
    code = fresh.conditions[0].code
    position = data.index(f'"{code}"'.encode())
    edited = data[:position] + data[position:].replace(b'name = "', b'name = "#', 1)
    edited = edited.replace(b"\n\n", b"\n", 1)  # the same size
    assert len(edited) == len(data) and edited != data
    monkeypatch.setattr(library_files, "_catalog_bytes", lambda: edited)
    changed = library_files.load_catalog.__wrapped__(cache)
    assert changed != fresh
    assert changed.conditions[0].name.startswith("#")


def test_no_state_folder_means_no_cache(
    tmp_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(builtin_cache, "_secret", lambda: None)
    cache = tmp_path / "cache"
    load_library([], cache)
    load_library([], cache)
    assert len(parses) == 130 and not _stored(cache).exists()
