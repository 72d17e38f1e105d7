"""Handout v2, read back from the PDF as a patient reads it: cards that do not contradict
their dose, one box per session, due days, who to call, cards kept whole, no empty page."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pypdf
import pytest

from rehab.check import Context, review
from rehab.domain.clinic import ClinicProfile
from rehab.domain.dosage import ResolvedDosage
from rehab.domain.protocol import Phase, Prescription, Protocol
from rehab.domain.sheet import build_sheet, due_days, log_weeks
from rehab.domain.text_lint import lint_text
from rehab.handout.render import HandoutOptions, render_handout
from rehab.handout.wording import side_line
from rehab.storage.protocol_files import load_protocol
from tests.conftest import ROOT

ISSUED = date(2026, 12, 2)
CLINIC = ClinicProfile(name="Example Physiotherapy", phone="020 7946 0000", emergency_number="999")
EXAMPLES = sorted(
    [*(ROOT / "protocols").glob("*.toml"), ROOT / "templates" / "calf-stretch-and-strengthen.toml"]
)


def _load(path: Path) -> Protocol:
    protocol = load_protocol(path).protocol
    assert protocol is not None
    return protocol


def _pages(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def _render(protocol: Protocol, context: Context, **options: object) -> bytes:
    findings = review(protocol, context)
    chosen = HandoutOptions(issue_date=ISSUED, version="test", **options)  # type: ignore[arg-type]
    return render_handout(protocol, context.library, context.catalog, findings, chosen)


def _one(context: Context, **prescription: object) -> Protocol:
    base = _load(ROOT / "templates" / "calf-stretch-and-strengthen.toml")
    phase = Phase(name="Only", weeks=2, exercises=[Prescription(**prescription)])  # type: ignore[arg-type]
    return base.model_copy(update={"phases": [phase]})


def _card_text(pages: list[str], number: int, name: str) -> str:
    """The text of card `number` after its title, to the end of its stop strip, without the
    clinician's term in small print (which is meant to be the clinical word)."""
    text = " ".join(pages).split("Exercise log", 1)[0]
    start = text.index(f"{number}. {name}") + len(f"{number}. {name}")
    stop = text.index("Stop this exercise if:", start)
    end = text.find(f" {number + 1}. ", stop)
    card = text[start : end if end > 0 else None]
    return re.sub(r"Clinical name: .*?(?= Do: | Stop this exercise| Tips|$)", "", card)


# -- a card never contradicts its dose ------------------------------------------------------


@pytest.mark.parametrize(
    ("side", "says", "never"),
    [
        ("right", "Right leg only.", "Then do the same with the other leg."),
        ("left", "Left leg only.", "Then do the same with the other leg."),
        ("both", "Then do the same with the other leg.", "leg only."),
    ],
)
def test_the_side_comes_from_the_prescription(
    side: str, says: str, never: str, context: Context
) -> None:
    protocol = _one(context, exercise="single-leg-calf-raise", side=side)
    name = context.library.get("single-leg-calf-raise").handout_name  # type: ignore[union-attr]
    card = _card_text(_pages(_render(protocol, context)), 1, name)
    assert says in card and never not in card


@pytest.mark.parametrize(
    ("dose", "printed"),
    [
        ({"sets": 4, "reps": 12}, "4 sets of 12"),
        ({"sets": 2, "hold_seconds": 45}, "2 holds of 45 seconds"),
        ({"tempo": "4-0-2"}, "rise for 2 seconds, lower for 4 seconds"),
        ({"frequency": "3x-week"}, "3 days a week"),
        ({"times_per_day": 2}, "twice a day"),
    ],
)
def test_the_only_counts_on_a_card_are_the_prescriptions(
    dose: dict[str, object], printed: str, context: Context
) -> None:
    exercise = "standing-gastrocnemius-stretch" if "hold_seconds" in dose else "floor-calf-raise"
    protocol = _one(context, exercise=exercise, **dose)
    name = context.library.get(exercise).handout_name  # type: ignore[union-attr]
    card = _card_text(_pages(_render(protocol, context)), 1, name)
    do, _, rest = card.partition("Do: ")
    sentence, _, after = rest.partition(" You need")
    assert printed in sentence
    # Outside the dose sentence nothing states a count, a time, sets or a change of leg
    # (the list numbers of the steps aside).
    # The side line is the handout's own, from the prescription.
    words = re.sub(r"(?<!\S)\d(?!\S)", "", after + do).replace(side_line("both", False), "")
    assert lint_text(words) == [], lint_text(words)


