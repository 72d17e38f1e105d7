"""Ink a figure's start and end panels: one layout, drawn by any pen (PDF canvas, SVG, PNG).

The handout draws with the canvas pen inside a platypus Flowable, without ReportLab's graphics
package (60 ms to import) and without anything that varies between runs, so an unchanged
protocol still gives byte-identical PDFs. A left-leg prescription is the same scene mirrored.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal, Protocol

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from rehab.domain.figures.pose import Figure
from rehab.domain.figures.scene import Arrow, Circle, Path, Scene, scene

Point = tuple[float, float]
Ink = Literal["black", "white"]

FIGURE_HEIGHT = 42 * mm
"""Height of the drawn box on the handout: a standing person prints about 36 mm tall."""
GAP = 8 * mm
LABEL = 11.0
ARROW_WIDTH = 1.4
ARROW_HEAD = 6.0


class Pen(Protocol):
    """What a backend draws; coordinates in points, y up, origin at the bottom left."""

    def path(
        self,
        points: list[Point],
        width: float,
        ink: Ink,
        *,
        closed: bool = False,
        fill: Ink | None = None,
        dash: bool = False,
    ) -> None: ...

    def circle(self, centre: Point, radius: float, ink: Ink) -> None: ...

    def polygon(self, points: list[Point], ink: Ink) -> None: ...

    def text(self, x: float, y: float, text: str, size: float) -> None: ...


@dataclass(frozen=True)
class Layout:
    """Where the panels go and at what scale (points per cm)."""

    scale: float
    panel_width: float
    width: float
    height: float
    drawing_height: float


def layout(figure: Figure, height: float = FIGURE_HEIGHT, max_width: float | None = None) -> Layout:
    """Scale the box to `height`, narrower when two panels would not fit `max_width`."""
    left, right, top = figure.frame
    scale = height / top
    if max_width is not None:
        scale = min(scale, (max_width - GAP) / (2 * (right - left)))
    panel = (right - left) * scale
    drawing = top * scale
    return Layout(scale, panel, 2 * panel + GAP, drawing + LABEL + 3, drawing)


def ink(
    figure: Figure,
    pen: Pen,
    at: Layout,
    *,
    mirrored: bool = False,
    bilateral: bool = False,
    labels: tuple[str, str] = ("Start", "End"),
    origin: Point = (0.0, 0.0),
) -> None:
    """Draw both panels with their labels; `origin` is the layout's bottom-left corner."""
    for index, which in enumerate(("start", "end")):
        panel = scene(figure, which, bilateral=bilateral)  # type: ignore[arg-type]
        x0 = origin[0] + index * (at.panel_width + GAP)
        y0 = origin[1] + LABEL + 3
        _panel(panel, pen, at, x0, y0, mirrored)
        pen.text(x0 + at.panel_width / 2, origin[1] + 2, labels[index], LABEL - 2)


def _panel(panel: Scene, pen: Pen, at: Layout, x0: float, y0: float, mirrored: bool) -> None:
    left, bottom, right, _ = panel.box

    def to_page(p: Point) -> Point:
        x = (p[0] - left) * at.scale
        if mirrored:
            x = (right - left) * at.scale - x
        return (x0 + x, y0 + (p[1] - bottom) * at.scale)

    for item in panel.items:
        if isinstance(item, Path):
            pen.path(
                [to_page(p) for p in item.points],
                item.width * at.scale + item.edge,
                item.ink,
                closed=item.closed,
                fill=item.fill,
                dash=item.dash,
            )
        elif isinstance(item, Circle):
            pen.circle(to_page(item.centre), item.radius * at.scale + item.edge, item.ink)
        elif isinstance(item, Arrow):
            _arrow(pen, [to_page(p) for p in item.points])


def _arrow(pen: Pen, points: list[Point]) -> None:
    (x1, y1), (x2, y2) = points[-2], points[-1]
    angle = math.atan2(y2 - y1, x2 - x1)
    back = (x2 - ARROW_HEAD * math.cos(angle), y2 - ARROW_HEAD * math.sin(angle))
    pen.path([*points[:-1], back], ARROW_WIDTH, "black")
    spread = ARROW_HEAD * 0.55
    wing = (-math.sin(angle) * spread, math.cos(angle) * spread)
    head = [
        (x2, y2),
        (back[0] + wing[0], back[1] + wing[1]),
        (back[0] - wing[0], back[1] - wing[1]),
    ]
    pen.polygon(head, "black")


_GREY = {"black": (0, 0, 0), "white": (1, 1, 1)}


class CanvasPen:
    """Draws on a ReportLab canvas (the handout, the gallery, a one-figure PDF)."""

    def __init__(self, canvas: Canvas, font: str) -> None:
        self.canvas = canvas
        self.font = font

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
        c = self.canvas
        c.setStrokeColorRGB(*_GREY[ink])
        c.setLineWidth(width)
        c.setDash(3, 2) if dash else c.setDash()
        p = c.beginPath()
        p.moveTo(*points[0])
        for point in points[1:]:
            p.lineTo(*point)
        if len(points) == 1:
            p.lineTo(*points[0])
        if closed:
            p.close()
        if fill is not None:
            c.setFillColorRGB(*_GREY[fill])
        c.drawPath(p, stroke=1, fill=1 if fill is not None else 0)

    def circle(self, centre: Point, radius: float, ink: Ink) -> None:
        self.canvas.setFillColorRGB(*_GREY[ink])
        self.canvas.circle(centre[0], centre[1], radius, stroke=0, fill=1)

    def polygon(self, points: list[Point], ink: Ink) -> None:
        self.path(points, 0.5, ink, closed=True, fill=ink)

    def text(self, x: float, y: float, text: str, size: float) -> None:
        self.canvas.setFillColorRGB(0, 0, 0)
        self.canvas.setFont(self.font, size)
        self.canvas.drawCentredString(x, y, text)


class FigureFlowable(Flowable):  # type: ignore[misc]
    """The figure on an exercise's section of the handout, start and end side by side."""

    def __init__(
        self, figure: Figure, font: str, *, mirrored: bool = False, bilateral: bool = False
    ) -> None:
        super().__init__()
        self.figure = figure
        self.font = font
        self.mirrored = mirrored
        self.bilateral = bilateral
        self.at = layout(figure)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self.at.width > availWidth:
            self.at = layout(self.figure, max_width=availWidth)
        return self.at.width, self.at.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setLineCap(1)
        c.setLineJoin(1)
        ink(
            self.figure,
            CanvasPen(c, self.font),
            self.at,
            mirrored=self.mirrored,
            bilateral=self.bilateral,
        )
        c.restoreState()
