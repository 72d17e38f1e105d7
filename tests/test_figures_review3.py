"""The figures a fourth blind reading by a physiotherapist said a patient could copy wrongly,
each pinned to what the entry's own steps say: a counter that read as a cane shrinking, a heel
through the mat in the magnified circle, a soleus stretch that pushed the hips back, a mini
squat drawn deep over a chair, a seated raise without its weight and with a sliding foot,
heel and forefoot prints that looked alike, a half-way hold drawn barely off the floor. Each
test fails on the pose data (or the code) the reading refused."""

from __future__ import annotations

import math

import pytest

from rehab.check import Context
from rehab.domain.figures.checks import GRIP, check_figure, on_the_bar
from rehab.domain.figures.footprints import footprints
from rehab.domain.figures.kinematics import Placed
from rehab.domain.figures.pose import Figure
from rehab.domain.figures.primitives import Arrow, Path
from rehab.domain.figures.scene import scene
from tests.test_figures_review import _figure, _panels


def _steps(context: Context, exercise_id: str) -> str:
    exercise = context.library.get(exercise_id)
    assert exercise is not None
    return " ".join(exercise.instructions).lower()


def _shank_tilt(p: Placed, prefix: str) -> float:
    """Degrees the shin leans from upright (+ the ankle ahead of the knee)."""
    (kx, ky), (ax, ay) = p[f"{prefix}-knee"], p[f"{prefix}-ankle"]
    return math.degrees(math.atan2(ax - kx, ky - ay))


def test_every_held_rail_is_held_in_both_positions(context: Context) -> None:
    """A hand-held prop keeps its length: a rail a hand holds in one position is held in the
    other, at the bar's height, so the post between the floor and the hand is as long in both
    (the deadlift's hand slid from the bar down to 52 cm, the post read as a shrinking cane)."""
    held = 0
    for exercise in context.library.exercises():
        figure = exercise.figure
        if figure is None or figure.view != "side":
            continue
        start, end = _panels(figure)
        for index, prop in enumerate(figure.props):
            if prop.kind != "rail":
                continue
            grips = (on_the_bar(figure, start, index), on_the_bar(figure, end, index))
            assert grips[0] == grips[1], (exercise.id, grips)
            held += grips[0]
    assert held >= 10


def test_the_single_leg_deadlift_keeps_its_hand_on_the_counter(context: Context) -> None:
    figure = _figure(context, "single-leg-romanian-deadlift")
    (rail,) = figure.prop("rail")
    width, height = rail.size
    assert width >= 40  # a counter's top, not a cane's handle
    for panel in _panels(figure):
        x, y = panel["near-hand"]
        assert rail.x + 4 - width <= x <= rail.x + 4 and abs(y - height) <= GRIP
    # The check names it when the hand leaves the bar (the old end arm).
    arm = figure.end.near_arm.model_copy(update={"shoulder": 33, "elbow": 74})
    old = figure.model_copy(update={"end": figure.end.model_copy(update={"near_arm": arm})})
    assert any("holds the rail" in p.message for p in check_figure(old))


def test_the_ankle_pump_heel_rests_on_the_mat(context: Context) -> None:
    """Pointing the foot, the heel stays on the mat (it sank 0.7 cm in, a heel through the
    floor line in the magnified circle); the knee stays still, so the hip is the same."""
    figure = _figure(context, "ankle-pump")
    (mat,) = figure.prop("mat")
    assert figure.start.working_leg.hip == figure.end.working_leg.hip
    for panel in _panels(figure):
        assert panel["working-heel"][1] >= mat.size[1] - 0.2
    assert check_figure(figure) == []
    leg = figure.start.working_leg.model_copy(update={"hip": -3})
    old = figure.model_copy(update={"start": figure.start.model_copy(update={"working_leg": leg})})
    assert any("magnified circle" in p.message for p in check_figure(old))


def test_the_standing_soleus_stretch_sinks_straight_down(context: Context) -> None:
    """'Bend both knees and sink straight down': the pelvis goes down, not back, the back knee
    forward over the foot with the heel down, and the arrow points down."""
    assert "sink straight down" in _steps(context, "standing-soleus-stretch")
    figure = _figure(context, "standing-soleus-stretch")
    start, end = _panels(figure)
    (sx, sy), (ex, ey) = start["pelvis"], end["pelvis"]
    assert sy - ey >= 4 and abs(ex - sx) <= 2
    assert end["working-knee"][0] - start["working-knee"][0] >= 8
    assert end.height("working-heel") == pytest.approx(0.0, abs=0.5)
    arrow = next(i for i in scene(figure, "start").items if isinstance(i, Arrow))
    (tx, ty), (hx, hy) = arrow.points[0], arrow.points[-1]
    assert hy < ty and abs(hx - tx) < 0.25 * (ty - hy)
    for panel in (start, end):  # the hands stay on the wall
        assert abs(panel["near-hand"][0] - 49) < 2


