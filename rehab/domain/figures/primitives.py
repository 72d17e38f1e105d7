"""Drawing primitives of a figure, in cm of body and points of ink (see `scene.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rehab.domain.figures.kinematics import Point

Ink = Literal["black", "white"]
EDGE = 1.0
"""Points of outline round an outlined body part."""
PROP_EDGE = 0.9
HALO = 2.4
"""Points of white round a solid part."""


@dataclass(frozen=True)
class Path:
    """A polyline with round caps and joins; `width` cm of body plus `edge` points of ink."""

    points: tuple[Point, ...]
    width: float
    edge: float
    ink: Ink = "black"
    closed: bool = False
    fill: Ink | None = None
    dash: bool = False


@dataclass(frozen=True)
class Circle:
    """A filled disc: `radius` cm of body plus `edge` points of ink."""

    centre: Point
    radius: float
    edge: float
    ink: Ink = "black"


@dataclass(frozen=True)
class Arrow:
    """A movement arrow along `points`, with its head at the last point."""

    points: tuple[Point, ...]


Item = Path | Circle | Arrow


Segment = tuple[Point, Point, float]
