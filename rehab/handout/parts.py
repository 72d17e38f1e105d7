"""The handout's building blocks: ruled boxes, lists, long texts, table styles.

Shared by page one, the exercise cards and the log, so every box on the sheet has the same
rule weight and padding and every table the handout's own font.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph, Table, TableStyle

from rehab.handout.markup import para_blocks
from rehab.handout.markup import para_text as esc
from rehab.handout.styles import Styles

__all__ = ["boxed", "bullets", "esc", "fitted_image", "long_text", "table_style"]


def table_style(s: Styles, *commands: tuple[Any, ...]) -> TableStyle:
    """A table style whose default font is ours: ReportLab's default is Helvetica, which would
    otherwise be referenced (and, for any plain-string cell, used) on every page."""
    return TableStyle([("FONT", (0, 0), (-1, -1), s.regular, s.body_size), *commands])


def boxed(
    content: Sequence[Flowable], s: Styles, *, width: float, thick: float = 1.0, pad: float = 8
) -> Table:
    """A ruled box that can split across pages (a long note must never raise LayoutError)."""
    table = Table([[c] for c in content], colWidths=[width], splitInRow=1)
    table.setStyle(
        table_style(
            s,
            ("BOX", (0, 0), (-1, -1), thick, colors.black),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, 0), 4),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 4),
        )
    )
    return table


def bullets(
    items: Sequence[str], s: Styles, *, numbered: bool = False, style: ParagraphStyle | None = None
) -> ListFlowable:
    """A bulleted or numbered list of plain texts (escaped here)."""
    body = style or s.body
    flow = [ListItem(Paragraph(esc(item), body), leftIndent=body.fontSize * 1.6) for item in items]
    kind = {"bulletType": "1"} if numbered else {"bulletType": "bullet", "start": "\u2022"}
    return ListFlowable(
        flow,
        bulletFontName=s.bold if numbered else s.regular,
        bulletFontSize=body.fontSize,
        leftIndent=body.fontSize * 1.6,
        **kind,  # type: ignore[arg-type]
    )


def long_text(text: str, style: ParagraphStyle) -> list[Paragraph]:
    """A multi-line text as paragraphs of a few dozen lines each (linear time, see
    `para_blocks`); only the last keeps the style's space after."""
    blocks = para_blocks(text)
    if len(blocks) == 1:
        return [Paragraph(blocks[0], style)]
    inner = ParagraphStyle(f"{style.name}-inner", parent=style, spaceAfter=0)
    return [Paragraph(b, style if i == len(blocks) - 1 else inner) for i, b in enumerate(blocks)]


def fitted_image(path: str, height: float, width: float) -> Flowable:
    """A picture file at `height`, narrower and shorter where that would be wider than
    `width`: the proportions kept (a clinic's logo, an entry's own picture)."""
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image

    pixels_wide, pixels_high = ImageReader(path).getSize()
    drawn_width = height * pixels_wide / pixels_high
    if drawn_width > width:
        drawn_width, height = width, width * pixels_high / pixels_wide
    return Image(path, width=drawn_width, height=height, hAlign="LEFT")
