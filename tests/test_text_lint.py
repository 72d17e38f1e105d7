"""The library text lint (CONTRACT 6.7): one side, no dose, plain words, a card's length."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rehab.domain.text_lint import MAX_STEPS, MAX_TIPS, RULES, broken_rules
from rehab.storage.library_files import LibraryError, load_library

ROOT = Path(__file__).resolve().parent.parent
ENTRY = (ROOT / "rehab" / "data" / "exercises" / "single-leg-calf-raise.toml").read_text()

# rule -> texts it must refuse (each taken from a real handout problem or a near variant).
REFUSED = {
    "number": ["Hold for 30 s.", "Start with 10 per leg.", "Pain above 5 out of 10."],
    "count": ["Do three holds.", "Twice is enough.", "Repeat it ten times.", "Once a day."],
    "time": ["Hold the stretch for thirty seconds.", "Rest a minute.", "Pause for a second."],
    "sets": ["Repeat for the set.", "Do more sets later.", "Add reps each week."],
    "frequency": ["Do it daily.", "Every second day is plenty.", "Build up each week."],
    "change-side": ["Then change legs.", "Switch sides.", "Then repeat on the left."],
    "other-side": ["Then the other leg.", "Rest the opposite foot on the mat."],
    "both-sides": ["Do both legs.", "Compare each side.", "Start with a few per leg."],
    "jargon": [
        "A bent knee works the soleus.",
        "Keep the pelvis level.",
        "This stretches the gastrocnemius.",
        "Go into dorsiflexion.",
        "Push into plantarflexion.",
        "Go slow on the eccentric part.",
    ],
    "internal": ["The seed programme builds up.", "Follow the protocol.", "Your cue: knee out."],
    "dose-form": ["Do 3 x 15.", "3x15 twice a day."],
}

ALLOWED = [
    "Keep the knee over your second toe.",
    "Stand on one foot with its ball on the edge of a step.",
    "Stand with the balls of both feet on the edge of a step.",
    "Rise up onto your toes using both feet.",
    "Lift your free foot off the step.",
    "Go one way round, then the reverse way.",
    "Calf pain above your pain limit, or not settled by the next morning.",
    "Set the inward turn of the foot each time.",
    "Hold still there. Keep breathing.",
    "A sudden pop or kick at the back of the heel.",
]


def test_every_rule_has_examples() -> None:
    assert {rule.name for rule in RULES} == set(REFUSED)


@pytest.mark.parametrize(
    ("rule", "text"), [(rule, text) for rule, texts in REFUSED.items() for text in texts]
)
def test_rule_refuses_its_examples(rule: str, text: str) -> None:
    assert rule in [name for name, _ in broken_rules(text)]


@pytest.mark.parametrize("text", ALLOWED)
def test_plain_one_sided_text_passes(text: str) -> None:
    assert broken_rules(text) == []


def _clinic(folder: Path, text: str, exercise_id: str = "clinic-step-raise") -> None:
    body = text.replace('id = "single-leg-calf-raise"', f'id = "{exercise_id}"')
    body = body.replace(
        'regressions = ["double-leg-calf-raise", "single-leg-floor-heel-raise"]', "regressions = []"
    )
    (folder / f"{exercise_id}.toml").write_text(body)


def _problems(folder: Path) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(LibraryError) as info:
        load_library([folder])
    return [(Path(p.path).name, p.line, p.field, p.message) for p in info.value.problems]


def test_the_clean_clinic_copy_loads(tmp_path: Path) -> None:
    _clinic(tmp_path, ENTRY)
    assert "clinic-step-raise" in load_library([tmp_path])


def test_clinic_entry_with_a_dose_in_a_step_is_refused_with_file_line_and_field(
    tmp_path: Path,
) -> None:
    old = '    "Rise all the way up onto your toes.",\n'
    assert old in ENTRY
    line = ENTRY[: ENTRY.index(old)].count("\n") + 1
    _clinic(tmp_path, ENTRY.replace(old, '    "Rise up, 15 times, then change legs.",\n'))
    problems = _problems(tmp_path)
    assert {(name, ln, field) for name, ln, field, _ in problems} == {
        ("clinic-step-raise.toml", line, "instructions[2]")
    }
    messages = " ".join(message for *_, message in problems)
    assert "'15'" in messages and "'times'" in messages and "'change legs'" in messages


def test_clinic_entry_with_jargon_in_a_mode_step_is_refused(tmp_path: Path) -> None:
    old = '    "Lower slowly on the working foot until the heel is below the step.",\n'
    assert ENTRY.count(old) == 1
    line = ENTRY[: ENTRY.index(old)].count("\n") + 1
    _clinic(tmp_path, ENTRY.replace(old, '    "Lower slowly into dorsiflexion.",\n'))
    [(name, ln, field, message)] = _problems(tmp_path)
    assert (name, ln, field) == ("clinic-step-raise.toml", line, "mode_instructions.eccentric[3]")
    assert "dorsiflexion" in message


def test_a_step_that_begins_stop_when_is_refused(tmp_path: Path) -> None:
    """A patient reading 'Stop when you feel a stretch' beside the card's 'Stop this
    exercise if' box let go of the stretch instead of holding it."""
    old = '    "Rise all the way up onto your toes.",\n'
    line = ENTRY[: ENTRY.index(old)].count("\n") + 1
    _clinic(tmp_path, ENTRY.replace(old, '    "Stop when you feel the calf working.",\n'))
    [(name, ln, field, message)] = _problems(tmp_path)
    assert (name, ln, field) == ("clinic-step-raise.toml", line, "instructions[2]")
    assert "Stop this exercise if" in message


def test_patient_name_is_linted(tmp_path: Path) -> None:
    _clinic(
        tmp_path,
        ENTRY.replace(
            'patient_name = "Heel raise on a step, one foot"',
            'patient_name = "Soleus raise, 3 x 15"',
        ),
    )
    fields = {field for _, _, field, _ in _problems(tmp_path)}
    assert fields == {"patient_name"}


def test_a_card_holds_five_steps_and_two_tips(tmp_path: Path) -> None:
    steps = "".join(f'    "Step {word}.",\n' for word in ("a", "b", "c", "d", "e", "f"))
    text = ENTRY.replace("instructions = [\n", f"instructions = [\n{steps}", 1).replace(
        "tips = [\n", 'tips = [\n    "Go slowly.",\n', 1
    )
    _clinic(tmp_path, text)
    problems = {field: message for _, _, field, message in _problems(tmp_path)}
    assert set(problems) == {"instructions", "tips"}
    assert f"at most {MAX_STEPS}" in problems["instructions"]
    assert f"at most {MAX_TIPS}" in problems["tips"]


def test_built_in_entries_pass_the_lint() -> None:
    load_library()  # raises LibraryError listing every problem


_WORDS = (
    "stand on one foot hold the rail rise up lower slowly your free leg side both feet each "
    "other opposite knee repeat change switch legs sides a day week morning every second toe "
    "set sets reps times twice three 3 x 15 30 seconds minute soleus Gastrocnemius "
    "dorsiflexion plantar flexion glutes eccentrically seed programme cue load: ."
)
VOCABULARY = _WORDS.split(" ")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=14))
def test_word_guards_never_hide_a_match(words: list[str]) -> None:
    """Each rule skips its expression when its words are absent; that must never change the
    verdict of the expression itself."""
    text = " ".join(words)
    expected = [rule.name for rule in RULES if rule.pattern.search(text)]
    assert [name for name, _ in broken_rules(text)] == expected
