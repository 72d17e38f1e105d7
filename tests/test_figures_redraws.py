"""The figures a physiotherapist's blind review found wrong, each redrawn with the model
feature it needed (issue 16): the clam's opening seen from above, a free foot lowered beside a
step, a towel round the sole, a hold, an ankle circle, a walk's stepping leg, a sole seen flat
on. Each test builds the pose the review refused and the one that replaced it."""

from __future__ import annotations

import math
from typing import Any

import pytest

from rehab.domain.figures.checks import check_figure
from rehab.domain.figures.kinematics import place
from rehab.domain.figures.pose import Figure
from rehab.domain.figures.scene import Arrow, Path, scene


def _figure(**keys: Any) -> Figure:
    data: dict[str, Any] = {"start": {}, "end": {}, "arrow": {"point": "pelvis"}}
    return Figure.model_validate(data | keys)


def test_a_clam_opens_the_top_knee_with_the_feet_together_seen_from_above() -> None:
    bent = {"hip": 45, "knee": 90}
    start = {"working_leg": bent, "other_leg": bent}
    opened = {"working_leg": bent | {"opening": 40}, "other_leg": bent}
    clam = _figure(view="front", base="side-lying", tilt=35, start=start, end=opened)
    assert check_figure(clam) == []
    a, b = place(clam, clam.start), place(clam, clam.end)
    assert b["working-knee"][1] > a["working-knee"][1] + 10  # the top knee opens upwards
    assert b.points["working-ankle"] == pytest.approx(a.points["working-ankle"])  # feet together
    # Seen from above, the bent knees lie in front of the body, so they show above the hips
    # (level, they point at the viewer and the bent legs look straight).
    assert a["working-knee"][1] > a["working-hip"][1] + 10
    level = _figure(view="front", base="side-lying", start=start, end=opened)
    assert place(level, level.start)["working-knee"][1] == pytest.approx(a["working-hip"][1])
    # The leg swung out by abduction and rotation instead moves the foot: refused.
    swung = {"working_leg": bent | {"abduction": 35, "rotation": 40}, "other_leg": bent}
    apart = _figure(view="front", base="side-lying", tilt=35, start=start, end=swung)
    assert [p.field for p in check_figure(apart)] == ["figure.end.working_leg"]
    assert "foot moves" in check_figure(apart)[0].message


def test_a_free_foot_lowered_beside_a_step_has_its_arrow_beside_it_not_on_the_other_leg() -> None:
    hanging = {"hip": 12, "knee": 12, "abduction": 8, "ankle": -15, "lifted": True}
    lowered = {"hip": 30, "abduction": 8, "ankle": 5, "lifted": True}
    figure = _figure(
        view="front",
        base="standing",
        props=[{"kind": "step", "x": -15, "width": 30, "height": 20}],
        start={"trunk": 3, "working_leg": {"hip": 5, "knee": 3, "ankle": 1}, "other_leg": hanging},
        end={
            "trunk": 30,
            "working_leg": {"hip": 75, "knee": 85, "ankle": 30},
            "other_leg": lowered,
        },
        arrow={"point": "other-heel"},
        box={"left": -70, "right": 60, "top": 210},
    )
    assert check_figure(figure) == []
    start, end = place(figure, figure.start), place(figure, figure.end)
    assert start["other-heel"][1] > 20 and end["other-heel"][1] < 1  # from step level to floor
    (arrow,) = [i for i in scene(figure, "start").items if isinstance(i, Arrow)]
    assert min(x for x, _ in arrow.points) > start["other-heel"][0]  # outside, off the leg
    assert arrow.points[-1][1] < arrow.points[0][1]  # pointing down


def test_a_towel_held_round_the_ball_of_the_foot_wraps_the_sole_from_the_hands() -> None:
    leg = {"hip": 90, "ankle": -15}
    arms = {"shoulder": 60, "elbow": 50}
    pose = {"working_leg": leg, "other_leg": leg, "near_arm": arms, "far_arm": arms}
    figure = _figure(
        base="sitting",
        props=[
            {"kind": "mat", "x": -60, "width": 175, "height": 3},
            {"kind": "towel", "holds": "working-ball"},
        ],
        start=pose,
        end=pose,
        box={"left": -40, "right": 112, "top": 100},
    )
    assert check_figure(figure) == []
    p = place(figure, figure.start)
    (towel,) = [
        i
        for i in scene(figure, "start").items
        if isinstance(i, Path) and i.ink == "black" and len(i.points) == 3
    ]
    hands, over, under = towel.points
    assert hands == p["near-hand"]
    # It goes over the toes and round the front of the sole, beyond the ball: not straight
    # from the hands to the ball, which read as a forearm pulling the toes.
    heel, toe, ankle = p["working-heel"], p["working-toe"], p["working-ankle"]

    def beyond_sole(q: tuple[float, float]) -> float:
        """Signed cm from the sole's line, + on the side away from the ankle."""
        dx, dy = toe[0] - heel[0], toe[1] - heel[1]
        cross = dx * (q[1] - heel[1]) - dy * (q[0] - heel[0])
        sign = -1 if dx * (ankle[1] - heel[1]) - dy * (ankle[0] - heel[0]) > 0 else 1
        return sign * cross / math.hypot(dx, dy)

    assert beyond_sole(under) > 2
    assert math.dist(over, p["working-toe"]) < 5


