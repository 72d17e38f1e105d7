"""A figure as drawing primitives in cm: what every renderer (PDF, SVG, PNG, terminal) inks.

Widths are in cm of body and `edge` in points of ink, so a figure keeps the same line weight
at any size. Items are in drawing order, back to front. The body is a union of rounded
segments: an outlined group is inked as black segments `edge` wider than white ones, so the
group shows one outline however its segments overlap; the working leg is solid black.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from rehab.domain.figures.body import BODY
from rehab.domain.figures.footprints import footprints
from rehab.domain.figures.kinematics import (
    Placed,
    Point,
    place,
)
from rehab.domain.figures.pose import Figure, Pose
from rehab.domain.figures.primitives import EDGE, HALO, Arrow, Circle, Ink, Item, Path, Segment
from rehab.domain.figures.props import held_props, props_behind, rolls

__all__ = ["EDGE", "HALO", "RADII", "Arrow", "Circle", "Ink", "Item", "Magnified", "Path"]
__all__ += ["Scene", "scene"]

FLOOR_CLEAR = 12.0
"""cm above the floor that a straight arrow keeps, clear of the floor line and the feet."""


@dataclass(frozen=True)
class Magnified:
    """The region round `centre` (radius cm) drawn `zoom` times larger in a circle at `at`."""

    centre: Point
    radius: float
    zoom: float
    at: Point
    marks: tuple[Item, ...] = ()
    """Drawn in the magnified circle only, over the figure: the step's level carried on past
    its edge, so a heel below it shows as below."""

    def __call__(self, p: Point) -> Point:
        return (
            self.at[0] + (p[0] - self.centre[0]) * self.zoom,
            self.at[1] + (p[1] - self.centre[1]) * self.zoom,
        )


@dataclass(frozen=True)
class Scene:
    """One panel: the box (left, bottom, right, top, cm), its items and its magnified
    circle (the same items again, larger, inside it)."""

    box: tuple[float, float, float, float]
    items: tuple[Item, ...]
    detail: Magnified | None = None


RADII = {
    "head": BODY.head_radius,
    "shoulders": BODY.trunk_width / 2,
    "pelvis": BODY.trunk_width / 2,
    "working-knee": BODY.shank_width / 2,
    "other-knee": BODY.shank_width / 2,
    "near-elbow": BODY.upper_arm_width / 2,
    "far-elbow": BODY.upper_arm_width / 2,
}
"""Half thickness of the body at a named point, cm (points not named have none)."""


def _segments(p: Placed, prefix: str) -> list[Segment]:
    if prefix in ("working", "other"):
        return [
            (p[f"{prefix}-hip"], p[f"{prefix}-knee"], BODY.thigh_width),
            (p[f"{prefix}-knee"], p[f"{prefix}-ankle"], BODY.shank_width),
        ]
    return [
        (p[f"{prefix}-shoulder"], p[f"{prefix}-elbow"], BODY.upper_arm_width),
        (p[f"{prefix}-elbow"], p[f"{prefix}-hand"], BODY.forearm_width),
    ]


SOLE_HALF_WIDTHS = (3.0, 4.5, 3.5)
"""cm either side of the heel, the ball and the toes: a sole seen flat on."""


def _foot(p: Placed, prefix: str) -> tuple[tuple[Point, ...], float]:
    """The foot from the side, or its sole where the sole faces the viewer (a front view of
    a foot with the toes up): drawn edge on, the foot read as the lower leg turning."""
    ankle, heel, ball, toe = (p[f"{prefix}-{part}"] for part in ("ankle", "heel", "ball", "toe"))
    if p.view == "front":
        a, h, b = (p.points[f"{prefix}-{part}"] for part in ("ankle", "heel", "ball"))
        up = (a[0] - (h[0] + b[0]) / 2, a[1] - (h[1] + b[1]) / 2, a[2] - (h[2] + b[2]) / 2)
        if abs(up[0]) > 0.7 * math.hypot(*up):
            dx, dy = toe[0] - heel[0], toe[1] - heel[1]
            length = math.hypot(dx, dy) or 1.0
            nx, ny = -dy / length, dx / length
            pairs = list(zip((heel, ball, toe), SOLE_HALF_WIDTHS, strict=True))
            left = [(q[0] + nx * w, q[1] + ny * w) for q, w in pairs]
            right = [(q[0] - nx * w, q[1] - ny * w) for q, w in reversed(pairs)]
            return ((*left, *right), 1.0)
    return ((ankle, heel, ball, toe), BODY.foot_width)


def _group(
    segments: list[Segment], feet: list[tuple[tuple[Point, ...], float]], solid: bool
) -> list[Item]:
    """Black under white for an outline; a solid part is black inside a thin white halo, so it
    stands apart from an outlined or solid part behind it."""
    items: list[Item] = []
    if solid:
        items += [Path((a, b), w, 2 * EDGE + HALO, "white") for a, b, w in segments]
        items += [
            Path(f, fw, 2 * EDGE + HALO, "white", closed=True, fill="white") for f, fw in feet
        ]
    items += [Path((a, b), w, 2 * EDGE) for a, b, w in segments]
    items += [Path(f, fw, 2 * EDGE, closed=True, fill="black") for f, fw in feet]
    if not solid:
        items += [Path((a, b), w, 0.0, "white") for a, b, w in segments]
        items += [Path(f, fw, 0.0, "white", closed=True, fill="white") for f, fw in feet]
    return items


def _front_trunk(p: Placed) -> tuple[Point, ...]:
    """Seen from the front the trunk tapers from the shoulders to the hips."""
    pelvis = p["pelvis"]

    def out(name: str, by: float) -> Point:
        x, y = p[name]
        return (x + (x - pelvis[0]) * by, y + (y - pelvis[1]) * by)

    shoulders = p["shoulders"]
    near, far = p["near-shoulder"], p["far-shoulder"]
    inset = 0.12
    return (
        (near[0] + (shoulders[0] - near[0]) * inset, near[1] + (shoulders[1] - near[1]) * inset),
        (far[0] + (shoulders[0] - far[0]) * inset, far[1] + (shoulders[1] - far[1]) * inset),
        out("other-hip", 0.45),
        out("working-hip", 0.45),
    )


def _torso(p: Placed) -> list[Item]:
    # Seen from the front the trunk spans the shoulders; from the side, the chest's depth.
    neck = (p["shoulders"], p["chin"], BODY.neck_width)
    head, r = p["head"], BODY.head_radius
    nose = p["nose"]
    tip = (head[0] + (nose[0] - head[0]) * 1.12, head[1] + (nose[1] - head[1]) * 1.12)
    if p.view == "front":
        outline = _front_trunk(p)
        width = BODY.upper_arm_width
        items: list[Item] = [Path(outline, width, 2 * EDGE, closed=True, fill="black")]
        items += [Path((a, b), w, 2 * EDGE) for a, b, w in (neck,)]
        items += [Circle(head, r, EDGE)]
        items += [Path(outline, width, 0.0, "white", closed=True, fill="white")]
        items += [Path((a, b), w, 0.0, "white") for a, b, w in (neck,)]
        items += [Circle(head, r, 0.0, "white")]
        return items
    trunk = (p["pelvis"], p["shoulders"], BODY.trunk_width)
    items = [Path((a, b), w, 2 * EDGE) for a, b, w in (trunk, neck)]
    items += [Circle(head, r, EDGE), Path((head, tip), 3.0, 2 * EDGE)]
    items += [Path((a, b), w, 0.0, "white") for a, b, w in (trunk, neck)]
    items += [Circle(head, r, 0.0, "white"), Path((head, tip), 3.0, 0.0, "white")]
    return items


def _flight(p: Placed, flight: float) -> list[Item]:
    """Under the feet of a hop, short upward strokes between them and the floor."""
    if flight < 4:
        return []
    items: list[Item] = []
    for prefix in ("working", "other"):
        low = min((p[f"{prefix}-{part}"] for part in ("heel", "ball", "toe")), key=lambda q: q[1])
        for dx in (-5.0, 0.0, 5.0):
            top = low[1] - 2.5 - (1.5 if dx else 0.0)
            items.append(Path(((low[0] + dx, flight * 0.2), (low[0] + dx, top)), 0.0, 0.8))
    return items


def _arrow(figure: Figure, start: Placed, end: Placed) -> Arrow:
    """From the moving point's start towards its end, set off the body and long enough to see."""
    name = figure.arrow.point
    a, b = start[name], end[name]
    if figure.arrow.circle:
        radius = 11.0
        steps = 20
        return Arrow(
            tuple(
                (
                    a[0] + radius * math.cos(math.radians(100 - 300 * i / steps)),
                    a[1] + radius * math.sin(math.radians(100 - 300 * i / steps)),
                )
                for i in range(steps + 1)
            )
        )
    if figure.arrow.pivot is not None:
        c = start[figure.arrow.pivot]
        radius = max(math.dist(a, c), 10.0) + 12
        t0 = math.atan2(a[1] - c[1], a[0] - c[0])
        t1 = math.atan2(b[1] - c[1], b[0] - c[0])
        sweep = (t1 - t0 + math.pi) % (2 * math.pi) - math.pi
        if abs(sweep) < math.radians(25):
            extra = (math.radians(25) - abs(sweep)) / 2
            sweep_sign = 1 if sweep >= 0 else -1
            t0 -= sweep_sign * extra
            sweep = sweep_sign * math.radians(25)

        def arc(r: float) -> tuple[Point, ...]:
            return tuple(
                (
                    c[0] + r * math.cos(t0 + sweep * i / 16),
                    c[1] + r * math.sin(t0 + sweep * i / 16),
                )
                for i in range(17)
            )

        points = arc(radius)
        if min(y for _, y in points) < FLOOR_CLEAR / 2:  # under the floor: inside the limb
            points = arc(max(math.dist(a, c) - 12, 8.0))
        return Arrow(points)
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    shown = figure.arrow.length or max(length, 36.0)
    # A point moving sideways past the body: set off away from the body's centre. A point
    # at the centre: begin at its front edge when it moves forwards or back, else behind it.
    centre = start["pelvis"]
    nx, ny = -uy, ux
    side = (a[0] - centre[0]) * nx + (a[1] - centre[1]) * ny
    if side < 0:
        nx, ny = -nx, -ny
    radius = RADII.get(name, 0.0)
    if abs(side) > 5:
        tail = (a[0] + nx * 18, a[1] + ny * 18)
        other = (a[0] - nx * 18, a[1] - ny * 18)
        low = min(tail[1], tail[1] + uy * shown)
        # Under the floor: the other side, unless the move is straight down beside the body
        # (a free foot lowered to the floor), where the other side is as low and on the body.
        if low < FLOOR_CLEAR and not (abs(ux) < 0.1 and abs(side) > 15):
            tail = other
    elif abs(ux) >= abs(uy):
        tail = (a[0] + ux * (radius + 3), a[1] + uy * (radius + 3))
    else:
        tail = (a[0] - (radius + 8), a[1])
    head = (tail[0] + ux * shown, tail[1] + uy * shown)
    low = min(tail[1], head[1])
    if low < FLOOR_CLEAR:  # a foot sliding on the floor: the arrow runs just above it
        tail, head = (tail[0], tail[1] + FLOOR_CLEAR - low), (head[0], head[1] + FLOOR_CLEAR - low)
    return Arrow((tail, head))


