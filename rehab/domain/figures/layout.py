"""Lay a figure's start and end panels out in points and ink them with any pen.

Pure geometry, shared by every backend: the handout's canvas, SVG and PNG files and the
terminal's braille cells all draw through a `Pen`, so they show the same picture. A left-leg
prescription is the same scene mirrored inside each panel.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

from rehab.domain.figures.pose import Figure
from rehab.domain.figures.scene import Arrow, Circle, Path, Scene, scene

MM = 72 / 25.4
"""Points per millimetre."""

Point = tuple[float, float]
Ink = Literal["black", "white"]

FIGURE_HEIGHT = 42 * MM
"""Height of the drawn box on the handout: a standing person prints about 36 mm tall."""
GAP = 8 * MM
LABEL = 11.0
ARROW_WIDTH = 1.4
ARROW_HEAD = 6.0
ARROW_HALO = 2.0


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
    gap: float = GAP
    label_space: float = LABEL + 3


def layout(
    figure: Figure,
    height: float = FIGURE_HEIGHT,
    max_width: float | None = None,
    *,
    gap: float = GAP,
    labelled: bool = True,
) -> Layout:
    """Scale the box to `height`, narrower when two panels would not fit `max_width`."""
    left, right, top = figure.frame
    scale = height / top
    if max_width is not None:
        scale = min(scale, (max_width - gap) / (2 * (right - left)))
    panel = (right - left) * scale
    drawing = top * scale
    labels = LABEL + 3 if labelled else 0.0
    return Layout(scale, panel, 2 * panel + gap, drawing + labels, drawing, gap, labels)


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
    """Draw both panels, with their labels when the layout has room for them; `origin` is the
    layout's bottom-left corner."""
    for index, which in enumerate(("start", "end")):
        panel = scene(figure, which, bilateral=bilateral)  # type: ignore[arg-type]
        x0 = origin[0] + index * (at.panel_width + at.gap)
        y0 = origin[1] + at.label_space
        _panel(panel, pen, at, x0, y0, mirrored)
        if at.label_space:
            pen.text(x0 + at.panel_width / 2, origin[1] + 2, labels[index], LABEL - 2)


class ClippingPen(Pen, Protocol):
    """A pen that can limit drawing to a circle (PDF, SVG, PNG; the terminal cannot)."""

    def clip(self, centre: Point, radius: float) -> None: ...

    def unclip(self) -> None: ...


DETAIL_RING = 1.2
"""Points of the magnified circle's outline; the region it shows is ringed at half that."""


def _panel(panel: Scene, pen: Pen, at: Layout, x0: float, y0: float, mirrored: bool) -> None:
    left, bottom, right, _ = panel.box

    def to_page(p: Point) -> Point:
        x = (p[0] - left) * at.scale
        if mirrored:
            x = (right - left) * at.scale - x
        return (x0 + x, y0 + (p[1] - bottom) * at.scale)

    _items(panel, pen, to_page, at.scale)
    detail = panel.detail
    if detail is None or not hasattr(pen, "clip"):
        return
    clipping: ClippingPen = pen  # type: ignore[assignment]
    centre, inset = to_page(detail.centre), to_page(detail.at)
    region, size = detail.radius * at.scale, detail.radius * detail.zoom * at.scale
    # The region's ring, open where it would dip below the floor into the labels.
    angles = [-math.pi / 2 + (t + 0.5) / 32 * 2 * math.pi for t in range(32)]
    ring = [
        (
            detail.centre[0] + detail.radius * math.cos(t),
            detail.centre[1] + detail.radius * math.sin(t),
        )
        for t in angles
    ]
    above = [to_page(p) for p in ring if p[1] >= bottom]
    pen.path(above, DETAIL_RING / 2, "black", closed=len(above) == len(ring))
    gap = math.dist(centre, inset)
    if gap > region + size:
        ux, uy = (inset[0] - centre[0]) / gap, (inset[1] - centre[1]) / gap
        start = (centre[0] + ux * region, centre[1] + uy * region)
        end = (inset[0] - ux * size, inset[1] - uy * size)
        pen.path([start, end], DETAIL_RING / 2, "black")
    pen.circle(inset, size + DETAIL_RING, "black")
    pen.circle(inset, size, "white")
    clipping.clip(inset, size)
    _items(panel, pen, lambda p: to_page(detail(p)), at.scale * detail.zoom, arrows=False)
    marks = Scene(panel.box, detail.marks)
    _items(marks, pen, lambda p: to_page(detail(p)), at.scale * detail.zoom)
    clipping.unclip()


def _items(
    panel: Scene,
    pen: Pen,
    to_page: Callable[[Point], Point],
    scale: float,
    *,
    arrows: bool = True,
) -> None:
    """Ink a panel's items; the magnified circle leaves the arrow out (it shows the pose)."""
    for item in panel.items:
        if isinstance(item, Path):
            pen.path(
                [to_page(p) for p in item.points],
                item.width * scale + item.edge,
                item.ink,
                closed=item.closed,
                fill=item.fill,
                dash=item.dash,
            )
        elif isinstance(item, Circle):
            radius = item.radius * scale + item.edge
            if radius > 0:  # a ring's inner disc vanishes when drawn very small
                pen.circle(to_page(item.centre), radius, item.ink)
        elif isinstance(item, Arrow) and arrows:
            _arrow(pen, [to_page(p) for p in item.points])


def _arrow(pen: Pen, points: list[Point]) -> None:
    (x1, y1), (x2, y2) = points[-2], points[-1]
    angle = math.atan2(y2 - y1, x2 - x1)
    back = (x2 - ARROW_HEAD * math.cos(angle), y2 - ARROW_HEAD * math.sin(angle))
    spread = ARROW_HEAD * 0.55
    wing = (-math.sin(angle) * spread, math.cos(angle) * spread)
    head = [
        (x2, y2),
        (back[0] + wing[0], back[1] + wing[1]),
        (back[0] - wing[0], back[1] - wing[1]),
    ]
    # A white halo first, so an arrow crossing the solid leg still shows.
    pen.path([*points[:-1], back], ARROW_WIDTH + ARROW_HALO, "white")
    pen.path(head, ARROW_HALO, "white", closed=True, fill="white")
    pen.path([*points[:-1], back], ARROW_WIDTH, "black")
    pen.polygon(head, "black")
