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
from rehab.domain.figures.kinematics import (
    STANDING_SURFACES,
    Placed,
    Point,
    other_end,
    place,
    under,
)
from rehab.domain.figures.partner import helper
from rehab.domain.figures.pose import Figure, Pose

Ink = Literal["black", "white"]
EDGE = 1.0
"""Points of outline round an outlined body part."""
PROP_EDGE = 0.9
HALO = 2.4
"""Points of white round a solid part."""
RESTS_ON = frozenset({"bed", "mat", "step", "block"})
"""What a roll or a flat towel lies on when it is over one."""
FLOOR_CLEAR = 12.0
"""cm above the floor that a straight arrow keeps, clear of the floor line and the feet."""


@dataclass(frozen=True)
class Path:
    """A polyline with round caps and joins; `width` cm of body plus `edge` points of ink."""

    points: tuple[Point, ...]
    width: float
    edge: float
    ink: Ink = "black"
    closed: bool = False
    fill: Ink | None = None
    dash: bool = False


@dataclass(frozen=True)
class Circle:
    """A filled disc: `radius` cm of body plus `edge` points of ink."""

    centre: Point
    radius: float
    edge: float
    ink: Ink = "black"


@dataclass(frozen=True)
class Arrow:
    """A movement arrow along `points`, with its head at the last point."""

    points: tuple[Point, ...]


Item = Path | Circle | Arrow


@dataclass(frozen=True)
class Magnified:
    """The region round `centre` (radius cm) drawn `zoom` times larger in a circle at `at`."""

    centre: Point
    radius: float
    zoom: float
    at: Point

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


Segment = tuple[Point, Point, float]

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


def _foot(p: Placed, prefix: str) -> tuple[Point, ...]:
    return (p[f"{prefix}-ankle"], p[f"{prefix}-heel"], p[f"{prefix}-ball"], p[f"{prefix}-toe"])


def _group(segments: list[Segment], feet: list[tuple[Point, ...]], solid: bool) -> list[Item]:
    """Black under white for an outline; a solid part is black inside a thin white halo, so it
    stands apart from an outlined or solid part behind it."""
    items: list[Item] = []
    if solid:
        items += [Path((a, b), w, 2 * EDGE + HALO, "white") for a, b, w in segments]
        items += [
            Path(f, BODY.foot_width, 2 * EDGE + HALO, "white", closed=True, fill="white")
            for f in feet
        ]
    items += [Path((a, b), w, 2 * EDGE) for a, b, w in segments]
    items += [Path(f, BODY.foot_width, 2 * EDGE, closed=True, fill="black") for f in feet]
    if not solid:
        items += [Path((a, b), w, 0.0, "white") for a, b, w in segments]
        items += [Path(f, BODY.foot_width, 0.0, "white", closed=True, fill="white") for f in feet]
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


def _rect(
    x0: float, y0: float, x1: float, y1: float, fill: Ink = "white", edge: float = PROP_EDGE
) -> Path:
    return Path(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), 0.0, edge, closed=True, fill=fill)


def _hatch(x0: float, x1: float, height: float, step: float = 6.0) -> list[Item]:
    """Thin diagonal lines inside a step or block, so it reads as solid against the foot."""
    lines: list[Item] = []
    c = x0 - height + step
    while c < x1:
        a = (max(x0, c), max(0.0, x0 - c))
        b = (min(x1, c + height), min(height, x1 - c))
        if b[0] - a[0] > 0.5:
            lines.append(Path((a, b), 0.0, 0.5))
        c += step
    return lines


