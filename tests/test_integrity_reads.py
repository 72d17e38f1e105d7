"""Issue 15, reads: only regular files, bounded, never blocking; deep folders; every skipped
path reported (and failing the check); no crash on odd names, damaged caches or missing HOME."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from rehab.storage import protocol_paths
from rehab.storage.recovery import read_copy, write_copy
from tests.conftest import ROOT, Result, run_process

EXAMPLE = ROOT / "protocols" / "example-pfp-calf-mobility.toml"


def test_check_of_a_device_is_refused_without_reading_it() -> None:
    """`rehab check /dev/zero` read until memory ran out."""
    result = run_process("check", "/dev/zero", "--no-cache")
    assert result.code == 1
    assert "/dev/zero: error toml-syntax: not a regular file" in result.out
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    "command",
    [
        ["check", "{fifo}"],
        ["check", "{folder}"],
        ["fmt", "{fifo}"],
        ["export", "{fifo}"],
        ["diff", "{fifo}", "{good}"],
    ],
    ids=["check", "check-folder", "fmt", "export", "diff"],
)
def test_a_fifo_named_toml_never_hangs(tmp_path: Path, command: list[str]) -> None:
    folder = tmp_path / "protocols"
    folder.mkdir()
    fifo = folder / "x.toml"
    os.mkfifo(fifo)
    good = folder / EXAMPLE.name
    shutil.copy(EXAMPLE, good)
    args = [a.format(fifo=fifo, folder=folder, good=good) for a in command]
    result = run_process(*args, cwd=tmp_path)  # the runner's 60 s timeout fails a hang
    assert result.code in (1, 2), result
    assert "not a regular file" in result.out + result.err
    assert "Traceback" not in result.err


def test_a_file_1100_folders_deep_is_checked(tmp_path: Path, cli: Callable[..., Result]) -> None:
    """os.walk recursed once per folder: RecursionError past about 1,000."""
    deep = tmp_path / "protocols"
    deep.mkdir()
    for _ in range(1100):
        deep = deep / "a"
        os.mkdir(deep)
    shutil.copy(EXAMPLE, deep / EXAMPLE.name)
    try:
        result = cli("check", str(tmp_path / "protocols"), "--no-cache", cwd=tmp_path)
    finally:  # shutil.rmtree (pytest's clean-up) recurses too: take the tree down by hand
        (deep / EXAMPLE.name).unlink()
        for _ in range(1100):
            os.rmdir(deep)
            deep = deep.parent
    assert result.code == 0, result.err
    assert "1 file checked" in result.out


def test_a_dangling_link_is_reported_and_fails_the_check(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    folder = tmp_path / "protocols"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    (folder / "moved.toml").symlink_to(tmp_path / "elsewhere.toml")
    for strict in ([], ["--strict"]):
        result = cli("check", str(folder), *strict, cwd=tmp_path)
        assert result.code == 1
        assert "moved.toml: error toml-syntax: skipped: a link to a file that does not exist" in (
            result.out
        )
    fmt = cli("fmt", str(folder), cwd=tmp_path)
    assert fmt.code == 1 and "moved.toml: skipped" in fmt.out
    export = cli("export", str(folder), "--out-dir", str(tmp_path / "ex"), cwd=tmp_path)
    assert export.code == 1 and "1 of 2 protocols exported, 1 refused" in export.out


def test_an_unreadable_folder_is_reported_and_fails_the_check(
    tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root every folder can be read, so the OS's answer is given at the call rehab makes
    (listing the folder); the old walk (os.walk) ignored the error and passed."""
    folder = tmp_path / "protocols"
    locked = folder / "locked"
    locked.mkdir(parents=True)
    shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    shutil.copy(EXAMPLE, locked / "hidden-from-check.toml")
    real_scandir, real_listdir = os.scandir, os.listdir

    def deny(real):  # type: ignore[no-untyped-def]
        def call(path):  # type: ignore[no-untyped-def]
            if Path(os.fsdecode(path)) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        return call

    monkeypatch.setattr(os, "scandir", deny(real_scandir))
    monkeypatch.setattr(os, "listdir", deny(real_listdir))
    result = cli("check", str(folder), "--no-cache", cwd=tmp_path)
    assert result.code == 1
    assert "locked: error toml-syntax: skipped: the folder cannot be read" in result.out


def test_a_file_in_a_folder_that_cannot_be_entered_is_a_clear_error(
    tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "locked" / "x.toml"
    real_stat = os.stat

    def stat(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(os.fsdecode(path)) == target:
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(protocol_paths.os, "stat", stat)
    result = cli("check", str(target), cwd=tmp_path)
    assert result.code in (1, 2)
    assert "x.toml: permission denied" in result.err + result.out
    assert "internal error" not in result.err


def test_a_file_name_that_is_not_utf8_with_the_cache_on(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    folder = tmp_path / "protocols"
    folder.mkdir()
    shutil.copy(EXAMPLE, os.fsdecode(os.fsencode(folder) + b"/caf\xe9.toml"))
    for _ in range(2):  # cold, then warm
        result = cli("check", str(folder), cwd=tmp_path)
        assert result.code == 0, result.err
        assert "id-mismatch" in result.out and "internal error" not in result.err


def test_a_recovery_copy_for_a_name_that_is_not_utf8(tmp_path: Path) -> None:
    """The app wrote a recovery copy on the first edit and crashed (UnicodeEncodeError)."""
    target = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9.toml"))
    write_copy(tmp_path / "recovery", target, "text")
    copy = read_copy(tmp_path / "recovery", target)
    assert copy is not None and copy.text == "text"


def test_no_home_folder_means_no_cache_not_a_crash(
    tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HOME", "REHAB_CACHE_DIR", "REHAB_STATE_DIR", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    result = cli("check", str(EXAMPLE), cwd=tmp_path)
    assert result.code == 0, result.err
