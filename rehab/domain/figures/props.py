"""The props of a figure as drawing primitives: steps, chairs, walls, beds, posts and rolls
behind the body, straps, towels and bands in front of it, and the partner who helps."""

from __future__ import annotations

import math

from rehab.domain.figures.body import BODY
from rehab.domain.figures.kinematics import (
    STANDING_SURFACES,
    Placed,
    Point,
    other_end,
    under,
)
from rehab.domain.figures.partner import helper
from rehab.domain.figures.pose import Figure
from rehab.domain.figures.primitives import EDGE, HALO, PROP_EDGE, Circle, Ink, Item, Path, Segment

RESTS_ON = frozenset({"bed", "mat", "step", "block", "cushion"})
"""What a roll or a flat towel lies on when it is over one."""


def rect(
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


def props_behind(figure: Figure, box: tuple[float, float, float, float]) -> list[Item]:
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
                items.append(rect(x0, 0, x1, min(height, top), "white"))
                for y in range(10, int(min(height, top)), 20):
                    items.append(Path(((x0, y), (x1, y + 8)), 0, 0.5))
        elif prop.kind == "bed":
            items.append(rect(x, height - 12, x + width, height, edge=1.6))
            for leg in (x + 4, x + width - 4):
                items.append(Path(((leg, height - 12), (leg, 0)), 0, 3.0))
        elif prop.kind == "post":
            items.append(rect(x - width / 2, 0, x + width / 2, height, "black"))
        elif prop.kind == "towel" and prop.holds is None:
            on = under(figure.props, x, RESTS_ON)
            items.append(rect(x, on, x + width, on + max(height, 1.8), "white", edge=1.4))
        elif prop.kind == "cushion":  # soft and domed, not a board: a rounded pad
            r = height / 2
            pad = ((x + r, r), (x + width - r, r))
            items += [Path(pad, height, 1.6), Path(pad, height, 0.0, "white")]
            items.append(Path(((x + r, r * 1.3), (x + width - r, r * 1.3)), 0.0, 0.6))
        elif prop.kind in ("step", "block"):
            items.append(rect(x, 0, x + width, height, edge=1.6))
            items += _hatch(x, x + width, height)
        elif prop.kind == "mat":
            items.append(rect(x, 0, x + width, height, "black"))
        elif prop.kind == "chair":
            items.append(rect(x, height - 4, x + width, height, edge=1.6))
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
            items.append(Path(((x + 4 - width, height), (x + 4, height)), 0, 2.5))
    return items


def rolls(figure: Figure) -> list[Item]:
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


def held_props(figure: Figure, p: Placed) -> tuple[list[Item], list[Item]]:
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
        if prop.kind == "weight":
            front += _weight(prop.size, p, prop.holds)
            continue
        end = other_end(figure, prop, p)
        if end is None:
            continue
        if prop.kind == "towel":
            front += _towel(end, p, prop.holds)
            continue
        front += _held(prop.kind, end, target, from_hands=prop.to is None)
    return behind, front


def _weight(size: tuple[float, float], p: Placed, knee: str) -> list[Item]:
    """A bag of weight lying on top of the thigh just behind the knee, solid black with a handle
    on top and a white halo that parts it from the (solid) working thigh: a heavy thing resting
    there, not a part of the leg (the seated soleus raise rests it near the knee)."""
    prefix = knee.split("-")[0]
    hip, at = p[f"{prefix}-hip"], p[knee]
    dx, dy = at[0] - hip[0], at[1] - hip[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    nx, ny = (-uy, ux) if ux >= 0 else (uy, -ux)  # the thigh's upper side
    width, height = size
    lift = BODY.thigh_width / 2 + height / 2 + 1.0
    back = BODY.shank_width / 2 + width / 2
    mid = (at[0] - ux * back + nx * lift, at[1] - uy * back + ny * lift)
    half = width / 2 - height / 2
    bag = ((mid[0] - ux * half, mid[1] - uy * half), (mid[0] + ux * half, mid[1] + uy * half))
    top = (mid[0] + nx * height / 2, mid[1] + ny * height / 2)
    handle = (
        (top[0] - ux * 3, top[1] - uy * 3),
        (top[0] - ux * 2 + nx * 2.5, top[1] - uy * 2 + ny * 2.5),
        (top[0] + ux * 2 + nx * 2.5, top[1] + uy * 2 + ny * 2.5),
        (top[0] + ux * 3, top[1] + uy * 3),
    )
    return [
        Path(handle, 0.0, 2.0 + HALO, "white"),
        Path(bag, height, HALO * 2, "white"),
        Path(handle, 0.0, 2.0),
        Path(bag, height, 0.0, "black"),
    ]


def _held(kind: str, end: Point, target: Point, *, from_hands: bool) -> list[Item]:
    """A strap is a flat line; a towel a broad soft band, outlined; an elastic band a loop
    of two thin strands that meet round what it holds."""
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


def _towel(hands: Point, p: Placed, holds: str) -> list[Item]:
    """A towel looped round the sole at the ball of the foot: a soft band from the hands over
    the toes and down the front of the sole to the ball (a band straight from the hands to
    the ball read as a third forearm pulling the toes)."""
    prefix = holds.split("-")[0]
    if not holds.endswith(("-ball", "-toe")) or prefix not in ("working", "other"):
        band = (hands, p[holds])
        return [Path(band, 4.0, 2 * EDGE), Path(band, 4.0, 0.0, "white")]
    heel, ball, toe = p[f"{prefix}-heel"], p[f"{prefix}-ball"], p[f"{prefix}-toe"]
    ankle = p[f"{prefix}-ankle"]
    dx, dy = toe[0] - heel[0], toe[1] - heel[1]
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length, dx / length
    if (ball[0] - ankle[0]) * nx + (ball[1] - ankle[1]) * ny < 0:  # the sole's outer side
        nx, ny = -nx, -ny
    over = (toe[0] + nx * 2.5 + dx / length * 2.0, toe[1] + ny * 2.5 + dy / length * 2.0)
    under = (ball[0] + nx * 3.0 - dx / length * 2.0, ball[1] + ny * 3.0 - dy / length * 2.0)
    hook = (hands, over, under)
    return [Path(hook, 2.6, HALO, "white"), Path(hook, 2.6, 0.0)]
