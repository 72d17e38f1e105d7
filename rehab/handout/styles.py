"""All paragraph styles in one place, for normal and large print.

Large print keeps body text at 16 pt or more; headings and tick boxes grow with it. Contrast
comes from weight and size, never colour alone, so a grey printout reads the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle

from rehab.handout.fonts import register_fonts


@dataclass(frozen=True)
class Styles:
    """The styles and sizes of one handout."""

    title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    tight: ParagraphStyle
    """Body text on a card: the same size, closer lines, so a page holds more cards."""
    small: ParagraphStyle
    label: ParagraphStyle
    box_title: ParagraphStyle
    cell: ParagraphStyle
    tick: ParagraphStyle
    body_size: float
    tick_size: float
    regular: str
    bold: str


def build_styles(*, large_print: bool) -> Styles:
    """The paragraph styles for normal (11 pt) or large print (16 pt) body text."""
    regular, bold = register_fonts()
    size = 16.0 if large_print else 11.0  # large print: 16 pt, as low-vision guidance asks
    lead = size * 1.35

    def style(name: str, font: str, font_size: float, **extra: object) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=font_size,
            leading=font_size * 1.3,
            textColor=colors.black,
            splitLongWords=1,
            **extra,  # type: ignore[arg-type]
        )

    return Styles(
        title=style("title", bold, size + 9, spaceAfter=4),
        h1=style("h1", bold, size + 5, spaceBefore=10, spaceAfter=4),
        h2=style("h2", bold, size + 2, spaceBefore=8, spaceAfter=2, keepWithNext=1),
        body=ParagraphStyle(
            "body", fontName=regular, fontSize=size, leading=lead, splitLongWords=1, spaceAfter=2
        ),
        tight=ParagraphStyle(
            "tight",
            fontName=regular,
            fontSize=size,
            leading=size * 1.2,
            splitLongWords=1,
            spaceAfter=1,
        ),
        small=style("small", regular, size - 2),
        label=style("label", bold, size, keepWithNext=1),
        box_title=style("box_title", bold, size + 2, spaceAfter=4),
        cell=style("cell", regular, size - 1),
        tick=style("tick", regular, size + (8 if large_print else 4), alignment=1),
        body_size=size,
        tick_size=size + (8 if large_print else 4),
        regular=regular,
        bold=bold,
    )
