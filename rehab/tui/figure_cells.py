"""An exercise's figure in the terminal, as Unicode braille cells (2 x 4 dots a cell).

Braille is the finest picture every modern terminal font can show, with no image protocol
and no colour: start and end side by side, labelled on the line below, mirrored for the left
leg like the handout. Drawn with Pillow (always present: ReportLab needs it) through the
same layout as the paper, then every dot half dark or more is set. The magnified circle
(`detail`) is drawn too, clipped to its ring, when it is at least MIN_DETAIL_DOTS across:
smaller, its inside is a smudge and only hides the figure.
"""

from __future__ import annotations

from rehab.domain.figures.layout import Ink, Layout, Point, ink, layout
from rehab.domain.figures.pose import Figure

BRAILLE = 0x2800
# Dot bit for (column, row) inside a cell, as Unicode numbers them.
_DOTS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
EDGE_SCALE = 0.35
"""Outline widths are set in print points; in dots they would swallow a small figure."""


class _DotPen:
    """Draws in dots (1 unit = 1 dot), y up, on a Pillow image twice as fine, then halves."""

    def __init__(self, width: int, height: int) -> None:
        from PIL import Image, ImageDraw

        self.k = 2
        self.height = height
        self.image = Image.new("L", (width * self.k, height * self.k), 255)
        self.draw = ImageDraw.Draw(self.image)
        self._under: tuple[Image.Image, tuple[float, float, float]] | None = None

    def _xy(self, p: Point) -> tuple[float, float]:
        return (p[0] * self.k, (self.height - p[1]) * self.k)

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
        value = 0 if ink == "black" else 255
        xy = [self._xy(p) for p in points]
        if fill is not None and len(xy) > 2:
            self.draw.polygon(xy, fill=0 if fill == "black" else 255)
        w = max(1.0, width * self.k)
        ring = [*xy, xy[0]] if closed else xy
        if len(ring) > 1:
            self.draw.line(ring, fill=value, width=round(w), joint="curve")
        for x, y in xy:
            r = w / 2
            self.draw.ellipse((x - r, y - r, x + r, y + r), fill=value)

    def circle(self, centre: Point, radius: float, ink: Ink) -> None:
        x, y = self._xy(centre)
        r = radius * self.k
        self.draw.ellipse((x - r, y - r, x + r, y + r), fill=0 if ink == "black" else 255)

    def polygon(self, points: list[Point], ink: Ink) -> None:
        self.draw.polygon([self._xy(p) for p in points], fill=0 if ink == "black" else 255)

    def text(self, x: float, y: float, text: str, size: float) -> None:
        """Labels go on a text line of their own instead."""

    def clip(self, centre: Point, radius: float) -> None:
        """Draw on a copy until `unclip`, which keeps only what falls inside the circle."""
        from PIL import ImageDraw

        x, y = self._xy(centre)
        self._under = (self.image, (x, y, radius * self.k))
        self.image = self.image.copy()
        self.draw = ImageDraw.Draw(self.image)

    def unclip(self) -> None:
        from PIL import Image, ImageDraw

        if self._under is None:
            return
        under, (x, y, r) = self._under
        mask = Image.new("L", under.size, 0)
        ImageDraw.Draw(mask).ellipse((x - r, y - r, x + r, y + r), fill=255)
        under.paste(self.image, (0, 0), mask)
        self.image, self._under = under, None
        self.draw = ImageDraw.Draw(self.image)

    def dots(self) -> list[list[bool]]:
        from PIL import Image

        small = self.image.resize(
            (self.image.width // self.k, self.image.height // self.k), Image.Resampling.BOX
        )
        width, height = small.size
        data = small.tobytes()
        return [[data[y * width + x] < 160 for x in range(width)] for y in range(height)]


MIN_DETAIL_DOTS = 12
"""Braille dots across, at least, for the magnified circle to be drawn (see the module)."""
MAX_ROWS = 17
"""Braille rows at most, so a tall, narrow figure and its label fit the 80 x 24 detail pane."""


def figure_cells(
    figure: Figure, columns: int = 40, *, mirrored: bool = False, bilateral: bool = False
) -> list[str]:
    """The figure as lines of braille, `columns` wide, with a "Start" / "End" line below."""
    gap = 4.0
    width = columns * 2
    probe = layout(figure, height=MAX_ROWS * 4, max_width=width, gap=gap, labelled=False)
    rows = max(1, -(-round(probe.drawing_height) // 4))
    at = Layout(probe.scale, probe.panel_width, probe.width, rows * 4, rows * 4, gap, 0.0)
    pen = _DotPen(width, rows * 4)
    detail = figure.detail
    roomy = detail is not None and 2 * detail.size * at.scale >= MIN_DETAIL_DOTS
    scaled = _Clipped(pen) if roomy else _Scaled(pen)
    ink(figure, scaled, at, mirrored=mirrored, bilateral=bilateral)
    dots = pen.dots()
    lines = []
    for row in range(rows):
        chars = []
        for col in range(columns):
            bits = 0
            for dy in range(4):
                for dx in range(2):
                    y, x = row * 4 + dy, col * 2 + dx
                    if y < len(dots) and x < len(dots[y]) and dots[y][x]:
                        bits |= _DOTS[dy][dx]
            chars.append(chr(BRAILLE + bits))
        lines.append("".join(chars).rstrip(chr(BRAILLE)) or "")
    panel_cols = round(at.panel_width / 2)
    start_col = panel_cols // 2 - 2
    end_col = round((at.panel_width + gap) / 2) + panel_cols // 2 - 1
    label = " " * max(0, start_col) + "Start"
    label += " " * max(1, end_col - len(label)) + "End"
    return [line.replace(chr(BRAILLE), " ") for line in lines] + [label]


class _Scaled:
    """Passes drawing on with outline widths thinned (see EDGE_SCALE)."""

    def __init__(self, pen: _DotPen) -> None:
        self.pen = pen

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
        thinned = width * EDGE_SCALE if width < 3 else width * 0.8
        self.pen.path(points, thinned, ink, closed=closed, fill=fill, dash=dash)

    def circle(self, centre: Point, radius: float, ink: Ink) -> None:
        self.pen.circle(centre, radius, ink)

    def polygon(self, points: list[Point], ink: Ink) -> None:
        self.pen.polygon(points, ink)

    def text(self, x: float, y: float, text: str, size: float) -> None:
        self.pen.text(x, y, text, size)


class _Clipped(_Scaled):
    """A scaled pen that also clips, so `ink` draws the magnified circle."""

    def clip(self, centre: Point, radius: float) -> None:
        self.pen.clip(centre, radius)

    def unclip(self) -> None:
        self.pen.unclip()
