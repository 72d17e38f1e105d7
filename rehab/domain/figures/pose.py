"""The figure keys of a library entry (`[figure]`, docs/figures.md), as rehab publishes them.

A figure is data, not a picture: the angles of each joint in a start and an end position, the
base the body rests on, the props, and which point moves (the arrow). Positions are computed
from the angles with one set of proportions (`kinematics.py`), so whatever a clinic writes, the
body stays whole; `checks.py` says when the angles describe something a body cannot do.

Angles are in degrees, 0 standing straight with the arms hanging, the figure facing right and
seen from its right side (the right leg nearest): a left-leg prescription is drawn mirrored.
"""

from __future__ import annotations

from typing import Literal, Self

from pydantic import Field, model_validator

from rehab.domain.base import StrictModel
from rehab.domain.figures.marks import Arrow, BodyPoint, Box, Detail, Footprints

View = Literal["side", "front"]
Base = Literal[
    "standing",
    "sitting",
    "lying-back",
    "lying-front",
    "kneeling",
    "hands-and-knees",
    "side-lying",
    "crook-lying",
    "sit-to-stand",
]
PropKind = Literal[
    "wall",
    "step",
    "chair",
    "mat",
    "strap",
    "towel",
    "rail",
    "block",
    "band",
    "partner",
    "post",
    "roll",
    "bed",
    "cushion",
    "weight",
]


class Leg(StrictModel):
    """One leg's joint angles."""

    hip: float = Field(default=0, ge=-180, le=180, description="Hip flexion (+) or extension (-).")
    knee: float = Field(default=0, ge=-180, le=180, description="Knee flexion; 0 is straight.")
    ankle: float = Field(
        default=0,
        ge=-180,
        le=180,
        description="Ankle dorsiflexion (+, toes up) or plantarflexion (-).",
    )
    toes: float = Field(
        default=0,
        ge=-180,
        le=180,
        description="Toe extension at the ball of the foot (up on tiptoe).",
    )
    abduction: float = Field(
        default=0, ge=-180, le=180, description="Hip abduction, leg out to the side (front view)."
    )
    rotation: float = Field(
        default=0,
        ge=-180,
        le=180,
        description="Hip rotation about the thigh: external (+, a bent knee's foot swings "
        "inwards, as in a clam or a foot crossed over the other knee) or internal (-).",
    )
    opening: float = Field(
        default=0,
        ge=-180,
        le=180,
        description="A bent leg turned out about the line from the hip to the ankle, the "
        "foot staying where it is: the top knee of a clam opening (hip external rotation "
        "in flexion). Side-lying and front view.",
    )
    inversion: float = Field(
        default=0,
        ge=-180,
        le=180,
        description="Foot turned about the shin: inversion (+, sole and toes inwards) or "
        "eversion (-, outwards).",
    )
    lifted: bool = Field(
        default=False,
        description="The foot is off the ground on purpose (standing on the other leg).",
    )


class Arm(StrictModel):
    """One arm's joint angles."""

    shoulder: float = Field(
        default=0,
        ge=-180,
        le=180,
        description="Shoulder flexion (+, arm forward and up) or extension.",
    )
    elbow: float = Field(default=0, ge=-180, le=180, description="Elbow flexion; 0 is straight.")
    abduction: float = Field(
        default=0,
        ge=-180,
        le=180,
        description="Shoulder abduction, arm out to the side (front view).",
    )


class Pose(StrictModel):
    """The whole body in one position."""

    trunk: float = Field(
        default=0,
        ge=-180,
        le=180,
        description="Trunk lean from upright: + forwards, 90 face down or bent over "
        "horizontally, -90 lying on the back.",
    )
    head: float = Field(default=0, ge=-180, le=180, description="Neck flexion (+, chin down).")
    working_leg: Leg = Field(default_factory=Leg, description="The leg the exercise is for.")
    other_leg: Leg = Field(default_factory=Leg, description="The other leg.")
    near_arm: Arm = Field(default_factory=Arm, description="The arm on the working leg's side.")
    far_arm: Arm = Field(default_factory=Arm, description="The other arm.")
    flight: float = Field(
        default=0,
        ge=0,
        le=60,
        description="cm the whole body is off its base: the top of a hop. The feet must be "
        "that far above the floor.",
    )


