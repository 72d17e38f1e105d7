"""The figure model's later keys: side-lying, crook-lying and sit-to-stand bases, the anchor,
flight, hip rotation and foot inversion, bands tied to the other knee or a post, a wall or a
partner behind, a bed, and the circular arrow; each with a broken pose its check refuses."""

from __future__ import annotations

import itertools
import math
from typing import Any

import pytest
from pydantic import ValidationError

from rehab.check import Context
from rehab.domain.figures.checks import check_figure
from rehab.domain.figures.kinematics import place
from rehab.domain.figures.pose import Figure
from rehab.domain.figures.scene import Arrow, Path, scene


def _figure(**keys: Any) -> Figure:
    data: dict[str, Any] = {"start": {}, "end": {}, "arrow": {"point": "pelvis"}}
    return Figure.model_validate(data | keys)


def _messages(figure: Figure) -> list[str]:
    return [p.message for p in check_figure(figure)]


def test_side_lying_lies_on_the_other_side_with_the_working_leg_on_top() -> None:
    lying = {"other_leg": {"hip": 35, "knee": 70}}
    raised = lying | {"working_leg": {"abduction": 35, "lifted": True}}
    figure = _figure(view="front", base="side-lying", start=lying, end=raised)
    assert check_figure(figure) == []
    start, end = place(figure, figure.start), place(figure, figure.end)
    assert start["head"][0] < start["pelvis"][0] < start["working-ankle"][0]  # head left
    assert start["working-hip"][1] > start["other-hip"][1]  # working side up
    assert end["working-ankle"][1] > start["working-ankle"][1] + 40  # the leg lifts up
    with pytest.raises(ValidationError, match="side-lying figure is seen from the front"):
        _figure(base="side-lying")
    curled = _figure(view="front", base="side-lying", start={"trunk": 60}, end={"trunk": 60})
    assert [p.field for p in check_figure(curled)] == ["figure.start.trunk", "figure.end.trunk"]


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


def test_crook_lying_keeps_the_feet_planted_and_the_shoulders_down() -> None:
    feet = {"hip": 45, "knee": 103, "ankle": -32}
    bridge = {"trunk": -122, "head": 32, "working_leg": {"hip": -24, "knee": 73, "ankle": -25}}
    figure = _figure(
        base="crook-lying",
        start={"trunk": -90, "working_leg": feet, "other_leg": feet},
        end=bridge | {"other_leg": bridge["working_leg"]},
    )
    assert check_figure(figure) == []
    end = place(figure, figure.end)
    assert end["pelvis"][1] > place(figure, figure.start)["pelvis"][1] + 15
    sat_up = figure.model_copy(update={"end": figure.end.model_copy(update={"trunk": -60})})
    assert any("shoulders on the floor" in m for m in _messages(sat_up))
    off = feet | {"hip": 80}
    lifted = _figure(
        base="crook-lying", start={"trunk": -90, "working_leg": feet, "other_leg": off}
    )
    assert any("in the air" in m for m in _messages(lifted))


def test_sit_to_stand_starts_on_the_seat() -> None:
    seated = {
        "trunk": 25,
        "working_leg": {"hip": 107, "knee": 91, "ankle": 9},
        "other_leg": {"hip": 107, "knee": 91, "ankle": 9},
    }
    chair = {"kind": "chair", "x": -75, "width": 45, "height": 45}
    figure = _figure(base="sit-to-stand", props=[chair], start=seated)
    assert check_figure(figure) == []
    floating = _figure(base="sit-to-stand", props=[chair | {"height": 30}], start=seated)
    assert any("pelvis must rest on a chair" in m for m in _messages(floating))


def test_standing_on_the_heels_places_the_heel_and_lifts_the_toes() -> None:
    toes_up = {"ankle": 20}
    figure = _figure(
        base="standing",
        anchor="working-heel",
        start={"working_leg": toes_up, "other_leg": toes_up},
    )
    assert check_figure(figure) == []
    placed = place(figure, figure.start)
    assert placed["working-heel"] == pytest.approx((0.0, 0.0))
    assert placed["working-ball"][1] > 5
    ball = _figure(base="standing", start={"working_leg": toes_up, "other_leg": toes_up})
    assert any("below the floor" in m for m in _messages(ball))


