"""Build the patient handout PDF from a checked protocol.

The reader is a patient at home, often older, often printing in black and white: short plain
sentences, numbered steps, large tick boxes, meaning carried by words and weight, never colour
alone. The output is deterministic (ReportLab invariant mode, no timestamps) so the same
protocol, options and version always give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from rehab.domain.clinic import ClinicProfile
from rehab.domain.conditions import Catalog
from rehab.domain.dosage_text import describe_steps
from rehab.domain.exercise import Exercise
from rehab.domain.findings import Finding
from rehab.domain.goals import goal_sentences
from rehab.domain.library import Library
from rehab.domain.plan import pain_limit
from rehab.domain.protocol import Prescription, Protocol
from rehab.domain.resolve import dose_steps
from rehab.handout.figure_draw import FigureFlowable
from rehab.handout.fonts import unprintable
from rehab.handout.markup import para_blocks
from rehab.handout.markup import para_text as esc
from rehab.handout.styles import Styles, build_styles

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

MARGIN = 18 * mm
TICK = "\u2610"  # ☐
HEAD_PAD = 2  # points either side of a day heading in the log
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class HandoutOptions:
    """What the clinician chose at export time. The patient name lives only here and in the PDF."""

    issue_date: date
    patient: str | None = field(default=None, repr=False)  # never in a repr, log or traceback
    large_print: bool = False
    start: date | None = None
    version: str = ""
    changes: Sequence[str] = field(default_factory=tuple)
    clinic: ClinicProfile | None = None  # clinic.toml / --clinic / REHAB_CLINIC (CONTRACT 6.4)


class _FooterCanvas(canvas.Canvas):
    """Draws 'Page X of Y', the protocol id and the version stamp once the page count is known."""

    def __init__(self, *args: Any, footer: str, font: str, font_size: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._footer = footer
        self._font = font
        self._font_size = font_size

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, 1):
            self.__dict__.update(state)
            self.setFont(self._font, self._font_size)
            self.setFillColor(colors.black)
            width, _ = self._pagesize
            self.drawString(MARGIN, 10 * mm, self._footer)
            self.drawRightString(width - MARGIN, 10 * mm, f"Page {number} of {total}")
            super().showPage()
        super().save()


def _long_text(text: str, style: ParagraphStyle) -> list[Paragraph]:
    """A multi-line text as paragraphs of a few dozen lines each (linear time, see
    `para_blocks`); only the last keeps the style's space after."""
    blocks = para_blocks(text)
    if len(blocks) == 1:
        return [Paragraph(blocks[0], style)]
    inner = ParagraphStyle(f"{style.name}-inner", parent=style, spaceAfter=0)
    return [Paragraph(b, style if i == len(blocks) - 1 else inner) for i, b in enumerate(blocks)]


def _bullets(items: Sequence[str], s: Styles, *, numbered: bool = False) -> ListFlowable:
    flow = [ListItem(Paragraph(esc(item), s.body), leftIndent=s.body_size * 1.6) for item in items]
    kind = {"bulletType": "1"} if numbered else {"bulletType": "bullet", "start": "\u2022"}
    return ListFlowable(
        flow,
        bulletFontName=s.bold if numbered else s.regular,
        bulletFontSize=s.body_size,
        leftIndent=s.body_size * 1.6,
        **kind,  # type: ignore[arg-type]
    )


def _style(s: Styles, *commands: tuple[Any, ...]) -> TableStyle:
    """A table style whose default font is ours: ReportLab's default is Helvetica, which would
    otherwise be referenced (and, for any plain-string cell, used) on every page."""
    return TableStyle([("FONT", (0, 0), (-1, -1), s.regular, s.body_size), *commands])


def _boxed(content: list[Flowable], s: Styles, *, width: float, thick: float = 1.0) -> Table:
    """A ruled box that can split across pages (a long note must never raise LayoutError)."""
    table = Table([[c] for c in content], colWidths=[width], splitInRow=1)
    table.setStyle(
        _style(
            s,
            ("BOX", (0, 0), (-1, -1), thick, colors.black),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        )
    )
    return table


def _qr(url: str, size: float) -> Drawing:
    # Imported here: ReportLab's graphics package takes 60 ms to import, and only an
    # exercise with a video link draws a QR code.
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    widget = QrCodeWidget(url)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


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