def _props_behind(figure: Figure, box: tuple[float, float, float, float]) -> list[Item]:
    items: list[Item] = []
    left, _, right, top = box
    centred = figure.view == "front" and figure.base != "side-lying"
    for prop in figure.props:
        width, height = prop.size
        x = prop.x
        if centred and prop.kind in ("step", "block", "mat", "chair", "bed"):
            x, width = -width / 2, width
        if prop.kind == "wall":
            if figure.view == "side":
                x0, x1 = (max(x - width, left), x) if prop.behind else (x, min(x + width, right))
                items.append(_rect(x0, 0, x1, min(height, top), "white"))
                for y in range(10, int(min(height, top)), 20):
                    items.append(Path(((x0, y), (x1, y + 8)), 0, 0.5))
        elif prop.kind == "bed":
            items.append(_rect(x, height - 12, x + width, height, edge=1.6))
            for leg in (x + 4, x + width - 4):
                items.append(Path(((leg, height - 12), (leg, 0)), 0, 3.0))
        elif prop.kind == "post":
            items.append(_rect(x - width / 2, 0, x + width / 2, height, "black"))
        elif prop.kind == "towel" and prop.holds is None:
            on = under(figure.props, x, RESTS_ON)
            items.append(_rect(x, on, x + width, on + max(height, 1.8), "white", edge=1.4))
        elif prop.kind in ("step", "block"):
            items.append(_rect(x, 0, x + width, height, edge=1.6))
            items += _hatch(x, x + width, height)
        elif prop.kind == "mat":
            items.append(_rect(x, 0, x + width, height, "black"))
        elif prop.kind == "chair":
            items.append(_rect(x, height - 4, x + width, height, edge=1.6))
            items.append(Path(((x + 3, height - 4), (x + 3, 0)), 0, 2.0))
            items.append(Path(((x + width - 3, height - 4), (x + width - 3, 0)), 0, 2.0))
            if figure.view == "side":
                items.append(Path(((x + 2, height), (x, height + 45)), 0, 2.5))
                items.append(Path(((x, height + 45), (x + 12, height + 45)), 0, 2.5))
            else:  # the back behind the sitter: two posts and the top rail
                back = (
                    (x + 3, height),
                    (x + 3, height + 45),
                    (x + width - 3, height + 45),
                    (x + width - 3, height),
                )
                items.append(Path(back, 0, 2.5))
        elif prop.kind == "rail":
            items.append(Path(((x, 0), (x, height)), 0, 2.5))
            items.append(Path(((x - 12, height), (x + 4, height)), 0, 2.5))
    return items


def _rolls(figure: Figure) -> list[Item]:
    """Rolled towels, drawn in front of the other leg: they lie under the working one."""
    items: list[Item] = []
    for prop in figure.prop("roll"):
        x, height = prop.x, prop.size[1]
        r, cy = height / 2, under(figure.props, x, RESTS_ON) + height / 2
        items.append(Circle((x, cy), r, PROP_EDGE * 1.6))
        items.append(Circle((x, cy), r, -PROP_EDGE * 0.2, "white"))
        items.append(Circle((x + r * 0.15, cy + r * 0.05), r * 0.45, PROP_EDGE))
        items.append(Circle((x + r * 0.15, cy + r * 0.05), r * 0.45, -PROP_EDGE, "white"))
    return items


def _held_props(figure: Figure, p: Placed) -> tuple[list[Item], list[Item]]:
    """Straps in front of the body; the helper behind it."""
    front: list[Item] = []
    behind: list[Item] = []
    for prop in figure.props:
        if prop.holds is None:
            continue
        target = p[prop.holds]
        if prop.kind == "partner":
            floor = under(figure.props, prop.x, STANDING_SURFACES)
            posture = prop.posture or "standing"
            h = helper(prop.x, posture, target, floor, behind=prop.behind).points
            segs: list[Segment] = [
                (h["pelvis"], h["shoulders"], BODY.trunk_width * 0.9),
                (h["shoulders"], h["elbow"], BODY.upper_arm_width),
                (h["elbow"], h["hand"], BODY.forearm_width),
                (h["pelvis"], h["knee"], BODY.thigh_width),
                (h["knee"], h["ankle"], BODY.shank_width),
            ]
            behind += [Path((a, b), w, 2 * EDGE) for a, b, w in segs]
            behind.append(Circle(h["head"], BODY.head_radius, EDGE))
            behind += [Path((a, b), w, 0.0, "white") for a, b, w in segs]
            behind.append(Circle(h["head"], BODY.head_radius, 0.0, "white"))
            continue
        end = other_end(figure, prop, p)
        if end is None:
            continue
        front += _held(prop.kind, end, target, from_hands=prop.to is None)
    return behind, front


