"""The exercise log: one box per session on the days one is due, a pain score each day.

Rows are numbered like the cards; an exercise done with each leg has a row per leg; a day
without a session says "rest" in words (and is shaded), so the log asks for exactly what the
dose asks. Every row of the whole log has one height, measured once, so weeks line up.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from rehab.domain.measures import Measure
from rehab.domain.sheet import LogRow, LogWeek
from rehab.handout import wording
from rehab.handout.parts import boxed, bullets, esc, table_style
from rehab.handout.styles import Styles

TICK = "\u2610"  # ☐
HEAD_PAD = 2  # points either side of a day heading
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
REST_SHADE = colors.Color(0.9, 0.9, 0.9)
MAX_BOXES = 3
"""More sessions a day than this get a space to write the count in: smaller boxes would not
be ticked reliably."""


def day_headings(days: Sequence[Any], s: Styles, column: float) -> list[str]:
    """The log's day headings: "Mon", then "12 Jan" where it fits the column, else "12" and
    "Jan" on lines of their own (large print).

    Plain strings in the cell font, not Paragraphs: table strings are laid out far faster, and
    they do not wrap by themselves, hence the measuring here.
    """
    dates = [f"{d.day} {d.strftime('%b')}" for d in days]
    widest = max(stringWidth(text, s.regular, s.cell.fontSize) for text in dates)
    if widest + 2 * HEAD_PAD > column:
        dates = [text.replace(" ", "\n") for text in dates]
    names = [DAY_NAMES[d.weekday()] for d in days]
    return [f"{name}\n{text}" for name, text in zip(names, dates, strict=True)]


LEG_WIDTH = 12 * mm
"""The narrow column that says which leg a row is for."""


def _name(row: LogRow, s: Styles) -> Paragraph:
    if row.number == 0:  # a spare week's row: the patient writes the exercise in
        return Paragraph(esc(wording.SPARE_ROW), s.cell)
    text = f"<b>{row.number}.</b> {esc(row.name)}"
    if row.target:
        size = s.cell.fontSize - 1
        amount = f"this week: {row.target}" if row.scheduled else row.target
        text += f'<br/><font size="{size:g}">{esc(amount)}</font>'
    return Paragraph(text, s.cell)


def _leg(row: LogRow) -> str:
    return row.leg.removesuffix(" leg") if row.leg else ""


def _cell(row: LogRow, due: bool) -> str:
    if not due:
        return wording.REST
    if row.sessions > MAX_BOXES:
        return f"__ of {row.sessions}"
    return " ".join([TICK] * row.sessions)


def _boxes_size(sessions: int, s: Styles, day_width: float) -> float:
    """The largest tick size at which a day's boxes fit inside its cell (two boxes at large
    print's size would run over the grid lines)."""
    room = day_width - 2 * HEAD_PAD - 2
    width = stringWidth(" ".join([TICK] * sessions), s.regular, s.tick_size)
    return s.tick_size if width <= room else s.tick_size * room / width


def _groups(rows: Sequence[LogRow]) -> list[list[LogRow]]:
    """The rows of one prescription together (its left and right legs share a name cell)."""
    groups: list[list[LogRow]] = []
    for row in rows:
        if groups and row.leg == "right leg" and groups[-1][-1].leg == "left leg":
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def _row_height(weeks: Sequence[LogWeek], s: Styles, name_width: float) -> float:
    """The tallest row the whole log needs: every row gets it, so rows never change height
    between weeks. A name shared by two legs has both rows' height."""
    tallest = s.tick_size * 1.45
    measured: set[tuple[int, str, str | None, bool, int]] = set()
    for week in weeks:
        for group in _groups(week.rows):
            row = group[0]
            key = (row.number, row.name, row.target, row.scheduled, len(group))
            if key in measured:  # most weeks repeat the rows of the week before
                continue
            measured.add(key)
            _, height = _name(row, s).wrap(name_width - 8, 1000)
            tallest = max(tallest, (height + 4) / len(group))
    return tallest