def test_a_hop_lifts_both_feet_by_its_flight_and_no_further() -> None:
    tiptoe = {"ankle": -30, "toes": 30}
    figure = _figure(
        base="standing", end={"flight": 15, "working_leg": tiptoe, "other_leg": tiptoe}
    )
    assert check_figure(figure) == []
    assert place(figure, figure.end)["pelvis"][1] > place(figure, figure.start)["pelvis"][1] + 14
    dangling = _figure(base="standing", end={"flight": 15, "other_leg": {"knee": 90}})
    assert [p.field for p in check_figure(dangling)] == ["figure.end.other_leg"]
    assert "above its flight of 15 cm" in check_figure(dangling)[0].message


def test_hip_rotation_swings_a_bent_knees_foot_and_inversion_turns_the_toes_in() -> None:
    other = {"hip": 90, "knee": 90}
    seated = {"working_leg": {"hip": 90, "knee": 90}, "other_leg": other}
    turned = {
        "working_leg": {"hip": 90, "knee": 90, "rotation": 40, "inversion": 30},
        "other_leg": other,
    }
    figure = _figure(base="sitting", props=[{"kind": "chair", "x": -20}], start=seated, end=turned)
    assert check_figure(figure) == []
    start, end = place(figure, figure.start), place(figure, figure.end)
    assert start.points["working-knee"] == pytest.approx(end.points["working-knee"])
    # The working (right) side is +z: external rotation swings the foot towards the midline.
    assert end.points["working-ankle"][2] < start.points["working-ankle"][2] - 20
    toe = end.points["working-toe"][2] - end.points["working-ankle"][2]
    assert toe < start.points["working-toe"][2] - start.points["working-ankle"][2]
    too_far = _figure(
        base="sitting",
        props=[{"kind": "chair", "x": -20}],
        start={"working_leg": {"hip": 90, "knee": 90, "rotation": 80}, "other_leg": other},
        end=seated,
    )
    assert [p.field for p in check_figure(too_far)] == ["figure.start.working_leg.rotation"]


def test_a_band_round_both_knees_and_a_band_tied_to_a_post_must_reach() -> None:
    apart = {"working_leg": {"abduction": 8}, "other_leg": {"abduction": 8}}
    band = {"kind": "band", "holds": "working-knee", "to": "other-knee", "length": 60}
    figure = _figure(view="front", base="standing", props=[band], start=apart, end=apart)
    assert check_figure(figure) == []
    short = _figure(view="front", base="standing", props=[band | {"length": 20}], start=apart)
    assert any("from the other leg's knee" in m for m in _messages(short))
    tied = {"kind": "band", "holds": "working-ball", "to": "post", "length": 120}
    arm = {"shoulder": 45}
    sitting = {
        "working_leg": {"hip": 90},
        "other_leg": {"hip": 90},
        "near_arm": arm,
        "far_arm": arm,
    }
    post = {"kind": "post", "x": 150}
    mat = {"kind": "mat", "x": -60, "width": 175, "height": 3}
    floor = {
        "base": "sitting",
        "start": sitting,
        "end": sitting,
        "box": {"left": -40, "right": 160, "top": 100},
    }
    assert _messages(_figure(props=[mat, tied, post], **floor)) == []
    far = _figure(
        props=[mat, tied, post | {"x": 200}],
        **floor | {"box": {"left": -40, "right": 210, "top": 100}},
    )
    assert any("does not reach from the post" in m for m in _messages(far))
    assert any("tied to no post" in m for m in _messages(_figure(props=[mat, tied], **floor)))
    with pytest.raises(ValidationError, match="has a 'to'"):
        _figure(base="standing", props=[{"kind": "towel", "holds": "working-ball", "to": "post"}])


def test_a_wall_behind_and_a_partner_behind_holding_the_ankles() -> None:
    wall = {"kind": "wall", "x": -20, "behind": True}
    assert _messages(_figure(base="standing", props=[wall])) == []
    leaning_back = _figure(base="standing", props=[wall], start={"trunk": -25})
    assert any("through the wall behind" in m for m in _messages(leaning_back))
    tucked = {"knee": 108, "ankle": 18, "toes": 75}
    kneel = {"working_leg": tucked, "other_leg": tucked}
    helper = {"kind": "partner", "posture": "kneeling", "behind": True, "holds": "working-ankle"}
    box = {"left": -150, "right": 110, "top": 180}
    holding = _figure(base="kneeling", props=[helper | {"x": -60}], start=kneel, end=kneel, box=box)
    assert _messages(holding) == []
    items = scene(holding, "start").items
    xs = [pt[0] for item in items if not isinstance(item, Arrow) for pt in _points(item)]
    assert min(xs) < -100  # the helper kneels behind, not in front
    too_far = _figure(
        base="kneeling", props=[helper | {"x": -140}], start=kneel, end=kneel, box=box
    )
    assert any("do not reach" in m for m in _messages(too_far))