def _header(protocol: Protocol, options: HandoutOptions, s: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = []
    if protocol.clinic:
        story.append(Paragraph(esc(protocol.clinic), s.label))
    story.append(Paragraph(esc(protocol.title), s.title))
    if protocol.summary:
        story += _long_text(protocol.summary, s.body)
    rows = []
    if options.patient:
        rows.append(("For", options.patient))
    rows.append(("Clinician", protocol.clinician))
    rows.append(("Issued", options.issue_date.strftime("%d %B %Y")))
    if protocol.review_on:
        rows.append(("Next review", protocol.review_on.strftime("%d %B %Y")))
    table = Table(
        [[Paragraph(esc(k), s.label), Paragraph(esc(v), s.body)] for k, v in rows],
        colWidths=[width * 0.25, width * 0.75],
        hAlign="LEFT",
        splitInRow=1,
    )
    table.setStyle(
        _style(s, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0))
    )
    story += [Spacer(1, 4), table, Spacer(1, 6)]
    return story


def _red_flags(protocol: Protocol, catalog: Catalog, s: Styles, width: float) -> list[Flowable]:
    """Emergencies and same-day problems in the STOP box; pain that is only too much, with
    the patient's own pain limit, in a box of its own, so the two are never confused."""
    flags = catalog.red_flags_for(protocol.condition_codes)
    content: list[Flowable] = [Paragraph("\u26a0 STOP and get help if:", s.box_title)]
    for flag in flags:
        if flag.urgency != "not-urgent":
            content.append(Paragraph(f"\u2022 {esc(flag.text)} <b>{esc(flag.action)}</b>", s.body))
    conditions = [c for code in protocol.condition_codes if (c := catalog.get(code))]
    limit = pain_limit(protocol, conditions)
    pain: list[Flowable] = [
        Paragraph(f"Your pain limit: {limit} out of 10", s.box_title),
        Paragraph(
            "Score your pain from 0 to 10: 0 means no pain, 10 is the worst pain you can "
            "imagine. "
            + (
                f"Some pain while you exercise is all right, up to {limit}."
                if limit
                else "These exercises should not hurt at all."
            ),
            s.body,
        ),
    ]
    for flag in flags:
        if flag.urgency == "not-urgent":
            pain.append(Paragraph(f"\u2022 {esc(flag.text)} <b>{esc(flag.action)}</b>", s.body))
    return [
        _boxed(content, s, width=width, thick=2.5),
        Spacer(1, 8),
        _boxed(pain, s, width=width),
        Spacer(1, 8),
    ]


def _changes(options: HandoutOptions, s: Styles, width: float) -> list[Flowable]:
    if not options.changes:
        return []
    content: list[Flowable] = [Paragraph("What changed since your last sheet", s.box_title)]
    content += [Paragraph(f"\u2022 {esc(line)}", s.body) for line in options.changes]
    return [_boxed(content, s, width=width), Spacer(1, 8)]


def _cues(findings: Sequence[Finding], catalog: Catalog, p_index: int, e_index: int) -> list[str]:
    """The patient cues of the rules that flag this exercise: technique cues, precautions
    (answered or not: the answer is the clinician's, the cue is still the patient's)."""
    loc = ("phases", p_index, "exercises", e_index)
    cues: list[str] = []
    for finding in findings:
        if finding.loc == loc and finding.cue and finding.cue not in cues:
            cues.append(finding.cue)
    return cues


