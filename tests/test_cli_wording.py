"""The CLI as a new user reads it (issue 19): options that work alone, counts that add up,
lines for every syntax error, diffs that say the value and the phase, exports that say what
they replace."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from rehab.domain import editing
from rehab.domain.protocol import Prescription
from rehab.storage.protocol_files import load_protocol, save_protocol
from tests.conftest import ROOT, Result

Cli = Callable[..., Result]
EXAMPLE = ROOT / "protocols" / "example-pfp-calf-mobility.toml"
HIP = ROOT / "protocols" / "example-hip-replacement-calf-care.toml"


def test_new_list_needs_no_id(cli: Cli, tmp_path: Path) -> None:
    result = cli("new", "--list", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "calf-stretch-and-strengthen" in result.out
    missing = cli("new", "--clinician", "X", cwd=tmp_path)
    assert missing.code == 2 and "ID" in missing.err
    assert not (tmp_path / "protocols").exists()


def test_fmt_check_counts_read_as_english(cli: Cli, tmp_path: Path) -> None:
    tidy = tmp_path / "tidy.toml"
    shutil.copy(EXAMPLE, tidy)
    one = cli("fmt", "--check", str(tidy))
    assert one.code == 0 and one.out.strip().splitlines()[-1] == "1 file would be left unchanged"
    untidy = tmp_path / "untidy.toml"
    untidy.write_text(EXAMPLE.read_text().replace("weeks = 2\n", "weeks   =   2\n"))
    shutil.copy(HIP, tmp_path / "hip.toml")
    three = cli("fmt", "--check", str(tmp_path))
    assert three.code == 1
    assert three.out.strip().splitlines()[-1] == "1 of 3 files would be reformatted"


def test_broken_toml_at_end_of_file_names_a_line(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "cut.toml"
    path.write_text('schema_version = 1\nid = "cut"\nconditions = [\n  "pregnancy",\n')
    result = cli("check", str(path))
    assert result.code == 1
    assert f"{path.as_posix()}:4: error toml-syntax:" in result.out
    assert "line 4" in result.out


def _pair(tmp_path: Path, old: object, new: object) -> tuple[Path, Path]:
    a, b = tmp_path / "old" / EXAMPLE.name, tmp_path / "new" / EXAMPLE.name
    a.parent.mkdir()
    b.parent.mkdir()
    save_protocol(old, a)  # type: ignore[arg-type]
    save_protocol(new, b)  # type: ignore[arg-type]
    return a, b


def test_diff_prints_the_library_default_and_the_phase_of_findings(
    cli: Cli, tmp_path: Path
) -> None:
    base = load_protocol(EXAMPLE).protocol
    assert base is not None
    first = base.phases[1].exercises[0]
    own = editing.replace_prescription(
        base, (1, 0), Prescription(exercise=first.exercise, sets=2, hold_seconds=45)
    )
    library = editing.replace_prescription(base, (1, 0), Prescription(exercise=first.exercise))
    a, b = _pair(tmp_path, own, library)
    result = cli("diff", str(a), str(b), "--no-color", cwd=tmp_path)
    assert result.code == 1
    # The stretch's library default is 3 holds of 30 s (rehab show ...).
    assert "patella-maltracking-calf-stretch, phase 2: sets 2 -> 3 (library default)" in result.out
    assert "hold_seconds 45 -> 30 (library default)" in result.out
    assert "-> (library default)" not in result.out

    # The same finding in both phases of the exercise: two lines, each naming its phase.
    # (local inflammation: stretching is absolute, always; a suspected DVT is now a referral,
    # one finding for the protocol.)
    with_dvt = editing.set_conditions(base, [*base.conditions, "local-inflammation"])
    a2, b2 = tmp_path / "a2.toml", tmp_path / "b2.toml"
    save_protocol(base, a2)
    save_protocol(with_dvt, b2)
    out = cli("diff", str(a2), str(b2), "--no-color", cwd=tmp_path).out
    lines = [line for line in out.splitlines() if "new finding" in line]
    assert any("phase 1: error contraindicated" in line for line in lines), out
    assert any("phase 2: error contraindicated" in line for line in lines), out
    assert len(set(lines)) == len(lines), "a finding printed twice without its phase"


def test_batch_export_says_which_earlier_handout_it_replaces(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "protocols"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder)
    shutil.copy(HIP, folder)
    out = tmp_path / "exports"
    named = cli("export", str(folder / EXAMPLE.name), "--patient", "Ann Example", cwd=tmp_path)
    assert named.code == 0, named.out + named.err
    earlier = time.time() - 120
    os.utime(out / "example-pfp-calf-mobility.pdf", (earlier, earlier))
    batch = cli("export", str(folder), "--out-dir", str(out), cwd=tmp_path)
    assert batch.code == 0, batch.out
    stamp = time.strftime("%H:%M", time.localtime(earlier))
    replaced = [line for line in batch.out.splitlines() if "replaced" in line]
    assert len(replaced) == 1, batch.out
    assert "example-pfp-calf-mobility.pdf" in replaced[0]
    assert f"replaced the handout written {stamp} today" in replaced[0]
    assert "Ann Example" not in batch.out + batch.err
