"""Terminal output: colour only where the terminal supports it, text printed as written."""

from __future__ import annotations

import os
import sys
from typing import TextIO

_COLOURS = {"red": "31", "yellow": "33", "green": "32", "cyan": "36", "bold": "1", "dim": "2"}


def wants_colour(stream: TextIO, forced: bool | None = None) -> bool:
    """Colour for a TTY, unless NO_COLOR is set or TERM is dumb; --no-color always wins."""
    if forced is not None:
        return forced
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    return hasattr(stream, "isatty") and stream.isatty()


class Printer:
    """Writes lines to a stream with optional ANSI colour."""

    def __init__(self, stream: TextIO | None = None, *, colour: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stdout
        self.colour = wants_colour(self.stream, colour)

    def style(self, text: str, *names: str) -> str:
        """Wrap text in colour codes when colour is on."""
        if not self.colour or not names:
            return text
        codes = ";".join(_COLOURS[n] for n in names)
        return f"\x1b[{codes}m{text}\x1b[0m"

    def line(self, text: str = "") -> None:
        """Print one line (already made printable by the caller where it holds file text)."""
        self.stream.write(text + "\n")
