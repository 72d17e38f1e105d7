"""Page one of the handout: who it is from, what to do now, when to stop and whom to call.

A patient reads page one first and keeps it by the phone: the clinic's name and number at the
top, the one sentence saying what to do this week, the STOP box with the emergency number and
the clinic's phone inside it, and the pain limit in a box of its own, so "call an ambulance"
and "do less next time" are never read as one message.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from rehab.domain.clinic import ClinicProfile
from rehab.domain.conditions import Catalog
from rehab.domain.plan import pain_limit
from rehab.domain.protocol import Protocol
from rehab.domain.sheet import Sheet
from rehab.handout import wording
from rehab.handout.parts import boxed, esc, fitted_image, long_text, table_style
from rehab.handout.styles import Styles

if TYPE_CHECKING:
    from rehab.handout.render import HandoutOptions


def clinic_block(clinic: ClinicProfile | None, s: Styles, width: float) -> list[Flowable]:
    """The clinic's name and contact at the very top of page one."""
    if clinic is None:
        return []
    story: list[Flowable] = []
    if clinic.logo:
        story.append(fitted_image(clinic.logo, 14 * mm, width / 3))
    story.append(Paragraph(esc(clinic.name), s.label))
    contact = [f"Phone {clinic.phone}"]
    contact += [v for v in (clinic.email, clinic.website, clinic.address) if v]
    story.append(Paragraph(esc("  \u00b7  ".join(contact)), s.small))
    return [*story, Spacer(1, 4)]


def header(protocol: Protocol, options: HandoutOptions, s: Styles, width: float) -> list[Flowable]:
    """Title, purpose, and the few facts of the sheet in two columns (one short block, so a
    patient's name never pushes page one onto two pages)."""
    story = clinic_block(options.clinic, s, width)
    if options.clinic is None and protocol.clinic:
        story.append(Paragraph(esc(protocol.clinic), s.label))
    story.append(Paragraph(esc(protocol.title), s.title))
    if protocol.summary:
        story += long_text(protocol.summary, s.body)
    facts: list[tuple[str, str]] = []
    if options.patient:
        facts.append(("For", options.patient))
    facts.append(("From", protocol.clinician))
    facts.append(("Given on", wording.long_date(options.issue_date)))
    # A review date already past on the day the sheet is given would be read as missed.
    if protocol.review_on and protocol.review_on >= options.issue_date:
        facts.append(("Next review", wording.long_date(protocol.review_on)))
    cells = [Paragraph(f"<b>{esc(k)}:</b> {esc(v)}", s.body) for k, v in facts]
    rows = [cells[i : i + 2] + [""] * (2 - len(cells[i : i + 2])) for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=[width / 2, width / 2], hAlign="LEFT", splitInRow=1)
    table.setStyle(
        table_style(
            s,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        )
    )
    return [*story, Spacer(1, 3), table, Spacer(1, 6)]


def now_box(sheet: Sheet, protocol: Protocol, s: Styles, width: float) -> list[Flowable]:
    """What to do this week, in one sentence."""
    if not sheet.stages:
        return []
    text = wording.this_week(sheet.now, sheet.stages[0], protocol.review_on)
    content = [Paragraph(f"<b>What to do now:</b> {esc(text)}", s.body)]
    return [boxed(content, s, width=width, thick=1.5), Spacer(1, 6)]


def changes(options: HandoutOptions, s: Styles, width: float) -> list[Flowable]:
    if not options.changes:
        return []
    content: list[Flowable] = [Paragraph("What changed since your last sheet", s.box_title)]
    content += [Paragraph(f"\u2022 {esc(line)}", s.body) for line in options.changes]
    return [boxed(content, s, width=width), Spacer(1, 6)]


def _pain_scale(limit: int, s: Styles, width: float) -> Table:
    """0 to 10 in boxes, the allowed ones marked "OK" in words (it must read without colour)."""
    cells = [str(n) for n in range(11)]
    marks = ["OK" if n <= limit else "" for n in range(11)]
    table = Table([cells, marks], colWidths=[width / 11] * 11, hAlign="LEFT")
    table.setStyle(
        table_style(
            s,
            ("GRID", (0, 0), (-1, 0), 0.75, colors.black),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("FONT", (0, 0), (-1, 0), s.bold, s.body_size),
            ("FONT", (0, 1), (-1, 1), s.regular, s.body_size - 2),
            ("BACKGROUND", (0, 0), (limit, 0), colors.Color(0.88, 0.88, 0.88)),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        )
    )
    return table


def red_flags(
    protocol: Protocol, catalog: Catalog, clinic: ClinicProfile | None, s: Styles, width: float
) -> list[Flowable]:
    """Emergencies and same-day problems in the STOP box with the numbers to call; pain that
    is only too much, with the patient's own pain limit, in a box of its own."""
    flags = catalog.red_flags_for(protocol.condition_codes)
    content: list[Flowable] = [Paragraph(esc(wording.STOP_TITLE), s.box_title)]
    for flag in flags:
        if flag.urgency != "not-urgent":
            content.append(Paragraph(f"\u2022 {esc(flag.text)} <b>{esc(flag.action)}</b>", s.body))
    content.append(Spacer(1, 2))
    content += [Paragraph(f"<b>{esc(line)}</b>", s.body) for line in wording.contact_lines(clinic)]
    conditions = [c for code in protocol.condition_codes if (c := catalog.get(code))]
    limit = pain_limit(protocol, conditions)
    pain: list[Flowable] = [
        Paragraph(esc(wording.pain_limit_title(limit)), s.box_title),
        Paragraph(esc(f"{wording.PAIN_SCALE} {wording.pain_allowed(limit)}"), s.body),
        _pain_scale(limit, s, width - 16),
    ]
    for flag in flags:
        if flag.urgency == "not-urgent":
            pain.append(Paragraph(f"\u2022 {esc(flag.text)} <b>{esc(flag.action)}</b>", s.body))
    # Each box kept whole: a pain scale or a phone number alone on the next page is lost.
    return [
        KeepTogether([boxed(content, s, width=width, thick=2.5)]),
        Spacer(1, 6),
        KeepTogether([boxed(pain, s, width=width)]),
        Spacer(1, 4),
    ]


def page_one(
    protocol: Protocol,
    catalog: Catalog,
    sheet: Sheet,
    options: HandoutOptions,
    s: Styles,
    width: float,
) -> Sequence[Flowable]:
    return [
        *header(protocol, options, s, width),
        *now_box(sheet, protocol, s, width),
        *changes(options, s, width),
        *red_flags(protocol, catalog, options.clinic, s, width),
    ]
