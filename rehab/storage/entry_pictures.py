"""Load-time checks of a clinic entry's picture: its figure's geometry and its image file.

A clinic draws its own figures by hand, so a figure that bends a knee backwards or leaves a
standing foot in the air is refused at load like any other bad entry, with file, line and
field; so is an `image` that is missing, outside the library folder, not a PNG or JPEG, or
too large to print.
"""

from __future__ import annotations

import struct
from pathlib import Path

from rehab.domain.exercise import Exercise

MAX_IMAGE_BYTES = 5 * 1024 * 1024
"""A printed picture a few centimetres wide needs far less; larger files slow every export."""
MAX_IMAGE_PIXELS = 6000
MIN_IMAGE_PIXELS = 100

_SUFFIXES = {"png": (".png",), "jpeg": (".jpg", ".jpeg")}

Located = tuple[tuple[str | int, ...], str]
"""A problem's key path and its message."""


def figure_problems(exercise: Exercise) -> list[Located]:
    """The geometry problems of the entry's figure, with the key path each one is under."""
    if exercise.figure is None:
        return []
    # Imported on first use: 11 ms that a command on the built-in library alone never needs.
    from rehab.domain.figures.checks import check_figure

    return [(problem.loc, problem.message) for problem in check_figure(exercise.figure)]


def image_size(data: bytes) -> tuple[str, int, int] | None:
    """('png' | 'jpeg', width, height) read from the file's header, or None if it is neither."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return ("png", width, height)
    if data.startswith(b"\xff\xd8"):
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                return None
            marker = data[i + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                i += 2
                continue
            (length,) = struct.unpack(">H", data[i + 2 : i + 4])
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[i + 5 : i + 9])
                return ("jpeg", width, height)
            i += 2 + length
    return None


def image_problems(entry_file: Path, folder: Path, exercise: Exercise) -> list[Located]:
    """What is wrong with the entry's image file, if it names one."""
    if exercise.image is None:
        return []
    problem = picture_file_problem(
        entry_file.parent / exercise.image, exercise.image, folder, "the library folder"
    )
    return [(("image",), problem)] if problem else []


def picture_file_problem(
    path: Path, named: str, folder: Path, where: str, what: str = "the image"
) -> str | None:
    """What is wrong with a picture file rehab would print, or None when it can be printed.

    `named` is the name as the file wrote it; the picture must lie inside `folder` (`where`
    says which folder that is), be a PNG or JPEG by its content and by its name, and be of a
    size that prints. Shared by clinic entries' images and the clinic profile's logo.
    """
    try:
        resolved = path.resolve()
        if not resolved.is_relative_to(folder.resolve()):
            return f"{what} must be inside {where}"
        if not resolved.is_file():
            return f"{what} file not found: {named}"
        size = resolved.stat().st_size
        if size > MAX_IMAGE_BYTES:
            return f"{what} is {size:,} bytes; the limit is {MAX_IMAGE_BYTES:,} bytes"
        with resolved.open("rb") as handle:
            head = handle.read(64 * 1024)
    except OSError as exc:
        return f"cannot read {what}: {exc.strerror or exc}"
    found = image_size(head)
    if found is None:
        return f"{what} is not a PNG or JPEG file (checked by its content)"
    kind, width, height = found
    suffix = Path(named).suffix.lower()
    if suffix not in _SUFFIXES[kind]:
        return f"{what} is a {kind.upper()} file but is named {suffix}"
    if max(width, height) > MAX_IMAGE_PIXELS or min(width, height) < MIN_IMAGE_PIXELS:
        return (
            f"{what} is {width} x {height} pixels; give {MIN_IMAGE_PIXELS} to "
            f"{MAX_IMAGE_PIXELS} pixels a side"
        )
    return None
