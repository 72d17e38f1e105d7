"""The clinic library index: fast reloads that never hide a problem or a change."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from rehab.domain.library import EntryUnavailable, ExerciseSummary, Library
from rehab.storage import library_files
from rehab.storage.library_files import LibraryError, load_library

ENTRY = (
    Path(__file__).parent.parent / "rehab" / "data" / "exercises" / "floor-calf-raise.toml"
).read_text()
AN_HOUR_AGO_NS = (time.time_ns() - 3_600 * 10**9,) * 2


def _entry(folder: Path, exercise_id: str, text: str | None = None, *, old: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    body = (text or ENTRY).replace('id = "floor-calf-raise"', f'id = "{exercise_id}"')
    body = body.replace('name = "Floor calf raise"', f'name = "Clinic raise {exercise_id}"')
    path = folder / f"{exercise_id}.toml"
    path.write_text(body)
    if old:  # older than the index's racy margin, as files in a clinic repository are
        os.utime(path, ns=AN_HOUR_AGO_NS)
    return path


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the clinic files parsed from TOML (built-ins are always parsed)."""
    seen: list[str] = []
    original = library_files._parse_entry

    def counting(name: str, data: bytes):  # type: ignore[no-untyped-def]
        if not name.startswith("<built-in>"):
            seen.append(Path(name).name)
        return original(name, data)

    monkeypatch.setattr(library_files, "_parse_entry", counting)
    return seen


def test_second_load_parses_nothing_and_finds_the_same(tmp_path: Path, parses: list[str]) -> None:
    folder, cache = tmp_path / "lib", tmp_path / "cache"
    for n in range(5):
        _entry(folder / ("a" if n % 2 else "b"), f"clinic-raise-{n}")
    first = load_library([folder], cache)
    assert len(parses) == 5
    parses.clear()
    second = load_library([folder], cache)
    assert parses == []
    assert list(second) == list(first)
    assert second.search("clinic raise 3") == first.search("clinic raise 3")
    # The full entry still comes from its file, validated, on first use.
    full = second.get("clinic-raise-3")
    assert full is not None and full.instructions and parses == ["clinic-raise-3.toml"]


def test_a_changed_file_is_parsed_again_and_its_new_problem_reported(
    tmp_path: Path, parses: list[str]
) -> None:
    folder, cache = tmp_path / "lib", tmp_path / "cache"
    _entry(folder, "clinic-raise-1")
    path = _entry(folder, "clinic-raise-2")
    load_library([folder], cache)
    parses.clear()
    broken = path.read_text().replace('"loaded-plantarflexion"]', '"loaded-plantarflexon"]')
    path.write_text(broken)
    os.utime(path, ns=AN_HOUR_AGO_NS)  # same time as before: the size still tells
    with pytest.raises(LibraryError) as info:
        load_library([folder], cache)
    assert parses == ["clinic-raise-2.toml"]
    [problem] = info.value.problems
    assert problem.path == str(path) and problem.field == "components[0]"
    # A broken file is never indexed, so it is reported on every load until fixed.
    with pytest.raises(LibraryError):
        load_library([folder], cache)


def test_removed_and_added_files_are_seen(tmp_path: Path) -> None:
    folder, cache = tmp_path / "lib", tmp_path / "cache"
    gone = _entry(folder, "clinic-raise-1")
    load_library([folder], cache)
    gone.unlink()
    _entry(folder, "clinic-raise-2")
    library = load_library([folder], cache)
    assert "clinic-raise-1" not in library and "clinic-raise-2" in library


def test_clash_with_a_builtin_is_reported_from_the_index_too(tmp_path: Path) -> None:
    folder, cache = tmp_path / "lib", tmp_path / "cache"
    _entry(folder / "a", "clinic-raise-1")
    load_library([folder], cache)
    _entry(folder / "b", "clinic-raise-1")  # a second file with the same id
    with pytest.raises(LibraryError, match="already defined"):
        load_library([folder], cache)