def _exercise(
    number: int,
    prescription: Prescription,
    exercise: Exercise,
    cues: list[str],
    s: Styles,
    width: float,
) -> list[Flowable]:
    dose = describe_steps(dose_steps(prescription, exercise), unilateral=not exercise.bilateral)
    head: list[Flowable] = [
        Paragraph(f"{number}. {esc(exercise.name)}", s.h2),
        _boxed([Paragraph(f"<b>Do:</b> {esc(dose)}", s.body)], s, width=width),
        Spacer(1, 3),
    ]
    if exercise.figure is not None:
        head += [
            FigureFlowable(
                exercise.figure,
                s.regular,
                mirrored=prescription.side == "left",
                bilateral=exercise.bilateral,
            ),
            Spacer(1, 3),
        ]
    elif exercise.image_file is not None:
        head += [_picture(exercise.image_file, width), Spacer(1, 3)]
    story: list[Flowable] = [KeepTogether(head)]
    if exercise.equipment:
        story.append(Paragraph(f"<b>You need:</b> {esc(', '.join(exercise.equipment))}", s.body))
    if exercise.partner:
        story.append(Paragraph("<b>You need a helper</b> for this exercise.", s.body))
    story.append(Paragraph("How to do it", s.label))
    story.append(_bullets(exercise.steps_for(prescription.mode), s, numbered=True))
    for title, items in (("Tips", exercise.tips), ("Avoid", exercise.mistakes)):
        if items:
            story.append(Paragraph(title, s.label))
            story.append(_bullets(items, s))
    if cues:
        story.append(Paragraph("Your clinician's cue", s.label))
        story.append(_bullets(cues, s))
    if prescription.notes:
        story.append(Paragraph("Notes from your clinician", s.label))
        story += _long_text(prescription.notes, s.body)
    stop = [Paragraph("Stop this exercise if:", s.label)]
    stop += [Paragraph(f"\u2022 {esc(item)}", s.body) for item in exercise.stop_if]
    story += [Spacer(1, 2), KeepTogether([_boxed(stop, s, width=width)])]
    if exercise.video_url:
        size = 26 * mm
        link = esc(str(exercise.video_url))
        qr_table = Table(
            [
                [
                    _qr(str(exercise.video_url), size),
                    Paragraph(f"Scan to watch a demonstration video:<br/>{link}", s.small),
                ]
            ],
            colWidths=[size + 6, width - size - 6],
            hAlign="LEFT",
        )
        qr_table.setStyle(_style(s, ("VALIGN", (0, 0), (-1, -1), "MIDDLE")))
        story += [Spacer(1, 3), qr_table]
    story.append(Spacer(1, 8))
    return story


def _phase_start(protocol: Protocol, index: int, start: date | None) -> date | None:
    if start is None:
        return None
    return start + timedelta(weeks=sum(p.weeks for p in protocol.phases[:index]))


def day_headings(days: Sequence[date], s: Styles, column: float) -> list[str]:
    """The log's day headings: "Mon", then "12 Jan" where it fits the column, else "12" and
    "Jan" on lines of their own (large print).

    Plain strings in the cell font, not Paragraphs: as Paragraphs they were 70 of the
    handout's 400 paragraphs, each laid out on its own. Table strings do not wrap by
    themselves, hence the measuring here.
    """
    dates = [f"{d.day} {d.strftime('%b')}" for d in days]
    widest = max(stringWidth(text, s.regular, s.cell.fontSize) for text in dates)
    if widest + 2 * HEAD_PAD > column:
        dates = [text.replace(" ", "\n") for text in dates]
    names = [DAY_NAMES[d.weekday()] for d in days]
    return [f"{name}\n{text}" for name, text in zip(names, dates, strict=True)]


