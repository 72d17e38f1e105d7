"""One exercise card: the picture beside the dose and the steps, then tips and when to stop.

Everything about one exercise sits in one ruled card that never splits across pages in normal
print, so a "Stop this exercise if" box can never be read as the next exercise's. The dose
comes from the prescription and the side from the handout, never from the library's texts
(docs/library.md), so the card cannot contradict itself. In large print a card may split, only
between its steps, and the part on the next page repeats the exercise's name, "continued".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from rehab.domain.sheet import Entry
from rehab.handout import card_parts as part
from rehab.handout import wording
from rehab.handout.card_large import large_card
from rehab.handout.parts import bullets, esc, long_text, table_style
from rehab.handout.styles import Styles

Arrangement = tuple[str, str, str]
"""Where a card's tips, stop box and "You need" go: ('left' | 'right', 'left' | 'foot',
'left' | 'right')."""
ARRANGEMENTS: tuple[Arrangement, ...] = tuple(
    (tips, stop, needs)
    for tips, stop in (("right", "left"), ("right", "foot"), ("left", "foot"))
    for needs in ("right", "left")
)
"""Tips under the steps and the stop box under the picture (usually the shortest: it fills
the space the picture leaves), or the stop box across the card's foot with the tips on
either side; what the patient needs above the steps or under the picture, whichever column
has the room."""


@dataclass
class _Parts:
    """A card's pieces, built once: measured to choose the arrangement, then laid out."""

    left: float
    title: Paragraph
    pictures: list[Flowable]
    text: list[Flowable]
    needs: list[Flowable]
    tips: list[Flowable]
    stop_left: Table
    stop_foot: Table


def _arranged(entry: Entry, about: list[Flowable], s: Styles, width: float) -> Table | None:
    """The card in two columns, in whichever arrangement is shortest; None when its note and
    cues alone are taller than a page (a very long note)."""
    exercise = entry.card.exercise
    side = entry.prescription.side or "both"
    drawn, left = part.columns(exercise, side, s, width)
    right = width - left
    about_height = part.measured_height(about, right - 12)
    if about_height > part.MAX_CARD:
        return None
    title, term_below = _title(entry, s, width - 12)
    term = part.clinical_name(exercise, s) if term_below else []
    parts = _Parts(
        left,
        title,
        [*_left_column(entry, drawn, s, left), *term],
        _right_column(entry, s, right),
        part.needs(entry, s),
        part.tips(exercise, s),
        part.stop_box(exercise, s, left - 12),
        part.stop_strip(exercise, s, width - 12),
    )
    # Each part measured once at the width it has (the note's paragraphs once, above); the
    # title and a video row are the same in every arrangement.
    pictures = part.measured_height(parts.pictures, left - 12)
    text = part.measured_height(parts.text, right - 12) + about_height
    tips_left = part.measured_height(parts.tips, left - 12)
    tips_right = part.measured_height(parts.tips, right - 12)
    stop_left = part.measured_height([parts.stop_left], left - 12) + 4
    stop_foot = part.measured_height([parts.stop_foot], width - 12) + 8
    needs_left = part.measured_height(parts.needs, left - 12) + (3 if parts.needs else 0)
    needs_right = part.measured_height(parts.needs, right - 12)

    def height(where: Arrangement) -> float:
        tips_at, stop_at, needs_at = where
        picture = pictures + (needs_left if needs_at == "left" else 0)
        words = text + (needs_right if needs_at == "right" else 0)
        if stop_at == "left":
            return max(picture + stop_left, words + tips_right)
        if tips_at == "right":
            return max(picture, words + tips_right) + stop_foot
        return max(picture + 4 + tips_left, words) + stop_foot

    best = min(ARRANGEMENTS, key=height)
    return _table(entry, about, parts, s, width, best)


def _title(entry: Entry, s: Styles, width: float) -> tuple[Paragraph, bool]:
    """The title with the clinician's term on its line where both fit on one; else the title
    alone and True: the term goes under the picture (wrapped onto a line of its own it read
    as a second heading)."""
    with_term = part.title(entry.card, s, clinical=True)
    alone = part.title(entry.card, s)
    if part.measured_height([with_term], width) <= part.measured_height([alone], width):
        return with_term, False
    return alone, part.clinical_term(entry.card.exercise) is not None