_SIZED = frozenset({"step", "block", "chair", "mat", "roll", "bed", "towel", "cushion", "weight"})
_HELD = frozenset({"strap", "towel", "band"})
_BEHIND = frozenset({"wall", "partner"})
Tie = BodyPoint | Literal["post"]


class Prop(StrictModel):
    """A thing in the picture. x is in cm from the anchor (see `Figure.base`), + forwards."""

    kind: PropKind = Field(description="What it is.")
    x: float = Field(
        default=0,
        ge=-300,
        le=300,
        description="Wall: its face. Step, block, cushion, chair, mat, bed, flat towel: the "
        "back edge. Rail, post: the post. Roll: its middle. Partner: where the helper's knees "
        "or feet are.",
    )
    width: float | None = Field(
        default=None,
        gt=0,
        le=300,
        description="Step, block, chair, mat, bed, a towel lying flat: depth in cm. Rail: "
        "the length of its bar back from the post (a counter walked along).",
    )
    height: float | None = Field(
        default=None,
        gt=0,
        le=250,
        description="Step, block, chair seat, bed, rail bar, post, mat or towel thickness, "
        "roll diameter: cm above the floor.",
    )
    length: float | None = Field(
        default=None,
        gt=0,
        le=400,
        description="Strap, towel, band: its length in cm; it loops round the point it holds "
        "and both ends are in the hands.",
    )
    holds: BodyPoint | None = Field(
        default=None,
        description="Strap, towel, band: the point it loops round (a towel without it lies "
        "flat on the floor, to slide on). Partner: the point the helper's hands hold. "
        "Weight: the knee it rests on, on top of the thigh just behind it.",
    )
    to: Tie | None = Field(
        default=None,
        description="Strap, band: where the other end is, instead of the hands: a body point "
        "(a band round both knees: holds = working-knee, to = other-knee) or post (tied to "
        "the post prop).",
    )
    behind: bool = Field(
        default=False,
        description="Wall: behind the back (a wall sit) instead of in front. Partner: behind "
        "the patient, facing their back (holding the ankles down).",
    )
    posture: Literal["standing", "kneeling"] | None = Field(
        default=None, description="Partner: whether the helper stands or kneels."
    )

    @model_validator(mode="after")
    def _keys_fit_kind(self) -> Self:
        kind = self.kind
        if (self.width is not None) and kind not in _SIZED | {"rail"}:
            raise ValueError(f"a {kind} has no width")
        if self.height is not None and kind not in _SIZED | {"rail", "wall", "post"}:
            raise ValueError(f"a {kind} has no height")
        if self.length is not None and kind not in _HELD:
            raise ValueError(f"a {kind} has no length")
        if self.holds is not None and kind not in _HELD | {"partner", "weight"}:
            raise ValueError(f"a {kind} holds nothing")
        if self.to is not None and (kind not in ("strap", "band") or self.holds is None):
            raise ValueError("only a strap or band that holds a point has a 'to'")
        if self.behind and kind not in _BEHIND:
            raise ValueError("only a wall or a partner can be behind")
        if kind == "towel" and self.holds is not None and self.width is not None:
            raise ValueError("a held towel has a length, not a width")
        if self.posture is not None and kind != "partner":
            raise ValueError("only a partner has a posture")
        if kind == "weight" and self.holds not in (None, "working-knee", "other-knee"):
            raise ValueError("a weight rests on a knee: holds = working-knee or other-knee")
        if kind in ("strap", "band", "partner", "weight") and self.holds is None:
            raise ValueError(f"a {kind} needs 'holds': the body point it holds")
        return self

    @property
    def size(self) -> tuple[float, float]:
        """Depth and height with each kind's usual size where the entry leaves them out."""
        defaults = {
            "step": (35.0, 15.0),
            "block": (20.0, 8.0),
            "chair": (45.0, 45.0),
            "mat": (190.0, 1.5),
            "rail": (16.0, 95.0),
            "wall": (8.0, 200.0),
            "post": (5.0, 75.0),
            "roll": (8.0, 8.0),
            "bed": (200.0, 60.0),
            "towel": (40.0, 1.0),
            "cushion": (40.0, 8.0),
            "weight": (16.0, 9.0),
        }
        width, height = defaults.get(self.kind, (0.0, 0.0))
        return (self.width or width, self.height or height)

    @property
    def reach(self) -> float:
        """Strap, towel or band: how far the hands can be from the point it loops round."""
        default = {"strap": 180.0, "towel": 120.0, "band": 150.0}.get(self.kind, 0.0)
        return (self.length or default) / 2


