"""One exercise card: the picture beside the dose and the steps, then tips and when to stop.

Everything about one exercise sits in one ruled card that never splits across pages in normal
print, so a "Stop this exercise if" box can never be read as the next exercise's. The dose
comes from the prescription and the side from the handout, never from the library's texts
(docs/library.md), so the card cannot contradict itself. In large print a card may split, only
between its steps, and the part on the next page repeats the exercise's name, "continued".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from rehab.domain.exercise import Exercise
from rehab.domain.findings import Finding
from rehab.domain.sheet import Card, Entry
from rehab.handout import wording
from rehab.handout.figure_draw import FigureFlowable, layout
from rehab.handout.parts import boxed, bullets, esc, long_text, table_style
from rehab.handout.styles import Styles

LARGE_WHOLE = 560.0
"""Points: a large-print card shorter than this moves to the next page whole rather than split."""
MAX_CARD = 650.0
"""Points: a card taller than this cannot be kept on one page with a heading above it."""


def cues_for(findings: Sequence[Finding], entry: Entry) -> list[str]:
    """The patient cues of the rules that flag this prescription: technique cues, precautions
    (answered or not: the answer is the clinician's, the cue is still the patient's)."""
    cues: list[str] = []
    for finding in findings:
        if finding.loc == entry.loc and finding.cue and finding.cue not in cues:
            cues.append(finding.cue)
    return cues


def _qr(url: str, size: float) -> Flowable:
    # Imported here: ReportLab's graphics package takes 60 ms to import, and only an
    # exercise with a video link draws a QR code.
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    widget = QrCodeWidget(url)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing  # type: ignore[no-any-return]


def _picture(path: str, width: float) -> Flowable:
    """A clinic entry's own picture (checked at load), as tall as a drawn figure."""
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image

    from rehab.handout.figure_draw import FIGURE_HEIGHT

    pixels_wide, pixels_high = ImageReader(path).getSize()
    height = FIGURE_HEIGHT
    drawn_width = height * pixels_wide / pixels_high
    if drawn_width > width:
        drawn_width, height = width, width * pixels_high / pixels_wide
    return Image(path, width=drawn_width, height=height, hAlign="LEFT")


def _pictures(exercise: Exercise, side: str, s: Styles, width: float) -> list[Flowable]:
    """The figure (start and end), or a clinic's own picture."""
    if exercise.figure is not None:
        return [
            FigureFlowable(
                exercise.figure, s.regular, mirrored=side == "left", bilateral=exercise.bilateral
            )
        ]
    if exercise.image_file is not None:
        return [_picture(exercise.image_file, width)]
    return []


def _video(exercise: Exercise, s: Styles) -> list[Any] | None:
    """A row with the video's QR code and its address, or None."""
    if not exercise.video_url:
        return None
    link = esc(str(exercise.video_url))
    return [
        _qr(str(exercise.video_url), 20 * mm),
        Paragraph(f"Scan to watch a video of this exercise:<br/>{link}", s.small),
    ]


def title(card: Card, s: Styles, *, continued: bool = False) -> Paragraph:
    """'1. Calf stretch against a wall' (the clinician's term goes in small print below)."""
    text = f"{card.number}. {esc(card.exercise.handout_name)}"
    if continued:
        # In the body size: the row keeps the height measured for the first part's title.
        return Paragraph(f"{text} (continued)", s.label)
    return Paragraph(text, s.h2)


def clinical_name(exercise: Exercise, s: Styles) -> list[Flowable]:
    """The clinician's term, in small print, for whoever helps the patient."""
    if not exercise.patient_name or exercise.patient_name == exercise.name:
        return []
    return [Paragraph(f"Clinical name: {esc(exercise.name)}", s.small)]


def dose_box(entry: Entry, s: Styles, width: float) -> Table:
    return boxed([Paragraph(f"<b>Do:</b> {esc(entry.dose)}", s.tight)], s, width=width, thick=1.5)


def _about(entry: Entry, cues: list[str], s: Styles) -> list[Flowable]:
    """What the patient needs, what matters for them, and the clinician's note: near the top,
    before the steps, where it is read."""
    exercise = entry.card.exercise
    story: list[Flowable] = []
    if exercise.equipment:
        story.append(Paragraph(f"<b>You need:</b> {esc(', '.join(exercise.equipment))}", s.body))
    if exercise.partner:
        story.append(Paragraph(f"<b>{esc(wording.HELPER)}</b>", s.body))
    if cues:
        story.append(Paragraph(esc(wording.FOR_YOU), s.label))
        story.append(bullets(cues, s))
    if entry.prescription.notes:
        story.append(Paragraph(esc(wording.NOTE), s.label))
        story += long_text(entry.prescription.notes, s.body)
    return story


def _steps(entry: Entry) -> list[str]:
    exercise = entry.card.exercise
    steps = exercise.steps_for(entry.prescription.mode)
    side = wording.side_line(entry.prescription.side or "both", exercise.bilateral)
    if side.startswith("Then"):
        steps = [*steps, side]
    return steps