def _week_table(
    week: LogWeek, s: Styles, name_width: float, day_width: float, row_height: float
) -> Table:
    header = (
        day_headings(week.days, s, day_width) if week.days else [f"Day\n{d + 1}" for d in range(7)]
    )
    rows: list[list[Any]] = [[Paragraph("Exercise", s.label), "", *header]]
    commands: list[tuple[Any, ...]] = []
    for group in _groups(week.rows):
        first = len(rows)
        for index, row in enumerate(group):
            name = _name(row, s) if index == 0 else ""
            rows.append([name, _leg(row), *(_cell(row, due) for due in row.due)])
            for d, due in enumerate(row.due, 2):
                if not due:
                    commands += [
                        ("BACKGROUND", (d, len(rows) - 1), (d, len(rows) - 1), REST_SHADE),
                        (
                            "FONT",
                            (d, len(rows) - 1),
                            (d, len(rows) - 1),
                            s.regular,
                            s.cell.fontSize - 1,
                        ),
                    ]
                elif row.sessions > MAX_BOXES:
                    commands.append(
                        ("FONT", (d, len(rows) - 1), (d, len(rows) - 1), s.regular, s.cell.fontSize)
                    )
                elif row.sessions > 1:
                    size = _boxes_size(row.sessions, s, day_width)
                    cell = (d, len(rows) - 1)
                    commands.append(("FONT", cell, cell, s.regular, size, size * 1.2))
        if len(group) > 1:
            commands.append(("SPAN", (0, first), (0, len(rows) - 1)))
    ticks_end = len(rows) - 1
    rows.append([Paragraph(esc(wording.PAIN_ROW), s.cell), "", *([""] * 7)])
    measured = len(rows)
    for measure, side in week.measures:
        rows.append([Paragraph(esc(wording.measure_row(measure, side)), s.cell), *([""] * 8)])
        commands.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
    rows.append([Paragraph(f"{esc(wording.NOTES_ROW)}:", s.cell), *([""] * 8)])
    last = len(rows) - 1
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.75, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("FONT", (1, 0), (-1, 0), s.regular, s.cell.fontSize, s.cell.leading),
        ("FONT", (1, 1), (1, -1), s.regular, s.cell.fontSize - 1),
        ("LEFTPADDING", (1, 0), (-1, -1), HEAD_PAD),
        ("RIGHTPADDING", (1, 0), (-1, -1), HEAD_PAD),
        ("FONT", (2, 1), (-1, ticks_end), s.regular, s.tick_size, s.tick_size * 1.2),
        ("LINEBELOW", (0, 0), (-1, 0), 1.5, colors.black),
        ("SPAN", (0, 0), (1, 0)),
        ("SPAN", (0, measured - 1), (1, measured - 1)),
        ("SPAN", (0, last), (-1, last)),
        ("VALIGN", (0, last), (-1, last), "TOP"),
        *commands,
    ]
    heights = [None, *([row_height] * (len(rows) - 1))]
    widths = [name_width, LEG_WIDTH] + [day_width] * 7
    table = Table(rows, colWidths=widths, rowHeights=heights, repeatRows=1)
    table.setStyle(table_style(s, *commands))
    return table


def _teaching(
    measures: Sequence[Measure],
    s: Styles,
    width: float,
    stage: int | None = None,
    sided: Collection[Measure] = (),
) -> list[Flowable]:
    """How to take each measure the patient writes in the log, in a box just before the
    first week that asks for it (a test taught on week 1's page was taken in week 1, on one
    foot, while stage 1 was for both feet)."""
    if not measures:
        return []
    title = wording.MEASURE_TITLE if stage is None else wording.measure_title(stage)
    content: list[Flowable] = [Paragraph(esc(title), s.box_title)]
    for measure in measures:
        content.append(Paragraph(f"<b>{esc(measure.patient_name)}</b>", s.body))
        steps = [*measure.how_to, wording.MEASURE_EACH_SIDE] if measure in sided else measure.how_to
        content.append(bullets(steps, s, numbered=True, style=s.tight))
    return [KeepTogether([boxed(content, s, width=width)]), Spacer(1, 6)]


def exercise_log(
    weeks: Sequence[LogWeek], s: Styles, width: float, teach: Sequence[Measure] = ()
) -> list[Flowable]:
    """The log pages: how to measure, then each week a table kept whole with its title."""
    if not weeks:
        return []
    title = Paragraph(esc(wording.LOG_TITLE), s.h1)
    title.outline = wording.LOG_TITLE  # type: ignore[attr-defined]
    how = [wording.LOG_TICK]
    if any(row.sessions > 1 for week in weeks for row in week.rows):
        how.append(wording.LOG_TWICE)
    if any(not due for week in weeks for row in week.rows for due in row.due):
        how.append(wording.LOG_REST)
    how += [wording.LOG_PAIN, wording.LOG_MISSED, wording.LOG_BRING]
    story: list[Flowable] = [
        PageBreak(),
        title,
        Paragraph(esc(" ".join(how)), s.body),
        Spacer(1, 4),
    ]
    asked = {measure for week in weeks for measure, _ in week.measures}
    story += _teaching([m for m in teach if m not in asked], s, width)
    taught: set[Measure] = set()
    name_width = width * 0.36
    day_width = (width - name_width - LEG_WIDTH) / 7
    row_height = _row_height(weeks, s, name_width)
    week_style = ParagraphStyle("log-week", parent=s.h2, spaceBefore=2, spaceAfter=2)
    only = all(week.stage.number == 1 and week.stage.last for week in weeks)
    for week in weeks:
        text = wording.log_week_title(week.stage, week.week, week.days, only=only)
        heading = Paragraph(esc(text), week_style)
        table = _week_table(week, s, name_width, day_width, row_height)
        here = {measure for measure, _ in week.measures}
        new = [m for m in teach if m in here and m not in taught]
        taught.update(new)
        sided = {measure for measure, side in week.measures if side}
        story += _teaching(new, s, width, week.stage.number, sided)
        story += [CondPageBreak(row_height * 3), KeepTogether([heading, table]), Spacer(1, 6)]
    if any(not week.stage.last and week.stage.phase.advance_when for week in weeks):
        # "Not ready? Stay on this stage": a week to log it in.
        spare = _spare_week(weeks)
        heading = Paragraph(esc(wording.SPARE_WEEK), week_style)
        table = _week_table(spare, s, name_width, day_width, row_height)
        story += [CondPageBreak(row_height * 3), KeepTogether([heading, table])]
    return story


def _spare_week(weeks: Sequence[LogWeek]) -> LogWeek:
    """An undated week of blank rows, as many as the longest week has."""
    rows = max(len(week.rows) for week in weeks)
    blank = LogRow(0, "", None, 0, (True,) * 7, None)
    return replace(weeks[-1], week=0, days=None, rows=(blank,) * rows, measures=())
