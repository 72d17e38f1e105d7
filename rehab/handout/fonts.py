"""The handout's font, shipped with rehab so a handout looks the same on every machine.

ReportLab's built-in Helvetica prints Cyrillic, many Greek letters and the tick-box symbols as
black boxes without an error; DejaVu Sans covers Latin, Greek, Cyrillic, ☐ and ✓.
"""

from __future__ import annotations

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
