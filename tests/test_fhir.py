"""The FHIR export: every template and example exports, parses back with the R4B models, and
holds every exercise, dose and acknowledgement of its protocol, asserted field by field."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# Imported, not skipped: the models are in the `test` extra, so the round trip runs in CI.
from fhir.resources.R4B.bundle import Bundle

from rehab.check import Context, check_file
from rehab.domain.conditions import Catalog
from rehab.domain.dosage import ResolvedDosage
from rehab.domain.findings import Loc
from rehab.domain.goals import goal_sentences
from rehab.domain.plan import Plan, plan_protocol
from rehab.domain.safety import safety_findings
from rehab.fhir import codes
from rehab.fhir.bundle import build_bundle
from rehab.fhir.export import export_fhir_file
from tests.conftest import ROOT, Result

SOURCES = sorted((ROOT / "templates").glob("*.toml")) + sorted((ROOT / "protocols").glob("*.toml"))
EXAMPLE = ROOT / "protocols" / "example-hip-replacement-calf-care.toml"
SCENARIOS = ROOT / "tests" / "fixtures" / "scenarios"
EXPORTABLE = sorted(
    p for p in SCENARIOS.glob("*.toml") if "# expect: error" not in p.read_text("utf-8")
)
"""The safety scenarios that pass the gate: sided, timed and scoped conditions, answered and
unanswered precautions, acknowledgements of every kind."""


def _plan(path: Path, context: Context) -> Plan:
    loaded = check_file(path, context)
    assert loaded.protocol is not None
    return plan_protocol(loaded.protocol, context.library, context.catalog)


def _export(path: Path, context: Context, out: Path, **kw: Any) -> dict[str, Any]:
    export_fhir_file(path, context, out, **kw)
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def _resources(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """fullUrl -> resource."""
    return {e["fullUrl"]: e["resource"] for e in bundle["entry"]}


def _amounts(dosage: dict[str, Any]) -> dict[str, Any]:
    return {d["type"]["text"]: d["doseQuantity"]["value"] for d in dosage["doseAndRate"]}


def _assert_dose(dosage: dict[str, Any], dose: ResolvedDosage, weeks: int) -> None:
    amounts = _amounts(dosage)
    assert amounts.pop("sets") == dose.sets
    if dose.reps is not None:
        key = "holds per set" if dose.isometric else "repetitions per set"
        assert amounts.pop(key) == dose.reps
    if dose.hold_seconds is not None:
        assert amounts.pop("hold") == dose.hold_seconds
    if dose.rest_seconds is not None:
        assert amounts.pop("rest between sets") == dose.rest_seconds
    if dose.load_kg is not None:
        assert amounts.pop("added load") == dose.load_kg
    if dose.effort is not None:
        assert amounts.pop("target effort (RPE)") == dose.effort
    assert amounts == {}  # nothing in the bundle that the dose does not have
    repeat = dosage["timing"]["repeat"]
    assert repeat["boundsDuration"]["value"] == weeks
    assert repeat["boundsDuration"]["code"] == "wk"
    per_day = dose.times_per_day
    if dose.frequency == "daily":
        assert (repeat["frequency"], repeat["period"], repeat["periodUnit"]) == (per_day, 1, "d")
    elif dose.frequency == "every-other-day":
        assert (repeat["frequency"], repeat["period"], repeat["periodUnit"]) == (per_day, 2, "d")
    elif dose.frequency == "before-activity":
        assert "before" in dosage["timing"]["code"]["text"]
    else:
        days = int(dose.frequency[0])
        assert (repeat["frequency"], repeat["periodUnit"]) == (days * per_day, "wk")
    if dose.tempo:
        assert any(dose.tempo in i["text"] for i in dosage["additionalInstruction"])
    if dose.mode != "standard":
        assert dosage["method"]["text"] == dose.mode
    else:
        assert "method" not in dosage


def assert_plan_in_bundle(plan: Plan, bundle: dict[str, Any], catalog: Catalog) -> None:
    """Every phase, prescription, dose step and acknowledgement, field by field."""
    assert bundle["resourceType"] == "Bundle"
    assert bundle["type"] == "collection"
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert "Patient" not in kinds
    by_url = _resources(bundle)
    loc_to_url: dict[Loc, str] = {}
    (pd,) = [r for r in by_url.values() if r["resourceType"] == "PlanDefinition"]
    assert pd["title"] == plan.protocol.title
    assert pd["author"] == [{"name": plan.protocol.clinician}]
    assert pd["date"] == plan.protocol.created.isoformat()
    assert len(pd["action"]) == len(plan.phases)
    for span, phase, action in zip(plan.phases, plan.protocol.phases, pd["action"], strict=True):
        assert action["title"] == phase.name
        assert action["timingRange"]["low"]["value"] == span.start_week
        assert action["timingRange"]["high"]["value"] == span.end_week
        goals = {g["id"]: g["description"]["text"] for g in pd["goal"]}
        assert [goals[g] for g in action["goalId"] if g != "pain-limit"] == goal_sentences(
            [*phase.goals, *phase.advance_when]
        )
        planned_here = plan.in_phase(span.number)
        assert len(action["action"]) == len(planned_here)
        for planned, nested in zip(planned_here, action["action"], strict=True):
            exercise = planned.exercise
            assert exercise is not None
            ad = by_url[nested["definitionCanonical"]]
            loc_to_url[planned.loc] = nested["definitionCanonical"]
            assert ad["resourceType"] == "ActivityDefinition"
            assert ad["url"] == nested["definitionCanonical"]
            assert nested["title"] == ad["title"] == exercise.name
            concept = codes.CATEGORY_CODES.get(exercise.category, codes.EXERCISE_THERAPY)
            assert ad["code"]["coding"] == [codes.coding(codes.SNOMED, *concept)]
            helper = [{"type": "related-person"}] if exercise.partner else []
            assert ad["participant"] == [{"type": "patient"}, *helper]
            sites = [s["coding"][0]["code"] for s in ad["bodySite"]]
            assert sites == [c for c, _ in codes.BODY_SITES[planned.side]]
            steps = planned.dose_changes()
            assert [d["sequence"] for d in ad["dosage"]] == list(range(1, len(steps) + 1))
            ends = [week for week, _ in steps[1:]] + [len(planned.weekly) + 1]
            for (week, dose), end, dosage in zip(steps, ends, ad["dosage"], strict=True):
                _assert_dose(dosage, dose, end - week)
            if planned.prescription.notes:
                assert all(
                    d["patientInstruction"] == planned.prescription.notes for d in ad["dosage"]
                )
    _assert_issues(plan, catalog, by_url, loc_to_url)


def _assert_issues(
    plan: Plan, catalog: Catalog, by_url: dict[str, dict[str, Any]], loc_to_url: dict[Loc, str]
) -> None:
    """One DetectedIssue per contraindication, precaution and acknowledgement finding of
    `rehab check` (the findings, not the export's own code, say what must be there), each on
    its prescription, and the acknowledgement's who, when and why as the mitigation."""
    findings = [f for f in safety_findings(plan, catalog) if f.code.value in SAFETY_CODES]
    issues = [r for r in by_url.values() if r["resourceType"] == "DetectedIssue"]
    assert len(issues) == len(findings)
    names = {c.code: c.condition.name for c in plan.conditions}
    for finding in findings:
        assert finding.condition is not None and finding.phase is not None
        url = loc_to_url[finding.loc]
        (issue,) = [
            i
            for i in issues
            if i["implicated"][0]["reference"] == url
            and i["evidence"][0]["code"][0]["text"].startswith(names[finding.condition])
            and f" in phase {finding.phase}: " in i["detail"]
        ]
        absolute = finding.code.value == "contraindicated" or (
            finding.code.value == "acknowledged" and " is contraindicated with " in finding.message
        )
        assert issue["severity"] == ("high" if absolute else "moderate")
        assert issue["code"]["text"] == ("contraindication" if absolute else "precaution")
        if finding.code.value != "acknowledged":
            assert "mitigation" not in issue
            continue
        answers = [
            {
                "action": ack.reason.strip(),
                "date": ack.on.isoformat(),
                "author": {"display": ack.by},
            }
            for ack in plan.protocol.acknowledged
            if (ack.condition, ack.exercise) == (finding.condition, finding.exercise)
            and (ack.phases is None or finding.phase in ack.phases)
        ]
        (mitigation,) = issue["mitigation"]
        assert (
            mitigation["action"]["text"] == (finding.reason or "").strip()
        )  # the one the check reports
        shown = {**mitigation, "action": mitigation["action"]["text"]}
        assert shown in answers  # (a duplicate entry is a warning of its own)


SAFETY_CODES = {"contraindicated", "precaution", "acknowledged"}


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_every_template_and_example_exports_and_parses_back(
    path: Path, context: Context, tmp_path: Path
) -> None:
    out = tmp_path / "bundle.json"
    bundle = _export(path, context, out)
    built = build_bundle(_plan(path, context), context.catalog)
    assert bundle == built  # the models' validation lost or changed nothing ...
    model = Bundle.model_validate(bundle)  # ... and they take the file back
    assert json.loads(model.model_dump_json()) == bundle
    assert_plan_in_bundle(_plan(path, context), bundle, context.catalog)


@pytest.mark.parametrize("path", EXPORTABLE, ids=[p.stem for p in EXPORTABLE])
def test_every_exportable_safety_scenario_has_its_issues(
    path: Path, context: Context, tmp_path: Path
) -> None:
    bundle = _export(path, context, tmp_path / "bundle.json")
    plan = _plan(path, context)
    assert bundle == build_bundle(plan, context.catalog)
    assert json.loads(Bundle.model_validate(bundle).model_dump_json()) == bundle
    assert_plan_in_bundle(plan, bundle, context.catalog)


V2_DOSES = """\
schema_version = 2
id = "v2-doses"
title = "Scheduled eccentric and loaded work"
clinician = "A. Example, PT"
created = 2026-11-20
starts = 2026-11-23
conditions = []

[[phases]]
name = "Build up"
weeks = 4

[[phases.exercises]]
exercise = "single-leg-calf-raise"
side = "left"
mode = "eccentric"
sets = 3
reps = 10
rest_seconds = 0
effort = 6
frequency = "every-other-day"
schedule = [{ from_week = 2, reps = 15 }, { from_week = 4, reps = 15, load_kg = 2.5 }]

[[phases.exercises]]
exercise = "single-leg-calf-raise"
side = "right"
mode = "isometric"
sets = 2
reps = 5
hold_seconds = 30
frequency = "3x-week"
times_per_day = 2

[[phases.exercises]]
exercise = "standing-soleus-stretch"
frequency = "before-activity"
"""


def test_scheduled_loaded_and_isometric_doses_appear_in_full(
    context: Context, tmp_path: Path
) -> None:
    source = tmp_path / "v2-doses.toml"
    source.write_text(V2_DOSES, encoding="utf-8")
    bundle = _export(source, context, tmp_path / "out.json")
    plan = _plan(source, context)
    assert bundle == build_bundle(plan, context.catalog)  # 2.5 kg stays 2.5, 1 stays 1
    assert_plan_in_bundle(plan, bundle, context.catalog)
    ads = [r for r in _resources(bundle).values() if r["resourceType"] == "ActivityDefinition"]
    eccentric = next(a for a in ads if a["dosage"][0].get("method") == {"text": "eccentric"})
    steps = eccentric["dosage"]
    assert [(d["sequence"], d["timing"]["repeat"]["boundsDuration"]["value"]) for d in steps] == [
        (1, 1),
        (2, 2),
        (3, 1),
    ]
    assert [_amounts(d)["repetitions per set"] for d in steps] == [10, 15, 15]
    assert _amounts(steps[2])["added load"] == 2.5
    assert _amounts(steps[0])["rest between sets"] == 0
    assert _amounts(steps[0])["target effort (RPE)"] == 6
    assert steps[1]["text"].startswith("weeks 2-3 of the phase: ")
    isometric = next(a for a in ads if a["dosage"][0].get("method") == {"text": "isometric"})
    held = _amounts(isometric["dosage"][0])
    assert {k: held[k] for k in ("sets", "holds per set", "hold")} == {
        "sets": 2,
        "holds per set": 5,
        "hold": 30,
    }
    assert isometric["dosage"][0]["timing"]["repeat"]["frequency"] == 6  # 3 days x twice
    pd = next(r for r in _resources(bundle).values() if r["resourceType"] == "PlanDefinition")
    assert pd["effectivePeriod"] == {"start": "2026-11-23", "end": "2026-12-20"}


def test_the_same_protocol_gives_the_same_bytes(context: Context, tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    export_fhir_file(EXAMPLE, context, first)
    copy = tmp_path / "elsewhere" / EXAMPLE.name
    copy.parent.mkdir()
    copy.write_bytes(EXAMPLE.read_bytes())
    export_fhir_file(copy, context, second)  # ids come from the content, not the path
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text(encoding="utf-8")
    assert json.dumps(json.loads(text), sort_keys=True, indent=2, ensure_ascii=False) + "\n" == text


def test_a_changed_dose_changes_the_ids(context: Context, tmp_path: Path) -> None:
    changed = tmp_path / EXAMPLE.name
    changed.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("reps = 10", "reps = 12"), encoding="utf-8"
    )
    before = _export(EXAMPLE, context, tmp_path / "a.json")
    after = _export(changed, context, tmp_path / "b.json")
    assert before["id"] != after["id"]
    ids = {e["resource"]["id"] for e in before["entry"]}
    changed_ids = {e["resource"]["id"] for e in after["entry"]}
    assert len(ids - changed_ids) == 2  # the floor calf raise and the plan that points at it


GOLDEN = ROOT / "tests" / "fixtures" / "fhir" / "example-hip-replacement-calf-care.json"


def test_the_example_matches_the_reviewed_golden_file(context: Context, tmp_path: Path) -> None:
    """tests/fixtures/fhir/review.md reviews this file against R4, element by element. After
    a deliberate change, regenerate it and review the diff:
    rehab export protocols/example-hip-replacement-calf-care.toml --format fhir
    -o tests/fixtures/fhir/example-hip-replacement-calf-care.json"""
    out = tmp_path / "bundle.json"
    export_fhir_file(EXAMPLE, context, out)
    assert out.read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8")


def test_internal_notes_only_with_internal(context: Context, tmp_path: Path) -> None:
    plan = _plan(EXAMPLE, context)
    notes = [plan.protocol.internal_notes] + [
        p.prescription.internal_notes for p in plan.exercises if p.prescription.internal_notes
    ]
    assert len(notes) == 2
    plain = (tmp_path / "a.json", False)
    internal = (tmp_path / "b.json", True)
    for out, flag in (plain, internal):
        export_fhir_file(EXAMPLE, context, out, internal=flag)
    text = plain[0].read_text(encoding="utf-8")
    assert not [n for n in notes if n and n in text]
    with_notes = _resources(json.loads(internal[0].read_text(encoding="utf-8")))
    usages = [r.get("usage") for r in with_notes.values()]
    assert all(n in usages for n in notes)
    # The acknowledgement's reason is the record of the decision: exported either way.
    assert plan.protocol.acknowledged[0].reason in text


# -- the command ----------------------------------------------------------------------------


def test_cli_writes_the_bundle_to_exports_by_default(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    (tmp_path / "protocols").mkdir()
    (tmp_path / "protocols" / EXAMPLE.name).write_bytes(EXAMPLE.read_bytes())
    result = cli("export", f"protocols/{EXAMPLE.name}", "--format", "fhir", cwd=tmp_path)
    assert result.code == 0, result.err
    out = tmp_path / "exports" / "example-hip-replacement-calf-care.json"
    assert out.read_bytes() == GOLDEN.read_bytes()
    assert "FHIR R4 bundle, 5 resources" in result.out


def test_cli_exports_a_folder_to_out_dir(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("export", "protocols", "--format", "fhir", "--out-dir", str(tmp_path))
    assert result.code == 0, result.out + result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "example-hip-replacement-calf-care.json",
        "example-pfp-calf-mobility.json",
    ]
    assert "2 of 2 protocols exported, 0 refused" in result.out


def test_cli_refuses_a_protocol_with_errors(cli: Callable[..., Result], tmp_path: Path) -> None:
    source = SCENARIOS / "achilles-repair-early-unacknowledged.toml"
    out = tmp_path / "x.json"
    result = cli("export", str(source), "--format", "fhir", "-o", str(out))
    assert result.code == 1
    assert "export refused" in result.out
    assert "contraindicated" in result.out
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_cli_refuses_a_referral_with_the_advice(
    cli: Callable[..., Result], context: Context, tmp_path: Path
) -> None:
    out = tmp_path / "x.json"
    result = cli(
        "export", str(SCENARIOS / "dvt-blocks-everything.toml"), "--format", "fhir", "-o", str(out)
    )
    assert result.code == 1
    advice = context.catalog.get("suspected-dvt")
    assert advice is not None and advice.referral_advice
    assert "referral-required" in result.out
    assert advice.referral_advice in result.out
    assert not out.exists()


@pytest.mark.parametrize(
    ("option", "why"),
    [
        (["--patient", "Zebedee Quux"], "no name goes into the record bundle"),
        (["--patient", "-"], "no name goes into the record bundle"),
        (["--patient-file", "name.txt"], "no name goes into the record bundle"),
        (["--since", "HEAD"], "handout"),
        (["--large-print"], "not print"),
        (["--date", "2026-12-01"], "protocol's own dates"),
        (["--start", "2026-12-01"], "handout"),
        (["--clinic", "clinic.toml"], "printed on the handout"),
    ],
    ids=[
        "patient",
        "patient-stdin",
        "patient-file",
        "since",
        "large-print",
        "date",
        "start",
        "clinic",
    ],
)
def test_cli_refuses_handout_options(
    cli: Callable[..., Result], tmp_path: Path, option: list[str], why: str
) -> None:
    (tmp_path / "name.txt").write_text("Zebedee Quux\n", encoding="utf-8")
    result = cli("export", str(EXAMPLE), "--format", "fhir", "-o", "x.json", *option, cwd=tmp_path)
    assert result.code == 2
    assert why in result.err
    assert "--format fhir" in result.err
    assert "Zebedee" not in result.out + result.err  # the name is never echoed
    assert not (tmp_path / "x.json").exists()


def test_cli_refuses_a_non_json_output(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("export", str(EXAMPLE), "--format", "fhir", "-o", str(tmp_path / "x.pdf"))
    assert result.code == 2
    assert "name a .json file" in result.err


def test_cli_refuses_internal_for_the_handout(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("export", str(EXAMPLE), "--internal", "-o", str(tmp_path / "x.pdf"))
    assert result.code == 2
    assert "--internal applies to --format fhir" in result.err
    assert not (tmp_path / "x.pdf").exists()


def test_cli_never_replaces_a_file_that_is_not_a_bundle(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    precious = tmp_path / "notes.json"
    precious.write_text('{"mine": true}\n', encoding="utf-8")
    result = cli("export", str(EXAMPLE), "--format", "fhir", "-o", str(precious))
    assert result.code == 1
    assert "not a FHIR bundle" in result.out
    assert precious.read_text(encoding="utf-8") == '{"mine": true}\n'
    ours = tmp_path / "ours.json"
    ours.write_bytes(GOLDEN.read_bytes().replace(b"Weeks 1-4", b"Weeks 1-5"))
    assert cli("export", str(EXAMPLE), "--format", "fhir", "-o", str(ours)).code == 0
    assert ours.read_bytes() == GOLDEN.read_bytes()  # an earlier bundle is replaced


def test_cli_names_the_missing_extra(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(__import__("sys").modules, "fhir.resources.R4B.bundle", None)
    result = cli("export", str(EXAMPLE), "--format", "fhir", "-o", str(tmp_path / "x.json"))
    assert result.code == 2
    assert "pip install 'rehab[fhir]'" in result.err
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert not (tmp_path / "x.json").exists()


def test_cli_never_writes_through_a_link(cli: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.json"
    target.write_bytes(GOLDEN.read_bytes())
    link = tmp_path / "link.json"
    link.symlink_to(target)
    result = cli("export", str(EXAMPLE), "--format", "fhir", "-o", str(link))
    assert result.code == 1
    assert "symbolic link" in result.out
    assert link.is_symlink() and target.read_bytes() == GOLDEN.read_bytes()
