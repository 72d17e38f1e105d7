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
from rehab.domain.figures.scene import Arrow, scene


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
        if exercise.figure.footprints is not None:
            arrows = arrows[1:]  # the footprints' own arrow, drawn first, says the path's way
        if exercise.figure.arrow.hold:
            assert arrows == [], exercise_id
            continue
        (arrow,) = arrows
        for x, y in arrow.points:
            assert 0 <= y <= top and left - 1 <= x <= right + 1, (exercise_id, x, y)
