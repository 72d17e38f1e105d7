"""Forward kinematics: joint angles to joint positions, placed on the figure's base.

The body is posed in 3-D (x forwards, y up, z towards the viewer on the right side) so that the
side and the front view are two projections of one pose. Each segment's direction in the side
plane is an angle phi from straight down, counter-clockwise (towards +x, then up); abduction
then swings a limb out of that plane. The posed body is moved, never bent, to rest on its base.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rehab.domain.figures.body import BODY, Body
from rehab.domain.figures.pose import Arm, Figure, Leg, Pose, Prop

Point = tuple[float, float]
Vec3 = tuple[float, float, float]


def _direction(phi: float, abduction: float = 0.0, side: float = 1.0) -> Vec3:
    """Unit vector at angle phi (degrees from down, counter-clockwise), swung out by abduction."""
    r = math.radians(phi)
    x, y = math.sin(r), -math.cos(r)
    a = math.radians(abduction) * side
    return (x, y * math.cos(a), -y * math.sin(a))


def _step(p: Vec3, d: Vec3, length: float) -> Vec3:
    return (p[0] + d[0] * length, p[1] + d[1] * length, p[2] + d[2] * length)


def _rotate(d: Vec3, degrees: float) -> Vec3:
    """Turn a direction counter-clockwise in the side plane (keeping its lateral part)."""
    r = math.radians(degrees)
    return (d[0] * math.cos(r) - d[1] * math.sin(r), d[0] * math.sin(r) + d[1] * math.cos(r), d[2])


def _leg(
    prefix: str, hip: Vec3, trunk: float, leg: Leg, side: float, body: Body
) -> dict[str, Vec3]:
    thigh_phi = -trunk + leg.hip
    shank_phi = thigh_phi - leg.knee
    knee = _step(hip, _direction(thigh_phi, leg.abduction, side), body.thigh)
    ankle = _step(knee, _direction(shank_phi, leg.abduction, side), body.shank)
    along = _direction(shank_phi + 90 + leg.ankle, leg.abduction, side)
    up = _rotate(along, 90)
    sole = _step(ankle, up, -body.ankle_height)
    heel = _step(sole, along, -body.heel_back)
    ball = _step(sole, along, body.ball_front)
    toe = _step(ball, _rotate(along, leg.toes), body.toes)
    return {
        f"{prefix}-hip": hip,
        f"{prefix}-knee": knee,
        f"{prefix}-ankle": ankle,
        f"{prefix}-heel": heel,
        f"{prefix}-ball": ball,
        f"{prefix}-toe": toe,
    }


def _arm(
    prefix: str, shoulder: Vec3, trunk: float, arm: Arm, side: float, body: Body
) -> dict[str, Vec3]:
    upper_phi = -trunk + arm.shoulder
    elbow = _step(shoulder, _direction(upper_phi, arm.abduction, side), body.upper_arm)
    fore = _direction(upper_phi + arm.elbow, arm.abduction, side)
    wrist = _step(elbow, fore, body.forearm)
    hand = _step(wrist, fore, body.hand)
    return {f"{prefix}-elbow": elbow, f"{prefix}-wrist": wrist, f"{prefix}-hand": hand}


def pose_points(pose: Pose, body: Body = BODY) -> dict[str, Vec3]:
    """Every named point of a pose, the pelvis (midway between the hip joints) at the origin."""
    trunk_dir = _direction(180 - pose.trunk)  # up, leaning forwards by `trunk`
    pelvis: Vec3 = (0.0, 0.0, 0.0)
    shoulders = _step(pelvis, trunk_dir, body.trunk)
    head_dir = _direction(180 - pose.trunk - pose.head)
    chin = _step(shoulders, head_dir, body.neck)
    head = _step(chin, head_dir, body.head_radius)
    nose = _step(head, _rotate(head_dir, -90), body.head_radius)
    points: dict[str, Vec3] = {
        "pelvis": pelvis,
        "shoulders": shoulders,
        "chin": chin,
        "head": head,
        "nose": nose,
    }
    hip_w, sh_w = body.hip_half_width, body.shoulder_half_width
    points |= _leg("working", (0.0, 0.0, hip_w), pose.trunk, pose.working_leg, 1.0, body)
    points |= _leg("other", (0.0, 0.0, -hip_w), pose.trunk, pose.other_leg, -1.0, body)
    near_sh = (shoulders[0], shoulders[1], sh_w)
    far_sh = (shoulders[0], shoulders[1], -sh_w)
    points |= _arm("near", near_sh, pose.trunk, pose.near_arm, 1.0, body)
    points |= _arm("far", far_sh, pose.trunk, pose.far_arm, -1.0, body)
    points["near-shoulder"] = near_sh
    points["far-shoulder"] = far_sh
    return points


def under(props: list[Prop], x: float, kinds: frozenset[str]) -> float:
    """Height of the highest surface of the given kinds under x (0 is the floor)."""
    height = 0.0
    for prop in props:
        if prop.kind in kinds:
            width, top = prop.size
            if prop.x - 0.5 <= x <= prop.x + width + 0.5:
                height = max(height, top)
    return height


STANDING_SURFACES = frozenset({"step", "block", "mat"})
LYING_SURFACES = frozenset({"mat"})
SEATS = frozenset({"chair", "step", "block", "mat"})


@dataclass(frozen=True)
class Placed:
    """A pose's points in the scene, cm: `side` for the side view (x forwards, y up) and the
    3-D points they come from."""

    points: dict[str, Vec3]
    view: str

    def __getitem__(self, name: str) -> Point:
        x, y, z = self.points[name]
        return (x, y) if self.view == "side" else (-z, y)

    def names(self) -> list[str]:
        return list(self.points)


def place(figure: Figure, pose: Pose, body: Body = BODY) -> Placed:
    """Pose the body and move it onto its base: the anchor point onto the surface at x = 0."""
    points = pose_points(pose, body)
    base = figure.base
    if base == "standing":
        anchor = points["other-ball" if pose.working_leg.lifted else "working-ball"]
        surface, lift = under(figure.props, 0.0, STANDING_SURFACES), 0.0
    elif base in ("kneeling", "hands-and-knees"):
        anchor = points["working-knee"]
        surface, lift = under(figure.props, 0.0, LYING_SURFACES), body.shank_width / 2
    elif base == "sitting":
        anchor = points["pelvis"]
        surface, lift = under(figure.props, 0.0, SEATS), body.sit_depth
    else:
        anchor = points["pelvis"]
        surface, lift = under(figure.props, 0.0, LYING_SURFACES), body.lying_depth
    dx = -anchor[0] if figure.view == "side" else 0.0
    dy = surface + lift - anchor[1]
    moved = {name: (x + dx, y + dy, z) for name, (x, y, z) in points.items()}
    return Placed(moved, figure.view)
