"""Text bound for a terminal: control characters out, so file text can never drive it.

An ESC sequence in a protocol title could clear the screen or retitle the window; C1 codes
act the same on many terminals. One definition serves the CLI (which marks each removed
character with U+FFFD, so a report shows something was there) and the app (which drops them).
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL and the C1 controls. One regex pass, not a loop over
# characters in Python: `rehab check` prints every message of a repository through here, and
# the app's palette cleans every exercise name on each keystroke.
# Lone surrogates too: a file name that is not valid UTF-8 reaches Python as escaped bytes,
# which a UTF-8 terminal stream refuses to encode (a crash, not a line).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_BREAKS = re.compile(r"\r\n|[\n\r\u2028\u2029]")


def printable(text: str) -> str:
    """Each control character replaced by U+FFFD."""
    return _CONTROL.sub("\ufffd", text)


def one_line(text: str) -> str:
    """`printable`, and every line break shown as U+21B5: text from a file (a reason, a file
    name) printed inside a `file:line: error` line can never start a forged line of its own."""
    return printable(_BREAKS.sub("\u21b5", text))


def without_controls(text: str) -> str:
    """Control characters dropped."""
    return _CONTROL.sub("", text)