DEFAULT_BOXES: dict[str, tuple[float, float, float]] = {
    "standing": (-90.0, 110.0, 200.0),
    "sitting": (-70.0, 130.0, 160.0),
    "lying-back": (-110.0, 110.0, 130.0),
    "lying-front": (-110.0, 110.0, 130.0),
    "kneeling": (-90.0, 110.0, 180.0),
    "hands-and-knees": (-70.0, 130.0, 130.0),
    "side-lying": (-105.0, 115.0, 95.0),
    "crook-lying": (-150.0, 70.0, 130.0),
    "sit-to-stand": (-80.0, 80.0, 200.0),
}


class Figure(StrictModel):
    """An exercise drawn as data: start and end position, props and the movement arrow."""

    view: View = Field(default="side", description="Seen from the side or from the front.")
    base: Base = Field(
        description="What the body rests on, which also fixes where it is placed: standing, "
        "crook-lying (on the back, feet planted: bridges) and sit-to-stand (from a chair, "
        "feet planted), the ball of the working foot is at x = 0 on the floor (or the step "
        "or block under it); kneeling and hands-and-knees, the working knee; sitting and "
        "lying, the pelvis. Side-lying lies on the other side, the working leg on top, seen "
        "from the front (head to the left)."
    )
    anchor: BodyPoint | None = Field(
        default=None,
        description="The body point placed at x = 0 on the surface under it, instead of the "
        "base's own (working-heel for standing on the heels).",
    )
    props: list[Prop] = Field(default_factory=list, description="Things in the picture.")
    start: Pose = Field(description="The start position.")
    end: Pose = Field(description="The end position (the stretch held, or the top of a raise).")
    arrow: Arrow = Field(description="What moves from start to end.")
    box: Box | None = Field(
        default=None, description="The drawn area; each base has a default that fits a body."
    )
    detail: Detail | None = Field(
        default=None, description="A magnified circle of a small movement (the feet)."
    )
    footprints: Footprints | None = Field(
        default=None, description="A walk's path seen from above: the prints of its steps."
    )
    one_leg: bool = Field(
        default=False,
        description="Mark one leg even when both legs work: the stepping leg of a walk "
        "solid, the other in outline (both legs solid merge into one black shape).",
    )
    tilt: float = Field(
        default=0,
        ge=0,
        le=60,
        description="Front view: degrees the viewer looks down on the body, so that what "
        "lies in front of it (the bent hips and knees of a clam) shows above it; 0 is level.",
    )

    @model_validator(mode="after")
    def _side_lying_from_the_front(self) -> Self:
        if self.base == "side-lying" and self.view != "front":
            raise ValueError('a side-lying figure is seen from the front: set view = "front"')
        return self

    @property
    def frame(self) -> tuple[float, float, float]:
        """Left, right and top of the drawn area, cm."""
        if self.box is not None:
            return (self.box.left, self.box.right, self.box.top)
        return DEFAULT_BOXES[self.base]

    def prop(self, kind: str) -> list[Prop]:
        """The props of one kind."""
        return [p for p in self.props if p.kind == kind]


__all__ = [
    "DEFAULT_BOXES",
    "Arm",
    "Arrow",
    "Base",
    "BodyPoint",
    "Box",
    "Detail",
    "Figure",
    "Footprints",
    "Leg",
    "Pose",
    "Prop",
    "PropKind",
    "View",
]