# -- the log asks for what the dose asks ------------------------------------------------------


def test_twice_a_day_gives_two_boxes_on_each_due_day(context: Context) -> None:
    protocol = _one(context, exercise="floor-calf-raise", times_per_day=2, frequency="daily")
    log = " ".join(_pages(_render(protocol, context))).split("Exercise log", 1)[1]
    week = log.split("Pain today", 1)[0]
    assert week.count("\u2610 \u2610") == 7


def test_every_second_day_is_due_on_alternate_days_across_weeks() -> None:
    dose = ResolvedDosage(
        side="both",
        sets=1,
        hold_seconds=None,
        reps=10,
        rest_seconds=None,
        tempo=None,
        load=None,
        frequency="every-other-day",
        times_per_day=1,
    )
    week_one, week_two = due_days(dose, 0), due_days(dose, 7)
    assert week_one == (True, False, True, False, True, False, True)
    assert week_two == (False, True, False, True, False, True, False)


def test_rest_days_print_the_word_rest_on_the_log(context: Context) -> None:
    protocol = _one(context, exercise="floor-calf-raise", frequency="every-other-day")
    log = " ".join(_pages(_render(protocol, context))).split("next visit.", 1)[1]
    weeks = log.split("Pain today")
    assert weeks[0].count("rest") == 3 and weeks[1].count("rest") == 4


def test_each_leg_has_its_own_row_and_a_schedule_prints_the_weeks_target(
    context: Context,
) -> None:
    protocol = _one(
        context,
        exercise="single-leg-calf-raise",
        side="both",
        sets=3,
        reps=10,
        schedule=[{"from_week": 2, "reps": 15}],
    )
    sheet = build_sheet(protocol, context.library, start=None, today=ISSUED)
    weeks = log_weeks(sheet, context.library)
    assert [row.leg for row in weeks[0].rows] == ["left leg", "right leg"]
    assert [row.target for row in weeks[1].rows] == ["3 sets of 15", "3 sets of 15"]
    log = " ".join(_pages(_render(protocol, context))).split("Exercise log", 1)[1]
    assert "this week: 3 sets of 10" in log and "this week: 3 sets of 15" in log


# -- whom to call -------------------------------------------------------------------------------


def test_the_clinic_phone_and_emergency_number_are_in_the_stop_box(context: Context) -> None:
    protocol = _load(ROOT / "protocols" / "example-hip-replacement-calf-care.toml")
    first = _pages(_render(protocol, context, clinic=CLINIC))[0]
    stop = first.split("STOP and get help", 1)[1].split("Your pain limit", 1)[0]
    assert "020 7946 0000" in stop and "call 999" in stop
    assert first.index("Example Physiotherapy") < first.index("STOP and get help")


def test_without_a_profile_the_stop_box_has_a_line_to_write_the_number_on(
    context: Context,
) -> None:
    protocol = _load(ROOT / "protocols" / "example-hip-replacement-calf-care.toml")
    first = _pages(_render(protocol, context))[0]
    stop = first.split("STOP and get help", 1)[1].split("Your pain limit", 1)[0]
    assert "Your clinic's phone number: ___" in stop


# -- dates, stages, one card per exercise -------------------------------------------------------


def test_an_exercise_in_several_stages_is_printed_once_and_pointed_to(context: Context) -> None:
    protocol = _load(ROOT / "templates" / "calf-stretch-and-strengthen.toml")
    text = " ".join(_pages(_render(protocol, context)))
    handout = text.split("Exercise log", 1)[0]
    sheet = build_sheet(protocol, context.library, start=None, today=ISSUED)
    prescribed = sum(len(phase.exercises) for phase in protocol.phases)
    assert len(sheet.cards) == 6 < prescribed
    assert handout.count("Stop this exercise if:") == 6
    assert "1. Calf stretch against a wall (card in stage 1): as before." in handout


