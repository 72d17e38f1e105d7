"""No exercise ever gets two cues that contradict each other (issue 14, item 6).

For every exercise and every condition, the cues the handout may print with it (each rule that
shares a component, in any window) are read against each other and against the exercise's own
patient texts. A pair of opposite instructions, such as the patellofemoral guideline's "knee in
line with the second toe" and the patella-maltracking stretch's "knee past the little toe",
must never meet on one card. The opposites are written here by hand: each is a way two
sentences a patient reads could tell them to do opposite things.
"""

from __future__ import annotations

import re
from itertools import combinations

import pytest

from rehab.check import Context
from rehab.domain.conditions import Catalog, Condition
from rehab.domain.exercise import Exercise
from rehab.storage.library_files import load_catalog, load_library

OPPOSITES: list[tuple[str, str, str]] = [
    (
        "knee path",
        r"second toe",
        r"little toe|outside (edge )?of (the|your) foot|outer (edge of the )?foot",
    ),
    (
        "hand support",
        r"hold (on to )?(a|the) (counter|chair|rail|wall|support)|with both hands|hold on",
        r"without holding|let go|hands[- ]free|no hands|cross your arms|arms crossed",
    ),
    (
        "how far",
        r"stop short of the end|gentle pull|light pull|mild pull",
        # "as far as you can without pain / with mild pain" agrees with a gentle pull
        r"as far as you can(?! without| with mild| with little)|push (in)?to the end|"
        r"as deep as|deepest",
    ),
    (
        # A cue may change a step only by naming it ("where this says lie on your back").
        "lying on the back",
        r"^(?!.*where this says).*(not lying flat|sit(ting)? up against)",
        r"lie (flat )?on your back",
    ),
]

LIBRARY = load_library()
CATALOG = load_catalog()


def _cues(condition: Condition, exercise: Exercise) -> list[str]:
    components = set(exercise.components)
    cues = []
    for rule in condition.rules:
        shares = "all" in rule.components or components & set(rule.components)
        cue = rule.cue_for(exercise.id)
        if shares and cue:
            cues.append(cue)
    return cues


def _own_texts(exercise: Exercise) -> list[str]:
    steps = [*exercise.instructions, *(s for m in exercise.mode_instructions.values() for s in m)]
    return [*steps, *exercise.tips, *exercise.stop_if]


def _clash(a: str, b: str) -> str | None:
    for name, one, other in OPPOSITES:
        if (re.search(one, a, re.I) and re.search(other, b, re.I)) or (
            re.search(other, a, re.I) and re.search(one, b, re.I)
        ):
            return name
    return None


def _clashes(exercise: Exercise, catalog: Catalog) -> list[str]:
    found = []
    cued = [
        (condition.code, cue)
        for condition in catalog.conditions
        for cue in _cues(condition, exercise)
    ]
    for code, cue in cued:
        for text in _own_texts(exercise):
            if (what := _clash(cue, text)) is not None:
                found.append(f"{exercise.id} x {code}: {what}: {cue!r} against its own {text!r}")
    for (code_a, cue_a), (code_b, cue_b) in combinations(cued, 2):
        if (what := _clash(cue_a, cue_b)) is not None:
            found.append(f"{exercise.id}: {code_a} and {code_b}: {what}: {cue_a!r} / {cue_b!r}")
    return found


@pytest.mark.parametrize("exercise_id", sorted(LIBRARY.ids))
def test_no_two_cues_on_one_card_contradict(exercise_id: str) -> None:
    exercise = LIBRARY.get(exercise_id)
    assert exercise is not None
    assert _clashes(exercise, CATALOG) == []


def test_a_cue_that_changes_the_position_names_the_step_it_changes() -> None:
    """Pregnancy from week 20: every exercise lying on the back gets the cue, and the cue says
    which step it changes, so the card reads as one instruction."""
    pregnancy = CATALOG.get("pregnancy")
    assert pregnancy is not None
    supine = [LIBRARY.get(i) for i in sorted(LIBRARY.ids)]
    lying = [e for e in supine if e is not None and "supine-lying" in e.components]
    assert len(lying) >= 5
    for exercise in lying:
        [cue] = _cues(pregnancy, exercise)
        assert cue.startswith("Because you are pregnant: where this says lie on your back")


def test_the_check_finds_the_contradiction_it_was_written_for(context: Context) -> None:
    """Without `cue_not_for`, the patellofemoral cue would meet the stretch's own text."""
    pfp = CATALOG.get("patellofemoral-pain")
    stretch = LIBRARY.get("patella-maltracking-calf-stretch")
    assert pfp is not None and stretch is not None
    rules = [r.model_copy(update={"cue_not_for": []}) for r in pfp.rules]
    bare = CATALOG.model_copy(update={"conditions": [pfp.model_copy(update={"rules": rules})]})
    assert any("knee path" in clash for clash in _clashes(stretch, bare))
