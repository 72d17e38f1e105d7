"""The large-print card: one column, split across pages only between its steps.

The part of a card on the next page starts with the exercise's name "(continued)"; the first
part keeps its own heading, and NOSPLIT holds the head with the first step and the last step
with the tips and the stop box. A card taller than a page (a clinician's very long note) may
also split inside a row: it could not be printed otherwise.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Table

from rehab.domain.sheet import Entry
from rehab.handout import card_parts as part
from rehab.handout import wording
from rehab.handout.figure_draw import layout
from rehab.handout.parts import esc, table_style
from rehab.handout.styles import Styles


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


def large_card(
    entry: Entry, about: list[Flowable], s: Styles, width: float, *, split_inside: bool = False
) -> Table:
    """One column, a row for each part. Rows split only between the steps and the parts
    around them: NOSPLIT holds the title, the picture and the dose box with the first step,
    and the last step with the tips and the stop box. A card whose single row is taller than
    a page (a clinician's very long note) may also split inside that row: it could not be
    printed otherwise."""
    exercise = entry.card.exercise
    inner = width - 12
    pictures = part.pictures(exercise, entry.prescription.side or "both", s, inner)
    if exercise.figure is not None and pictures:
        pictures[0].at = layout(exercise.figure, part.LARGE_FIGURE_HEIGHT, max_width=inner)
        key = wording.leg_key(exercise.bilateral, exercise.figure.one_leg)
        if key:
            pictures.append(Paragraph(esc(key), s.body))
    rows: list[list[Any]] = [[part.title(entry.card, s)]]
    if pictures:
        rows.append([pictures])
    rows.append([part.dose_box(entry, s, inner)])
    first_step = len(rows) + len(part.side_first(entry, s)) + len(about) + 1
    rows += [[item] for item in (*part.side_first(entry, s), *about)]
    rows.append([Paragraph(esc(wording.STEPS), s.label)])
    steps = part.steps(entry)
    rows += [
        [Paragraph(f"<b>{n}</b>&nbsp;&nbsp;{esc(step)}", s.body)] for n, step in enumerate(steps, 1)
    ]
    rows += [[[*part.tips(exercise, s), *part.clinical_name(exercise, s)] or ""]]
    rows += [[part.stop_box(exercise, s, inner)]]
    last_step = len(rows) - 3
    video = part.video_row(exercise, s)
    if video:
        rows.append([video])
    keep: list[tuple[Any, ...]] = [
        ("NOSPLIT", (0, 0), (0, 2 if pictures else 1)),  # the title, picture and dose
        ("NOSPLIT", (0, first_step - 1), (0, first_step)),  # "How to do it" and step 1
        ("NOSPLIT", (0, last_step), (0, -1)),  # the last step, the tips and the stop box
    ]
    table = _ContinuedTable(
        rows,
        colWidths=[width],
        hAlign="LEFT",
        repeatRows=1,
        continued=part.title(entry.card, s, continued=True),
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
            *keep,
        )
    )
    return table
