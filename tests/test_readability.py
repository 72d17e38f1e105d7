"""Plain words, measured: Flesch-Kincaid grade 7 or lower for every patient text we ship."""

from __future__ import annotations

import pytest

from rehab.check import Context
from rehab.domain.readability import grade, readability, syllables
from rehab.domain.text_lint import patient_texts

GRADE_LIMIT = 7.0

# Hand-counted syllables of words the library uses, including the awkward endings.
SYLLABLES = {
    "calf": 1,
    "stretch": 1,
    "stretched": 1,
    "raise": 1,
    "raises": 2,
    "slides": 1,
    "lifted": 2,
    "lowered": 2,
    "ankle": 2,
    "ankles": 2,
    "circles": 2,
    "muscles": 2,
    "toes": 1,
    "tiptoes": 2,
    "knee": 1,
    "knees": 1,
    "balance": 2,
    "tendon": 2,
    "achilles": 3,
    "hamstring": 2,
    "towel": 2,
    "lunges": 2,
    "gentle": 2,
    "sole": 1,
    "every": 2,
    "lying": 2,
    "the": 1,
    "straighten": 2,
    "counter": 2,
    "slowly": 2,
    "heel-toe": 2,
    "shoulders": 2,
    "breathing": 2,
    "comfortable": 4,
}


@pytest.mark.parametrize(("word", "count"), sorted(SYLLABLES.items()))
def test_syllable_heuristic(word: str, count: int) -> None:
    assert syllables(word) == count


def test_flesch_kincaid_formula() -> None:
    # 0.39 * words/sentences + 11.8 * syllables/words - 15.59
    r = readability("The cat sat on the mat. It was a big cat.")
    assert (r.words, r.sentences, r.syllables) == (11, 2, 11)
    assert grade("The cat sat on the mat. It was a big cat.") == pytest.approx(
        0.39 * 11 / 2 + 11.8 - 15.59
    )
    assert grade("") == 0.0
    # A list item without a full stop is one sentence.
    assert readability("Knee pain").sentences == 1


def test_long_words_and_sentences_score_higher() -> None:
    plain = "Stand with your back to a wall. Bend your knees a little."
    dense = (
        "Maintaining appropriate lumbopelvic stabilisation, progressively increase the "
        "amplitude of bilateral plantarflexion throughout the concentric contraction."
    )
    assert grade(plain) < GRADE_LIMIT < grade(dense)


def test_every_patient_text_of_the_library_is_grade_seven_or_lower(context: Context) -> None:
    scored = [
        (grade(text), f"{exercise.id} {'.'.join(map(str, loc))}: {text}")
        for exercise in context.library.exercises()
        for loc, text in patient_texts(exercise)
    ]
    assert len(scored) > 500  # every entry's name, steps, tips, mistakes and stop-if list
    over = sorted((item for item in scored if item[0] > GRADE_LIMIT), reverse=True)
    worst = "\n".join(f"grade {g:.1f}  {where}" for g, where in over[:10])
    assert not over, f"{len(over)} texts above grade {GRADE_LIMIT:g}; the worst ten:\n{worst}"
