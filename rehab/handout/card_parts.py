"""The pieces of an exercise card, shared by the two-column card (card.py) and the one-column
large-print card (card_large.py): title, pictures, dose box, what the patient needs, steps,
tips and the stop box, each built from the prescription and the entry alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table

from rehab.domain.exercise import Exercise
from rehab.domain.findings import Finding
from rehab.domain.sheet import Card, Entry
from rehab.handout import wording
from rehab.handout.figure_draw import FigureFlowable, layout
from rehab.handout.parts import boxed, bullets, esc, fitted_image, long_text
from rehab.handout.styles import Styles

PAGE_HEIGHT = 700.0
"""Points: about the height of the page's frame (A4 less the margins); a card no taller is
kept whole."""
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


def qr_code(url: str, size: float) -> Flowable:
    # Imported here: ReportLab's graphics package takes 60 ms to import, and only an
    # exercise with a video link draws a QR code.
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    widget = QrCodeWidget(url)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing  # type: ignore[no-any-return]


def own_picture(path: str, width: float) -> Flowable:
    """A clinic entry's own picture (checked at load), as tall as a drawn figure."""
    from rehab.handout.figure_draw import FIGURE_HEIGHT

    return fitted_image(path, FIGURE_HEIGHT, width)


def pictures(exercise: Exercise, side: str, s: Styles, width: float) -> list[Flowable]:
    """The figure (start and end), or a clinic's own picture."""
    if exercise.figure is not None:
        return [
            FigureFlowable(
                exercise.figure, s.regular, mirrored=side == "left", bilateral=exercise.bilateral
            )
        ]
    if exercise.image_file is not None:
        return [own_picture(exercise.image_file, width)]
    return []


def video_row(exercise: Exercise, s: Styles) -> list[Any] | None:
    """A row with the video's QR code and its address, or None."""
    if not exercise.video_url:
        return None
    link = esc(str(exercise.video_url))
    return [
        qr_code(str(exercise.video_url), 20 * mm),
        Paragraph(f"Scan to watch a video of this exercise:<br/>{link}", s.small),
    ]


def title(card: Card, s: Styles, *, continued: bool = False, clinical: bool = False) -> Paragraph:
    """'1. Calf stretch against a wall', and with `clinical` the clinician's term after it in
    small print on the same line (where it fits): it costs the card no line of its own."""
    text = f"{card.number}. {esc(card.exercise.handout_name)}"
    if continued:
        # In the body size: the row keeps the height measured for the first part's title.
        return Paragraph(f"{text} (continued)", s.label)
    term = clinical_term(card.exercise)
    if clinical and term:
        size = s.body_size - 2
        text += f'\u2003<font name="{s.regular}" size="{size:g}">{esc(term)}</font>'
    return Paragraph(text, s.h2)


def clinical_term(exercise: Exercise) -> str | None:
    """'Clinical name: ...' where the patient's name differs from the clinician's."""
    if not exercise.patient_name or exercise.patient_name == exercise.name:
        return None
    return f"Clinical name: {exercise.name}"


def clinical_name(exercise: Exercise, s: Styles) -> list[Flowable]:
    """The clinician's term, in small print, for whoever helps the patient."""
    term = clinical_term(exercise)
    return [Paragraph(esc(term), s.small)] if term else []


def dose_box(entry: Entry, s: Styles, width: float) -> Table:
    return boxed([Paragraph(f"<b>Do:</b> {esc(entry.dose)}", s.tight)], s, width=width, thick=1.5)


def needs(entry: Entry, s: Styles) -> list[Flowable]:
    """What the patient needs (things, a helper): short, so the normal card puts it under the
    picture, where the column has room, and the steps keep theirs."""
    exercise = entry.card.exercise
    story: list[Flowable] = []
    if exercise.equipment:
        story.append(Paragraph(f"<b>You need:</b> {esc(', '.join(exercise.equipment))}", s.tight))
    if exercise.partner:
        story.append(Paragraph(f"<b>{esc(wording.HELPER)}</b>", s.tight))
    return story


def about(entry: Entry, cues: list[str], s: Styles) -> list[Flowable]:
    """What matters for this patient and the clinician's note: near the top, before the
    steps, where it is read (what they need is `needs`, placed by the card)."""
    story: list[Flowable] = []
    if cues:
        story.append(Paragraph(esc(wording.FOR_YOU), s.label))
        story.append(bullets(cues, s))
    if entry.prescription.notes:
        story.append(Paragraph(esc(wording.NOTE), s.label))
        story += long_text(entry.prescription.notes, s.body)
    return story


def steps(entry: Entry) -> list[str]:
    exercise = entry.card.exercise
    steps = exercise.steps_for(entry.prescription.mode)
    side = wording.side_line(entry.prescription.side or "both", exercise.bilateral)
    if side.startswith("Then"):
        steps = [*steps, side]
    return steps


def side_first(entry: Entry, s: Styles) -> list[Flowable]:
    exercise = entry.card.exercise
    side = wording.side_line(entry.prescription.side or "both", exercise.bilateral)
    return (
        [Paragraph(f"<b>{esc(side)}</b>", s.body)] if side and not side.startswith("Then") else []
    )


def stop_box(exercise: Exercise, s: Styles, width: float) -> Table:
    stop: list[Flowable] = [Paragraph(esc(wording.STOP_CARD), s.label)]
    stop += [Paragraph(f"\u2022 {esc(item)}", s.tight) for item in exercise.stop_if]
    return boxed(stop, s, width=width, pad=6)


def tips(exercise: Exercise, s: Styles) -> list[Flowable]:
    if not exercise.tips:
        return []
    return [Paragraph(esc(wording.TIPS), s.label), bullets(exercise.tips[:2], s, style=s.tight)]


CARD_FIGURE_HEIGHT = 36 * mm
LARGE_FIGURE_HEIGHT = 50 * mm
"""Large print draws the figure larger too: the reader who needs big letters needs it."""
"""The picture's height on a card: a standing person prints about 32 mm tall."""


def card_figure(exercise: Exercise, side: str, s: Styles, width: float) -> FigureFlowable | None:
    if exercise.figure is None:
        return None
    drawn = FigureFlowable(
        exercise.figure, s.regular, mirrored=side == "left", bilateral=exercise.bilateral
    )
    drawn.at = layout(exercise.figure, CARD_FIGURE_HEIGHT, max_width=width)
    return drawn


def stop_strip(exercise: Exercise, s: Styles, width: float) -> Table:
    """When to stop, in one ruled strip across the card's foot: inside the card, so it is
    never read as the next exercise's."""
    items = " ".join(f"\u2022\u00a0{esc(item)}" for item in exercise.stop_if)
    return boxed([Paragraph(f"<b>{esc(wording.STOP_CARD)}</b> {items}", s.tight)], s, width=width)


def columns(exercise: Exercise, side: str, s: Styles, width: float) -> tuple[Any, float]:
    """The drawn figure (or None) and the width of the picture's column."""
    drawn = card_figure(exercise, side, s, width * 0.45)
    if drawn is None:
        return None, width * 0.36
    return drawn, min(max(drawn.at.width + 10, width * 0.30), width * 0.45)


def measured_height(flowables: Sequence[Flowable], width: float) -> float:
    """Measured as the page will: lists need a canvas to wrap on (none is drawn on)."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(None)
    return sum(f.wrapOn(canvas, width, 100_000)[1] + f.getSpaceAfter() for f in flowables)
