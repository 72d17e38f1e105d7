"""The helper of a partner-assisted exercise: posed so that their hands hold the given point.

The helper is not posed by the entry: they stand or kneel at the prop's x, facing the patient,
and lean only as far as they must to reach; the arms are solved for the hands to meet the
point. When even the furthest lean cannot reach, the figure is wrong and `checks.py` says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rehab.domain.figures.body import BODY, Body
from rehab.domain.figures.kinematics import Point

MAX_LEAN = 70.0
"""The furthest a helper leans forwards to reach, degrees from upright."""


@dataclass(frozen=True)
class Helper:
    """The helper's drawn points (side view, facing -x) and whether the hands reach."""

    points: dict[str, Point]
    reaches: bool
    gap: float


def _arm(shoulder: Point, target: Point, body: Body) -> tuple[Point, Point, float]:
    """Elbow and hand for a two-segment arm reaching towards target; the gap left, cm."""
    upper, lower = body.upper_arm, body.forearm + body.hand
    dx, dy = target[0] - shoulder[0], target[1] - shoulder[1]
    dist = math.hypot(dx, dy)
    gap = max(0.0, dist - (upper + lower) * 0.98)
    reach = min(dist, (upper + lower) * 0.98)
    # Law of cosines for the shoulder angle; the elbow bends downwards (away from the head).
    cos_a = (upper**2 + reach**2 - lower**2) / (2 * upper * max(reach, 1e-6))
    a = math.acos(max(-1.0, min(1.0, cos_a)))
    base = math.atan2(dy, dx)
    turn = base + a if dx < 0 else base - a
    elbow = (shoulder[0] + upper * math.cos(turn), shoulder[1] + upper * math.sin(turn))
    hand = (shoulder[0] + reach * math.cos(base), shoulder[1] + reach * math.sin(base))
    return elbow, hand, gap


def helper(
    x: float,
    posture: str,
    target: Point,
    floor: float,
    body: Body = BODY,
    *,
    behind: bool = False,
) -> Helper:
    """Pose the helper at x (feet when standing, knees when kneeling), facing -x; `behind`,
    facing +x (behind the patient): the same pose mirrored about x."""
    if behind:
        mirrored = helper(x, posture, (2 * x - target[0], target[1]), floor, body)
        points = {name: (2 * x - px, py) for name, (px, py) in mirrored.points.items()}
        return Helper(points, mirrored.reaches, mirrored.gap)
    if posture == "kneeling":
        knee = (x, floor + body.shank_width / 2)
        foot = (x + body.shank, floor + body.shank_width / 2)
        hip = (x, knee[1] + body.thigh)
        legs = {"knee": knee, "ankle": foot, "ball": (foot[0] + 6.0, floor)}
    else:
        hip = (x, floor + body.ankle_height + body.shank + body.thigh)
        legs = {
            "knee": (x, hip[1] - body.thigh),
            "ankle": (x, floor + body.ankle_height),
            "ball": (x - body.ball_front, floor),
        }
    best: Helper | None = None
    lean = 0.0
    while lean <= MAX_LEAN:
        r = math.radians(lean)
        shoulder = (hip[0] - body.trunk * math.sin(r), hip[1] + body.trunk * math.cos(r))
        elbow, hand, gap = _arm(shoulder, target, body)
        neck = body.neck + body.head_radius
        head = (shoulder[0] - neck * math.sin(r), shoulder[1] + neck * math.cos(r))
        points = {"pelvis": hip, "shoulders": shoulder, "elbow": elbow, "hand": hand}
        points |= legs | {"head": head}
        best = Helper(points, gap < 1.0, gap)
        if best.reaches:
            return best
        lean += 5.0
    assert best is not None
    return best
