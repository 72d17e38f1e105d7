"""The library text lint: patient texts describe one side and state no dose (docs/library.md).

The handout prints an exercise's steps, tips, mistakes and stop-if list beside the dose of
the prescription and adds the side itself ("Right leg only." / "Then the same with the other
leg."). A library text that says "3 x 30 seconds", "start with 10 per leg" or "then change
legs" contradicts every prescription that differs from it, and the patient cannot tell which
to follow (issue 17 found all of these on printed sheets). So such texts are refused when the
library loads, built-in and clinic entries alike, as any other bad entry is.

Also refused: words that are the clinician's, not the patient's (muscle and movement names
such as "soleus" or "dorsiflexion", internal words such as "seed" or "protocol"), and more
steps or tips than the handout's exercise card holds (5 and 2: fewer, shorter instructions
are followed better, Henry 1999; Bachmann 2018).

Each rule is a regular expression with the reason and what to write instead, so a clinic
author reading the message can fix the text at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from rehab.domain.exercise import Exercise
from rehab.domain.findings import Loc, format_loc

MAX_STEPS = 5
MAX_TIPS = 2

_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    "ninety|hundred|dozen|twice|thrice|half a minute"
)


@dataclass(frozen=True)
class _Rule:
    """A pattern, why it is refused, and the words without which it cannot match.

    The words are a cheap guard: a first load of a 13,000-entry clinic folder lints about
    150,000 texts, and eleven regular expressions on each took 3.6 s; a set lookup per rule
    skips the expressions for the clean texts, which are nearly all of them. None: the
    rule is about digits and runs only on a text that has one.
    """

    name: str
    pattern: re.Pattern[str]
    why: str
    words: frozenset[str] | None
    prefixes: tuple[str, ...]


def _rule(name: str, pattern: str, why: str, words: str | None = None, prefixes: str = "") -> _Rule:
    return _Rule(
        name,
        re.compile(pattern, re.IGNORECASE),
        why,
        frozenset(words.split()) if words is not None else None,
        tuple(prefixes.split()),
    )


_TOKEN = re.compile(r"[a-z0-9]+")
_DIGIT = re.compile(r"\d")


_DOSE = "the handout prints the dose from the prescription, so the text must not state one"
_SIDE = (
    "describe the working leg only: the handout adds the side from the prescription "
    "(say 'your free foot' or 'the resting leg' for the one that is not working)"
)

RULES: tuple[_Rule, ...] = (
    _rule("number", r"\d+", f"a number in a patient text reads as a count or a time; {_DOSE}"),
    _rule(
        "count",
        rf"\b(?:{_NUMBER_WORDS})\b|\bonce\s+(?:a|an|per|each|every|more)\b|"
        r"\bone\s+(?:more|set|rep|time|hold|minute|second)s?\b|\btimes\b",
        f"a count; {_DOSE}",
        words=_NUMBER_WORDS.replace("|", " ") + " once one times",
    ),
    _rule(
        "time",
        r"\b(?:seconds|secs?|minutes?|mins?|hours?|hrs?)\b|\bsecond\b(?!\s+toes?\b)",
        f"a time; {_DOSE}",
        words="seconds second sec secs minute minutes min mins hour hours hr hrs",
    ),
    _rule(
        "sets",
        r"\b(?:sets|reps?|repetitions?|rounds)\b|"
        r"\b(?:a|the|each|per|every|one|this|next|first|last)\s+set\b",
        f"sets and repetitions are the prescription's; {_DOSE}",
        words="set sets rep reps repetition repetitions rounds",
    ),
    _rule(
        "frequency",
        r"\b(?:daily|weekly|nightly|fortnightly)\b|"
        r"\b(?:a|an|per|each|every)\s+(?:other\s+|second\s+)?(?:day|week|morning|evening|"
        r"night|session)s?\b",
        f"how often is the prescription's; {_DOSE}",
        words="daily weekly nightly fortnightly day days week weeks morning mornings evening "
        "evenings night nights session sessions",
    ),
    _rule(
        "change-side",
        r"\b(?:change|changing|switch|switching|swap|swapping|alternate|alternating)\s+"
        r"(?:the\s+|your\s+)?(?:legs?|sides?|feet|foot)\b|\brepeat\s+(?:on|with|for)\b",
        _SIDE,
        words="change changing switch switching swap swapping alternate alternating repeat",
    ),
    _rule(
        "other-side",
        r"\b(?:other|opposite)\s+(?:legs?|sides?|foot|feet|knee|ankle|calf|hip)\b",
        _SIDE,
        words="other opposite",
    ),
    _rule(
        "both-sides",
        r"\b(?:both|each|either|per|every)\s+(?:legs?|sides?)\b",
        _SIDE + "; for an exercise on two feet say 'both feet'",
        words="leg legs side sides",
    ),
    _rule(
        "jargon",
        r"\b(?:gastrocnemius|gastrocs?|soleus|dorsi-?flex\w*|plantar-?\s?flex\w*|plantar|"
        r"pelvis|pelvic|quadriceps|quads?|tibialis|glute\w*|adduct\w*|abduct\w*|flexion|"
        r"extension|proprioception|valgus|varus|patellar?|fascia|lumbar|supine|prone|"
        r"eccentric\w*|concentric\w*|isometric\w*|tempo|rpe|rm|tendinopathy|metatarsals?|"
        r"calcaneus|sciatic|neural|contralateral|ipsilateral|bilateral|unilateral|hallux)\b",
        "a clinician's word; use the plain one (upper calf, lower calf, bend the ankle up, "
        "point the toes, hips, thigh muscles, kneecap, sole of the foot, lowering slowly, "
        "holding still)",
        words="soleus pelvis pelvic quadriceps quad quads tibialis flexion extension "
        "proprioception valgus varus patella patellar fascia lumbar supine prone tempo rpe rm "
        "tendinopathy calcaneus sciatic neural contralateral ipsilateral bilateral unilateral "
        "hallux",
        prefixes="gastroc dorsi plantar glute adduct abduct eccentric concentric isometric "
        "metatarsal",
    ),
    _rule(
        "internal",
        r"\b(?:seed|protocols?|programmes?|programs?|cue|cues|phase|phases|prescription)\b|"
        r"\bload\s*:",
        "an internal word of rehab or of the source document; patients do not know it",
        words="seed protocol protocols programme programmes program programs cue cues phase "
        "phases prescription load",
    ),
    _rule(
        "dose-form",
        r"\d+\s*[x\u00d7]\s*\d+",
        f"a dose written as 'sets x reps'; {_DOSE}",
    ),
)


@dataclass(frozen=True)
class TextProblem:
    """One lint problem: where (a model path, as findings use) and what is wrong."""

    loc: Loc
    message: str

    @property
    def field(self) -> str | None:
        """The path as every other entry problem names it: instructions[2]."""
        return format_loc(self.loc)


def patient_texts(exercise: Exercise) -> Iterator[tuple[Loc, str]]:
    """Every text of an entry the patient reads, with its model path."""
    if exercise.patient_name is not None:
        yield ("patient_name",), exercise.patient_name
    for key in ("instructions", "tips", "mistakes", "stop_if"):
        items: list[str] = getattr(exercise, key)
        for index, text in enumerate(items):
            yield (key, index), text
    for mode, steps in exercise.mode_instructions.items():
        for index, text in enumerate(steps):
            yield ("mode_instructions", mode, index), text


def broken_rules(text: str) -> list[tuple[str, str]]:
    """(rule name, message) for every rule `text` breaks, in rule order."""
    tokens = set(_TOKEN.findall(text.lower()))
    digits = _DIGIT.search(text) is not None
    found = []
    for rule in RULES:
        if rule.words is None:
            if not digits:
                continue  # the rules without words are about numbers
        elif tokens.isdisjoint(rule.words) and not (
            rule.prefixes and any(t.startswith(rule.prefixes) for t in tokens)
        ):
            continue  # none of the words the rule's pattern needs: it cannot match
        match = rule.pattern.search(text)
        if match:
            found.append((rule.name, f"'{match.group().strip()}': {rule.why}"))
    return found


def lint_text(text: str) -> list[str]:
    """Why `text` cannot be printed on a handout as it stands (empty: it can)."""
    return [message for _, message in broken_rules(text)]


_STOP_STEP = re.compile(r"^\W*stop\s+(?:when|at|as\s+soon|once)\b", re.IGNORECASE)
STOP_STEP_WHY = (
    "a step that begins 'Stop when' or 'Stop at' is read as the card's 'Stop this exercise "
    "if' (a patient let go of a stretch there instead of holding it); say how far to go: "
    "'Lean in until you feel a stretch ... Hold it there.'"
)


def lint_exercise(exercise: Exercise) -> list[TextProblem]:
    """Every problem with an entry's patient texts, in file order."""
    problems: list[TextProblem] = []
    for loc, text in patient_texts(exercise):
        problems.extend(TextProblem(loc, reason) for reason in lint_text(text))
        if loc[0] in ("instructions", "mode_instructions") and _STOP_STEP.search(text):
            problems.append(TextProblem(loc, STOP_STEP_WHY))
    limits: list[tuple[Loc, list[str], int, str]] = [
        (("instructions",), exercise.instructions, MAX_STEPS, "steps"),
        (("tips",), exercise.tips, MAX_TIPS, "tips"),
    ]
    limits += [
        (("mode_instructions", mode), steps, MAX_STEPS, "steps")
        for mode, steps in exercise.mode_instructions.items()
    ]
    for loc, items, limit, what in limits:
        if len(items) > limit:
            problems.append(
                TextProblem(
                    loc,
                    f"has {len(items)} {what}; the handout's exercise card holds at most "
                    f"{limit} (fewer, shorter instructions are followed better)",
                )
            )
    return problems