def _points(item: object) -> list[tuple[float, float]]:
    return list(getattr(item, "points", ())) or [getattr(item, "centre", (0.0, 0.0))]


def test_a_bed_holds_a_lying_figure_and_nothing_goes_inside_it() -> None:
    bed = {"kind": "bed", "x": -60, "width": 130, "height": 60}
    prone = {"trunk": 90, "working_leg": {"ankle": -45}, "other_leg": {"ankle": -45}}
    figure = _figure(base="lying-front", props=[bed], start=prone, end=prone)
    assert check_figure(figure) == []
    assert place(figure, figure.start)["pelvis"][1] > 60
    hanging = prone | {"working_leg": {"hip": 45}}
    assert any(
        "inside the bed" in m
        for m in _messages(_figure(base="lying-front", props=[bed], start=hanging))
    )


def test_a_circular_arrow_goes_round_its_point() -> None:
    figure = _figure(base="standing", arrow={"point": "working-toe", "circle": True})
    arrow = next(item for item in scene(figure, "start").items if isinstance(item, Arrow))
    toe = place(figure, figure.start)["working-toe"]
    distances = [math.dist(p, toe) for p in arrow.points]
    assert max(distances) - min(distances) < 0.5
    angles = [math.atan2(p[1] - toe[1], p[0] - toe[0]) for p in arrow.points]
    swept = sum(
        abs((b - a + math.pi) % (2 * math.pi) - math.pi) for a, b in itertools.pairwise(angles)
    )
    assert math.degrees(swept) > 270


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


class _Clipping:
    """A pen that records the circles it was limited to and what it drew inside them."""

    def __init__(self) -> None:
        self.clips: list[tuple[tuple[float, float], float]] = []
        self.inside = 0
        self.open = False

    def path(self, points: list[tuple[float, float]], width: float, ink: str, **_: object) -> None:
        self.inside += self.open

    def circle(self, centre: tuple[float, float], radius: float, ink: str) -> None:
        self.inside += self.open

    def polygon(self, points: list[tuple[float, float]], ink: str) -> None:
        self.inside += self.open

    def text(self, x: float, y: float, text: str, size: float) -> None:
        pass

    def clip(self, centre: tuple[float, float], radius: float) -> None:
        self.clips.append((centre, radius))
        self.open = True

    def unclip(self) -> None:
        self.open = False


def test_a_magnified_circle_draws_the_scene_again_inside_it_and_stays_in_the_box() -> None:
    from rehab.domain.figures.layout import ink, layout

    detail = {"point": "working-ball", "radius": 16, "zoom": 2, "x": 60, "y": 120}
    box = {"left": -60, "right": 95, "top": 200}
    figure = _figure(base="standing", detail=detail, box=box)
    assert check_figure(figure) == []
    pen = _Clipping()
    at = layout(figure)
    ink(figure, pen, at)
    assert len(pen.clips) == 2  # one per panel
    assert pen.clips[0][1] == pytest.approx(32 * at.scale)
    assert pen.inside > 20  # the body and the floor again, magnified
    outside = _figure(base="standing", detail=detail | {"x": 80}, box=box)
    assert [p.field for p in check_figure(outside)] == ["figure.detail"]


def test_every_library_arrow_stays_above_the_floor_and_inside_its_box(context: Context) -> None:
    """A foot sliding along the floor had its arrow set off below the floor, over the label."""
    for exercise_id in sorted(context.library.ids):
        exercise = context.library.get(exercise_id)
        assert exercise is not None and exercise.figure is not None, exercise_id
        left, right, top = exercise.figure.frame
        arrows = [i for i in scene(exercise.figure, "start").items if isinstance(i, Arrow)]
        if exercise.figure.arrow.hold:
            assert arrows == [], exercise_id
            continue
        (arrow,) = arrows
        for x, y in arrow.points:
            assert 0 <= y <= top and left - 1 <= x <= right + 1, (exercise_id, x, y)


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
