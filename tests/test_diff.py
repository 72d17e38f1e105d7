"""The clinical diff: domain cases, the `rehab diff` command and git's external-diff mode."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from rehab.check import Context, review
from rehab.domain import editing
from rehab.domain.diff import diff_protocols, patient_lines
from rehab.domain.protocol import Acknowledgement, Prescription, Protocol
from rehab.storage.protocol_files import load_protocol, save_protocol
from tests.conftest import ROOT, Result

EXAMPLE = ROOT / "protocols" / "example-pfp-calf-mobility.toml"


@pytest.fixture
def base() -> Protocol:
    protocol = load_protocol(EXAMPLE).protocol
    assert protocol is not None
    return protocol


def _texts(old: Protocol, new: Protocol) -> list[str]:
    return [c.text for c in diff_protocols(old, new).changes]


def test_identical_protocols_are_equal(base: Protocol) -> None:
    result = diff_protocols(base, base)
    assert result.equal and result.changes == []


def test_dosage_change_reads_as_the_issue_says(base: Protocol) -> None:
    p = base.phases[1].exercises[1]
    new = editing.replace_prescription(base, (1, 1), p.model_copy(update={"sets": 4}))
    assert _texts(base, new) == [
        "patella-maltracking-calf-stretch-straight-leg, phase 2: sets 2 -> 4"
    ]
    change = diff_protocols(base, new).changes[0]
    assert (change.kind, change.phase, change.field, change.old, change.new) == (
        "dosage-changed",
        2,
        "sets",
        2,
        4,
    )


def test_added_removed_and_moved_exercises(base: Protocol) -> None:
    new, _ = editing.add_exercise(base, 0, "standing-soleus-stretch")
    new = editing.remove_exercise(new, (1, 0))  # bent-knee stretch out of phase 2
    new, _ = editing.move_exercise(new, (1, 0), -1)  # straight-leg stretch into phase 1
    texts = _texts(base, new)
    assert "standing-soleus-stretch added to phase 1" in texts
    assert "patella-maltracking-calf-stretch removed from phase 2" in texts
    assert "patella-maltracking-calf-stretch-straight-leg moved from phase 2 to phase 1" in texts


def test_order_conditions_phases_and_acknowledgements(base: Protocol) -> None:
    new, _ = editing.move_exercise(base, (1, 1), -1)
    assert _texts(base, new) == [
        "phase 2: order patella-maltracking-calf-stretch, "
        "patella-maltracking-calf-stretch-straight-leg -> "
        "patella-maltracking-calf-stretch-straight-leg, patella-maltracking-calf-stretch"
    ]
    new = editing.set_conditions(base, ["pregnancy"])
    assert _texts(base, new) == [
        "condition added: pregnancy",
        "condition removed: patellofemoral-pain",
    ]
    new = editing.update_phase(base, 0, "Renamed", 3, base.phases[0].goals, [])
    assert _texts(base, new) == [
        "phase 1: name Weeks 1-2: restore ankle bend -> Renamed",
        "phase 1: weeks 2 -> 3",
        "phase 1: advance when [No knee pain during or after the stretch, Bent-knee stretch "
        "feels easy on the highest comfortable block] -> (none)",
    ]
    ack = Acknowledgement(
        condition="pregnancy", exercise="x-y-z", reason="ok", by="B", on=date(2026, 1, 1)
    )
    assert _texts(base, editing.acknowledge(base, ack)) == [
        "acknowledged: x-y-z despite pregnancy in no phase (B: ok)"  # not prescribed
    ]


def test_findings_that_appear_and_disappear(base: Protocol, context: Context) -> None:
    new, _ = editing.add_exercise(base, 0, "donkey-calf-raise")
    new = editing.set_conditions(new, ["hip-arthroplasty-posterior"])
    result = diff_protocols(base, new, review(base, context), review(new, context))
    # No weeks since onset: the hip precautions hold in every phase, and the info says so.
    assert sorted(f.code.value for f in result.findings_appeared) == [
        "condition-timing-unknown",
        "contraindicated",
    ]
    assert {f.code.value for f in result.findings_resolved} == {"technique"}


def test_patient_lines_use_names_and_whole_doses(base: Protocol, context: Context) -> None:
    p = base.phases[0].exercises[0]
    new = editing.replace_prescription(
        base, (0, 0), p.model_copy(update={"sets": 2, "internal_notes": "watch the knee"})
    )
    new, _ = editing.add_exercise(new, 1, "standing-soleus-stretch")
    new = editing.set_conditions(new, [])
    lines = patient_lines(diff_protocols(base, new), new, context.library)
    assert lines == [
        "Knee-friendly calf stretch (bent knee), phase 1: now 2 holds of 30 seconds, each leg, "
        "rest 10 seconds between holds, twice a day, every day",
        "New in phase 2: Standing soleus stretch",
    ]
    assert not any("internal" in line or "watch the knee" in line for line in lines)
    assert not any("condition" in line for line in lines)


# -- the command -------------------------------------------------------------------------


def _pair(tmp_path: Path, new: Protocol, old: Protocol) -> tuple[Path, Path]:
    a = tmp_path / "old" / f"{old.id}.toml"
    b = tmp_path / "new" / f"{new.id}.toml"
    a.parent.mkdir()
    b.parent.mkdir()
    save_protocol(old, a)
    save_protocol(new, b)
    return a, b


def test_cli_exit_codes_and_text(
    tmp_path: Path, base: Protocol, cli: Callable[..., Result]
) -> None:
    p = base.phases[1].exercises[0]
    changed = editing.replace_prescription(base, (1, 0), p.model_copy(update={"reps": None}))
    changed = editing.replace_prescription(
        changed, (1, 0), Prescription(exercise=p.exercise, sets=2)
    )
    a, b = _pair(tmp_path, changed, base)
    same = cli("diff", str(a), str(a), cwd=tmp_path)
    assert same.code == 0 and "no clinical changes" in same.out
    result = cli("diff", str(a), str(b), "--no-color", cwd=tmp_path)
    assert result.code == 1
    assert "patella-maltracking-calf-stretch, phase 2: sets 3 -> 2" in result.out
    assert "hold_seconds 30 -> 30 (library default)" in result.out
    assert "notes Use a higher block when the stretch feels easy. -> (none)" in result.out


def test_cli_json(tmp_path: Path, base: Protocol, cli: Callable[..., Result]) -> None:
    new = editing.set_conditions(base, ["pregnancy", "patellofemoral-pain"])
    a, b = _pair(tmp_path, new, base)
    result = cli("diff", str(a), str(b), "--format", "json", cwd=tmp_path)
    data = json.loads(result.out)
    assert result.code == 1 and data["equal"] is False
    assert data["changes"] == [
        {
            "kind": "condition-added",
            "text": "condition added: pregnancy",
            "field": "conditions",
            "old": None,
            "new": "pregnancy",
        }
    ]
    assert set(data["findings"]) == {"appeared", "resolved"}


def test_cli_formatting_only_changes_are_equal(tmp_path: Path, cli: Callable[..., Result]) -> None:
    a = tmp_path / "a.toml"
    b = tmp_path / "b.toml"
    shutil.copy(EXAMPLE, a)
    b.write_text("# a comment\n" + EXAMPLE.read_text().replace("weeks = 2\n", "weeks   =   2\n"))
    assert cli("diff", str(a), str(b), cwd=tmp_path).code == 0


def test_cli_invalid_or_missing_file_is_a_usage_error(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('schema_version = 1\nid = = "x"\ntitle = "t"\n')
    result = cli("diff", str(EXAMPLE), str(bad), cwd=tmp_path)
    assert result.code == 2 and "bad.toml:2" in result.err and "Traceback" not in result.err
    assert cli("diff", str(EXAMPLE), str(tmp_path / "nope.toml")).code == 2
    assert cli("diff", str(EXAMPLE)).code == 2


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "clinic"
    (repo / "protocols").mkdir(parents=True)
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.org")
    _git(repo, "config", "user.name", "T")
    shutil.copy(EXAMPLE, repo / "protocols")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "first")
    return repo


def test_git_diff_driver(repo: Path) -> None:
    """The README's .gitattributes line and git config make `git diff` clinical."""
    (repo / ".gitattributes").write_text("protocols/*.toml diff=rehab\n")
    command = f"{sys.executable} -m rehab diff"
    _git(repo, "config", "diff.rehab.command", command)
    path = repo / "protocols" / EXAMPLE.name
    path.write_text(path.read_text().replace("times_per_day = 2", "times_per_day = 1", 1))
    out = _git(repo, "diff")
    assert "a/protocols/example-pfp-calf-mobility.toml -> b/protocols/" in out
    assert "patella-maltracking-calf-stretch, phase 1: times_per_day 2 -> 1" in out
    # A new file (git passes /dev/null as the old side) lists everything as added.
    shutil.copy(EXAMPLE, repo / "protocols" / "copy.toml")
    _git(repo, "add", "-N", "protocols/copy.toml")
    out = _git(repo, "diff", "--", "protocols/copy.toml")
    assert "phase 1 added" in out and "patella-maltracking-calf-stretch added to phase 1" in out


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_export_since_adds_what_changed(repo: Path, cli: Callable[..., Result]) -> None:
    path = repo / "protocols" / EXAMPLE.name
    protocol = load_protocol(path).protocol
    assert protocol is not None
    first = protocol.phases[0].exercises[0]
    changed = editing.replace_prescription(
        protocol, (0, 0), first.model_copy(update={"times_per_day": 1, "internal_notes": "x"})
    )
    changed, _ = editing.add_exercise(changed, 1, "standing-soleus-stretch")
    save_protocol(changed, path)
    out = repo / "exports" / "h.pdf"
    result = cli("export", str(path), "--since", "HEAD", "-o", str(out), cwd=repo)
    assert result.code == 0, result.err
    text = _pdf_text(out)
    assert "What changed since your last sheet" in text
    assert "phase 1: now 3 holds of 30 seconds, each leg" in text and "once a day" in text
    assert "New in phase 2: Standing soleus stretch" in text
    # Unchanged since the revision: the box says so rather than disappearing.
    _git(repo, "commit", "-qam", "second")
    assert cli("export", str(path), "--since", "HEAD", "-o", str(out), cwd=repo).code == 0
    assert "Nothing in your exercises has changed since your last sheet" in _pdf_text(out)


