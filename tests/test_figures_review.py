"""The library figures a physiotherapist's second blind review named wrongly or found wrong,
each pinned to what the picture must show (the lateral band walk read as hip abduction, the
heel drops stopped level with the step, the step-down's knee kinked sideways, the seated
hamstring stretch slumped, holds had no pause mark, the calf-stretch block looked like an
unexplained object). Each assertion fails on the figure the review refused."""

from __future__ import annotations

import pytest

from rehab.check import Context
from rehab.domain.figures.body import BODY
from rehab.domain.figures.kinematics import Placed, place
from rehab.domain.figures.pose import Figure


def _figure(context: Context, exercise_id: str) -> Figure:
    exercise = context.library.get(exercise_id)
    assert exercise is not None and exercise.figure is not None, exercise_id
    return exercise.figure


def _panels(figure: Figure) -> tuple[Placed, Placed]:
    return place(figure, figure.start), place(figure, figure.end)


def test_the_lateral_band_walk_steps_sideways_onto_both_feet_in_a_mini_squat(
    context: Context,
) -> None:
    figure = _figure(context, "lateral-band-walk")
    start, end = _panels(figure)
    assert not figure.end.working_leg.lifted and not figure.end.other_leg.lifted
    for panel in (start, end):
        for foot in ("working-ball", "other-ball"):
            assert panel.height(foot) == pytest.approx(0.0, abs=1.0)  # weight on both feet
        standing = BODY.thigh + BODY.shank + BODY.ankle_height
        assert panel.height("pelvis") < standing - 5  # the knees bent: a mini-squat
    # Hip-width at the start; the leading foot lands further out to the side.
    apart = abs(start["working-ankle"][0] - start["other-ankle"][0])
    assert 2 * BODY.hip_half_width <= apart <= 2 * BODY.hip_half_width + 15
    assert abs(end["working-ankle"][0]) > abs(start["working-ankle"][0]) + 12
    # The pelvis sits between the feet, not over the trailing foot (a swung leg).
    assert end["working-ankle"][0] < end["pelvis"][0] < end["other-ankle"][0]


HEEL_DROPS = ("eccentric-heel-drop", "eccentric-heel-drop-bent-knee")
STEP_RAISES = (
    "single-leg-calf-raise",
    "double-leg-calf-raise",
    "single-leg-bent-knee-calf-raise",
    "double-leg-bent-knee-calf-raise",
)


def _step_top(figure: Figure) -> float:
    return next(p.size[1] for p in figure.props if p.kind == "step")


@pytest.mark.parametrize("exercise_id", HEEL_DROPS)
def test_a_heel_drop_lowers_the_heel_below_the_step(context: Context, exercise_id: str) -> None:
    """The ankle joint level with the step top reads as the heel stopping level: at the bottom
    of the drop the ankle itself is below the step's level (full dorsiflexion)."""
    figure = _figure(context, exercise_id)
    low = place(figure, figure.end)
    assert low.height("working-ankle") < _step_top(figure) - 1.0
    assert low.height("working-heel") < _step_top(figure) - 9.0
    assert figure.end.working_leg.ankle >= 29  # the top of the ankle's range


@pytest.mark.parametrize("exercise_id", STEP_RAISES)
def test_a_step_raise_starts_with_the_heel_a_little_below_the_step(
    context: Context, exercise_id: str
) -> None:
    figure = _figure(context, exercise_id)
    low = place(figure, figure.start)
    assert _step_top(figure) - 2.5 < low.height("working-ankle") < _step_top(figure) - 0.5


def test_the_lateral_step_down_keeps_the_bent_knee_over_the_foot(context: Context) -> None:
    """Seen from the front a bent knee shows as a shorter leg with the knee over the foot, not
    as a shin angled inwards under a knee outside the foot."""
    figure = _figure(context, "lateral-step-down")
    start, end = _panels(figure)
    assert figure.view == "front"
    for panel in (start, end):
        knee, ankle = panel["working-knee"], panel["working-ankle"]
        assert knee[0] == pytest.approx(ankle[0], abs=1.5)
    assert end["working-hip"][1] < start["working-hip"][1] - 15  # the bend lowers the body


def test_the_seated_hamstring_stretch_hinges_at_the_hips_with_the_head_in_line(
    context: Context,
) -> None:
    figure = _figure(context, "seated-hamstring-stretch")
    assert figure.end.trunk - figure.start.trunk >= 40  # a hinge, not a 35-degree slump
    assert figure.end.head <= 0  # the head held up in line, not dropped
    # The thigh stays where it was: the angle changes at the hip, not along the spine.
    thigh = figure.end.working_leg.hip - figure.end.trunk
    assert thigh == pytest.approx(figure.start.working_leg.hip - figure.start.trunk)


@pytest.mark.parametrize(
    "exercise_id",
    [
        "wall-sit",
        "spanish-squat",
        "single-leg-balance",
        "single-leg-balance-cushion",
        "isometric-calf-hold",
        "tandem-stance",
    ],
)
def test_a_held_exercise_ends_on_the_hold_mark(context: Context, exercise_id: str) -> None:
    exercise = context.library.get(exercise_id)
    assert exercise is not None and exercise.dosing == "hold"
    assert _figure(context, exercise_id).arrow.hold


@pytest.mark.parametrize(
    "exercise_id",
    ["patella-maltracking-calf-stretch", "patella-maltracking-calf-stretch-straight-leg"],
)
def test_the_calf_stretch_block_is_under_the_forefoot_and_magnified(
    context: Context, exercise_id: str
) -> None:
    figure = _figure(context, exercise_id)
    block = next(p for p in figure.props if p.kind == "block")
    for pose in (figure.start, figure.end):
        placed = place(figure, pose)
        ball, toe = placed["working-ball"], placed["working-toe"]
        assert block.x <= ball[0] - 5  # the block reaches back under the ball
        assert block.x + block.size[0] > toe[0]  # and on past the toe tip
        assert placed.height("working-toe") == pytest.approx(block.size[1], abs=1.0)  # toes on it
        assert placed.height("working-heel") == pytest.approx(0.0, abs=1.0)  # heel on the floor
    assert figure.detail is not None and figure.detail.point == "working-ball"
