"""Build the patient handout PDF from a checked protocol.

The reader is a patient at home, often older, often printing in black and white: short plain
sentences, numbered steps, large tick boxes, meaning carried by words and weight, never colour
alone. What the sheet says is decided in `rehab.domain.sheet`; this module lays it out: page
one (page_one.py), a stage heading and the stage's cards (card.py), then the log (log.py).
The output is deterministic (ReportLab invariant mode, no timestamps) so the same protocol,
options and version always give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
)

from rehab.domain.clinic import ClinicProfile
from rehab.domain.conditions import Catalog
from rehab.domain.findings import Finding
from rehab.domain.goals import goal_sentences, measures_to_teach
from rehab.domain.library import Library
from rehab.domain.protocol import Protocol
from rehab.domain.sheet import Sheet, Stage, build_sheet, log_weeks
from rehab.handout import wording
from rehab.handout.card import card, reference
from rehab.handout.card_parts import cues_for
from rehab.handout.fonts import unprintable
from rehab.handout.log import HEAD_PAD, day_headings, exercise_log
from rehab.handout.page_one import page_one
from rehab.handout.parts import bullets, esc
from rehab.handout.styles import Styles, build_styles

__all__ = [
    "HEAD_PAD",
    "MARGIN",
    "HandoutOptions",
    "Rendered",
    "day_headings",
    "drawn_texts",
    "render_handout",
    "render_handout_checked",
]

MARGIN = 18 * mm
LARGE_START = 150 * mm
"""Large print: the room a stage heading needs below it to start on the page."""
LANGUAGE = "en-GB"
"""The sheet's language, for screen readers and text-to-speech (every fixed text is English)."""


@dataclass(frozen=True)
class HandoutOptions:
    """What the clinician chose at export time. The patient name lives only here and in the PDF."""

    issue_date: date
    patient: str | None = field(default=None, repr=False)  # never in a repr, log or traceback
    large_print: bool = False
    start: date | None = None
    version: str = ""
    changes: Sequence[str] = field(default_factory=tuple)
    clinic: ClinicProfile | None = None  # clinic.toml / --clinic / REHAB_CLINIC

    def first_day(self, protocol: Protocol) -> date | None:
        """The day the sheet dates stage 1 from: `--start`, else the protocol's `starts`."""
        return self.start or protocol.starts


class _FooterCanvas(canvas.Canvas):
    """Draws 'Page X of Y', the protocol id and the sheet version once the page count is known."""

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
            self.setFillColor(colors.black)
            width, _ = self._pagesize
            # The id and sheet version are for the clinic, in small print at any size; the
            # page number is the patient's, in the sheet's own size less a little.
            self.setFont(self._font, min(self._font_size, 8))
            self.drawString(MARGIN, 10 * mm, self._footer)
            self.setFont(self._font, self._font_size)
            self.drawRightString(width - MARGIN, 10 * mm, f"Page {number} of {total}")
            super().showPage()
        super().save()


class _Document(SimpleDocTemplate):  # type: ignore[misc]
    """Adds a bookmark for every flowable that carries an `outline` title (each stage and the
    log), so a screen or a PDF reader can jump to them."""

    def afterFlowable(self, flowable: Flowable) -> None:
        title = getattr(flowable, "outline", None)
        if title:
            key = f"b{len(self._bookmarks)}"
            self._bookmarks.append(key)
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=0)

    def build(self, flowables: list[Flowable], **kwargs: Any) -> None:
        self._bookmarks: list[str] = []
        super().build(flowables, **kwargs)


def _listed(label: str, items: list[str], s: Styles) -> list[Flowable]:
    """A label and its items; a single item on the label's line (a line saved per stage)."""
    if len(items) == 1:
        return [Paragraph(f"<b>{esc(label)}</b> {esc(items[0])}", s.body)]
    return [Paragraph(esc(label), s.label), bullets(items, s)]


def _stage(
    stage: Stage,
    sheet: Sheet,
    protocol: Protocol,
    findings: Sequence[Finding],
    s: Styles,
    width: float,
    large: bool,
) -> list[Flowable]:
    """A stage's heading, aims and move-on criteria, its earlier exercises in short, then the
    cards of its new ones; the heading is kept with what follows it."""
    heading = Paragraph(esc(wording.stage_title(stage, len(sheet.stages))), s.h1)
    heading.outline = f"Stage {stage.number}: {stage.name}"
    head: list[Flowable] = [heading, Paragraph(esc(wording.stage_when(stage)), s.body)]
    if stage.phase.goals:
        head += _listed(wording.AIMS, goal_sentences(stage.phase.goals), s)
    if stage.last:
        only = len(sheet.stages) == 1
        last = wording.last_stage(protocol.review_on, only=only, starts=stage.start)
        head.append(Paragraph(f"<b>{esc(last)}</b>", s.body))
    elif stage.phase.advance_when:
        head += _listed(wording.move_on(stage), goal_sentences(stage.phase.advance_when), s)
        head.append(Paragraph(esc(wording.not_ready(stage)), s.body))
    if stage.dropped:
        head.append(Paragraph(f"<b>{esc(wording.dropped(stage.dropped))}</b>", s.body))
    earlier = [e for e in stage.entries if not e.new]
    body: list[Flowable] = []
    if earlier:
        short: list[Flowable] = [Paragraph(esc(wording.earlier_title(stage)), s.label)]
        for entry in earlier:
            short += reference(entry, stage.number, cues_for(findings, entry), s)
        body.append(KeepTogether([*short, Spacer(1, 4)]))
    for entry in stage.entries:
        if entry.new:
            body += card(entry, cues_for(findings, entry), s, width, large=large)
    if not body:
        return head
    if large:
        # A large-print card splits between steps and holds its head with its first step,
        # so room for the heading and that much is enough; keeping the whole card with the
        # heading would leave most of a page empty.
        return [CondPageBreak(LARGE_START), *head, *body]
    # The heading never ends a page: it stays with the first thing under it (unwrapped, as
    # a KeepTogether inside another one measures as endless).
    first = body[0]._content if isinstance(body[0], KeepTogether) else [body[0]]
    return [KeepTogether([*head, *first]), *body[1:]]


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
            # A list measured before the build (a card's columns) holds its items as _content.
            yield from drawn_texts(getattr(item, "_flowables", None) or item._content)
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
    doc = _Document(
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
        lang=LANGUAGE,
        displayDocTitle=True,
        invariant=1,
        initialFontName=s.regular,  # else every page's preamble references Helvetica
    )
    width = doc.width
    start = options.first_day(protocol)
    sheet = build_sheet(protocol, library, start=start, today=options.issue_date)
    story: list[Flowable] = list(page_one(protocol, catalog, sheet, options, s, width))
    for stage in sheet.stages:
        story += _stage(stage, sheet, protocol, findings, s, width, options.large_print)
    story += exercise_log(log_weeks(sheet, library), s, width, measures_to_teach(protocol))
    footer = protocol.id
    if options.version:
        footer += f"  \u00b7  Sheet version {options.version}"
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
