"""The exercise library entry model.

An entry carries everything the rest of the product needs: the safety rules read `components`,
the dosage checks read `defaults` and `ranges`, and the handout prints the patient texts.
"""

from __future__ import annotations

from typing import Literal, Self, get_args

from pydantic import Field, PrivateAttr, model_validator

from rehab.domain.base import StrictModel
from rehab.domain.components import Component
from rehab.domain.dosage import Frequency, Tempo
from rehab.domain.figures.image import ImagePath
from rehab.domain.figures.pose import Figure
from rehab.domain.text import Line, ListItem, LongText, Slug, WebLink

Mode = Literal["eccentric", "isometric"]
"""A way of doing the exercise other than the standard one (`mode` in docs/file-format.md).

eccentric: the working leg lowers alone, the rise is shared or assisted (Alfredson 1998);
isometric: the position is held still for `hold_seconds` per rep (Rio 2015).
"""

MODES: tuple[str, ...] = get_args(Mode)

Category = Literal["stretch", "strength", "balance", "mobility", "nerve-glide", "plyometric"]
CATEGORIES: tuple[str, ...] = get_args(Category)

Position = Literal[
    "supine",
    "prone",
    "side-lying",
    "seated",
    "long-sitting",
    "standing",
    "bent-over",
    "kneeling",
    "hands-and-knees",
]
POSITIONS: tuple[str, ...] = get_args(Position)

KneeAngle = Literal["straight", "slightly-bent", "bent", "moving"]
"""Knee of the working leg: held straight, slightly bent, bent, or moving through a range."""


class Range(StrictModel):
    """An inclusive range of sensible values; outside it a prescription gets a warning."""

    min: int = Field(ge=0, description="Lowest sensible value.")
    max: int = Field(ge=0, description="Highest sensible value.")

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        return self

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int) and self.min <= value <= self.max


class ExerciseDefaults(StrictModel):
    """The dosage a prescription gets for every key it leaves out."""

    sets: int = Field(ge=1, le=10, description="Default number of sets.")
    hold_seconds: int | None = Field(
        default=None, ge=5, le=300, description="Default hold in seconds (hold exercises)."
    )
    reps: int | None = Field(
        default=None, ge=1, le=100, description="Default repetitions per set (rep exercises)."
    )
    rest_seconds: int | None = Field(
        default=None, ge=0, le=600, description="Default rest between sets in seconds."
    )
    tempo: Tempo | None = Field(
        default=None, description="Default 'lower-pause-raise' tempo (rep exercises)."
    )
    load: Line | None = Field(default=None, description="Default load in plain words.")
    frequency: Frequency = Field(description="Default frequency.")
    times_per_day: int = Field(ge=1, le=6, description="Default sessions per training day.")


class ExerciseRanges(StrictModel):
    """Sensible dosage limits, from the clinical reference's dosage anchors."""

    sets: Range = Field(description="Sensible number of sets.")
    hold_seconds: Range | None = Field(
        default=None, description="Sensible hold (hold exercises, and each isometric rep)."
    )
    reps: Range | None = Field(default=None, description="Sensible reps per set (rep exercises).")
    times_per_day: Range = Field(description="Sensible sessions per training day.")
    daily_max: int = Field(
        ge=1,
        description="Most reps, or seconds held, per leg per day (sets x reps-or-hold x "
        "times per day) before the volume is questionable.",
    )


