"""Figures: forward kinematics, the geometry checks on broken poses, and the drawing."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from rehab.check import Context
from rehab.domain.figures.body import BODY, HEIGHT
from rehab.domain.figures.checks import check_figure
from rehab.domain.figures.kinematics import place
from rehab.domain.figures.pose import Figure, Pose
from rehab.domain.figures.primitives import Path as Line
from rehab.domain.figures.scene import scene
from rehab.handout.figure_draw import FIGURE_HEIGHT, Ink, Point, ink, layout

BUILT_IN = [
    "assisted-lying-gastrocnemius-stretch",
    "assisted-lying-hamstring-stretch",
    "donkey-calf-raise",
    "double-leg-bent-knee-calf-raise",
    "double-leg-calf-raise",
    "floor-calf-raise",
    "patella-maltracking-calf-stretch",
    "patella-maltracking-calf-stretch-straight-leg",
    "single-leg-bent-knee-calf-raise",
    "single-leg-calf-raise",
    "standing-gastrocnemius-stretch",
    "standing-soleus-stretch",
    "strap-lying-gastrocnemius-stretch",
]


AWAITING_FIGURE: frozenset[str] = frozenset()
"""Library entries whose figure is not drawn yet: their handout card shows no picture."""


def _standing(**start: Any) -> Figure:
    """A figure standing straight, arms hanging, with `start` changes to the start pose."""
    return Figure.model_validate(
        {"base": "standing", "start": start, "end": {}, "arrow": {"point": "pelvis"}}
    )


def _messages(figure: Figure) -> list[str]:
    return [p.message for p in check_figure(figure)]


def test_every_built_in_exercise_has_a_figure_that_passes_its_checks(context: Context) -> None:
    """Every entry has a figure, except those still AWAITING_FIGURE (the library grew by 52
    entries before their figures were drawn; the list only shrinks, issue 16)."""
    assert set(BUILT_IN) <= set(context.library.ids)
    for exercise_id in sorted(context.library.ids):
        exercise = context.library.get(exercise_id)
        assert exercise is not None
        if exercise_id in AWAITING_FIGURE:
            assert exercise.figure is None, f"{exercise_id} has its figure: drop it from the list"
            continue
        assert exercise.figure is not None, exercise_id
        assert check_figure(exercise.figure) == [], exercise_id


def test_standing_straight_is_the_full_height_with_the_foot_flat_on_the_floor() -> None:
    placed = place(_standing(), Pose())
    crown = placed["head"][1] + BODY.head_radius
    assert crown == pytest.approx(HEIGHT, abs=2)
    assert placed["working-ball"] == pytest.approx((0.0, 0.0))
    assert placed["working-heel"][1] == pytest.approx(0.0, abs=1e-9)
    assert placed["working-heel"][0] < 0 < placed["working-toe"][0]  # facing +x
    assert placed["working-ankle"][1] == pytest.approx(BODY.ankle_height)
    assert _messages(_standing()) == []


def test_segment_lengths_stay_the_same_in_any_pose() -> None:
    pose = Pose.model_validate({"trunk": 40, "working_leg": {"hip": 70, "knee": 90, "ankle": -20}})
    placed = place(_standing(), pose)
    thigh = math.dist(placed["working-hip"], placed["working-knee"])
    shank = math.dist(placed["working-knee"], placed["working-ankle"])
    assert thigh == pytest.approx(BODY.thigh) and shank == pytest.approx(BODY.shank)


def test_knee_bent_backwards_is_refused() -> None:
    problems = check_figure(_standing(working_leg={"knee": -25}))
    assert problems[0].field == "figure.start.working_leg.knee"
    assert "bends backwards" in problems[0].message
    assert _messages(_standing(working_leg={"knee": 25, "ankle": 25})) != []  # not flat
    assert not any("backwards" in m for m in _messages(_standing(working_leg={"knee": 25})))


def test_a_locked_knee_a_few_degrees_past_straight_is_allowed() -> None:
    assert _messages(_standing(working_leg={"knee": -4, "ankle": -4})) == []


def test_joint_beyond_its_range_is_refused() -> None:
    problems = check_figure(_standing(near_arm={"elbow": 175}))
    assert [p.field for p in problems] == ["figure.start.near_arm.elbow"]
    assert "beyond the joint's range" in problems[0].message


def test_foot_in_the_air_on_a_standing_exercise_is_refused_unless_lifted() -> None:
    bent = {"hip": 10, "knee": 60}
    problems = check_figure(_standing(other_leg=bent))
    assert [p.field for p in problems] == ["figure.start.other_leg"]
    assert "in the air" in problems[0].message
    assert _messages(_standing(other_leg={**bent, "lifted": True})) == []


def test_a_foot_on_a_step_stands_on_its_ball_not_on_its_toe_tip() -> None:
    def on_step(x: float) -> Figure:
        free = {"hip": 5, "knee": 80, "ankle": -25, "lifted": True}
        low = {"working_leg": {"hip": 1, "knee": 2, "ankle": 27, "toes": -15}, "other_leg": free}
        high = {"working_leg": {"hip": 1, "knee": 2, "ankle": -44, "toes": 45}, "other_leg": free}
        return Figure.model_validate(
            {
                "base": "standing",
                "props": [{"kind": "step", "x": x, "width": 40, "height": 15}],
                "start": low,
                "end": high,
                "arrow": {"point": "working-heel"},
                "detail": {
                    "point": "working-ball",
                    "dx": -6,
                    "radius": 17,
                    "zoom": 2,
                    "x": 70,
                    "y": 100,
                },
            }
        )

    # The ball 1 cm from the edge: only the toes are on the step.
    problems = check_figure(on_step(-1))
    assert [p.field for p in problems] == ["figure.start.working_leg", "figure.end.working_leg"]
    assert "ball of the foot" in problems[0].message
    assert check_figure(on_step(-5)) == []
    # The magnified circle carries the step's level on past its edge: the dropped heel is
    # below it.
    detail = scene(on_step(-5), "start").detail
    assert detail is not None
    (level,) = [m for m in detail.marks if isinstance(m, Line) and m.dash]
    assert {y for _, y in level.points} == {15}
    heel = place(on_step(-5), on_step(-5).start)["working-heel"]
    assert min(x for x, _ in level.points) < heel[0] and heel[1] < 15


def test_nothing_below_the_floor() -> None:
    # Lying on the back with the other leg pushed down past the hips: its foot is in the floor.
    lying = {"trunk": -90, "other_leg": {"hip": -30}}
    figure = Figure.model_validate(
        {"base": "lying-back", "start": lying, "end": {"trunk": -90}, "arrow": {"point": "pelvis"}}
    )
    problems = check_figure(figure)
    assert problems and all(p.field == "figure.start" for p in problems)
    assert any(
        "other leg's ankle is" in p.message and "below the floor" in p.message for p in problems
    )


def test_figure_outside_its_box_is_refused() -> None:
    figure = _standing().model_copy(
        update={
            "box": Figure.model_validate(
                {
                    "base": "standing",
                    "start": {},
                    "end": {},
                    "arrow": {"point": "pelvis"},
                    "box": {"left": -50, "right": 50, "top": 150},
                }
            ).box
        }
    )
    problems = check_figure(figure)
    assert problems and problems[0].field == "figure.box"
    assert "outside the figure's box" in problems[0].message


def test_head_through_the_wall_is_refused() -> None:
    figure = Figure.model_validate(
        {
            "base": "standing",
            "props": [{"kind": "wall", "x": 20}],
            "start": {"trunk": 30},
            "end": {},
            "arrow": {"point": "pelvis"},
        }
    )
    assert any("through the wall" in m for m in _messages(figure))


def _strap(arms: dict[str, float]) -> Figure:
    lying = {"trunk": -90, "working_leg": {"hip": 65}, "near_arm": arms, "far_arm": arms}
    return Figure.model_validate(
        {
            "base": "lying-back",
            "props": [{"kind": "strap", "length": 120, "holds": "working-ball"}],
            "start": lying,
            "end": lying,
            "arrow": {"point": "working-toe", "pivot": "working-ankle"},
        }
    )


def test_strap_must_reach_from_the_hands_to_the_foot() -> None:
    assert _messages(_strap({"shoulder": 60, "elbow": 15})) == []
    problems = check_figure(_strap({"shoulder": 0}))  # arms by the sides: strap not at the foot
    assert {p.field for p in problems} == {"figure.props[0]"}
    assert all("does not reach" in p.message for p in problems)


def test_partner_must_reach_the_point_they_hold() -> None:
    def figure(x: float) -> Figure:
        lying = {"trunk": -90, "working_leg": {"hip": 60}}
        return Figure.model_validate(
            {
                "base": "lying-back",
                "props": [
                    {"kind": "partner", "x": x, "posture": "standing", "holds": "working-ball"}
                ],
                "start": lying,
                "end": lying,
                "arrow": {"point": "working-toe"},
                "box": {"left": -110, "right": 300, "top": 200},
            }
        )

    assert _messages(figure(118)) == []
    problems = check_figure(figure(260))
    assert problems and all(p.field == "figure.props[0]" for p in problems)
    assert "do not reach" in problems[0].message


def test_a_lying_figure_must_lie() -> None:
    figure = Figure.model_validate(
        {
            "base": "lying-back",
            "start": {"trunk": 0},
            "end": {"trunk": -90},
            "arrow": {"point": "pelvis"},
        }
    )
    problems = check_figure(figure)
    assert "figure.start.trunk" in [p.field for p in problems]


class Recorder:
    """A pen that keeps what it was asked to draw."""

    def __init__(self) -> None:
        self.paths: list[list[Point]] = []
        self.texts: list[str] = []

    def path(self, points: list[Point], width: float, ink: Ink, **_: object) -> None:
        self.paths.append(points)

    def circle(self, centre: Point, radius: float, ink: Ink) -> None:
        self.paths.append([centre])

    def polygon(self, points: list[Point], ink: Ink) -> None:
        self.paths.append(points)

    def text(self, x: float, y: float, text: str, size: float) -> None:
        self.texts.append(text)


def test_left_leg_is_the_right_leg_mirrored_in_each_panel(context: Context) -> None:
    exercise = context.library.get("standing-soleus-stretch")
    assert exercise is not None and exercise.figure is not None
    at = layout(exercise.figure)
    right, left = Recorder(), Recorder()
    ink(exercise.figure, right, at)
    ink(exercise.figure, left, at, mirrored=True)
    assert right.texts == left.texts == ["Start", "End"]
    assert len(right.paths) == len(left.paths)
    assert right.paths != left.paths
    for r_path, l_path in zip(right.paths, left.paths, strict=True):
        panel = 0 if r_path[0][0] < at.panel_width + 1 else 1
        x0 = panel * (at.width - at.panel_width)
        mirrored = sorted((round(2 * x0 + at.panel_width - x, 6), round(y, 6)) for x, y in r_path)
        assert sorted((round(x, 6), round(y, 6)) for x, y in l_path) == mirrored


def _library_ids() -> list[str]:
    folder = Path(__file__).resolve().parents[1] / "rehab" / "data" / "exercises"
    return sorted(path.stem for path in folder.glob("*.toml"))


@pytest.mark.parametrize("exercise_id", _library_ids())
def test_every_figure_prints_at_least_35_mm_tall_on_the_handout(
    context: Context, exercise_id: str
) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    exercise = context.library.get(exercise_id)
    assert exercise is not None and exercise.figure is not None
    text_width = A4[0] - 2 * 18 * mm
    at = layout(exercise.figure, FIGURE_HEIGHT, max_width=text_width)
    assert at.width <= text_width
    assert at.drawing_height >= 35 * mm


def test_terminal_figure_is_braille_within_its_width(context: Context) -> None:
    from rehab.tui.figure_cells import figure_cells
    from rehab.tui.widgets.exercise_browser import exercise_detail

    for exercise_id in sorted(context.library.ids):
        exercise = context.library.get(exercise_id)
        assert exercise is not None and exercise.figure is not None
        lines = figure_cells(exercise.figure, 40, bilateral=exercise.bilateral)
        assert all(len(line) <= 40 for line in lines), exercise_id
        assert 4 <= len(lines) <= 18, exercise_id  # fits the detail pane of 80 x 24
        assert lines[-1].split() == ["Start", "End"]
        drawn = "".join(lines[:-1])
        assert sum(0x2801 <= ord(ch) <= 0x28FF for ch in drawn) > 40, exercise_id
    soleus = context.library.get("standing-soleus-stretch")
    assert soleus is not None and soleus.figure is not None
    left = figure_cells(soleus.figure, 40, mirrored=True)
    assert left != figure_cells(soleus.figure, 40)
    assert figure_cells(soleus.figure, 40)[2] in str(exercise_detail(soleus))


def test_front_view_shows_abduction_side_to_side() -> None:
    figure = Figure.model_validate(
        {
            "view": "front",
            "base": "standing",
            "start": {},
            "end": {"other_leg": {"abduction": 30, "lifted": True}, "near_arm": {"abduction": 90}},
            "arrow": {"point": "other-ankle"},
        }
    )
    assert check_figure(figure) == []
    start, end = place(figure, figure.start), place(figure, figure.end)
    # Facing the viewer, the right (working) side is on the viewer's left.
    assert start["working-ankle"][0] < 0 < start["other-ankle"][0]
    assert end["other-ankle"][0] > start["other-ankle"][0] + 30
    assert end["near-hand"][1] == pytest.approx(end["near-shoulder"][1], abs=1)
    assert check_figure(
        figure.model_copy(update={"end": Pose.model_validate({"other_leg": {"abduction": 30}})})
    ), "an abducted leg that is not lifted leaves its foot in the air"
