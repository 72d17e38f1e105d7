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

_KAPPA = 0.5523  # control-point distance of a quarter circle drawn as one Bezier curve


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


class CanvasPen:
    """Draws on a ReportLab canvas (the handout, the gallery, a one-figure PDF).

    Paths are written as PDF operators, formatted once here, instead of through ReportLab's
    path objects: a figure is a few hundred segments, and ReportLab's number formatting made
    them most of the handout's drawing time. Only the state that changes is written. Call it
    between the canvas's saveState and restoreState (the state it sets is its own).
    """

    def __init__(self, canvas: Canvas, font: str) -> None:
        self.canvas = canvas
        self.font = font
        self._stroke: str | None = None
        self._fill: str | None = None
        self._width: float | None = None
        self._dash: bool | None = None
        self._saved: tuple[str | None, str | None, float | None, bool | None] = (
            None,
            None,
            None,
            None,
        )

    def _state(self, stroke: Ink | None, fill: Ink | None, width: float | None, dash: bool) -> str:
        ops = []
        if stroke is not None and stroke != self._stroke:
            ops.append("0 G" if stroke == "black" else "1 G")
            self._stroke = stroke
        if fill is not None and fill != self._fill:
            ops.append("0 g" if fill == "black" else "1 g")
            self._fill = fill
        if width is not None and width != self._width:
            ops.append(f"{_n(width)} w")
            self._width = width
        if dash != self._dash:
            ops.append("[3 2] 0 d" if dash else "[] 0 d")
            self._dash = dash
        return " ".join(ops)

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
        ops = [self._state(ink, fill, width, dash)]
        ops.append(f"{_n(points[0][0])} {_n(points[0][1])} m")
        for x, y in points[1:] or points[:1]:
            ops.append(f"{_n(x)} {_n(y)} l")
        if closed:
            ops.append("h")
        ops.append("B" if fill is not None else "S")
        self.canvas.addLiteral(" ".join(op for op in ops if op))

    def circle(self, centre: Point, radius: float, ink: Ink) -> None:
        x, y, r = centre[0], centre[1], radius
        k = r * _KAPPA
        ops = [
            self._state(None, ink, None, bool(self._dash)),
            f"{_n(x + r)} {_n(y)} m",
            f"{_n(x + r)} {_n(y + k)} {_n(x + k)} {_n(y + r)} {_n(x)} {_n(y + r)} c",
            f"{_n(x - k)} {_n(y + r)} {_n(x - r)} {_n(y + k)} {_n(x - r)} {_n(y)} c",
            f"{_n(x - r)} {_n(y - k)} {_n(x - k)} {_n(y - r)} {_n(x)} {_n(y - r)} c",
            f"{_n(x + k)} {_n(y - r)} {_n(x + r)} {_n(y - k)} {_n(x + r)} {_n(y)} c",
            "f",
        ]
        self.canvas.addLiteral(" ".join(op for op in ops if op))

    def polygon(self, points: list[Point], ink: Ink) -> None:
        self.path(points, 0.5, ink, closed=True, fill=ink)

    def clip(self, centre: Point, radius: float) -> None:
        """Draw only inside a circle until `unclip` (a graphics state of its own)."""
        self._saved = (self._stroke, self._fill, self._width, self._dash)
        x, y, r = centre[0], centre[1], radius
        k = r * _KAPPA
        self.canvas.addLiteral(
            " ".join(
                [
                    "q",
                    f"{_n(x + r)} {_n(y)} m",
                    f"{_n(x + r)} {_n(y + k)} {_n(x + k)} {_n(y + r)} {_n(x)} {_n(y + r)} c",
                    f"{_n(x - k)} {_n(y + r)} {_n(x - r)} {_n(y + k)} {_n(x - r)} {_n(y)} c",
                    f"{_n(x - r)} {_n(y - k)} {_n(x - k)} {_n(y - r)} {_n(x)} {_n(y - r)} c",
                    f"{_n(x + k)} {_n(y - r)} {_n(x + r)} {_n(y - k)} {_n(x + r)} {_n(y)} c",
                    "W n",
                ]
            )
        )

    def unclip(self) -> None:
        self.canvas.addLiteral("Q")
        self._stroke, self._fill, self._width, self._dash = self._saved

    def text(self, x: float, y: float, text: str, size: float) -> None:
        self.canvas.setFillColorRGB(0, 0, 0)
        self._fill = "black"
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
