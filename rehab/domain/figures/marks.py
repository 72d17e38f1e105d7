"""The marks drawn with a figure rather than the body itself: the movement arrow, a magnified
detail circle, a walk's footprints, the drawn box, and the named body points they refer to.

Kept apart from `pose.py` (the body's angles and the props) so each file holds one kind of
thing; `pose` re-exports them, so `from rehab.domain.figures.pose import Arrow` still works.
"""

from __future__ import annotations

from typing import Literal, Self

from pydantic import Field, model_validator

from rehab.domain.base import StrictModel

BodyPoint = Literal[
    "head",
    "shoulders",
    "pelvis",
    "working-hip",
    "working-knee",
    "working-ankle",
    "working-heel",
    "working-ball",
    "working-toe",
    "other-hip",
    "other-knee",
    "other-ankle",
    "other-heel",
    "other-ball",
    "other-toe",
    "near-elbow",
    "near-hand",
    "far-elbow",
    "far-hand",
]
"""Named points of the body, for the arrow and for what a strap or a partner holds."""


class Arrow(StrictModel):
    """The movement: one body point from its start to its end position."""

    point: BodyPoint = Field(description="The point that moves.")
    pivot: BodyPoint | None = Field(
        default=None,
        description="Draw the arrow as an arc round this point (a rotation, e.g. the leg "
        "raised round the hip); without it the arrow is straight.",
    )
    circle: bool = Field(
        default=False,
        description="Draw the arrow as a circle round the point (ankle circles), not from "
        "start to end.",
    )
    length: float | None = Field(
        default=None,
        ge=10,
        le=60,
        description="cm a straight arrow is drawn, instead of the movement's own length (at "
        "least 36 cm): a short arrow for a small movement near the floor (a heel lifted "
        "sitting), where a long one reaches up to the knee.",
    )
    hold: bool = Field(
        default=False,
        description="A hold, not a movement: no arrow; the end panel shows a hold mark (two "
        "bars, as on a pause button) beside the point held still.",
    )


class Detail(StrictModel):
    """A magnified circle of the picture, for a movement too small to see at handout size
    (the heel below the step edge, the toes over a roll): the region round `point`, drawn
    `zoom` times larger in a circle centred at x, y."""

    point: BodyPoint = Field(description="The middle of the region shown magnified.")
    dx: float = Field(default=0, ge=-40, le=40, description="Move the region forwards, cm.")
    dy: float = Field(default=0, ge=-40, le=40, description="Move the region up, cm.")
    radius: float = Field(default=12, ge=4, le=40, description="Radius of the region, cm.")
    zoom: float = Field(default=2.5, ge=1.5, le=5, description="How many times larger.")
    x: float = Field(ge=-400, le=400, description="Centre of the magnified circle, cm.")
    y: float = Field(ge=0, le=400, description="Centre of the magnified circle, cm up.")
    arrow: bool = Field(
        default=False,
        description="Draw the movement inside the magnified circle too: the arrow's point "
        "from its start to its end, just beyond it (a foot turning in or out).",
    )

    @property
    def size(self) -> float:
        """Radius of the magnified circle, cm of the scene."""
        return self.radius * self.zoom


class Footprints(StrictModel):
    """A walk's path seen from above, in a framed strip: the prints its feet leave, so a
    walk reads as walking and not as a stance (heels only for a heel walk, the forefoot only
    for a toe walk, one line heel to toe for a tandem walk)."""

    line: bool = Field(
        default=False,
        description="Heel to toe on one line (a tandem walk) instead of left, right, left.",
    )
    on: Literal["soles", "heels", "toes"] = Field(
        default="soles", description="What touches the floor: the whole sole, heels or toes."
    )
    count: int = Field(default=5, ge=2, le=8, description="How many prints.")
    x: float = Field(ge=-400, le=400, description="Centre of the strip, cm.")
    y: float = Field(ge=0, le=400, description="Centre of the strip, cm up.")
    length: float = Field(default=70, ge=30, le=200, description="Length of the strip, cm.")


class Box(StrictModel):
    """The part of the scene that is drawn, in cm; the floor is its bottom edge."""

    left: float = Field(ge=-400, le=400, description="Left edge, cm from the anchor.")
    right: float = Field(ge=-400, le=400, description="Right edge, cm from the anchor.")
    top: float = Field(gt=0, le=400, description="Top edge, cm above the floor.")

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.left >= self.right:
            raise ValueError("box.left must be less than box.right")
        return self


__all__ = ["Arrow", "BodyPoint", "Box", "Detail", "Footprints"]
