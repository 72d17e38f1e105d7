"""One set of body proportions, so every figure is the same, anatomically whole person.

Segment lengths are fractions of standing height from Drillis and Contini's table as given in
Winter, *Biomechanics and Motor Control of Human Movement* (4th ed., fig. 4.1). The drawn
thicknesses are a drawing choice (a slim adult seen from the side), not measurements.
"""

from __future__ import annotations

from dataclasses import dataclass

HEIGHT = 170.0
"""Standing height of the drawn person, cm."""


@dataclass(frozen=True)
class Body:
    """Segment lengths and drawn thicknesses, all in cm."""

    trunk: float = 0.288 * HEIGHT  # hip joint to shoulder joint (0.818 H - 0.530 H)
    neck: float = 0.052 * HEIGHT  # shoulder to chin (0.870 H - 0.818 H)
    head_radius: float = 0.065 * HEIGHT  # head is 0.130 H from chin to crown
    thigh: float = 0.245 * HEIGHT  # hip to knee
    shank: float = 0.246 * HEIGHT  # knee to ankle
    ankle_height: float = 0.039 * HEIGHT  # ankle joint above the sole
    heel_back: float = 0.035 * HEIGHT  # heel behind the ankle along the sole
    ball_front: float = 0.080 * HEIGHT  # ball of the foot ahead of the ankle
    toes: float = 0.037 * HEIGHT  # ball to toe tip (foot length 0.152 H in all)
    upper_arm: float = 0.186 * HEIGHT  # shoulder to elbow
    forearm: float = 0.146 * HEIGHT  # elbow to wrist
    hand: float = 0.054 * HEIGHT  # wrist to the middle of the grip (half of 0.108 H)
    hip_half_width: float = 0.050 * HEIGHT  # hip joint centre from the midline (front view)
    shoulder_half_width: float = 0.110 * HEIGHT  # shoulder joint from the midline

    trunk_width: float = 25.0
    neck_width: float = 9.0
    thigh_width: float = 14.0
    shank_width: float = 10.0
    foot_width: float = 4.0
    upper_arm_width: float = 8.5
    forearm_width: float = 7.0

    @property
    def sit_depth(self) -> float:
        """How far the hip joint sits above the surface it rests on when sitting."""
        return 9.0

    @property
    def lying_depth(self) -> float:
        """How far the hip joint lies above the surface it lies on."""
        return self.trunk_width / 2

    @property
    def arm_reach(self) -> float:
        """Shoulder to grip with the elbow straight."""
        return self.upper_arm + self.forearm + self.hand


BODY = Body()
