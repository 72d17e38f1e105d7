"""Write one figure, or a gallery of the whole library, as a file (PDF, SVG or PNG).

SVG is written as text by hand and PNG with Pillow (a dependency of ReportLab, so always
present): ReportLab's own bitmap renderer needs an extra package (rlPyCairo) that rehab does
not require. Every format is inked from the same layout as the handout (`figure_draw.ink`).
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from rehab.domain.exercise import Exercise
from rehab.domain.figures.pose import Figure
from rehab.handout.figure_draw import CanvasPen, Ink, Layout, Point, ink, layout
from rehab.handout.fonts import register_fonts

FORMATS = (".pdf", ".svg", ".png")
PNG_DPI = 150
MARGIN = 4.0


class SvgPen:
    """Collects SVG elements; y is flipped because SVG's y runs down."""

    def __init__(self, height: float) -> None:
        self.height = height
        self.parts: list[str] = []
        self.clips = 0

    def _xy(self, p: Point) -> str:
        return f"{p[0]:.2f},{self.height - p[1]:.2f}"

    def path(
        self,
        points: list[Point],
        width: float,
        ink: Ink,
        *,
        closed: bool = False,
        fill: Ink | None = None,
        dash: bool = False,
    ) -> None:
        d = "M" + " L".join(self._xy(p) for p in points) + (" Z" if closed else "")
        if len(points) == 1:
            d += " L" + self._xy(points[0])
        extra = ' stroke-dasharray="3 2"' if dash else ""
        self.parts.append(
            f'<path d="{d}" stroke="{ink}" stroke-width="{width:.2f}" fill="{fill or "none"}" '
            f'stroke-linecap="round" stroke-linejoin="round"{extra}/>'
        )

    def circle(self, centre: Point, radius: float, ink: Ink) -> None:
        x, y = self._xy(centre).split(",")
        self.parts.append(f'<circle cx="{x}" cy="{y}" r="{radius:.2f}" fill="{ink}"/>')

    def polygon(self, points: list[Point], ink: Ink) -> None:
        self.path(points, 0.5, ink, closed=True, fill=ink)

    def clip(self, centre: Point, radius: float) -> None:
        self.clips += 1
        x, y = self._xy(centre).split(",")
        self.parts.append(
            f'<clipPath id="c{self.clips}"><circle cx="{x}" cy="{y}" r="{radius:.2f}"/>'
            f'</clipPath><g clip-path="url(#c{self.clips})">'
        )

    def unclip(self) -> None:
        self.parts.append("</g>")

    def text(self, x: float, y: float, text: str, size: float) -> None:
        self.parts.append(
            f'<text x="{x:.2f}" y="{self.height - y:.2f}" font-family="DejaVu Sans, sans-serif" '
            f'font-size="{size:.1f}" text-anchor="middle">{escape(text)}</text>'
        )


