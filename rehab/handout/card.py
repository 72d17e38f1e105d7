"""One exercise card: the picture beside the dose and the steps, then tips and when to stop.

Everything about one exercise sits in one ruled card that never splits across pages in normal
print, so a "Stop this exercise if" box can never be read as the next exercise's. The dose
comes from the prescription and the side from the handout, never from the library's texts
(CONTRACT 6.7), so the card cannot contradict itself. In large print a card may split, only
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
from rehab.handout.figure_draw import FigureFlowable
from rehab.handout.parts import boxed, bullets, esc, long_text, table_style
from rehab.handout.styles import Styles

FIGURE_SHARE = 0.42
"""Of the text width, what the picture's column takes in normal print."""


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
    """The figure (start and end), a clinic's own picture, and a video's QR code."""
    story: list[Flowable] = []
    if exercise.figure is not None:
        story.append(
            FigureFlowable(
                exercise.figure, s.regular, mirrored=side == "left", bilateral=exercise.bilateral
            )
        )
    elif exercise.image_file is not None:
        story.append(_picture(exercise.image_file, width))
    if exercise.video_url:
        size = 22 * mm
        story += [
            Spacer(1, 4),
            _qr(str(exercise.video_url), size),
            Paragraph("Scan to watch a video of this exercise:", s.small),
            Paragraph(esc(str(exercise.video_url)), s.small),
        ]
    return story


def title(card: Card, s: Styles, *, continued: bool = False) -> Paragraph:
    """'1. Calf stretch against a wall', with the clinician's term in small print."""
    exercise = card.exercise
    text = f"{card.number}. {esc(exercise.handout_name)}"
    if continued:
        text += " (continued)"
    elif exercise.patient_name and exercise.patient_name != exercise.name:
        text += f' <font size="{s.body_size - 3:g}">({esc(exercise.name)})</font>'
    return Paragraph(text, s.h2)


def dose_box(entry: Entry, s: Styles, width: float) -> Table:
    return boxed([Paragraph(f"<b>Do:</b> {esc(entry.dose)}", s.body)], s, width=width, thick=1.5)


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
    stop += [Paragraph(f"\u2022 {esc(item)}", s.body) for item in exercise.stop_if]
    return boxed(stop, s, width=width, pad=6)


def _tips(exercise: Exercise, s: Styles) -> list[Flowable]:
    if not exercise.tips:
        return []
    return [Paragraph(esc(wording.TIPS), s.label), bullets(exercise.tips[:2], s)]


def card(entry: Entry, cues: list[str], s: Styles, width: float, *, large: bool) -> list[Flowable]:
    """The card of an exercise where it is first prescribed."""
    if large:
        return _large_card(entry, cues, s, width)
    exercise = entry.card.exercise
    left = width * FIGURE_SHARE
    right = width - left
    text: list[Flowable] = [
        dose_box(entry, s, right - 6),
        Spacer(1, 3),
        *_side_first(entry, s),
        *_about(entry, cues, s),
        Paragraph(esc(wording.STEPS), s.label),
        bullets(_steps(entry), s, numbered=True),
    ]
    side = entry.prescription.side or "both"
    rows: list[list[Any]] = [
        [title(entry.card, s), ""],
        [_pictures(exercise, side, s, left - 6), text],
        [_tips(exercise, s), _stop(exercise, s, right - 6)],
    ]
    table = Table(rows, colWidths=[left, right], hAlign="LEFT")
    table.setStyle(
        table_style(
            s,
            ("SPAN", (0, 0), (1, 0)),
            ("BOX", (0, 0), (-1, -1), 0.75, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        )
    )
    return [KeepTogether([table]), Spacer(1, 8)]


class _ContinuedTable(Table):  # type: ignore[misc]
    """A large-print card: the part of it on the next page starts with the exercise's name
    and "(continued)" instead of repeating the first page's heading."""

    def __init__(self, *args: Any, continued: Paragraph, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._continued = continued

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts: list[Any] = super().split(availWidth, availHeight)
        for part in parts[1:]:
            part._cellvalues[0][0] = self._continued
        return parts


def _large_card(entry: Entry, cues: list[str], s: Styles, width: float) -> list[Flowable]:
    """One column; rows split only between steps (NOSPLIT holds the head with the first
    step and the last step with the tips and the stop box)."""
    exercise = entry.card.exercise
    inner = width - 12
    head: list[Flowable] = [
        *_pictures(exercise, entry.prescription.side or "both", s, inner),
        Spacer(1, 3),
        dose_box(entry, s, inner),
        Spacer(1, 3),
        *_side_first(entry, s),
        *_about(entry, cues, s),
        Paragraph(esc(wording.STEPS), s.label),
    ]
    steps = _steps(entry)
    rows: list[list[Any]] = [[title(entry.card, s)], [head]]
    rows += [
        [Paragraph(f"<b>{n}</b>&nbsp;&nbsp;{esc(step)}", s.body)] for n, step in enumerate(steps, 1)
    ]
    rows += [[_tips(exercise, s) or ""], [_stop(exercise, s, inner)]]
    last_step = len(rows) - 3
    table = _ContinuedTable(
        rows,
        colWidths=[width],
        hAlign="LEFT",
        repeatRows=1,
        continued=title(entry.card, s, continued=True),
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
            ("NOSPLIT", (0, 0), (0, 2)),
            ("NOSPLIT", (0, last_step), (0, -1)),
        )
    )
    return [table, Spacer(1, 8)]


def reference(entry: Entry, stage: int, cues: list[str], s: Styles, width: float) -> list[Flowable]:
    """An exercise printed in full earlier: its name, where to find it, and its new dose."""
    exercise = entry.card.exercise
    where = "above" if entry.card.stage == stage else f"stage {entry.card.stage}"
    name = f"{entry.card.number}. {exercise.handout_name}"
    content: list[Flowable] = [
        Paragraph(f"<b>{esc(name)}</b> (see {esc(where)})", s.body),
        Paragraph(f"<b>Do:</b> {esc(entry.dose)}", s.body),
    ]
    side = wording.side_line(entry.prescription.side or "both", exercise.bilateral)
    if side and not side.startswith("Then"):
        content.append(Paragraph(f"<b>{esc(side)}</b>", s.body))
    if cues:
        content.append(bullets(cues, s))
    if entry.prescription.notes:
        content += long_text(entry.prescription.notes, s.body)
    return [KeepTogether([boxed(content, s, width=width)]), Spacer(1, 4)]