HOLD_BAR = 15.0
"""cm tall, each of the hold mark's two bars."""


def _hold_mark(figure: Figure, p: Placed) -> list[Item]:
    """Two upright bars beside the held point, on its side away from the body's middle and
    clear of the floor: the sign for "pause here and hold"."""
    x, y = p[figure.arrow.point]
    side = -1.0 if x <= p["pelvis"][0] else 1.0
    base = max(y, FLOOR_CLEAR)
    items: list[Item] = []
    for offset in (14.0, 21.0):
        bar = ((x + side * offset, base), (x + side * offset, base + HOLD_BAR))
        items += [Path(bar, 3.6, HALO, "white"), Path(bar, 3.6, 0.0)]
    return items


def _levels(figure: Figure) -> tuple[Item, ...]:
    """A dashed line at the top of each step, on past its back edge (a block is stood on
    with the heel on the floor: no level to drop below)."""
    if figure.view != "side":
        return ()
    marks: list[Item] = []
    for prop in figure.props:
        if prop.kind == "step":
            line = ((prop.x - 30, prop.size[1]), (prop.x + 3, prop.size[1]))
            marks += [Path(line, 0.0, 2.6, "white"), Path(line, 0.0, 1.0, dash=True)]
    return tuple(marks)


DETAIL_ARROW_OFFSET = 4.0
"""cm beyond the moving point that the magnified circle's own arrow runs, clear of it."""