class PngPen:
    """Draws with Pillow at `factor` times the final size, then scales down for smooth edges."""

    def __init__(self, width: float, height: float, dpi: int, factor: int = 3) -> None:
        from PIL import Image, ImageDraw, ImageFont

        self.k = dpi / 72 * factor
        self.size = (round(width * self.k), round(height * self.k))
        self.height = height
        self.image = Image.new("L", self.size, 255)
        self.draw = ImageDraw.Draw(self.image)
        self.factor = factor
        self._font = ImageFont
        self.fonts: dict[float, object] = {}

    def _xy(self, p: Point) -> tuple[float, float]:
        return (p[0] * self.k, (self.height - p[1]) * self.k)

    def _value(self, ink: Ink) -> int:
        return 0 if ink == "black" else 255

    def path(
        self,
        points: list[Point],
        width: float,
        ink: Ink,
        *,
        closed: bool = False,
        fill: Ink | None = None,
        dash: bool = False,
    ) -> None:
        xy = [self._xy(p) for p in points]
        w = max(1, round(width * self.k))
        value = self._value(ink)
        if fill is not None and len(xy) > 2:
            self.draw.polygon(xy, fill=self._value(fill))
        ring = [*xy, xy[0]] if closed else xy
        pieces = _dashed(ring, 3 * self.k, 2 * self.k) if dash else [ring]
        for piece in pieces:
            if len(piece) > 1:
                self.draw.line(piece, fill=value, width=w, joint="curve")
        for x, y in xy:
            r = w / 2
            self.draw.ellipse((x - r, y - r, x + r, y + r), fill=value)

    def circle(self, centre: Point, radius: float, ink: Ink) -> None:
        x, y = self._xy(centre)
        r = radius * self.k
        self.draw.ellipse((x - r, y - r, x + r, y + r), fill=self._value(ink))

    def polygon(self, points: list[Point], ink: Ink) -> None:
        self.draw.polygon([self._xy(p) for p in points], fill=self._value(ink))

    def clip(self, centre: Point, radius: float) -> None:
        """Keep the picture as it is; what is drawn until `unclip` shows only inside."""
        from PIL import Image, ImageDraw

        self._outside = self.image.copy()
        self._mask = Image.new("L", self.size, 0)
        x, y = self._xy(centre)
        r = radius * self.k
        ImageDraw.Draw(self._mask).ellipse((x - r, y - r, x + r, y + r), fill=255)

    def unclip(self) -> None:
        from PIL import Image, ImageDraw

        self.image = Image.composite(self.image, self._outside, self._mask)
        self.draw = ImageDraw.Draw(self.image)

    def text(self, x: float, y: float, text: str, size: float) -> None:
        from importlib import resources

        ttf = resources.files("rehab.handout").joinpath("fonts", "DejaVuSans.ttf")
        with resources.as_file(ttf) as path:
            font = self._font.truetype(str(path), round(size * self.k))
        px, py = self._xy((x, y))
        self.draw.text((px, py), text, fill=0, font=font, anchor="ms")

    def png(self) -> bytes:
        from PIL import Image

        small = self.image.resize(
            (self.size[0] // self.factor, self.size[1] // self.factor), Image.Resampling.LANCZOS
        )
        out = io.BytesIO()
        small.save(out, format="PNG", optimize=False)
        return out.getvalue()


def _dashed(
    points: list[tuple[float, float]], on: float, off: float
) -> list[list[tuple[float, float]]]:
    pieces: list[list[tuple[float, float]]] = []
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
        t = 0.0
        while t < length:
            end = min(t + on, length)
            pieces.append(
                [
                    (x1 + (x2 - x1) * t / length, y1 + (y2 - y1) * t / length),
                    (x1 + (x2 - x1) * end / length, y1 + (y2 - y1) * end / length),
                ]
            )
            t = end + off
    return pieces


def figure_bytes(
    figure: Figure, suffix: str, *, mirrored: bool = False, bilateral: bool = False
) -> bytes:
    """One figure (start and end) at handout size, as PDF, SVG or PNG bytes."""
    at = layout(figure)
    width, height = at.width + 2 * MARGIN, at.height + 2 * MARGIN
    origin = (MARGIN, MARGIN)
    if suffix == ".svg":
        svg = SvgPen(height)
        ink(figure, svg, at, mirrored=mirrored, bilateral=bilateral, origin=origin)
        body = "\n".join(svg.parts)
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.1f}pt" '
            f'height="{height:.1f}pt" viewBox="0 0 {width:.2f} {height:.2f}">\n'
            f'<rect width="100%" height="100%" fill="white"/>\n{body}\n</svg>\n'
        ).encode()
    if suffix == ".png":
        png = PngPen(width, height, PNG_DPI)
        ink(figure, png, at, mirrored=mirrored, bilateral=bilateral, origin=origin)
        return png.png()
    regular, _ = register_fonts()
    out = io.BytesIO()
    c = Canvas(out, pagesize=(width, height), invariant=1, initialFontName=regular)
    c.setTitle("rehab figure")
    c.setCreator("rehab")
    _prepare(c)
    ink(figure, CanvasPen(c, regular), at, mirrored=mirrored, bilateral=bilateral, origin=origin)
    c.showPage()
    c.save()
    return out.getvalue()


def _prepare(c: Canvas) -> None:
    c.setLineCap(1)
    c.setLineJoin(1)


def gallery_pdf(exercises: Sequence[Exercise]) -> bytes:
    """Every figure of the library on A4 pages: start, end and the exercise's name and id."""
    regular, bold = register_fonts()
    out = io.BytesIO()
    c = Canvas(out, pagesize=A4, invariant=1, initialFontName=regular)
    c.setTitle("rehab figure gallery")
    c.setCreator("rehab")
    page_w, page_h = A4
    margin = 15 * mm
    y = page_h - margin
    c.setFont(bold, 14)
    c.drawString(margin, y - 14, "Exercise figures")
    y -= 26
    for exercise in exercises:
        if exercise.figure is None:
            continue
        at: Layout = layout(exercise.figure, max_width=page_w - 2 * margin)
        needed = at.height + 22
        if y - needed < margin:
            c.showPage()
            y = page_h - margin
        c.setFont(bold, 10)
        c.setFillColorRGB(0, 0, 0)
        c.drawString(margin, y - 11, f"{exercise.name}  ({exercise.id})")
        c.saveState()
        _prepare(c)
        ink(
            exercise.figure,
            CanvasPen(c, regular),
            at,
            bilateral=exercise.laterality == "bilateral",
            origin=(margin, y - 14 - at.height),
        )
        c.restoreState()
        y -= needed + 6
    c.showPage()
    c.save()
    return out.getvalue()


def write_bytes(path: Path, data: bytes) -> None:
    """Write through a temporary file so a failed write never leaves half a picture."""
    from rehab.storage.atomic import write_atomic

    write_atomic(path, data)
