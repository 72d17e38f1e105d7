"""Hostile paths, names and sizes: refused clearly; nothing written where it must not be."""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, Result

EXAMPLE = ROOT / "protocols" / "example-pfp-calf-mobility.toml"


def test_a_50_mb_file_is_refused_without_being_read(
    tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 1024 * 1024)
    import rehab.storage.protocol_paths as paths

    def never(*_: object) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(paths.os, "read", never)
    result = cli("check", str(path), cwd=tmp_path)
    assert result.code == 1
    assert "huge.toml: error toml-syntax: file is 52,428,800 bytes; the limit is" in result.out


@pytest.mark.parametrize(
    "bad_id",
    ["../../x", "/etc/x", "CON", "con", "nul", "lpt1", "a\x00b", "x" * 300, "Übung", "a b"],
    ids=[
        "parent",
        "absolute",
        "CON",
        "con",
        "nul",
        "lpt1",
        "NUL-byte",
        "300",
        "non-ascii",
        "space",
    ],
)
def test_hostile_ids_are_refused_and_nothing_is_written(
    bad_id: str, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = cli("new", bad_id, "--clinician", "A", "--dir", str(tmp_path / "p"), cwd=tmp_path)
    assert result.code == 2 and "not a valid id" in result.err and "Traceback" not in result.err
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize("bad_id", ["../../x", "con", "x" * 65])
def test_hostile_id_inside_a_file_is_a_schema_error(
    bad_id: str, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    path = tmp_path / "p.toml"
    path.write_text(
        EXAMPLE.read_text().replace('id = "example-pfp-calf-mobility"', f'id = "{bad_id}"')
    )
    result = cli("check", str(path), "--format", "json", cwd=tmp_path)
    assert result.code == 1 and '"field": "id"' in result.out


def test_output_goes_exactly_where_named_and_nowhere_else(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    target = tmp_path / "deep" / "er" / "handout.pdf"
    source = tmp_path / "in" / EXAMPLE.name
    source.parent.mkdir()
    shutil.copy(EXAMPLE, source)
    result = cli("export", str(source), "-o", str(target), cwd=tmp_path)
    assert result.code == 0, result.err
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert written == ["deep/er/handout.pdf", f"in/{EXAMPLE.name}"]


def test_folders_with_decomposed_unicode_names_load(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """macOS writes file names decomposed (NFD): a clinic folder 'Müller' must still work."""
    folder = tmp_path / unicodedata.normalize("NFD", "Müller-Physio")
    folder.mkdir()
    shutil.copy(EXAMPLE, folder)
    result = cli("check", str(folder), cwd=tmp_path)
    assert result.code == 0, result.out + result.err
    assert "1 file checked: 0 errors" in result.out


def test_patient_name_ends_up_in_the_pdf_alone(
    tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Export with a name, then search every other file written and all output for it."""
    name = "Zelda Quimby-Patient"
    monkeypatch.setenv("REHAB_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("REHAB_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "protocols" / EXAMPLE.name
    source.parent.mkdir()
    shutil.copy(EXAMPLE, source)
    result = cli(
        "export", str(source), "--patient", name, "--out-dir", str(tmp_path / "ex"), cwd=tmp_path
    )
    assert result.code == 0, result.err
    assert name not in result.out + result.err
    pdfs = list((tmp_path / "ex").glob("*.pdf"))
    assert len(pdfs) == 1
    assert cli("check", str(source), cwd=tmp_path).code == 0  # fills the findings cache
    others = [p for p in tmp_path.rglob("*") if p.is_file() and p not in pdfs]
    cached = [p for p in others if p.is_relative_to(tmp_path / "cache")]
    # The findings of the check, which never saw the name, and the built-in library and
    # catalog as validated (rehab.storage.builtin_cache), which no protocol adds to.
    assert sorted(p.name for p in cached) == [
        "builtin-catalog-2.bin",
        "builtin-library-2.bin",
        "findings-3.json",
    ]
    others = [p for p in others if p not in cached]
    assert others == [source, tmp_path / "state" / "cache-key"]  # the cache's random key
    for path in [*others, *cached]:
        assert name.encode() not in path.read_bytes()
