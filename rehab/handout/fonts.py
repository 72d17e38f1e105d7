"""The handout's font, shipped with rehab so a handout looks the same on every machine.

ReportLab's built-in Helvetica prints Cyrillic, many Greek letters and the tick-box symbols as
black boxes without an error; DejaVu Sans covers Latin, Greek, Cyrillic, ☐ and ✓.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "RehabSans"
BOLD = "RehabSans-Bold"


@cache
def register_fonts() -> tuple[str, str]:
    """Register the packaged TTFs once per process; return (regular, bold) font names."""
    folder = resources.files("rehab.handout").joinpath("fonts")
    with resources.as_file(folder.joinpath("DejaVuSans.ttf")) as regular:
        pdfmetrics.registerFont(TTFont(REGULAR, str(regular)))
    with resources.as_file(folder.joinpath("DejaVuSans-Bold.ttf")) as bold:
        pdfmetrics.registerFont(TTFont(BOLD, str(bold)))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    return REGULAR, BOLD


@cache
def _covered() -> frozenset[int]:
    """Code points both faces can draw (bold text must print as surely as regular)."""
    register_fonts()
    regular = pdfmetrics.getFont(REGULAR).face.charToGlyph
    bold = pdfmetrics.getFont(BOLD).face.charToGlyph
    return frozenset(code for code, glyph in regular.items() if glyph and bold.get(code))


def unprintable(texts: Iterable[str]) -> list[str]:
    """Characters in `texts` the handout font has no glyph for, in order of first use.

    ReportLab draws them as blanks without a word of warning, so a name or a note could lose
    letters on paper; the export reports them instead. Line breaks and tabs are layout.
    """
    covered = _covered()
    missing: dict[str, None] = {}
    for text in texts:
        for char in text:
            if ord(char) not in covered and char not in "\n\r\t":
                missing[char] = None
    return list(missing)
