"""Checks that a figure describes something a body can do, in the place the picture shows.

Each problem names the figure key to change (as a path for the entry's line) and says what is
wrong in the clinician's terms. Ranges are the AAOS average active ranges of motion (Greene
and Heckman, *The Clinical Measurement of Joint Motion*, 1994) widened by 10 degrees because
stretches are passive; the margin is a judgement (proposed).
"""

from __future__ import annotations

import math

from rehab.domain.figures.body import BODY
from rehab.domain.figures.footing import circling, feet, resting_feet, sunk_in_detail
from rehab.domain.figures.footprints import strip_size
from rehab.domain.figures.kinematics import (
    LYING_SURFACES,
    ON_THE_FEET,
    SEATS,
    STANDING_SURFACES,
    Placed,
    other_end,
    place,
    under,
)
from rehab.domain.figures.partner import helper
from rehab.domain.figures.pose import Figure, Pose
from rehab.domain.figures.problem import TOLERANCE, FigureProblem, Loc, words
from rehab.domain.figures.scene import RADII as _RADIUS

__all__ = ["TOLERANCE", "FigureProblem", "check_figure"]

PASSIVE_MARGIN = 10.0
# (field, low, high, words) per limb, before the passive margin.
_LEG_RANGES = (
    ("hip", -30.0, 120.0, "hip flexion"),
    ("knee", 0.0, 135.0, "knee flexion"),
    ("ankle", -50.0, 20.0, "ankle dorsiflexion"),
    ("toes", -45.0, 70.0, "toe extension"),
    ("abduction", -30.0, 45.0, "hip abduction"),
    ("rotation", -45.0, 45.0, "hip external rotation"),
    ("opening", -45.0, 45.0, "hip external rotation (the knee's opening)"),
    ("inversion", -15.0, 35.0, "foot inversion"),
)
_ARM_RANGES = (
    ("shoulder", -60.0, 180.0, "shoulder flexion"),
    ("elbow", 0.0, 150.0, "elbow flexion"),
    ("abduction", -30.0, 180.0, "shoulder abduction"),
)
_NECK = (-45.0, 45.0)
HYPEREXTENSION = 5.0
"""Degrees a knee or elbow may pass straight (a relaxed, locked joint) before it bends backwards."""


def _ranges(pose: Pose, where: str) -> list[FigureProblem]:
    problems = []
    for limb_name in ("working_leg", "other_leg", "near_arm", "far_arm"):
        limb = getattr(pose, limb_name)
        table = _LEG_RANGES if limb_name.endswith("leg") else _ARM_RANGES
        label = limb_name.replace("_", " ")
        for key, low, high, movement in table:
            value = float(getattr(limb, key))
            loc: Loc = ("figure", where, limb_name, key)
            if key in ("knee", "elbow") and value < -HYPEREXTENSION:
                joint = "knee" if key == "knee" else "elbow"
                problems.append(
                    FigureProblem(
                        loc,
                        f"the {label}'s {joint} bends backwards ({value:g} degrees); "
                        f"0 is straight and flexion is positive",
                    )
                )
            elif not low - PASSIVE_MARGIN <= value <= high + PASSIVE_MARGIN:
                problems.append(
                    FigureProblem(
                        loc,
                        f"{movement} of the {label} is {value:g} degrees, beyond the joint's "
                        f"range ({low - PASSIVE_MARGIN:g} to {high + PASSIVE_MARGIN:g})",
                    )
                )
    if not _NECK[0] - PASSIVE_MARGIN <= pose.head <= _NECK[1] + PASSIVE_MARGIN:
        problems.append(
            FigureProblem(
                ("figure", where, "head"),
                f"neck flexion is {pose.head:g} degrees, beyond the neck's range "
                f"({_NECK[0] - PASSIVE_MARGIN:g} to {_NECK[1] + PASSIVE_MARGIN:g})",
            )
        )
    return problems


def _solid_props(figure: Figure, placed: Placed, where: str) -> list[FigureProblem]:
    """Nothing below the floor, inside a step, block or chair seat, or through a wall."""
    problems: list[FigureProblem] = []
    seen: set[str] = set()
    for name in placed.names():
        if name in ("chin", "nose") or name.endswith(("-wrist", "-shoulder")):
            continue
        x, y = placed[name]
        bottom = placed.height(name) - _RADIUS.get(name, 0.0)
        message = None
        if bottom < -TOLERANCE / 2:
            message = f"the {words(name)} is {-bottom:.0f} cm below the floor"
        for prop in figure.props if figure.view == "side" else ():
            width, height = prop.size
            over = prop.x + 1 < x < prop.x + width - 1
            if prop.kind in ("step", "block", "bed") and over and y < height - TOLERANCE:
                message = f"the {words(name)} is inside the {prop.kind}"
            if prop.kind == "wall" and prop.behind:
                if y < height and x < prop.x - TOLERANCE:
                    message = f"the {words(name)} goes through the wall behind"
                continue
            if prop.kind == "chair" and over and height - 5 < y < height - TOLERANCE:
                message = f"the {words(name)} is inside the chair's seat"
            if prop.kind == "wall" and y < height and x > prop.x + TOLERANCE:
                message = f"the {words(name)} goes through the wall"
        if message and message not in seen:
            seen.add(message)
            problems.append(FigureProblem(("figure", where), message))
    return problems