def _held(kind: str, end: Point, target: Point, *, from_hands: bool) -> list[Item]:
    """A strap is a flat line; a towel a broad soft band, outlined; an elastic band a loop
    of two thin strands that meet round what it holds."""
    if kind == "towel":
        return [Path((end, target), 5.0, 2 * EDGE), Path((end, target), 5.0, 0.0, "white")]
    if kind == "strap":
        return [Path((end, target), 0.6, 1.4)]
    if not from_hands:  # tied round the other knee or a post: one taut band
        return [Path((end, target), 1.6, HALO, "white"), Path((end, target), 1.6, 0.0)]
    dx, dy = target[0] - end[0], target[1] - end[1]
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length * 2.0, dx / length * 2.0
    strands = [((end[0] + nx, end[1] + ny), target), ((end[0] - nx, end[1] - ny), target)]
    items: list[Item] = [Path((a, b), 0.9, HALO, "white") for a, b in strands]
    return items + [Path((a, b), 0.9, 0.0) for a, b in strands]


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
        steps = 16
        points = tuple(
            (
                c[0] + radius * math.cos(t0 + sweep * i / steps),
                c[1] + radius * math.sin(t0 + sweep * i / steps),
            )
            for i in range(steps + 1)
        )
        return Arrow(points)
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    shown = max(length, 36.0)
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
        if min(tail[1], tail[1] + uy * shown) < FLOOR_CLEAR:  # not under the floor: other side
            tail = (a[0] - nx * 18, a[1] - ny * 18)
    elif abs(ux) >= abs(uy):
        tail = (a[0] + ux * (radius + 3), a[1] + uy * (radius + 3))
    else:
        tail = (a[0] - (radius + 8), a[1])
    head = (tail[0] + ux * shown, tail[1] + uy * shown)
    low = min(tail[1], head[1])
    if low < FLOOR_CLEAR:  # a foot sliding on the floor: the arrow runs just above it
        tail, head = (tail[0], tail[1] + FLOOR_CLEAR - low), (head[0], head[1] + FLOOR_CLEAR - low)
    return Arrow((tail, head))


def scene(figure: Figure, which: Literal["start", "end"], *, bilateral: bool = False) -> Scene:
    """The panel of one position; the start panel carries the movement arrow."""
    pose: Pose = getattr(figure, which)
    p = place(figure, pose)
    left, right, top = figure.frame
    box = (left, 0.0, right, top)
    items: list[Item] = [*_props_behind(figure, box)]
    behind, front = _held_props(figure, p)
    items += behind
    items += _group(_segments(p, "far"), [], solid=False)
    items += _group(_segments(p, "other"), [_foot(p, "other")], solid=bilateral)
    items += _rolls(figure)
    items += _torso(p)
    items += _group(_segments(p, "working"), [_foot(p, "working")], solid=True)
    items += _group(_segments(p, "near"), [], solid=False)
    items += front
    items.append(Path(((left, 0.0), (right, 0.0)), 0.0, 1.4))
    items += _flight(p, pose.flight)
    if which == "start":
        items.append(_arrow(figure, p, place(figure, figure.end)))
    detail = None
    if figure.detail is not None:
        d = figure.detail
        x, y = p[d.point]
        detail = Magnified((x + d.dx, y + d.dy), d.radius, d.zoom, (d.x, d.y))
    return Scene(box, tuple(items), detail)