class Exercise(StrictModel):
    """One library entry (docs/file-format.md)."""

    id: Slug = Field(description="Stable id used in protocol files.")
    name: Line = Field(description="The clinician's name for it (app, lists, small print).")
    patient_name: Line | None = Field(
        default=None,
        description="Plain words for the handout ('Calf stretch against a wall'); "
        "without it the handout falls back to `name`.",
    )
    summary: LongText = Field(description="One or two sentences on what it is for.")
    category: Category = Field(
        description="stretch, strength, balance, mobility, nerve-glide or plyometric."
    )
    dosing: Literal["hold", "reps"] = Field(description="Dosed as timed holds or as repetitions.")
    modes: list[Mode] = Field(
        default_factory=list,
        description="Modes besides the standard one a prescription may ask for "
        "(eccentric, isometric); none by default.",
    )
    laterality: Literal["unilateral", "bilateral"] = Field(
        description="One leg at a time, or both legs together."
    )
    position: Position = Field(description="Body position during the exercise.")
    equipment: list[ListItem] = Field(default_factory=list, description="What is needed.")
    partner: bool = Field(description="Whether a second person is needed.")
    muscles: list[ListItem] = Field(min_length=1, description="Target muscles.")
    knee_angle: KneeAngle = Field(
        description="Knee of the working leg: straight, slightly-bent, bent, or moving "
        "(through a range, as in a squat)."
    )
    components: list[Component] = Field(
        description="Movement components the safety rules match on. May be empty for an "
        "exercise none of them describes (a clam, ankle circles): a condition whose rule is "
        "'all' still matches it."
    )
    defaults: ExerciseDefaults = Field(description="Default dosage.")
    ranges: ExerciseRanges = Field(description="Sensible dosage ranges.")
    instructions: list[ListItem] = Field(min_length=1, description="Numbered steps.")
    mode_instructions: dict[Mode, list[ListItem]] = Field(
        default_factory=dict,
        description="Steps that replace `instructions` under a mode that changes what the "
        "patient does (eccentric: rise on both feet, lower on the working one).",
    )
    tips: list[ListItem] = Field(default_factory=list, description="Tips for a better exercise.")
    mistakes: list[ListItem] = Field(default_factory=list, description="Common mistakes.")
    stop_if: list[ListItem] = Field(min_length=1, description="When to stop (patient words).")
    progressions: list[Slug] = Field(default_factory=list, description="Harder exercises.")
    regressions: list[Slug] = Field(default_factory=list, description="Easier exercises.")
    source: Line = Field(description="Source document(s) the entry was written from.")
    video_url: WebLink | None = Field(default=None, description="Optional demonstration video.")
    figure: Figure | None = Field(
        default=None, description="The exercise drawn: start and end pose, props, arrow."
    )
    image: ImagePath | None = Field(
        default=None,
        description="For an entry without a figure: a PNG or JPEG picture, relative to the entry.",
    )

    @model_validator(mode="after")
    def _dosing_is_consistent(self) -> Self:
        hold = self.dosing == "hold"
        if hold and (self.defaults.hold_seconds is None or self.ranges.hold_seconds is None):
            raise ValueError("a hold exercise needs defaults.hold_seconds and ranges.hold_seconds")
        if not hold and (self.defaults.reps is None or self.ranges.reps is None):
            raise ValueError("a reps exercise needs defaults.reps and ranges.reps")
        if hold and (self.defaults.reps is not None or self.defaults.tempo is not None):
            raise ValueError("a hold exercise cannot have defaults.reps or defaults.tempo")
        if not hold and self.defaults.hold_seconds is not None:
            raise ValueError("a reps exercise cannot have defaults.hold_seconds")
        if len(set(self.components)) != len(self.components):
            raise ValueError("components lists a component twice")
        if self.figure is not None and self.image is not None:
            raise ValueError("give a figure or an image, not both")
        if self.id in self.progressions or self.id in self.regressions:
            raise ValueError("an exercise cannot be its own progression or regression")
        return self

    _image_file: str | None = PrivateAttr(default=None)

    @property
    def image_file(self) -> str | None:
        """Where `image` was found when the entry was loaded (set by storage; the domain
        reads no files), or None."""
        return self._image_file

    def found_image(self, path: str) -> None:
        """Record where the entry's checked image file is."""
        self._image_file = path

    @model_validator(mode="after")
    def _modes_are_consistent(self) -> Self:
        if len(set(self.modes)) != len(self.modes):
            raise ValueError("modes lists a mode twice")
        for mode, steps in self.mode_instructions.items():
            if mode not in self.modes:
                raise ValueError(
                    f"mode_instructions.{mode} is given but modes does not allow '{mode}'"
                )
            if not steps:
                raise ValueError(f"mode_instructions.{mode} needs at least one step")
        if "isometric" in self.modes and self.dosing == "reps" and self.ranges.hold_seconds is None:
            # The dose check needs a sensible hold for each isometric rep.
            raise ValueError("an exercise that allows mode 'isometric' needs ranges.hold_seconds")
        return self

    def steps_for(self, mode: str | None = None) -> list[str]:
        """The patient's steps under `mode` (None or 'standard': the entry's own)."""
        if mode in self.mode_instructions:
            return list(self.mode_instructions[mode])
        return list(self.instructions)

    @property
    def handout_name(self) -> str:
        """What the patient reads as the exercise's title."""
        return self.patient_name or self.name

    @property
    def bilateral(self) -> bool:
        """True when both legs work together, so only side = 'both' makes sense."""
        return self.laterality == "bilateral"