def _left_column(entry: Entry, drawn: Any, s: Styles, left: float) -> list[Flowable]:
    """The picture and which leg works (the clinician's term is on the title line)."""
    exercise = entry.card.exercise
    side = entry.prescription.side or "both"
    pictures = [drawn] if drawn is not None else part.pictures(exercise, side, s, left - 10)
    key = wording.leg_key(exercise.bilateral, bool(exercise.figure and exercise.figure.one_leg))
    if drawn is not None and key:
        pictures.append(Paragraph(esc(key), s.small))
    return pictures


def _right_column(entry: Entry, s: Styles, right: float) -> list[Flowable]:
    """The dose, the side, what is needed and the steps (the note and cues go between the
    side and the steps, see `_table`)."""
    return [
        part.dose_box(entry, s, right - 12),
        Spacer(1, 2),
        *part.side_first(entry, s),
        bullets(part.steps(entry), s, numbered=True, style=s.tight),
    ]


def _table(
    entry: Entry,
    about: list[Flowable],
    parts: _Parts,
    s: Styles,
    width: float,
    where: Arrangement,
) -> Table:
    """The two-column card: picture on the left, dose and steps on the right, the tips and
    the stop box where `where` puts them."""
    tips_at, stop_at, needs_at = where
    exercise = entry.card.exercise
    pictures = list(parts.pictures)
    needs = parts.needs if needs_at == "right" else []
    text = [*parts.text[:-1], *needs, *about, parts.text[-1]]  # all of it before the steps
    if needs_at == "left" and parts.needs:
        pictures += [Spacer(1, 3), *parts.needs]
    if tips_at == "left":
        pictures += [Spacer(1, 4), *parts.tips]
    else:
        text += parts.tips
    if stop_at == "left":
        pictures += [Spacer(1, 4), parts.stop_left]
    rows: list[list[Any]] = [[parts.title, ""], [pictures, text]]
    if stop_at == "foot":
        rows.append([parts.stop_foot, ""])
    video = part.video_row(exercise, s)
    if video:
        rows.append(video)
    table = Table(rows, colWidths=[parts.left, width - parts.left], hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("SPAN", (0, 0), (1, 0)),
        ("BOX", (0, 0), (-1, -1), 0.75, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
    ]
    if stop_at == "foot":
        commands.append(("SPAN", (0, 2), (1, 2)))
    table.setStyle(table_style(s, *commands))
    return table


def card(entry: Entry, cues: list[str], s: Styles, width: float, *, large: bool) -> list[Flowable]:
    """The card of an exercise where it is first prescribed: in normal print two columns,
    kept on one page, its tips where the card is shorter; in large print one column.
    The clinician's note is built once (it may be thousands of lines) and measured there."""
    about = part.about(entry, cues, s)
    if not large:
        table = _arranged(entry, about, s, width)
        if table is not None:
            return [KeepTogether([table]), Spacer(1, 6)]
    about = [*part.needs(entry, s), *about]
    flowing = large_card(entry, about, s, width)
    height = flowing.wrap(width, 100_000)[1]
    if height <= part.PAGE_HEIGHT:
        # Whole, on the next page if need be: a card read across two pages is easily lost.
        return [KeepTogether([flowing]), Spacer(1, 8)]
    tallest_row = max(flowing._rowHeights)
    if tallest_row > part.PAGE_HEIGHT - 60:  # a single row (a very long note) flows on
        return [large_card(entry, about, s, width, split_inside=True), Spacer(1, 8)]
    return [flowing, Spacer(1, 8)]


def reference(entry: Entry, stage: int, cues: list[str], s: Styles) -> list[Flowable]:
    """An exercise printed in full earlier, in short: its number and name, where its card is,
    and its dose now (or "as before")."""
    exercise = entry.card.exercise
    where = "above" if entry.card.stage == stage else f"stage {entry.card.stage}"
    name = f"<b>{entry.card.number}. {esc(exercise.handout_name)}</b> (card in {esc(where)})"
    if entry.as_before:
        text = f"{name}: as before."
    else:
        text = f"{name}: now {esc(entry.dose)}."
        side = wording.side_line(entry.prescription.side or "both", exercise.bilateral)
        if side and not side.startswith("Then"):
            text += f" <b>{esc(side)}</b>"
    story: list[Flowable] = [Paragraph(f"\u2022 {text}", s.tight)]
    if cues:
        story.append(bullets(cues, s, style=s.tight))
    if entry.prescription.notes:
        story += long_text(entry.prescription.notes, s.tight)
    return story
