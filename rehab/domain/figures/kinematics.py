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


def _turn(v: Vec3, axis: Vec3, degrees: float) -> Vec3:
    """Rotate v about a unit axis (right-handed, Rodrigues' formula)."""
    if not degrees:
        return v
    r = math.radians(degrees)
    c, s = math.cos(r), math.sin(r)
    ax, ay, az = axis
    dot = ax * v[0] + ay * v[1] + az * v[2]
    cross = (ay * v[2] - az * v[1], az * v[0] - ax * v[2], ax * v[1] - ay * v[0])
    return (
        v[0] * c + cross[0] * s + ax * dot * (1 - c),
        v[1] * c + cross[1] * s + ay * dot * (1 - c),
        v[2] * c + cross[2] * s + az * dot * (1 - c),
    )


def _leg(
    prefix: str, hip: Vec3, trunk: float, leg: Leg, side: float, body: Body
) -> dict[str, Vec3]:
    thigh_phi = -trunk + leg.hip
    shank_phi = thigh_phi - leg.knee
    thigh = _direction(thigh_phi, leg.abduction, side)
    knee = _step(hip, thigh, body.thigh)
    # Hip rotation turns the shin and foot about the thigh (external swings the foot of a
    # bent knee inwards); inversion turns the foot about the shin (toes inwards).
    shank = _turn(_direction(shank_phi, leg.abduction, side), thigh, side * leg.rotation)
    ankle = _step(knee, shank, body.shank)
    along = _direction(shank_phi + 90 + leg.ankle, leg.abduction, side)
    up = _rotate(along, 90)
    along = _turn(_turn(along, thigh, side * leg.rotation), shank, -side * leg.inversion)
    up = _turn(_turn(up, thigh, side * leg.rotation), shank, -side * leg.inversion)
    sole = _step(ankle, up, -body.ankle_height)
    heel = _step(sole, along, -body.heel_back)
    ball = _step(sole, along, body.ball_front)
    # The toes bend about the foot's own cross axis, wherever the foot points.
    cross = (
        along[1] * up[2] - along[2] * up[1],
        along[2] * up[0] - along[0] * up[2],
        along[0] * up[1] - along[1] * up[0],
    )
    norm = math.hypot(*cross) or 1.0
    toe = _step(
        ball, _turn(along, (cross[0] / norm, cross[1] / norm, cross[2] / norm), leg.toes), body.toes
    )
    points = {f"{prefix}-knee": knee, f"{prefix}-heel": heel, f"{prefix}-ball": ball}
    points[f"{prefix}-toe"] = toe
    if leg.opening:
        # A clam: the bent leg turns as one piece about the hip-ankle line, the foot in place.
        line = (ankle[0] - hip[0], ankle[1] - hip[1], ankle[2] - hip[2])
        norm = math.hypot(*line) or 1.0
        axis = (line[0] / norm, line[1] / norm, line[2] / norm)
        for name, q in points.items():
            v = _turn((q[0] - hip[0], q[1] - hip[1], q[2] - hip[2]), axis, side * leg.opening)
            points[name] = (hip[0] + v[0], hip[1] + v[1], hip[2] + v[2])
    return {
        f"{prefix}-hip": hip,
        f"{prefix}-knee": points[f"{prefix}-knee"],
        f"{prefix}-ankle": ankle,
        f"{prefix}-heel": points[f"{prefix}-heel"],
        f"{prefix}-ball": points[f"{prefix}-ball"],
        f"{prefix}-toe": points[f"{prefix}-toe"],
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
        if prop.kind in kinds and prop.holds is None:
            width, top = prop.size
            if prop.x - 0.5 <= x <= prop.x + width + 0.5:
                height = max(height, top)
    return height


STANDING_SURFACES = frozenset({"step", "block", "mat", "towel", "cushion"})
LYING_SURFACES = frozenset({"mat", "bed"})
SEATS = frozenset({"chair", "step", "block", "mat", "bed"})
ON_THE_FEET = frozenset({"standing", "crook-lying", "sit-to-stand"})
"""Bases placed by the ball of the working foot, whose feet stay planted."""


@dataclass(frozen=True)
class Placed:
    """A pose's points in the scene, cm: `side` for the side view (x forwards, y up) and the
    3-D points they come from. A tilted front view looks down on the body, so what lies in
    front of it is drawn higher (by the sine of the tilt per cm forwards)."""

    points: dict[str, Vec3]
    view: str
    tilt: float = 0.0

    def __getitem__(self, name: str) -> Point:
        x, y, z = self.points[name]
        if self.view == "side":
            return (x, y)
        return (-z, y + x * math.sin(math.radians(self.tilt)))

    def height(self, name: str) -> float:
        """How far a point is above the floor, whatever the view."""
        return self.points[name][1]

    def names(self) -> list[str]:
        return list(self.points)


def _on_the_side(points: dict[str, Vec3]) -> dict[str, Vec3]:
    """Lay the body on the other side, working leg up, head to the viewer's left (front view
    draws (-z, y)): the body's up becomes z, its working side y, its front x."""
    return {name: (x, z, y) for name, (x, y, z) in points.items()}


def _lift(name: str, base: str, body: Body) -> float:
    """How far a named point rests above the surface under it."""
    if name == "pelvis":
        return {"sitting": body.sit_depth, "side-lying": body.shoulder_half_width + 5}.get(
            base, body.lying_depth
        )
    if name.endswith("-knee"):
        return body.shank_width / 2
    return 0.0


def place(figure: Figure, pose: Pose, body: Body = BODY) -> Placed:
    """Pose the body and move it onto its base: the anchor point onto the surface at x = 0,
    then up by the pose's flight."""
    points = pose_points(pose, body)
    base = figure.base
    if base == "side-lying":
        points = _on_the_side(points)
    if base in ON_THE_FEET:
        name = "other-ball" if pose.working_leg.lifted else "working-ball"
        kinds = STANDING_SURFACES
    elif base in ("kneeling", "hands-and-knees"):
        name, kinds = "working-knee", LYING_SURFACES
    elif base == "sitting":
        name, kinds = "pelvis", SEATS
    else:
        name, kinds = "pelvis", LYING_SURFACES
    name = figure.anchor or name
    anchor = points[name]
    surface = under(figure.props, 0.0, kinds)
    dx = -anchor[0] if figure.view == "side" else 0.0
    dz = -anchor[2] if base == "side-lying" else 0.0
    dy = surface + _lift(name, base, body) + pose.flight - anchor[1]
    moved = {name: (x + dx, y + dy, z + dz) for name, (x, y, z) in points.items()}
    return Placed(moved, figure.view, figure.tilt)


def other_end(figure: Figure, prop: Prop, placed: Placed) -> tuple[float, float] | None:
    """Where a strap, towel or band ends away from what it holds: the near hand, another body
    point, or the post it is tied to (at the height of what it holds, or the post's top)."""
    if prop.to is None:
        return placed["near-hand"]
    if prop.to != "post":
        return placed[prop.to]
    posts = figure.prop("post")
    if not posts or prop.holds is None:
        return None
    target = placed[prop.holds]
    post = min(posts, key=lambda p: abs(p.x - target[0]))
    return (post.x, min(max(target[1], 2.0), post.size[1]))