def _held(figure: Figure, placed: Placed, where: str) -> list[FigureProblem]:
    problems = []
    for index, prop in enumerate(figure.props):
        if prop.holds is None or prop.kind == "weight":
            continue
        target = placed[prop.holds]
        if prop.kind == "partner":
            floor = under(figure.props, prop.x, STANDING_SURFACES)
            posture = prop.posture or "standing"
            helper_pose = helper(prop.x, posture, target, floor, behind=prop.behind)
            if not helper_pose.reaches:
                problems.append(
                    FigureProblem(
                        ("figure", "props", index),
                        f"in the {where} position the partner's hands do not reach the "
                        f"{words(prop.holds)} ({helper_pose.gap:.0f} cm short); move the "
                        "partner (x) or the leg",
                    )
                )
            continue
        end = other_end(figure, prop, placed)
        if end is None:
            problems.append(
                FigureProblem(("figure", "props", index), f"the {prop.kind} is tied to no post")
            )
            continue
        distance = math.dist(end, target)
        if distance > prop.reach + TOLERANCE * 2:
            ends = {None: "hands", "post": "post"}.get(prop.to) or words(prop.to or "")
            problems.append(
                FigureProblem(
                    ("figure", "props", index),
                    f"in the {where} position the {prop.kind} does not reach from the {ends} "
                    f"to the {words(prop.holds)}: they are {distance:.0f} cm apart and the "
                    f"{prop.kind} held doubled spans {prop.reach:.0f} cm",
                )
            )
    return problems


def _base(figure: Figure, pose: Pose, placed: Placed, where: str) -> list[FigureProblem]:
    problems = []
    lying = {"lying-back": -90.0, "lying-front": 90.0}.get(figure.base)
    if lying is not None and abs(pose.trunk - lying) > 20:
        problems.append(
            FigureProblem(
                ("figure", where, "trunk"),
                f"a figure {figure.base.replace('-', ' on the ')} needs trunk = {lying:g} "
                f"(within 20 degrees), got {pose.trunk:g}",
            )
        )
    if figure.base == "side-lying" and abs(pose.trunk) > 30:
        problems.append(
            FigureProblem(
                ("figure", where, "trunk"),
                f"a side-lying figure keeps its trunk in line (within 30 degrees of 0), "
                f"got {pose.trunk:g}",
            )
        )
    if figure.base == "crook-lying":
        x, y = placed["shoulders"]
        height = y - under(figure.props, x, LYING_SURFACES) - BODY.lying_depth
        if height > TOLERANCE * 2:
            problems.append(
                FigureProblem(
                    ("figure", where, "trunk"),
                    f"crook-lying keeps the shoulders on the floor; they are {height:.0f} cm "
                    "above it (lean the trunk back towards -90)",
                )
            )
    if figure.base == "sit-to-stand" and where == "start":
        x, y = placed["pelvis"]
        seat = under(figure.props, x, SEATS)
        height = y - BODY.sit_depth - seat
        if seat == 0 or abs(height) > TOLERANCE * 2:
            problems.append(
                FigureProblem(
                    ("figure", "start"),
                    "sit-to-stand starts seated: the pelvis must rest on a chair "
                    f"({'no seat under it' if seat == 0 else f'{height:.0f} cm off the seat'})",
                )
            )
    if figure.base == "hands-and-knees":
        for hand in ("near-hand", "far-hand"):
            height = placed[hand][1] - under(figure.props, placed[hand][0], STANDING_SURFACES)
            if height > TOLERANCE * 2:
                problems.append(
                    FigureProblem(
                        ("figure", where),
                        f"on hands and knees the hands rest on the floor; the {words(hand)} "
                        f"is {height:.0f} cm above it",
                    )
                )
    return problems