def _log(
    protocol: Protocol, library: Library, options: HandoutOptions, s: Styles, width: float
) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), Paragraph("Exercise log", s.h1)]
    story.append(
        Paragraph(
            f"Tick a box {esc(TICK)} each day you do an exercise. Bring this sheet to your next "
            "appointment.",
            s.body,
        )
    )
    name_width = width * 0.37
    day_width = (width - name_width) / 7
    for p_index, phase in enumerate(protocol.phases):
        if not phase.exercises:
            continue
        phase_start = _phase_start(protocol, p_index, options.start)
        for week in range(phase.weeks):
            week_start = phase_start + timedelta(weeks=week) if phase_start else None
            if week_start:
                days = [week_start + timedelta(days=d) for d in range(7)]
                header = day_headings(days, s, day_width)
                span = f" ({days[0].strftime('%d %b')} to {days[-1].strftime('%d %b %Y')})"
            else:
                header = [f"Day\n{d + 1}" for d in range(7)]
                span = ""
            title = f"Phase {p_index + 1}, week {week + 1} of {phase.weeks}{span}"
            rows: list[list[Any]] = [[Paragraph("Exercise", s.label), *header]]
            for prescription in phase.exercises:
                exercise = library.get(prescription.exercise)
                name = exercise.name if exercise else prescription.exercise
                # Tick boxes are plain strings drawn in the tick font (see the style below):
                # as Paragraphs they were 40 % of the whole render, laid out one by one.
                rows.append([Paragraph(esc(name), s.cell), *([TICK] * 7)])
            table = Table(
                rows, colWidths=[name_width] + [day_width] * 7, repeatRows=1, splitInRow=1
            )
            table.setStyle(
                _style(
                    s,
                    ("GRID", (0, 0), (-1, -1), 0.75, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("ALIGN", (1, 0), (-1, -1), "CENTER"),
                    ("FONT", (1, 0), (-1, 0), s.regular, s.cell.fontSize, s.cell.leading),
                    ("LEFTPADDING", (1, 0), (-1, 0), HEAD_PAD),
                    ("RIGHTPADDING", (1, 0), (-1, 0), HEAD_PAD),
                    ("FONT", (1, 1), (-1, -1), s.regular, s.tick_size, s.tick_size * 1.2),
                    ("TOPPADDING", (1, 1), (-1, -1), s.tick_size * 0.3),
                    ("BOTTOMPADDING", (1, 1), (-1, -1), s.tick_size * 0.3),
                    ("LINEBELOW", (0, 0), (-1, 0), 1.5, colors.black),
                )
            )
            story += [
                CondPageBreak(s.body_size * 6 * mm / 4),
                Paragraph(esc(title), s.h2),
                table,
                Spacer(1, 6),
            ]
    return story


def drawn_texts(flowables: Iterable[Any]) -> Iterator[str]:
    """Every text the story puts on paper: paragraphs, and those inside tables, lists, boxes.

    Read from the story itself, so whatever the handout prints is what gets checked.
    """
    for item in flowables:
        if isinstance(item, Paragraph):
            yield item.getPlainText()
        elif isinstance(item, str):
            yield item
        elif isinstance(item, (list, tuple)):
            yield from drawn_texts(item)
        elif isinstance(item, Table):
            for row in item._cellvalues:
                yield from drawn_texts(row)
        elif isinstance(item, (ListFlowable, ListItem)):
            yield from drawn_texts(item._flowables)
        elif isinstance(item, KeepTogether):
            yield from drawn_texts(item._content)


@dataclass(frozen=True)
class Rendered:
    """The PDF, and the characters in it that the font cannot draw (printed as blanks)."""

    pdf: bytes
    unprintable: list[str]


def render_handout(
    protocol: Protocol,
    library: Library,
    catalog: Catalog,
    findings: Sequence[Finding],
    options: HandoutOptions,
) -> bytes:
    """The handout as PDF bytes. The caller has already refused protocols with errors."""
    return render_handout_checked(protocol, library, catalog, findings, options).pdf


def render_handout_checked(
    protocol: Protocol,
    library: Library,
    catalog: Catalog,
    findings: Sequence[Finding],
    options: HandoutOptions,
) -> Rendered:
    """The handout, with the characters it could not print (see `fonts.unprintable`)."""
    s = build_styles(large_print=options.large_print)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * mm,
        title=protocol.title,
        author=protocol.clinician,
        subject=f"Exercise handout {protocol.id}",
        creator="rehab",
        invariant=1,
        initialFontName=s.regular,  # else every page's preamble references Helvetica
    )
    width = doc.width
    story = _header(protocol, options, s, width)
    story += _changes(options, s, width)
    story += _red_flags(protocol, catalog, s, width)
    number = 0
    for p_index, phase in enumerate(protocol.phases):
        story.append(
            Paragraph(
                f"Phase {p_index + 1}: {esc(phase.name)} ({phase.weeks} weeks)"
                if phase.weeks != 1
                else f"Phase {p_index + 1}: {esc(phase.name)} (1 week)",
                s.h1,
            )
        )
        if phase.goals:
            story += [Paragraph("Goals", s.label), _bullets(goal_sentences(phase.goals), s)]
        if phase.advance_when:
            story += [
                Paragraph("Move on to the next phase when", s.label),
                _bullets(goal_sentences(phase.advance_when), s),
            ]
        for e_index, prescription in enumerate(phase.exercises):
            exercise = library.get(prescription.exercise)
            if exercise is None:  # pragma: no cover - refused by the export gate
                continue
            number += 1
            cues = _cues(findings, catalog, p_index, e_index)
            story += _exercise(number, prescription, exercise, cues, s, width)
    story += _log(protocol, library, options, s, width)
    footer = f"{protocol.id}  \u00b7  version {options.version}" if options.version else protocol.id
    missing = unprintable([*drawn_texts(story), footer])
    doc.build(
        story,
        canvasmaker=partial(
            _FooterCanvas,
            footer=footer,
            font=s.regular,
            font_size=s.body_size - 3,
        ),
    )
    return Rendered(buffer.getvalue(), missing)