def test_the_mini_squat_is_shallow_holding_a_counter(context: Context) -> None:
    """The entry squats 'to about 45 degrees of knee bend', holding a counter, hips back."""
    exercise = context.library.get("mini-squat")
    assert exercise is not None and "45 degrees" in exercise.summary
    assert "counter" in _steps(context, "mini-squat")
    figure = _figure(context, "mini-squat")
    assert not figure.prop("chair") and len(figure.prop("rail")) == 1
    for leg in (figure.end.working_leg, figure.end.other_leg):
        assert 40 <= leg.knee <= 50
    assert figure.end.trunk <= 20
    start, end = _panels(figure)
    assert end["pelvis"][0] < start["pelvis"][0] - 4  # the hips back
    assert 3 < start["pelvis"][1] - end["pelvis"][1] < 12  # a little way down
    for panel in (start, end):
        assert on_the_bar(figure, panel, 0)


def test_the_seated_soleus_raise_lifts_the_heel_under_a_weight(context: Context) -> None:
    """The steps rest a weight on the thigh near the knee: it is drawn there. The heel rises
    with the knee over an upright shin, the ball stays (the ankle slid 7 cm forward, the shin
    leant 10 degrees), and the arrow stays by the heel, not up to the knee."""
    assert "weight on top of that thigh" in _steps(context, "seated-soleus-raise")
    figure = _figure(context, "seated-soleus-raise")
    (weight,) = figure.prop("weight")
    assert weight.holds == "working-knee"
    start, end = _panels(figure)
    assert end.height("working-heel") - start.height("working-heel") >= 8
    assert end.height("working-knee") - start.height("working-knee") >= 4
    assert math.dist(start["working-ball"], end["working-ball"]) < 1.5
    assert end["working-ankle"][0] - start["working-ankle"][0] < 5
    assert abs(_shank_tilt(start, "working")) < 8 and abs(_shank_tilt(end, "working")) < 8
    items = scene(figure, "start").items
    arrow = next(i for i in items if isinstance(i, Arrow))
    assert max(y for _, y in arrow.points) < start.height("working-knee") - 15
    knee = start["working-knee"]
    bag = [
        i
        for i in items
        if isinstance(i, Path) and i.width == weight.size[1] and i.ink == "black" and i.edge == 0
    ]
    assert len(bag) == 1
    (ax, ay), (bx, by) = bag[0].points
    assert math.dist(((ax + bx) / 2, (ay + by) / 2), knee) < 20
    assert min(ay, by) > knee[1]  # on top of the thigh


def _prints(on: str) -> list[list[Path]]:
    """The closed shapes of each print of a strip of four, in walking order."""
    figure = Figure.model_validate(
        {
            "base": "standing",
            "start": {},
            "end": {},
            "arrow": {"point": "pelvis"},
            "footprints": {"on": on, "count": 4, "x": 0, "y": 180, "length": 90},
        }
    )
    assert figure.footprints is not None
    shapes = [i for i in footprints(figure.footprints)[1:] if isinstance(i, Path) and i.closed]
    per = len(shapes) // 4
    return [shapes[k * per : (k + 1) * per] for k in range(4)]


def test_heel_and_forefoot_prints_are_different_shapes() -> None:
    """A heel print is one shape, round behind and cut square in front; a forefoot print is
    the ball with three toe dots in front of it (both were single round or oval pads)."""
    for heel in _prints("heels"):
        (shape,) = heel
        xs = [x for x, _ in shape.points]
        front = [p for p in shape.points if p[0] > max(xs) - 0.01]
        assert len(front) == 2 and abs(front[0][1] - front[1][1]) > 3  # a square front
    for forefoot in _prints("toes"):
        ball, *toes = forefoot
        assert len(toes) == 3
        ball_front = max(x for x, _ in ball.points)
        sizes = []
        for toe in toes:
            xs = [x for x, _ in toe.points]
            assert min(xs) > ball_front  # in front of the ball
            sizes.append(max(xs) - min(xs))
        assert sizes[0] == max(sizes)  # the big toe
        assert toes[0].edge < ball.edge  # thin outlines keep the dots apart
    assert len(_prints("soles")[0]) == 5  # a whole sole: heel, ball and toes


def test_the_toe_walk_magnifies_the_foot_up_on_its_ball(context: Context) -> None:
    """Like the heel walk's circle of the heel, the toe walk's shows the stepping foot on its
    ball with the heel up, in both panels."""
    heel_walk = _figure(context, "heel-walk")
    assert heel_walk.detail is not None
    figure = _figure(context, "toe-walk")
    assert figure.detail is not None and figure.detail.point == "working-ball"
    for which, panel in zip(("start", "end"), _panels(figure), strict=True):
        detail = scene(figure, which).detail
        assert detail is not None
        assert math.dist(panel["working-ball"], detail.centre) < detail.radius
        assert panel.height("working-heel") - panel.height("working-ball") > 8
    assert check_figure(figure) == []


def test_the_isometric_calf_hold_holds_half_way_up(context: Context) -> None:
    """'Rise half-way up onto your toes': half the ankle's 50-degree plantarflexion range
    (AAOS), the heel well off the floor (it was 5.4 cm, 0.4 of a full raise) and short of a
    full raise's height."""
    assert "half-way" in _steps(context, "isometric-calf-hold")
    figure = _figure(context, "isometric-calf-hold")
    assert -30 <= figure.end.working_leg.ankle <= -20
    _, end = _panels(figure)
    _, full = _panels(_figure(context, "single-leg-floor-heel-raise"))
    ratio = end.height("working-heel") / full.height("working-heel")
    assert 0.55 <= ratio <= 0.85
    assert figure.arrow.hold and figure.arrow.point == "working-heel"