def _box(figure: Figure, placed: Placed, where: str) -> list[FigureProblem]:
    left, right, top = figure.frame
    for name in placed.names():
        x, y = placed[name]
        r = _RADIUS.get(name, 0.0)
        if x - r < left - 0.5 or x + r > right + 0.5 or y + r > top + 0.5:
            return [
                FigureProblem(
                    ("figure", "box"),
                    f"in the {where} position the {words(name)} is outside the figure's box "
                    f"(x {left:g} to {right:g}, height up to {top:g} cm); widen the box",
                )
            ]
    detail = figure.detail
    if detail is not None and (
        detail.x - detail.size < left - 0.5
        or detail.x + detail.size > right + 0.5
        or detail.y - detail.size < -0.5
        or detail.y + detail.size > top + 0.5
    ):
        return [
            FigureProblem(
                ("figure", "detail"),
                f"the magnified circle (radius {detail.size:g} cm at {detail.x:g}, "
                f"{detail.y:g}) is outside the figure's box; move it or widen the box",
            )
        ]
    prints = figure.footprints
    if prints is not None:
        length, height = strip_size(prints)
        if (
            prints.x - length / 2 < left - 0.5
            or prints.x + length / 2 > right + 0.5
            or prints.y - height / 2 < -0.5
            or prints.y + height / 2 > top + 0.5
        ):
            return [
                FigureProblem(
                    ("figure", "footprints"),
                    f"the footprints ({length:g} by {height:g} cm at {prints.x:g}, "
                    f"{prints.y:g}) are outside the figure's box; move them or widen the box",
                )
            ]
    for index, prop in enumerate(figure.props):
        width, _ = prop.size
        low, high = prop.x, prop.x + (width if prop.kind != "wall" else 0)
        if prop.kind == "rail":  # the post, its bar reaching back from 4 cm in front of it
            low, high = prop.x + 4 - width, prop.x + 4
        if prop.kind in ("step", "block", "chair", "wall", "rail", "post", "bed") and (
            low < left - 0.5 or high > right + 0.5
        ):
            return [
                FigureProblem(
                    ("figure", "props", index), f"the {prop.kind} is outside the figure's box"
                )
            ]
    return []


GRIP = 8.0
"""cm a hand may be above or below a rail's bar and still hold it (the grip's thickness)."""


def on_the_bar(figure: Figure, placed: Placed, index: int) -> bool:
    """Whether a hand rests on the bar of the rail `figure.props[index]`."""
    width, height = figure.props[index].size
    back, front = figure.props[index].x + 4 - width, figure.props[index].x + 4
    for hand in ("near-hand", "far-hand"):
        x, y = placed[hand]
        if back - TOLERANCE <= x <= front + TOLERANCE and abs(y - height) <= GRIP:
            return True
    return False


def held_rails(figure: Figure, start: Placed, end: Placed) -> list[FigureProblem]:
    """A rail held in one position is held in the other. A hand that leaves the bar slides
    down the post, and the body drawn over the post's top hides the rest: the post reads as a
    cane that is shorter in one picture than in the other (the single-leg deadlift's)."""
    if figure.view != "side":
        return []
    problems = []
    for index, prop in enumerate(figure.props):
        if prop.kind != "rail":
            continue
        held = {
            where: on_the_bar(figure, p, index) for where, p in (("start", start), ("end", end))
        }
        if held["start"] != held["end"]:
            where = "end" if held["start"] else "start"
            problems.append(
                FigureProblem(
                    ("figure", where, "near_arm"),
                    f"a hand holds the rail in the {'start' if held['start'] else 'end'} "
                    f"position but not in the {where}; keep the hand on its bar (within "
                    f"{GRIP:g} cm of its height), move the arm or lengthen the bar (width)",
                )
            )
    return problems


def check_figure(figure: Figure) -> list[FigureProblem]:
    """Every problem of a figure, start position first."""
    problems: list[FigureProblem] = []
    # Each position placed once; the checks that compare the two positions share them.
    start, end = place(figure, figure.start), place(figure, figure.end)
    for where, placed in (("start", start), ("end", end)):
        pose: Pose = getattr(figure, where)
        problems += _ranges(pose, where)
        if figure.base in ON_THE_FEET:
            problems += feet(figure, pose, placed, where)
        problems += _solid_props(figure, placed, where)
        problems += _base(figure, pose, placed, where)
        problems += _held(figure, placed, where)
        problems += _box(figure, placed, where)
        problems += sunk_in_detail(figure, placed, where)
    if figure.base == "side-lying":
        problems += resting_feet(figure, start, end)
    problems += circling(figure, start, end)
    problems += held_rails(figure, start, end)
    unique: list[FigureProblem] = []
    for problem in problems:
        if problem not in unique:
            unique.append(problem)
    return unique