def test_stages_show_dates_this_week_and_the_last_stage_says_keep_going(
    context: Context,
) -> None:
    protocol = _load(ROOT / "templates" / "calf-stretch-and-strengthen.toml")
    pages = _pages(_render(protocol, context, start=date(2026, 11, 23)))
    assert "This week you are in stage 1, week 2 of 3: exercises 1, 2, 3 and 4." in pages[0]
    text = " ".join(pages)
    assert "Weeks 1 to 3, from 23 Nov to 13 Dec 2026" in text
    # The review (27 Dec) comes before stage 3 starts (4 Jan): it is not the stage's end.
    assert "This is the last stage: keep going until your clinician tells you otherwise." in text
    assert "Move on to stage 4" not in text and "Move on to stage 3 when:" in text


def test_before_the_start_page_one_says_when_to_begin(context: Context) -> None:
    protocol = _load(ROOT / "templates" / "calf-stretch-and-strengthen.toml")
    first = _pages(_render(protocol, context, start=date(2026, 12, 7)))[0]
    assert "Start on Monday 7 December. Do stage 1 first: exercises 1, 2, 3 and 4." in first


# -- layout ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("large", [False, True])
def test_no_page_is_empty_and_normal_print_cards_stay_whole(
    path: Path, large: bool, context: Context
) -> None:
    protocol = _load(path)
    pages = _pages(_render(protocol, context, large_print=large))
    footer = re.compile(rf"{protocol.id} · Sheet version test Page \d+ of \d+")
    for number, page in enumerate(pages, 1):
        assert len(footer.sub("", page).strip()) > 40, f"page {number} is empty"
    if large:
        return
    sheet = build_sheet(protocol, context.library, start=None, today=ISSUED)
    for card in sheet.cards:
        title = f"{card.number}. {card.exercise.handout_name}"
        on = [i for i, page in enumerate(pages) if title in page and "Stop this exercise" in page]
        assert on, f"card {title!r} is split across pages"


def test_large_print_card_that_splits_repeats_its_name_continued(context: Context) -> None:
    """Split where a page ends (four fifths down the card): the part on the next page starts with
    the exercise's name "(continued)", the first part keeps its own heading, and no part
    starts or ends between the head and the first step."""
    from reportlab.lib.units import mm

    from rehab.handout.card_large import large_card
    from rehab.handout.card_parts import about
    from rehab.handout.styles import build_styles

    protocol = _one(context, exercise="single-leg-calf-raise", side="both")
    sheet = build_sheet(protocol, context.library, start=None, today=ISSUED)
    entry = sheet.stages[0].entries[0]
    s = build_styles(large_print=True)
    table = large_card(entry, about(entry, [], s), s, 174 * mm)
    _, height = table.wrap(174 * mm, 10_000)
    first, rest = table.split(174 * mm, height * 0.8)  # a page ending in the last steps
    name = entry.card.exercise.handout_name

    def heading(part: object) -> str:
        cell = part._cellvalues[0][0]  # type: ignore[attr-defined]
        return " ".join(p.getPlainText() for p in (cell if isinstance(cell, tuple) else [cell]))

    assert heading(first) == f"1. {name}"
    assert heading(rest) == f"1. {name} (continued)"
    assert len(first._cellvalues) >= 3  # title, picture and dose, at least the first step


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_bookmarks_for_each_stage_and_the_log_and_the_language(
    path: Path, context: Context
) -> None:
    protocol = _load(path)
    reader = pypdf.PdfReader(io.BytesIO(_render(protocol, context)))
    titles = [item.title for item in reader.outline]  # type: ignore[union-attr]
    assert titles == [
        *(f"Stage {i}: {stage}" for i, stage in _stage_names(protocol)),
        "Exercise log",
    ]
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def _stage_names(protocol: Protocol) -> list[tuple[int, str]]:
    from rehab.domain.sheet import stage_name

    return [(i, stage_name(phase)) for i, phase in enumerate(protocol.phases, 1)]