def test_export_since_bad_revision_is_a_usage_error(repo: Path, cli: Callable[..., Result]) -> None:
    path = repo / "protocols" / EXAMPLE.name
    result = cli("export", str(path), "--since", "no-such-rev", cwd=repo)
    assert result.code == 2 and "no git revision 'no-such-rev'" in result.err
    assert not (repo / "exports").exists()
    result = cli("export", str(path), "--since", "--all", cwd=repo)
    assert result.code == 2


def test_acknowledgements_for_different_phases_are_told_apart(base: Protocol) -> None:
    """Version 2 allows one decision per phase; keyed by condition and exercise alone, the
    second would hide the first and a change of phases would not show."""
    exercise = base.phases[0].exercises[0].exercise
    one = Acknowledgement(
        condition="pregnancy",
        exercise=exercise,
        phases=[1],
        reason="a",
        by="B",
        on=date(2026, 1, 1),
    )
    two = one.model_copy(update={"phases": [2], "reason": "b"})
    first = editing.acknowledge(base, one)
    both = editing.acknowledge(first, two)
    assert [a.phases for a in both.acknowledged] == [[1], [2]]
    assert _texts(first, both) == [f"acknowledged: {exercise} despite pregnancy in phase 2 (B: b)"]


def test_git_diff_driver_survives_renames_and_shows_every_file(repo: Path) -> None:
    """Issue 15: git passes nine arguments for a renamed file; rehab exited 2 and git stopped
    the whole `git diff --cached` / `git show`."""
    (repo / ".gitattributes").write_text("protocols/*.toml diff=rehab\n")
    _git(repo, "config", "diff.rehab.command", f"{sys.executable} -m rehab diff")
    _git(repo, "mv", "protocols/" + EXAMPLE.name, "protocols/renamed.toml")
    renamed = repo / "protocols" / "renamed.toml"
    renamed.write_text(renamed.read_text().replace("times_per_day = 2", "times_per_day = 1", 1))
    shutil.copy(
        ROOT / "protocols" / "example-hip-replacement-calf-care.toml",
        repo / "protocols" / "zz-after.toml",
    )
    _git(repo, "add", "-A")
    out = _git(repo, "diff", "--cached", "-M")  # check=True: git itself must succeed
    assert "a/protocols/example-pfp-calf-mobility.toml -> b/protocols/renamed.toml" in out
    assert "times_per_day 2 -> 1" in out
    assert "b/protocols/zz-after.toml" in out  # git went on after the renamed file
    _git(repo, "commit", "-qm", "rename")
    assert "b/protocols/renamed.toml" in _git(repo, "show", "-M", "HEAD")


@pytest.mark.parametrize("count", [1, 9])
def test_git_driver_mode_never_exits_non_zero(
    tmp_path: Path, count: int, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_DIFF_PATH_TOTAL", "1")
    args = [str(tmp_path / "missing.toml")] * count
    result = cli("diff", *args)
    assert result.code == 0, result