def test_recently_changed_files_are_not_trusted_from_the_index(
    tmp_path: Path, parses: list[str]
) -> None:
    """Two edits within the file system's time resolution can keep size and time alike."""
    folder, cache = tmp_path / "lib", tmp_path / "cache"
    _entry(folder, "clinic-raise-1", old=False)
    _entry(folder, "clinic-raise-2")
    load_library([folder], cache)
    parses.clear()
    load_library([folder], cache)
    assert parses == ["clinic-raise-1.toml"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"{not json",
        lambda raw: b"",
        lambda raw: json.dumps({**json.loads(raw), "code": "other rules"}).encode(),
        lambda raw: json.dumps({**json.loads(raw), "entries": {"x.toml": [1]}}).encode(),
        lambda raw: json.dumps({**json.loads(raw), "entries": []}).encode(),
    ],
    ids=["garbage", "empty", "other-code", "short-row", "wrong-type"],
)
def test_a_damaged_or_foreign_index_means_a_full_parse(
    tmp_path: Path, parses: list[str], damage
) -> None:  # type: ignore[no-untyped-def]
    folder, cache = tmp_path / "lib", tmp_path / "cache"
    _entry(folder, "clinic-raise-1")
    load_library([folder], cache)
    [index] = (cache / "library").glob("*.json")
    index.write_bytes(damage(index.read_bytes()))
    parses.clear()
    library = load_library([folder], cache)
    assert parses == ["clinic-raise-1.toml"] and "clinic-raise-1" in library


def test_an_unwritable_cache_folder_only_costs_time(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    _entry(folder, "clinic-raise-1")
    blocked = tmp_path / "cache-is-a-file"
    blocked.write_text("")
    library = load_library([folder], blocked)
    assert "clinic-raise-1" in library


def test_an_entry_broken_after_loading_is_refused_not_guessed(tmp_path: Path) -> None:
    folder, cache = tmp_path / "lib", tmp_path / "cache"
    path = _entry(folder, "clinic-raise-1")
    library = load_library([folder], cache)
    path.write_text(ENTRY.replace("components =", "componnets ="))
    with pytest.raises(EntryUnavailable, match=r"clinic-raise-1\.toml"):
        library.get("clinic-raise-1")
    path.unlink()
    with pytest.raises(EntryUnavailable, match="no such file"):
        library.get("clinic-raise-1")


def test_the_cli_says_which_entry_broke_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from rehab.cli.main import main

    folder = tmp_path / "lib"
    path = _entry(folder, "clinic-raise-1")
    protocol = tmp_path / "p.toml"
    protocol.write_text(
        'schema_version = 1\nid = "one-raise"\ntitle = "P"\nclinician = "C"\n'
        "created = 2026-01-01\nconditions = []\n"
        '[[phases]]\nname = "One"\nweeks = 2\n'
        '[[phases.exercises]]\nexercise = "clinic-raise-1"\nside = "both"\n'
    )
    real_load = library_files.load_library

    def load_then_break(*args, **kwargs):  # type: ignore[no-untyped-def]
        library = real_load(*args, **kwargs)
        path.write_text("broken = [")
        return library

    monkeypatch.setattr("rehab.cli.context.load_library", load_then_break)
    code = main(["check", str(protocol), "--library", str(folder)])
    err = capsys.readouterr().err
    assert code == 1
    assert "clinic-raise-1.toml" in err and "changed after the library was loaded" in err
    assert "Traceback" not in err and "internal error" not in err


def test_search_reads_summaries_only() -> None:
    """13,000 full entries would take over 100 MB; search must not load any of them."""
    loads: list[str] = []
    library = Library()
    for n in range(50):
        summary = ExerciseSummary(
            f"raise-{n}", f"Raise {n}", f"Heel raise {n}", "strength", "reps", "standing",
            ("eccentric",) if n % 2 else (), ("soleus",), (), ("loaded-plantarflexion",), (), (),
        )  # fmt: skip

        def load(n: int = n):  # type: ignore[no-untyped-def]
            loads.append(f"raise-{n}")
            raise EntryUnavailable("not needed here")

        library.add_lazy(summary, load)
    hits = {s.id for s in library.search("raise 4")}
    assert hits == {f"raise-{n}" for n in range(50) if "4" in str(n)}
    assert len(library.search("", muscle="soleus", component="loaded-plantarflexion")) == 50
    assert len(library.search("", mode="eccentric")) == 25
    assert len(library.search("eccentric heel")) == 25
    assert library.dangling_references() == []
    assert loads == []