def test_the_footer_says_sheet_version(context: Context) -> None:
    protocol = _load(ROOT / "protocols" / "example-pfp-calf-mobility.toml")
    pages = _pages(_render(protocol, context))
    assert all("Sheet version test" in page for page in pages)


def test_the_protocols_own_start_dates_the_stages_and_is_checked(
    tmp_path: Path, context: Context
) -> None:
    from rehab.export import StartOutOfRange, export_file
    from rehab.storage.protocol_files import save_protocol

    protocol = _load(ROOT / "templates" / "calf-stretch-and-strengthen.toml")
    dated = tmp_path / f"{protocol.id}.toml"
    save_protocol(protocol.model_copy(update={"starts": date(2026, 12, 7)}), dated)
    out = tmp_path / "dated.pdf"
    export_file(dated, context, HandoutOptions(issue_date=ISSUED), out)
    assert "Weeks 1 to 3, from 7 Dec to 27 Dec 2026" in " ".join(_pages(out.read_bytes()))
    save_protocol(protocol.model_copy(update={"starts": date(9999, 12, 1)}), dated)
    with pytest.raises(StartOutOfRange, match="9999-12-01"):
        export_file(dated, context, HandoutOptions(issue_date=ISSUED), tmp_path / "late.pdf")
    assert not (tmp_path / "late.pdf").exists()


def test_every_second_day_carries_on_where_one_stage_meets_the_next(context: Context) -> None:
    """A stage of 3 weeks has 21 days: the raise due on its last day is not due again on the
    next stage's first day (two loaded days in a row, the day the load goes up)."""
    protocol = _load(ROOT / "templates" / "calf-stretch-and-strengthen.toml")
    sheet = build_sheet(protocol, context.library, start=date(2026, 12, 7), today=ISSUED)
    weeks = log_weeks(sheet, context.library)
    raise_rows = [(week, row) for week in weeks for row in week.rows if "Heel raise" in row.name]
    last_of_one = [r.due[-1] for w, r in raise_rows if w.stage.number == 1 and w.week == 3]
    first_of_two = [r.due[0] for w, r in raise_rows if w.stage.number == 2 and w.week == 1]
    assert all(last_of_one) and not any(first_of_two)


def test_a_stage_says_which_exercises_stop_and_what_if_not_ready(context: Context) -> None:
    protocol = _load(ROOT / "templates" / "calf-stretch-and-strengthen.toml")
    text = " ".join(_pages(_render(protocol, context, start=date(2026, 12, 7))))
    assert "From now on, leave out exercises 3 and 4." in text
    assert "Not ready by 27 Dec? Stay on this stage and tell your clinician." in text


def test_a_review_before_the_last_stage_starts_is_not_given_as_its_end(context: Context) -> None:
    protocol = _load(ROOT / "templates" / "calf-stretch-and-strengthen.toml")
    assert protocol.review_on == date(2026, 12, 27)
    text = " ".join(_pages(_render(protocol, context, start=date(2026, 12, 7))))
    # Page one names that review: "until your review" sent a reader back to 27 December.
    assert "This is the last stage: keep going until your clinician tells you otherwise." in text
    assert "keep going until your review" not in text
    undated = " ".join(_pages(_render(protocol, context)))
    assert "This is the last stage: keep going until your review on 27 December" in undated


def test_a_measurable_goal_is_taught_and_has_a_weekly_box_per_side(context: Context) -> None:
    protocol = _load(ROOT / "templates" / "calf-stretch-and-strengthen.toml")
    text = " ".join(_pages(_render(protocol, context)))
    log = text.split("Exercise log", 1)[1]
    # Taught where stage 3 starts asking for it, not on week 1's page (a reader took the
    # one-foot test in week 1, while stage 1 is for both feet).
    before, taught = log.split("From stage 3, once a week: check your progress", 1)
    assert "Heel rise test" not in before and "Stage 2, week 3 of 3" in before
    how, stage_three = taught.split("Stage 3, week 1 of 4", 1)
    assert "Write down how many full rises you did." in how
    assert "Test one leg, then the other, and write down each." in how  # a line per side
    assert "Once this week: Heel rise test, left: ________ rises" in stage_three
    assert "Once this week: Heel rise test, right: ________ rises" in stage_three
    assert "Once this week" not in log.split("Stage 3, week 1 of 4", 1)[0]


