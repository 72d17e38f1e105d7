"""An entry's own picture (`image`), for clinic entries that have no figure.

Only the name is checked here (the domain reads no files): a relative path inside the entry's
folder, ending in .png, .jpg or .jpeg. The storage layer checks the file itself on load.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")


def _check_image_path(text: str) -> str:
    path = PurePosixPath(text.replace("\\", "/"))
    if path.is_absolute() or (text[1:2] == ":"):
        raise ValueError("must be relative to the entry's file, as in pictures/x.png")
    if ".." in path.parts:
        raise ValueError("must stay inside the library folder (no '..')")
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise ValueError("must be a PNG or JPEG file (.png, .jpg or .jpeg)")
    if any(ord(ch) < 32 for ch in text):
        raise ValueError("must not contain control characters")
    return text


ImagePath = Annotated[
    str, StringConstraints(min_length=1, max_length=500), AfterValidator(_check_image_path)
]
