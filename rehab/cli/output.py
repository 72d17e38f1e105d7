"""Terminal output: colour only where the terminal supports it, text printed as written."""

from __future__ import annotations

import os
import re
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


# C0 controls but tab and newline, DEL and the C1 controls. One regex pass, not a loop over
# characters in Python: `rehab check` prints every message of a repository through here.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Replace control characters so file text can never drive the terminal (ESC sequences)."""
    return _CONTROL.sub("\ufffd", text)


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