@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("sessions", [1, 2, 3])
def test_a_days_boxes_fit_inside_its_cell(large: bool, sessions: int) -> None:
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from rehab.handout.log import HEAD_PAD, LEG_WIDTH, TICK, _boxes_size
    from rehab.handout.styles import build_styles

    s = build_styles(large_print=large)
    width = 174 * mm
    day = (width - width * 0.36 - LEG_WIDTH) / 7
    size = _boxes_size(sessions, s, day)
    assert stringWidth(" ".join([TICK] * sessions), s.regular, size) <= day - 2 * HEAD_PAD
    if sessions == 1:
        assert size == s.tick_size  # one box is never made smaller


@pytest.mark.parametrize(("sets", "change"), [(2, "15 each set"), (1, "15 times")])
def test_a_schedule_on_a_dated_sheet_names_the_day_it_changes(
    sets: int, change: str, context: Context
) -> None:
    """One set is '10 times' in the dose, so its change is '15 times', not '15 each set'."""
    protocol = _one(
        context,
        exercise="floor-calf-raise",
        sets=sets,
        reps=10,
        schedule=[{"from_week": 2, "reps": 15}],
    )
    dated = " ".join(_pages(_render(protocol, context, start=date(2026, 12, 7))))
    assert f"from Mon 14 Dec: {change}" in dated and "from week 2" not in dated
    undated = " ".join(_pages(_render(protocol, context)))
    assert f"from week 2: {change}" in undated
    if sets == 1:
        assert "each set" not in undated


def test_a_review_date_already_past_is_not_printed_as_the_next_review(context: Context) -> None:
    protocol = _load(ROOT / "templates" / "calf-stretch-and-strengthen.toml")
    past = protocol.model_copy(update={"review_on": date(2026, 11, 29)})
    first = _pages(_render(past, context))[0]
    assert "Next review" not in first
    assert "Next review: 27 December 2026" in _pages(_render(protocol, context))[0]


def test_a_later_stages_new_amount_is_on_its_log_rows(context: Context) -> None:
    protocol = _load(ROOT / "templates" / "knee-osteoarthritis-strength.toml")
    sheet = build_sheet(protocol, context.library, start=None, today=ISSUED)
    weeks = log_weeks(sheet, context.library)
    first = [row.target for row in weeks[0].rows]
    later = {row.number: row.target for row in weeks[-1].rows}
    assert first == [None] * len(first)  # stage 1: the card says it
    changed = [e for e in sheet.stages[1].entries if not e.new and not e.as_before]
    assert changed and all(later[e.card.number] for e in changed)


def test_a_spare_week_follows_the_log_where_a_stage_may_take_longer(context: Context) -> None:
    staged = _load(ROOT / "templates" / "calf-stretch-and-strengthen.toml")
    log = " ".join(_pages(_render(staged, context))).split("Exercise log", 1)[1]
    spare = log.split("Spare week: if you stay on a stage longer, use this page", 1)
    assert len(spare) == 2 and spare[1].count("Exercise number: ____") == 8
    single = _load(ROOT / "protocols" / "example-hip-replacement-calf-care.toml")
    assert "Spare week" not in " ".join(_pages(_render(single, context)))


def test_the_clinical_name_shares_the_title_line(context: Context) -> None:
    """In small print after the patient's name: a line of its own under the picture made
    every card taller."""
    protocol = _load(ROOT / "templates" / "calf-stretch-and-strengthen.toml")
    reader = pypdf.PdfReader(io.BytesIO(_render(protocol, context)))
    lines = [line.strip() for page in reader.pages for line in page.extract_text().splitlines()]
    title = next(line for line in lines if line.startswith("1. Calf stretch against a wall"))
    assert "Clinical name: Standing gastrocnemius stretch" in title
    # Too long for one line with the title: wrapped under it, it read as a second heading,
    # so it goes under the picture instead.
    long = "6. Heel raise on a step, one foot, knee bent"
    assert long in lines
    assert any(line.startswith("Clinical name: Single-leg bent-knee calf") for line in lines)
