"""The condition catalog data matches the clinical reference, rule for rule."""

from __future__ import annotations

import pytest

from rehab.domain.components import COMPONENTS
from rehab.storage.library_files import load_catalog

PD, WBD, DBN, LPF = (
    "passive-dorsiflexion",
    "weight-bearing-dorsiflexion",
    "dorsiflexion-below-neutral",
    "loaded-plantarflexion",
)
# From ../shared/clinical-reference.md, "Conditions": code -> {level: components}
REFERENCE: dict[str, dict[str, set[str]]] = {
    "suspected-dvt": {"absolute": {"all"}},
    "achilles-rupture-suspected": {"absolute": {PD, WBD, DBN, LPF}},
    "achilles-repair-early": {"absolute": {PD, WBD, DBN, LPF}},
    "achilles-tendinopathy-insertional": {"relative": {DBN, PD, WBD}},
    "achilles-tendinopathy-midportion": {"relative": {LPF}},
    "calf-strain-acute": {"absolute": {PD, WBD}, "relative": {LPF, "partner-force"}},
    "lower-leg-fracture-or-surgery-recent": {
        "absolute": {PD, WBD, DBN},
        "relative": {LPF, "single-leg-stance"},
    },
    "hip-arthroplasty-posterior": {"absolute": {"hip-flexion-90"}},
    "lumbar-radiculopathy": {"relative": {"neural-tension", "spinal-load"}},
    "cauda-equina-symptoms": {"absolute": {"all"}},
    "osteoporosis": {"relative": {"spinal-load"}},
    "fall-risk": {"relative": {"single-leg-stance"}},
    "peripheral-neuropathy": {"relative": {LPF, "partner-force"}},
    "patellofemoral-pain": {"technique": {"weight-bearing-knee-flexion"}},
    "pregnancy": {"relative": {"supine-lying", "single-leg-stance"}},
    "hypermobility": {"relative": {PD, "partner-force"}},
    "popliteal-artery-entrapment-suspected": {"absolute": {LPF, PD, WBD}},
    "anticoagulation": {"relative": {"partner-force", "single-leg-stance"}},
    "acl-hamstring-graft-early": {"relative": {"hamstring-lengthening"}},
    "meniscal-repair-early": {"relative": {"weight-bearing-knee-flexion"}},
    "local-inflammation": {"absolute": {PD, WBD}},
}
PROPOSED = {
    "calf-strain-acute",
    "lumbar-radiculopathy",
    "osteoporosis",
    "popliteal-artery-entrapment-suspected",
    "anticoagulation",
}


def test_catalog_has_exactly_the_reference_codes() -> None:
    assert load_catalog().codes == set(REFERENCE)


@pytest.mark.parametrize("code", sorted(REFERENCE))
def test_rules_match_the_reference(code: str) -> None:
    condition = load_catalog().get(code)
    assert condition is not None
    rules = {rule.level: set(rule.components) for rule in condition.rules}
    assert rules == REFERENCE[code]
    assert all(rule.proposed == (code in PROPOSED) for rule in condition.rules)
    assert condition.source.strip() and condition.why.strip() and condition.name.strip()
    for rule in condition.rules:
        assert set(rule.components) <= {*COMPONENTS, "all"}


def test_red_flags_general_and_by_condition() -> None:
    catalog = load_catalog()
    general = {flag.id for flag in catalog.red_flags_for([])}
    assert general == {
        "dvt",
        "pulmonary-embolism",
        "achilles-rupture",
        "calf-tear",
        "pain-monitoring",
    }
    hip = {flag.id for flag in catalog.red_flags_for(["hip-arthroplasty-posterior"])}
    assert hip == general | {"hip-dislocation"}
    for code in ("cauda-equina-symptoms", "pregnancy", "popliteal-artery-entrapment-suspected"):
        assert {flag.id for flag in catalog.red_flags_for([code])} > general


def test_level_for_takes_the_highest_shared_level() -> None:
    strain = load_catalog().get("calf-strain-acute")
    assert strain is not None
    assert strain.level_for(["partner-force", "passive-dorsiflexion"]) == (
        "absolute",
        ("passive-dorsiflexion",),
        True,
    )
    assert strain.level_for(["partner-force"]) == ("relative", ("partner-force",), True)
    assert strain.level_for(["hip-flexion-90"]) is None
    dvt = load_catalog().get("suspected-dvt")
    assert dvt is not None and dvt.level_for(["supine-lying"]) == (
        "absolute",
        ("supine-lying",),
        False,
    )
