"""Plain words, measured: the handout's own sentences and the catalog's patient texts are held
at grade 7 or lower, like the library's (tests/test_readability.py), and each failure lists
the worst ten."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from rehab.check import Context
from rehab.domain.clinic import ClinicProfile
from rehab.domain.measures import get_measure
from rehab.domain.protocol import Phase, Prescription, Protocol
from rehab.domain.readability import grade
from rehab.domain.sheet import Now, build_sheet
from rehab.handout import wording
from tests.test_readability import GRADE_LIMIT

CLINIC = ClinicProfile(
    name="Oak Street Clinic",  # the clinic's own name is not the sheet's wording
    phone="020 7946 0000",
    emergency_number="999",
    out_of_hours="When we are closed, call 111 for advice.",
)


def _over(texts: list[tuple[str, str]]) -> str:
    scored = sorted(((grade(text), where, text) for where, text in texts), reverse=True)
    over = [item for item in scored if item[0] > GRADE_LIMIT]
    worst = "\n".join(f"grade {g:.1f}  {where}: {text}" for g, where, text in scored[:10])
    return f"{len(over)} texts above grade {GRADE_LIMIT:g}; the worst ten:\n{worst}" if over else ""


def _sheet_texts(context: Context) -> list[tuple[str, str]]:
    """Every fixed sentence of the handout, with typical values filled in."""
    exercises = [Prescription(exercise=e) for e in ("floor-calf-raise", "seated-soleus-raise")]
    protocol = Protocol(
        schema_version=2,
        id="wording-check",
        title="Wording",
        clinician="A. Example, PT",
        created=date(2026, 12, 1),
        conditions=[],
        phases=[Phase(name="One", weeks=3, exercises=exercises)] * 3,
    )
    sheet = build_sheet(protocol, context.library, start=date(2026, 12, 7), today=date(2026, 12, 1))
    first, middle, _ = sheet.stages
    review = date(2027, 2, 1)
    now_texts = [
        wording.this_week(None, first, review),
        wording.this_week(Now(None, before=True), first, review),
        wording.this_week(Now(middle, 2), first, review),
        wording.this_week(Now(None, after=True), first, review),
        wording.this_week(None, replace(first, last=True), review),
    ]
    texts = [
        wording.STOP_TITLE,
        wording.PAIN_SCALE,
        wording.NO_PAIN,
        wording.HELPER,
        wording.STOP_CARD,
        wording.LOG_TICK,
        wording.LOG_TWICE,
        wording.LOG_REST,
        wording.LOG_PAIN,
        wording.LOG_MISSED,
        wording.LOG_BRING,
        wording.WORKING_LEG,
        wording.BOTH_LEGS,
        wording.MEASURE_TITLE,
        wording.MEASURE_EACH_SIDE,
        wording.SPARE_WEEK,
        wording.AIMS,
        wording.measure_row(get_measure("heel-raise-count"), "left"),  # type: ignore[arg-type]
        wording.not_ready(first),
        wording.not_ready(replace(first, end=None)),
        wording.dropped([3, 4]),
        wording.PAIN_ROW,
        wording.pain_allowed(3),
        wording.pain_allowed(5),
        wording.pain_limit_title(3),
        wording.stage_title(middle, 3),
        wording.stage_when(middle),
        wording.move_on(first),
        wording.last_stage(review),
        wording.last_stage(None, only=True),
        wording.earlier_title(middle),
        wording.side_line("both", False),
        wording.side_line("right", False),
        *wording.contact_lines(CLINIC),
        *wording.contact_lines(None),
        wording.log_week_title(middle, 2, None),
        *now_texts,
    ]
    return [(f"wording {i}", text) for i, text in enumerate(texts)]


def test_the_handouts_own_sentences_are_grade_seven_or_lower(context: Context) -> None:
    texts = _sheet_texts(context)
    assert len(texts) > 25
    assert not _over(texts), _over(texts)


def test_catalog_cues_red_flags_and_referral_advice_are_grade_seven_or_lower(
    context: Context,
) -> None:
    catalog = context.catalog
    texts: list[tuple[str, str]] = []
    for flag in catalog.red_flags:
        texts += [(f"red flag {flag.id}", flag.text), (f"red flag {flag.id} action", flag.action)]
    for condition in catalog.conditions:
        for index, rule in enumerate(condition.rules):
            if rule.cue:
                texts.append((f"{condition.code} rule {index} cue", rule.cue))
        # (A referral's advice is the clinician's: the handout is refused for it.)
    assert len(texts) > 40
    assert not _over(texts), _over(texts)
