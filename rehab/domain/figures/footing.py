"""Checks on the feet: where they stand, rest and circle.

A foot on its base touches the floor, a step or a block (the ball, not the toe tip, on a step's
edge); lying on the side, a resting foot stays put; a circled foot turns alone, clear of the
floor. Each returns the problems it finds.
"""

from __future__ import annotations

import math

from rehab.domain.figures.body import BODY
from rehab.domain.figures.kinematics import LYING_SURFACES, STANDING_SURFACES, Placed, under
from rehab.domain.figures.pose import Figure, Pose
from rehab.domain.figures.problem import TOLERANCE, FigureProblem, words


def feet(figure: Figure, pose: Pose, placed: Placed, where: str) -> list[FigureProblem]:
    """A figure on its feet has them on the floor, a step or a block unless lifted on purpose;
    at the top of a hop, both are as far up as the flight."""
    problems = []
    for leg_name, prefix in (("working_leg", "working"), ("other_leg", "other")):
        if getattr(pose, leg_name).lifted:
            continue
        gaps = []
        for part in ("heel", "ball", "toe"):
            x, y = placed[f"{prefix}-{part}"]
            gaps.append(y - under(figure.props, x, STANDING_SURFACES))
        gap = min(gaps) - pose.flight
        if gap > TOLERANCE:
            flight = f" above its flight of {pose.flight:g} cm" if pose.flight else ""
            problems.append(
                FigureProblem(
                    ("figure", where, leg_name),
                    f"the {leg_name.replace('_', ' ')}'s foot is {gap:.0f} cm in the air{flight} "
                    f"in a figure on its feet ({figure.base}); change its hip, knee or ankle, "
                    "or set lifted = true",
                )
            )
        problems += _ball_on_the_edge(figure, placed, where, leg_name, prefix)
    return problems


RAISED = frozenset({"step", "block"})
BALL_IN = 2.0
"""cm the ball of a foot standing on a step or block is in from its edge, at least."""


def _ball_on_the_edge(
    figure: Figure, placed: Placed, where: str, leg_name: str, prefix: str
) -> list[FigureProblem]:
    """A foot up on a step or block stands on the ball of the foot, not on its toe tip: the
    heel may hang over the edge, the ball may not."""
    touching = False
    for part in ("heel", "ball", "toe"):
        x, y = placed[f"{prefix}-{part}"]
        height = under(figure.props, x, RAISED)
        touching = touching or (height > 0 and abs(y - height) <= TOLERANCE)
    if not touching or figure.view != "side":
        return []
    x, y = placed[f"{prefix}-ball"]
    for prop in figure.props:
        width, height = prop.size
        inside = prop.x + BALL_IN <= x <= prop.x + width - BALL_IN
        if prop.kind in RAISED and inside and abs(y - height) <= TOLERANCE:
            return []
    return [
        FigureProblem(
            ("figure", where, leg_name),
            f"the {leg_name.replace('_', ' ')} stands on the edge of the step or block with its "
            f"toes; put the ball of the foot on it, at least {BALL_IN:g} cm in from the edge "
            "(move the prop's x back)",
        )
    ]


def resting_feet(figure: Figure, start: Placed, end: Placed) -> list[FigureProblem]:
    """Lying on the side, a foot that is not lifted rests where it is: a clam opens the knee
    with the feet together, so its foot must not move between start and end."""
    problems = []
    for leg_name, prefix in (("working_leg", "working"), ("other_leg", "other")):
        if getattr(figure.end, leg_name).lifted:
            continue
        moved = math.dist(start.points[f"{prefix}-ankle"], end.points[f"{prefix}-ankle"])
        if moved > TOLERANCE * 2:
            problems.append(
                FigureProblem(
                    ("figure", "end", leg_name),
                    f"lying on the side, the {leg_name.replace('_', ' ')}'s foot moves "
                    f"{moved:.0f} cm between start and end; a resting foot stays where it is "
                    "(turn the knee out with opening, or set lifted = true)",
                )
            )
    return problems


def circling(figure: Figure, start: Placed, end: Placed) -> list[FigureProblem]:
    """A circle drawn round a foot moves only the foot: the ankle stays where it is (an end
    with another knee angle reads as a second exercise)."""
    name = figure.arrow.point
    if not figure.arrow.circle or not name.endswith(("-toe", "-ball", "-heel")):
        return []
    joint = name.rsplit("-", 1)[0] + "-ankle"
    problems = []
    moved = math.dist(start.points[joint], end.points[joint])
    if moved > TOLERANCE:
        problems.append(
            FigureProblem(
                ("figure", "end"),
                f"the arrow circles the {words(name)}, but the {words(joint)} moves "
                f"{moved:.0f} cm between start and end; keep the leg the same and turn only "
                "the foot",
            )
        )
    reach = BODY.ball_front + BODY.toes
    for where, placed in (("start", start), ("end", end)):
        height = placed.height(joint) - under(figure.props, placed[joint][0], STANDING_SURFACES)
        if height < reach:
            problems.append(
                FigureProblem(
                    ("figure", where, name.split("-")[0] + "_leg"),
                    f"the foot circles {height:.0f} cm above the floor, less than its length "
                    f"({reach:.0f} cm) from the ankle: the toes would hit the floor; lift the "
                    "leg (straighten the knee)",
                )
            )
    return problems


SHOWN_SINK = 1.0
"""cm a foot may show sunk into the surface under it inside a magnified circle: the circle
shows `zoom` times what sinks, so what passes unseen at handout size shows there."""


def sunk_in_detail(figure: Figure, placed: Placed, where: str) -> list[FigureProblem]:
    """A heel, ball or toe inside the magnified circle is not below the floor, mat, bed, step
    or block under it by more than shows as `SHOWN_SINK` (the ankle pump's pointed heel sank
    0.7 cm into the mat: unseen in the figure, a heel through the floor line in the circle)."""
    detail = figure.detail
    if detail is None or figure.view != "side":
        return []
    cx, cy = placed[detail.point]
    cx, cy = cx + detail.dx, cy + detail.dy
    surfaces = STANDING_SURFACES | LYING_SURFACES
    problems = []
    for prefix in ("working", "other"):
        for part in ("heel", "ball", "toe"):
            x, y = placed[f"{prefix}-{part}"]
            if math.hypot(x - cx, y - cy) > detail.radius:
                continue
            sink = under(figure.props, x, surfaces) - y
            if sink * detail.zoom > SHOWN_SINK:
                problems.append(
                    FigureProblem(
                        ("figure", where, f"{prefix}_leg"),
                        f"in the {where} position the {prefix} {part} is {sink:.1f} cm below "
                        f"the surface under it, {sink * detail.zoom:.1f} cm in the magnified "
                        "circle; raise the leg (hip) or change the ankle",
                    )
                )
    return problems