def _magnified_arrow(figure: Figure, start: Placed, end: Placed) -> Arrow:
    """The point's own path, drawn only in the magnified circle: from where it starts to where
    it ends, moved out from the region's middle so it runs beside the foot, not over it."""
    name = figure.arrow.point
    (ax, ay), (bx, by) = start[name], end[name]
    mx, my = (ax + bx) / 2, (ay + by) / 2
    assert figure.detail is not None
    cx, cy = start[figure.detail.point]
    dx, dy = mx - cx, my - cy
    norm = math.hypot(dx, dy) or 1.0
    ox, oy = dx / norm * DETAIL_ARROW_OFFSET, dy / norm * DETAIL_ARROW_OFFSET
    return Arrow(((ax + ox, ay + oy), (bx + ox, by + oy)))


def scene(figure: Figure, which: Literal["start", "end"], *, bilateral: bool = False) -> Scene:
    """The panel of one position; the start panel carries the movement arrow."""
    pose: Pose = getattr(figure, which)
    p = place(figure, pose)
    left, right, top = figure.frame
    box = (left, 0.0, right, top)
    items: list[Item] = [*props_behind(figure, box)]
    if figure.footprints is not None:
        items += footprints(figure.footprints)
    behind, front = held_props(figure, p)
    items += behind
    items += _group(_segments(p, "far"), [], solid=False)
    both = bilateral and not figure.one_leg
    other = _group(_segments(p, "other"), [_foot(p, "other")], solid=both)
    # Seen from the front, a leg reaching towards the viewer (sitting with the legs out) is
    # in front of the trunk: drawn after it, so its foot shows beside the working one.
    ahead = figure.view == "front" and p.points["other-ankle"][0] > p.points["pelvis"][0] + 20
    items += [] if ahead else other
    items += rolls(figure)
    items += _torso(p)
    items += other if ahead else []
    items += _group(_segments(p, "working"), [_foot(p, "working")], solid=True)
    items += _group(_segments(p, "near"), [], solid=False)
    items += front
    items.append(Path(((left, 0.0), (right, 0.0)), 0.0, 1.4))
    items += _flight(p, pose.flight)
    if which == "start" and not figure.arrow.hold:
        items.append(_arrow(figure, p, place(figure, figure.end)))
    if which == "end" and figure.arrow.hold:
        items += _hold_mark(figure, p)
    detail = None
    if figure.detail is not None:
        d = figure.detail
        x, y = p[d.point]
        marks = _levels(figure)
        if d.arrow and which == "start":
            marks += (_magnified_arrow(figure, p, place(figure, figure.end)),)
        detail = Magnified((x + d.dx, y + d.dy), d.radius, d.zoom, (d.x, d.y), marks)
    return Scene(box, tuple(items), detail)