def _side_first(entry: Entry, s: Styles) -> list[Flowable]:
    exercise = entry.card.exercise
    side = wording.side_line(entry.prescription.side or "both", exercise.bilateral)
    return (
        [Paragraph(f"<b>{esc(side)}</b>", s.body)] if side and not side.startswith("Then") else []
    )


def _stop(exercise: Exercise, s: Styles, width: float) -> Table:
    stop: list[Flowable] = [Paragraph(esc(wording.STOP_CARD), s.label)]
    stop += [Paragraph(f"\u2022 {esc(item)}", s.tight) for item in exercise.stop_if]
    return boxed(stop, s, width=width, pad=6)


def _tips(exercise: Exercise, s: Styles) -> list[Flowable]:
    if not exercise.tips:
        return []
    return [Paragraph(esc(wording.TIPS), s.label), bullets(exercise.tips[:2], s, style=s.tight)]


CARD_FIGURE_HEIGHT = 36 * mm
LARGE_FIGURE_HEIGHT = 50 * mm
"""Large print draws the figure larger too: the reader who needs big letters needs it."""
"""The picture's height on a card: a standing person prints about 32 mm tall."""


def _figure(exercise: Exercise, side: str, s: Styles, width: float) -> FigureFlowable | None:
    if exercise.figure is None:
        return None
    drawn = FigureFlowable(
        exercise.figure, s.regular, mirrored=side == "left", bilateral=exercise.bilateral
    )
    drawn.at = layout(exercise.figure, CARD_FIGURE_HEIGHT, max_width=width)
    return drawn


def _stop_strip(exercise: Exercise, s: Styles, width: float) -> Table:
    """When to stop, in one ruled strip across the card's foot: inside the card, so it is
    never read as the next exercise's."""
    items = " ".join(f"\u2022\u00a0{esc(item)}" for item in exercise.stop_if)
    return boxed([Paragraph(f"<b>{esc(wording.STOP_CARD)}</b> {items}", s.tight)], s, width=width)


def _columns(exercise: Exercise, side: str, s: Styles, width: float) -> tuple[Any, float]:
    """The drawn figure (or None) and the width of the picture's column."""
    drawn = _figure(exercise, side, s, width * 0.45)
    if drawn is None:
        return None, width * 0.36
    return drawn, min(max(drawn.at.width + 10, width * 0.30), width * 0.45)


def _height(flowables: Sequence[Flowable], width: float) -> float:
    """Measured as the page will: lists need a canvas to wrap on (none is drawn on)."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(None)
    return sum(f.wrapOn(canvas, width, 100_000)[1] + f.getSpaceAfter() for f in flowables)


Arrangement = tuple[str, str]
"""Where a card's tips and stop box go: ('left' | 'right', 'left' | 'foot')."""
ARRANGEMENTS: tuple[Arrangement, ...] = (("right", "left"), ("right", "foot"), ("left", "foot"))
"""Tips under the steps and the stop box under the picture (usually the shortest: it fills
the space the picture leaves), or the stop box across the card's foot with the tips on
either side."""


def _arranged(entry: Entry, about: list[Flowable], s: Styles, width: float) -> Table | None:
    """The card in two columns, in whichever arrangement is shortest; None when its text
    alone is taller than a page (a very long note)."""
    exercise = entry.card.exercise
    side = entry.prescription.side or "both"
    drawn, left = _columns(exercise, side, s, width)
    right = width - left
    if _height([*about], right - 12) > MAX_CARD:
        return None
    # Each part measured once at the width it would have (the note's paragraphs are built
    # once and shared); the title and a video row are the same in every arrangement.
    pictures = _height([*_left_column(entry, drawn, s, left)], left - 12)
    text = _height([*_right_column(entry, about, s, right)], right - 12)
    tips = _tips(exercise, s)
    tips_left, tips_right = _height(tips, left - 12), _height(tips, right - 12)
    stop_left = _height([_stop(exercise, s, left - 12)], left - 12) + 4
    stop_foot = _height([_stop_strip(exercise, s, width - 12)], width - 12) + 8
    heights = {
        ("right", "left"): max(pictures + stop_left, text + tips_right),
        ("right", "foot"): max(pictures, text + tips_right) + stop_foot,
        ("left", "foot"): max(pictures + 4 + tips_left, text) + stop_foot,
    }
    best = min(ARRANGEMENTS, key=lambda where: heights[where])
    return _table(entry, about, s, width, best)


def _left_column(entry: Entry, drawn: Any, s: Styles, left: float) -> list[Flowable]:
    """The picture, which leg works, and the clinician's term."""
    exercise = entry.card.exercise
    side = entry.prescription.side or "both"
    pictures = [drawn] if drawn is not None else _pictures(exercise, side, s, left - 10)
    if drawn is not None and not exercise.bilateral:
        pictures.append(Paragraph(esc(wording.WORKING_LEG), s.small))
    return [*pictures, *clinical_name(exercise, s)]