def test_a_hold_has_no_movement_arrow_and_a_hold_mark_beside_the_held_heel() -> None:
    free = {"hip": 5, "knee": 80, "ankle": -25, "lifted": True}
    figure = _figure(
        base="standing",
        start={"working_leg": {"ankle": 2}, "other_leg": free},
        end={"working_leg": {"ankle": -20, "toes": 22}, "other_leg": free},
        arrow={"point": "working-heel", "hold": True},
    )
    assert check_figure(figure) == []
    start, end = scene(figure, "start"), scene(figure, "end")
    assert not [i for i in start.items + end.items if isinstance(i, Arrow)]
    heel = place(figure, figure.end)["working-heel"]
    bars = [i for i in end.items if isinstance(i, Path) and i.ink == "black" and i.width == 3.6]
    assert len(bars) == 2
    for bar in bars:
        (x0, y0), (x1, y1) = bar.points
        assert x0 == x1 < heel[0] and y1 > y0 >= heel[1]  # upright, behind the heel
    moving = _figure(**(figure.model_dump() | {"arrow": {"point": "working-heel"}}))
    assert [i for i in scene(moving, "start").items if isinstance(i, Arrow)]


def test_a_circled_foot_turns_alone_clear_of_the_floor() -> None:
    chair = [{"kind": "chair", "x": -25, "width": 45, "height": 45}]
    seated = {"other_leg": {"hip": 82, "knee": 85, "ankle": 3}}

    def circling(knee: float, end_knee: float | None = None) -> Figure:
        leg = {"hip": 88, "knee": knee, "ankle": 15}
        turned = {"hip": 88, "knee": end_knee or knee, "ankle": -25, "inversion": 20}
        return _figure(
            base="sitting",
            props=chair,
            start=seated | {"working_leg": leg},
            end=seated | {"working_leg": turned},
            arrow={"point": "working-toe", "circle": True},
            box={"left": -35, "right": 110, "top": 150},
        )

    assert check_figure(circling(35)) == []
    low = check_figure(circling(55))  # the foot hangs near the floor: its toes would hit it
    assert [p.field for p in low] == ["figure.start.working_leg", "figure.end.working_leg"]
    assert "hit the floor" in low[0].message
    moved = check_figure(circling(35, end_knee=20))
    assert [p.field for p in moved] == ["figure.end"] and "ankle moves" in moved[0].message


def test_a_walk_done_with_both_legs_can_mark_only_the_stepping_leg() -> None:
    stepping = {
        "start": {
            "working_leg": {"hip": -10, "knee": 2, "ankle": 12},
            "other_leg": {"hip": 13, "knee": 12, "ankle": -1},
        },
        "end": {
            "working_leg": {"hip": 10, "knee": 2, "ankle": -9},
            "other_leg": {"hip": -5, "knee": 7, "ankle": 12},
        },
    }

    def white_legs(figure: Figure) -> int:
        """How many leg segments are filled white (outlined), in the start panel."""
        items = scene(figure, "start", bilateral=True).items
        return sum(
            1
            for i in items
            if isinstance(i, Path) and i.ink == "white" and i.edge == 0 and i.width in (14, 10)
        )

    both = _figure(base="standing", anchor="other-ball", **stepping)
    assert white_legs(both) == 0  # both legs solid: they merge into one black shape
    one = _figure(base="standing", anchor="other-ball", one_leg=True, **stepping)
    assert check_figure(one) == []
    assert white_legs(one) == 2  # the other leg's thigh and shin in outline


def test_a_foot_seen_sole_on_from_the_front_is_drawn_as_a_sole_that_turns() -> None:
    """Long sitting seen from the front, the toes up: drawn edge on, the foot was a bar that
    read as the lower leg pivoting; drawn as a sole, inversion turns the sole."""

    def sole(inversion: float) -> tuple[tuple[float, float], ...]:
        pose = {"trunk": -10, "working_leg": {"hip": 80, "inversion": inversion}}
        figure = _figure(
            view="front",
            base="sitting",
            props=[{"kind": "mat", "x": -60, "width": 175, "height": 3}],
            start=pose,
            end=pose,
            box={"left": -85, "right": 125, "top": 100},
        )
        feet = [
            i
            for i in scene(figure, "start").items
            if isinstance(i, Path) and i.closed and i.fill == "black" and len(i.points) == 6
        ]
        assert len(feet) == 1  # the working foot; the other foot is on the floor, edge on
        return feet[0].points

    flat = sole(-10)
    heel_side, toe_side = flat[0], flat[2]
    assert math.dist(flat[1], flat[4]) > 8  # as wide as a sole at the ball
    turned = sole(25)

    def angle(points: tuple[tuple[float, float], ...]) -> float:
        (hx, hy), (tx, ty) = points[0], points[2]
        return math.degrees(math.atan2(ty - hy, tx - hx))

    assert heel_side != toe_side and abs(angle(turned) - angle(flat)) > 20
