"""How hard a patient text is to read: the Flesch-Kincaid grade level, implemented here.

Why Flesch-Kincaid: the targets patient materials are held to (AMA grade 6, NIH grade 8, in
the clinical reference's handout section) are US school grades, and FK is the formula those
targets and most readability studies of patient handouts report, so a number from it can be
compared with them directly. It needs only word, sentence and syllable counts, so it fits in
this module without a dependency (the usual package for it, textstat, pulls in a pronouncing
dictionary and pyphen for a better syllable count, which moves a grade by a fraction, not
the verdict on a text written in short words).

The syllable count is a heuristic (vowel groups, with English silent-e and '-ed'/'-es'
endings handled); it is exact on the library's own vocabulary, which a test pins.

FK is known to mislead on very short texts: one long word in a two-word text swings the grade
by several points ("Dizziness." scores grade 20). The library is held to the formula anyway,
per text, because the handout prints each text on its own; the fix for a short text that
scores high is a plainer word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['\u2019-][A-Za-z\u00c0-\u024f]+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")

# Words the heuristic gets wrong that the library uses; kept short on purpose.
_EXCEPTIONS = {
    "achilles": 3,
    "knee": 1,
    "knees": 1,
    "toe": 1,
    "toes": 1,
    "shoe": 1,
    "shoes": 1,
    "every": 2,
    "towel": 2,
    "towels": 2,
    "chair": 1,
    "being": 2,
    "doing": 2,
    "going": 2,
    "lying": 2,
    "quiet": 2,
    "ease": 1,
    "eases": 2,
    "area": 3,
    "idea": 3,
    "real": 1,
    "really": 2,
    "create": 2,
    "bruising": 2,
    "squeeze": 1,
    "squeezes": 2,
    "clinician": 3,
    "physio": 3,
}


def syllables(word: str) -> int:
    """Syllables in one English word (a heuristic; at least 1)."""
    w = word.lower().strip("'\u2019-")
    if not w:
        return 0
    if "-" in w:
        return sum(syllables(part) for part in w.split("-") if part)
    w = w.replace("\u2019", "'").split("'")[0]  # "foot's" counts as "foot"
    if w in _EXCEPTIONS:
        return _EXCEPTIONS[w]
    count = len(_VOWEL_GROUPS.findall(w))
    if len(w) > 2 and w.endswith("e") and not w.endswith(("le", "ee", "ye")):
        count -= 1  # silent e: "stretch-e", "raise", "slide"
    elif len(w) > 3 and w.endswith("le") and w[-3] in "aeiouy":
        count -= 1  # "sole"
    if len(w) > 3 and w.endswith("ed") and w[-3] not in "td":
        count -= 1  # "raised", "lifted" keeps its syllable
    elif (
        len(w) > 3
        and w.endswith("es")
        and w[-3] not in "aeiouysxzgc"
        and w[-4:-2] not in ("sh", "ch")
        and not (w[-3] == "l" and w[-4] not in "aeiouy")
    ):
        count -= 1  # "slides" loses it; "raises", "lunges", "ankles" and "toes" do not
    return max(count, 1)


@dataclass(frozen=True)
class Readability:
    """The counts behind a grade, so a failing text can be explained."""

    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade level (0 for a text without words)."""
        if self.words == 0:
            return 0.0
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59


def readability(text: str) -> Readability:
    """Counts for one text; a text without a full stop is one sentence (a list item)."""
    words = _WORD.findall(text)
    sentences = max(len(_SENTENCE_END.findall(text.strip())), 1)
    return Readability(len(words), sentences, sum(syllables(w) for w in words))


def grade(text: str) -> float:
    """Flesch-Kincaid grade level of `text`."""
    return readability(text).grade
