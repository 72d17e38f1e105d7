"""A walk's path seen from above: a framed strip of the prints its feet leave.

A side view of a walk is one stride, which readers took for a stance; the prints say
"walking" and how: left and right for an ordinary walk, one line heel to toe for a tandem
walk, heels only for a heel walk and the forefoot only for a toe walk. The strip is drawn in
scene cm like the props, so every renderer (and the terminal) shows it; the walker faces +x,
and the page's up is the walker's far side (the other leg's).
"""

from __future__ import annotations

import math

from rehab.domain.figures.body import BODY
from rehab.domain.figures.kinematics import Point
from rehab.domain.figures.marks import Footprints
from rehab.domain.figures.primitives import PROP_EDGE, Arrow, Item, Path

FOOT = BODY.heel_back + BODY.ball_front + BODY.toes
"""Heel to toe tip, cm."""

# A print as the sign for one: the pad of the forefoot and the heel's, apart where the arch
# lifts off the floor (a whole sole's outline drew as a shapeless bar at handout size). Centre
# along the foot, half length, half width and the shift outwards (-y for the near foot), in
# foot lengths.
_PADS = {"toes": (0.70, 0.30, 0.22, 0.04), "heels": (0.15, 0.15, 0.16, 0.0)}
_PRINTED = {"soles": ("heels", "toes"), "heels": ("heels",), "toes": ("toes",)}
"""Which pads touch the floor."""
PITCH = 1.15
"""Heel to heel of two steps, in foot lengths, in an ordinary walk's prints."""
GAIT_WIDTH = 0.17
"""Each foot's line from the path's middle, in foot lengths."""
GAP = 0.12
"""Toe tip to the next heel in a tandem walk's line, in foot lengths: heel to toe, apart
enough that the prints do not run into one bar."""
ARROW_SPACE = 14.0
"""cm at the strip's front end for the arrow that says which way the path goes."""


def strip_size(prints: Footprints) -> tuple[float, float]:
    """Length and height of the strip's frame, cm."""
    return (prints.length, max(prints.length * 0.3, 18.0))


def _steps(prints: Footprints) -> float:
    """Foot lengths from the first print's back to the last one's front."""
    low = min(_PADS[pad][0] - _PADS[pad][1] for pad in _PRINTED[prints.on])
    high = max(_PADS[pad][0] + _PADS[pad][1] for pad in _PRINTED[prints.on])
    return (prints.count - 1) * _pitch(prints) + high - low


def _pitch(prints: Footprints) -> float:
    """Heel to heel of two prints in foot lengths: a whole sole's length and a gap on a line;
    left and right apart by PITCH, closer where only a pad prints (so the pads are drawn
    large enough to see)."""
    if prints.line:
        return 1 + GAP
    if prints.on == "soles":
        return PITCH
    (pad,) = _PRINTED[prints.on]
    return 3.2 * _PADS[pad][1]


def _scale(prints: Footprints) -> float:
    """How large a print is drawn (1 is life size), so `count` of them fill the strip: the
    pads printed fill it, so heels alone are drawn as large as whole soles would be."""
    length, height = strip_size(prints)
    wide = max(_PADS[pad][2] for pad in _PRINTED[prints.on])
    by_length = (length - ARROW_SPACE - 6) / (_steps(prints) * FOOT)
    by_height = (height - 4) / (FOOT * 2 * (wide + (0 if prints.line else GAIT_WIDTH)))
    return min(by_length, by_height)


TOE_DOTS = ((0.88, 0.15, 0.065), (0.86, -0.02, 0.05), (0.82, -0.18, 0.045))
"""The toes of a forefoot print as dots in front of the ball: along the foot, across it (+ the
inner side, the big toe's) and radius, in foot lengths; the big toe first, largest and
furthest forward. Three dots, not five, so they stay apart at handout size (a print is about
5 mm long there)."""
DOT_EDGE = 0.3
"""Points of outline round a toe dot: the pads' 0.8 closed the gaps between the toes."""


def _oval(cx: float, cy: float, rx: float, ry: float, turns: range = range(16)) -> list[Point]:
    return [
        (cx + rx * math.cos(2 * math.pi * k / 16), cy + ry * math.sin(2 * math.pi * k / 16))
        for k in turns
    ]


def _pads(heel: Point, size: float, right: bool, on: str) -> list[tuple[tuple[Point, ...], float]]:
    """The pads of one print, heel at `heel`, `size` cm long, pointing +x. A heel prints as the
    back of a foot, rounded behind and cut square in front where the arch lifts; a forefoot
    as the ball across the foot with the toes' dots in front of it (round heels and oval
    forefeet looked alike at handout size). A whole sole prints both."""
    out = -1.0 if right else 1.0
    shapes: list[tuple[tuple[Point, ...], float]] = []
    for pad in _PRINTED[on]:
        along, half, wide, shift = _PADS[pad]
        cx, cy = heel[0] + along * size, heel[1] + out * shift * size
        if pad == "heels":
            back = _oval(cx, cy, half * size, wide * size, range(4, 13))  # the rounded back
            front = cx + half * size
            cut = [(front, cy - wide * size * 0.9), (front, cy + wide * size * 0.9)]
            shapes.append(((*back, *cut), 0.8))
            continue
        ball_x = cx - half * size * 0.2
        shapes.append((tuple(_oval(ball_x, cy, 0.09 * size, wide * size)), 0.8))
        for dot_along, across, radius in TOE_DOTS:
            dx = heel[0] + dot_along * size
            dy = cy - out * across * size  # the big toe on the foot's inner side
            shapes.append((tuple(_oval(dx, dy, radius * size, radius * size)), DOT_EDGE))
    return shapes


def footprints(prints: Footprints) -> list[Item]:
    """The strip: a white frame, the prints (the last one, the step being taken, in outline),
    a dashed line under a tandem walk's prints and an arrow the way the path goes."""
    length, height = strip_size(prints)
    x0, x1 = prints.x - length / 2, prints.x + length / 2
    y0, y1 = prints.y - height / 2, prints.y + height / 2
    frame = ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
    items: list[Item] = [Path(frame, 0.0, PROP_EDGE, closed=True, fill="white")]
    scale = _scale(prints)
    size = FOOT * scale
    pitch = size * _pitch(prints)
    back = min(_PADS[pad][0] - _PADS[pad][1] for pad in _PRINTED[prints.on])
    start = prints.x - ARROW_SPACE / 2 - _steps(prints) * size / 2 - back * size
    if prints.line:
        line = ((x0 + 3, prints.y), (x1 - ARROW_SPACE, prints.y))
        items.append(Path(line, 0.0, 0.6, dash=True))
    for index in range(prints.count):
        right = index % 2 == 0  # the working (near) foot first, then the other
        lateral = 0.0 if prints.line else (-1 if right else 1) * GAIT_WIDTH * size
        heel = (start + index * pitch, prints.y + lateral)
        last = index == prints.count - 1
        for shape, edge in _pads(heel, size, right, prints.on):
            items.append(Path(shape, 0.0, edge, closed=True, fill="white" if last else "black"))
    tip = x1 - 2.0
    items.append(Arrow(((tip - ARROW_SPACE + 4, prints.y), (tip, prints.y))))
    return items
