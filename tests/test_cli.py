"""The command line as scripts and clinicians use it: output formats, exit codes, commands."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from rehab.check import Context
from rehab.cli.output import Printer
from tests.conftest import ROOT, Result, run_process

Cli = Callable[..., Result]
RULES = ROOT / "tests" / "fixtures" / "rules"


def test_check_default_folder_and_shipped_files_pass(cli: Cli) -> None:
    result = cli("check")
    assert result.code == 0, result.out
    assert "checked: 0 errors, 0 warnings," in result.out.splitlines()[-1]
    assert cli("check", "templates/", "protocols/").code == 0


def test_check_text_line_format(cli: Cli) -> None:
    result = cli("check", str(RULES / "invalid" / "sets-range.toml"))
    assert result.code == 1
    first, summary = result.out.splitlines()
    assert first == (
        f"{RULES / 'invalid' / 'sets-range.toml'}:17: "
        "error schema: phases[0].exercises[0].sets: must be between 1 and 10, got 11"
    )
    assert summary == "1 file checked: 1 error, 0 warnings, 0 infos"


def test_check_json_follows_the_contract(cli: Cli) -> None:
    result = cli(
        "check",
        "--format",
        "json",
        str(RULES / "invalid" / "unknown-exercise.toml"),
        str(RULES / "valid" / "unknown-exercise.toml"),
    )
    assert result.code == 1
    payload = json.loads(result.out)
    assert set(payload) == {"files", "summary"}
    bad, good = payload["files"]
    assert bad["valid"] is False and good["valid"] is True and good["findings"] == []
    [finding] = bad["findings"]
    assert finding == {
        "severity": "error",
        "code": "unknown-exercise",
        "message": "unknown exercise 'single-leg-calf-rise'; did you mean 'single-leg-calf-raise'?",
        "line": 15,
        "field": "phases[0].exercises[0].exercise",
        "phase": 1,
        "exercise": "single-leg-calf-rise",
        "condition": None,
    }
    assert payload["summary"] == {"files": 2, "errors": 1, "warnings": 0, "infos": 0}


def test_warning_passes_unless_strict(cli: Cli) -> None:
    path = str(RULES / "invalid" / "id-file-name.toml")
    assert cli("check", path).code == 0
    assert cli("check", "--strict", path).code == 1


@pytest.mark.parametrize(
    "args",
    [
        ("check", "no-such-folder"),
        ("check", "--bogus"),
        ("fmt", "missing.toml"),
        ("library", "--component", "knee-bend"),
    ],
)
def test_usage_errors_exit_2(cli: Cli, args: tuple[str, ...]) -> None:
    result = cli(*args)
    assert result.code == 2
    assert "Traceback" not in result.err


def test_empty_folder_is_a_usage_error_not_a_pass(cli: Cli, tmp_path: Path) -> None:
    result = cli("check", str(tmp_path))
    assert result.code == 2
    assert "no protocol files" in result.err


def test_folders_are_searched_recursively_skipping_hidden(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    shutil.copy(RULES / "valid" / "sets-range.toml", tmp_path / "a" / "b" / "sets-range.toml")
    (tmp_path / ".git" / "junk.toml").write_text("not toml [")
    result = cli("check", str(tmp_path))
    assert result.code == 0
    assert "1 file checked" in result.out


def test_terminal_control_characters_in_messages_are_neutralised(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text('"\\u001b[2J" = 1\n')
    result = cli("check", str(path))
    assert "\x1b" not in result.out
    assert "unknown key '\ufffd[2J'" in result.out


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert Printer(Tty()).colour is True
    assert Printer(io.StringIO()).colour is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert Printer(Tty()).colour is False


def test_library_search_and_json(cli: Cli, context: Context) -> None:
    result = cli("library", "assisted", "--muscle", "hamstrings")
    assert result.code == 0
    assert "assisted-lying-hamstring-stretch" in result.out
    assert f"1 of {len(context.library)} exercises" in result.out
    payload = json.loads(
        cli("library", "--json", "--muscle", "soleus", "--category", "stretch").out
    )
    assert {e["id"] for e in payload} == {
        "standing-soleus-stretch",
        "patella-maltracking-calf-stretch",
    }
    assert cli("library", "--component", "spinal-load").out.startswith("donkey-calf-raise")


def test_show_prints_the_whole_entry(cli: Cli) -> None:
    result = cli("show", "standing-soleus-stretch")
    assert result.code == 0
    for part in (
        "Standing soleus stretch",
        "Default:     3 holds of 30 seconds, each leg",
        "Instructions",
        "Stop if",
        "seed 002_2d19fa92f52b26ed.txt",
    ):
        assert part in result.out
    assert (
        json.loads(cli("show", "--json", "donkey-calf-raise").out)["defaults"]["tempo"] == "3-0-1"
    )
    missing = cli("show", "standing-soleus-strech")
    assert missing.code == 1
    assert "did you mean 'standing-soleus-stretch'" in missing.err


def test_conditions_lists_the_whole_catalog(cli: Cli) -> None:
    payload = json.loads(cli("conditions", "--json").out)
    assert len(payload["conditions"]) == 25
    by_code = {c["code"]: c for c in payload["conditions"]}
    repair = by_code["achilles-repair"]
    assert repair["aliases"] == ["achilles-repair-early"] and repair["sided"] is True
    assert repair["pain_limit"] == 3 and repair["referral"] is False
    assert [r["window"] for r in repair["rules"]] == ["weeks 0-8", "weeks 0-6", "weeks 6-12"]
    assert [r["weeks"] for r in repair["rules"]] == [[0, 8], [0, 6], [6, 12]]
    assert all(r["proposed"] and r["source"].startswith("Proposed") for r in repair["rules"])
    pregnancy = by_code["pregnancy"]["rules"]
    assert [r["window"] for r in pregnancy] == ["from week 20", "always"]
    assert "against a wall" in pregnancy[0]["cue"]
    # A rule without its own reason or source shows the condition's.
    assert pregnancy[1]["source"] == by_code["pregnancy"]["source"]
    assert pregnancy[1]["why"] == by_code["pregnancy"]["why"]
    dvt = by_code["suspected-dvt"]
    assert dvt["referral"] is True and "medical assessment today" in dvt["referral_advice"]
    urgencies = {f["id"]: f["urgency"] for f in payload["red_flags"]}
    assert urgencies["pulmonary-embolism"] == "emergency"
    assert urgencies["pain-monitoring"] == "not-urgent"

    text = cli("conditions").out
    assert "25 conditions (1 older code still read)" in text
    block = text.split("\nachilles-repair  ")[1].split("\n\n")[0]
    for part in (
        "sided: yes   pain limit: 3/10   aliases: achilles-repair-early",
        "referral: no",
        "- absolute, weeks 0-8, proposed: passive-dorsiflexion",
        "- relative, weeks 6-12, proposed: loaded-plantarflexion",
        "cue: Rise onto your toes on both feet",
        "source: Proposed: surgeons' protocols differ",
        "why: A healing Achilles tendon",
        "source: Typical post-repair courses (weeks proposed); other leg: Manca 2017",
    ):
        assert part in block, part
    pregnancy_block = text.split("\npregnancy  ")[1].split("\n\n")[0]
    assert "- relative, from week 20: supine-lying" in pregnancy_block
    assert "- technique, always: single-leg-stance" in pregnancy_block
    assert "sided: no   pain limit: not set   aliases: none" in pregnancy_block
    dvt_block = text.split("suspected-dvt  ")[1].split("\n\n")[0]
    assert "referral: yes, no exercise handout. Instead: Do not start exercises." in dvt_block
    pfp_block = text.split("\npatellofemoral-pain  ")[1].split("\n\n")[0]
    assert "cue not printed for: patella-maltracking-calf-stretch" in pfp_block
    assert "source: Willy 2019" in pfp_block


def test_schema_describes_every_field(cli: Cli) -> None:
    schema = json.loads(cli("schema").out)
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) >= {
        "schema_version",
        "id",
        "title",
        "clinician",
        "created",
        "conditions",
    }
    prescription = schema["$defs"]["Prescription"]
    assert prescription["additionalProperties"] is False
    for name, spec in prescription["properties"].items():
        assert spec.get("description"), name


def test_new_from_template_is_dated_today_and_valid(cli: Cli, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    result = cli(
        "new",
        "smith-knee",
        "--template",
        "pfp-hip-knee-strength",
        "--clinician",
        "B. Jones, PT",
        cwd=tmp_path,
    )
    assert result.code == 0, result.err
    created = tmp_path / "protocols" / "smith-knee.toml"
    text = created.read_text()
    today = date.today()
    assert f"created = {today.isoformat()}" in text
    assert f"review_on = {(today + timedelta(days=28)).isoformat()}" in text
    assert 'clinician = "B. Jones, PT"' in text
    assert cli("check", str(created), cwd=tmp_path).code == 0
    again = cli("new", "smith-knee", "--clinician", "B. Jones, PT", cwd=tmp_path)
    assert again.code == 1
    assert created.read_text() == text


def test_new_uses_builtin_templates_outside_a_checkout(cli: Cli, tmp_path: Path) -> None:
    result = cli("new", "blank-one", "--clinician", "B. Jones, PT", cwd=tmp_path)
    assert result.code == 0
    assert (
        cli(
            "new",
            "from-builtin",
            "--template",
            "calf-stretch-and-strengthen",
            "--clinician",
            "B. Jones, PT",
            cwd=tmp_path,
        ).code
        == 0
    )
    listing = cli("new", "x", "--list", cwd=tmp_path).out
    assert "donkey-calf-raise-strength" in listing


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("new", "Bad_Id", "--clinician", "X"), "not a valid id"),
        (("new", "good-id"), "--clinician"),
        (("new", "good-id", "--clinician", "X", "--template", "nope"), "no template 'nope'"),
        (("new", "good-id", "--clinician", "Bad\x1b[31m"), "control character"),
    ],
)
def test_new_usage_errors(cli: Cli, tmp_path: Path, args: tuple[str, ...], words: str) -> None:
    result = cli(*args, cwd=tmp_path)
    assert result.code == 2
    assert words in result.err
    assert not (tmp_path / "protocols" / "good-id.toml").exists()


def test_fmt_check_rewrite_and_comment_guard(cli: Cli, tmp_path: Path) -> None:
    source = (RULES / "valid" / "sets-range.toml").read_text()
    path = tmp_path / "sets-range.toml"
    path.write_text(source)  # has an '# expect:' comment and is otherwise canonical
    refused = cli("fmt", str(path))
    assert refused.code == 1
    assert "internal_notes" in refused.out and "--drop-comments" in refused.out
    assert path.read_text() == source
    assert cli("fmt", "--check", str(path), "--drop-comments").code == 1
    assert cli("fmt", str(path), "--drop-comments").code == 0
    assert not path.read_text().startswith("#")
    assert cli("fmt", "--check", str(path)).code == 0


def test_fmt_never_rewrites_an_invalid_file(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "sets-range.toml"
    original = (RULES / "invalid" / "sets-range.toml").read_text().split("\n", 1)[1]
    path.write_text(original)
    result = cli("fmt", str(path))
    assert result.code == 1
    assert "must be between 1 and 10" in result.out
    assert path.read_text() == original


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"\x00\x01\x02binary", 1),
        (b"a = " + b"[" * 10_000 + b"]" * 10_000, 1),
        (b"\xef\xbb\xbfid = 1", 1),
    ],
    ids=["binary", "nesting", "bom"],
)
def test_real_process_never_shows_a_traceback(tmp_path: Path, content: bytes, code: int) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    result = run_process("check", str(path))
    assert result.code == code
    assert "Traceback" not in result.out + result.err
    assert "toml-syntax" in result.out


def test_bad_clinic_library_from_environment_is_reported(tmp_path: Path) -> None:
    (tmp_path / "broken.toml").write_text('id = "broken"\nname = 3\n')
    result = run_process("check", "protocols", env={"REHAB_LIBRARY": str(tmp_path)})
    assert result.code == 1
    assert "broken.toml" in result.err and "name" in result.err
    assert "Traceback" not in result.err


def test_control_characters_are_replaced_for_the_cli_and_dropped_for_the_app() -> None:
    """Every code point: C0 controls but tab and newline, DEL and C1 become U+FFFD in CLI
    output and vanish in the app; nothing else changes (both rules were loops over
    characters; they are one regex now, in rehab/terminal.py)."""
    from rehab.terminal import printable
    from rehab.tui.text import clean

    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)

    def kept(ch: str) -> bool:
        return ch in "\n\t" or (ch >= " " and not 0x7F <= ord(ch) <= 0x9F)

    assert printable(everything) == "".join(ch if kept(ch) else "\ufffd" for ch in everything)
    assert clean(everything) == "".join(ch for ch in everything if kept(ch))