def _right_column(entry: Entry, about: list[Flowable], s: Styles, right: float) -> list[Flowable]:
    """The dose, the side, what is needed, the notes and cues, and the steps."""
    return [
        dose_box(entry, s, right - 12),
        Spacer(1, 2),
        *_side_first(entry, s),
        *about,
        bullets(_steps(entry), s, numbered=True, style=s.tight),
    ]


def _table(
    entry: Entry, about: list[Flowable], s: Styles, width: float, where: Arrangement
) -> Table:
    """The two-column card: picture on the left, dose and steps on the right, the tips and
    the stop box where `where` puts them."""
    tips_at, stop_at = where
    exercise = entry.card.exercise
    side = entry.prescription.side or "both"
    drawn, left_width = _columns(exercise, side, s, width)
    right = width - left_width
    pictures = _left_column(entry, drawn, s, left_width)
    text = _right_column(entry, about, s, right)
    tips = _tips(exercise, s)
    if tips_at == "left":
        pictures += [Spacer(1, 4), *tips]
    else:
        text += tips
    if stop_at == "left":
        pictures += [Spacer(1, 4), _stop(exercise, s, left_width - 12)]
    rows: list[list[Any]] = [[title(entry.card, s), ""], [pictures, text]]
    if stop_at == "foot":
        rows.append([_stop_strip(exercise, s, width - 12), ""])
    video = _video(exercise, s)
    if video:
        rows.append(video)
    table = Table(rows, colWidths=[left_width, right], hAlign="LEFT")
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
    about = _about(entry, cues, s)
    if not large:
        table = _arranged(entry, about, s, width)
        if table is not None:
            return [KeepTogether([table]), Spacer(1, 6)]
    flowing = _large_card(entry, about, s, width)
    height = flowing.wrap(width, 100_000)[1]
    if height > MAX_CARD:  # a card taller than a page flows on
        return [_large_card(entry, about, s, width, split_inside=True), Spacer(1, 8)]
    if height < LARGE_WHOLE:
        # Whole where a page can hold it: a "(continued)" part of a line or two helps no one.
        return [KeepTogether([flowing]), Spacer(1, 8)]
    return [flowing, Spacer(1, 8)]


class _ContinuedTable(Table):  # type: ignore[misc]
    """A large-print card: the part of it on the next page starts with the exercise's name
    and "(continued)" instead of repeating the first page's heading."""

    def __init__(self, *args: Any, continued: Paragraph | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._continued = continued

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts: list[Any] = super().split(availWidth, availHeight)
        if self._continued is not None:
            for part in parts[1:]:
                # A new first row: the row lists are shared with the part before.
                part._cellvalues = [[self._continued], *part._cellvalues[1:]]
                part._continued = self._continued
        return parts


def _large_card(
    entry: Entry, about: list[Flowable], s: Styles, width: float, *, split_inside: bool = False
) -> Table:
    """One column; rows split only between steps (NOSPLIT holds the head with the first
    step and the last step with the tips and the stop box). A card taller than a page (a
    clinician's very long note) may also split inside a row: it could not be printed else."""
    exercise = entry.card.exercise
    inner = width - 12
    pictures = _pictures(exercise, entry.prescription.side or "both", s, inner)
    if exercise.figure is not None and pictures:
        pictures[0].at = layout(exercise.figure, LARGE_FIGURE_HEIGHT, max_width=inner)
    head: list[Flowable] = [
        *pictures,
        Spacer(1, 3),
        dose_box(entry, s, inner),
        Spacer(1, 3),
        *_side_first(entry, s),
        *about,
        Paragraph(esc(wording.STEPS), s.label),
    ]
    steps = _steps(entry)
    rows: list[list[Any]] = [[title(entry.card, s)], [head]]
    rows += [
        [Paragraph(f"<b>{n}</b>&nbsp;&nbsp;{esc(step)}", s.body)] for n, step in enumerate(steps, 1)
    ]
    rows += [[[*_tips(exercise, s), *clinical_name(exercise, s)] or ""]]
    rows += [[_stop(exercise, s, inner)]]
    last_step = len(rows) - 3
    video = _video(exercise, s)
    if video:
        rows.append([video])
    table = _ContinuedTable(
        rows,
        colWidths=[width],
        hAlign="LEFT",
        repeatRows=1,
        continued=title(entry.card, s, continued=True),
        splitInRow=1 if split_inside else 0,
    )
    table.setStyle(
        table_style(
            s,
            ("BOX", (0, 0), (-1, -1), 0.75, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            *(() if split_inside else (("NOSPLIT", (0, 0), (0, 2)),)),
            *(() if split_inside else (("NOSPLIT", (0, last_step), (0, -1)),)),
        )
    )
    return table


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
