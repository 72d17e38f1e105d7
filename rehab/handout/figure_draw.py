"""Draw a figure on a ReportLab canvas: the handout's Flowable and the canvas pen.

The layout is `rehab.domain.figures.layout`, shared with the SVG, PNG and terminal pens. The
handout draws with the canvas pen inside a platypus Flowable, without ReportLab's graphics
package (60 ms to import) and without anything that varies between runs, so an unchanged
protocol still gives byte-identical PDFs. A left-leg prescription is the same scene mirrored.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from rehab.domain.figures.layout import FIGURE_HEIGHT, Ink, Layout, Pen, Point, ink, layout
from rehab.domain.figures.pose import Figure

__all__ = ["FIGURE_HEIGHT", "CanvasPen", "FigureFlowable", "Ink", "Layout", "Pen", "Point"]
__all__ += ["ink", "layout"]

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
