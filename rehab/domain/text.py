"""Text rules shared by every model.

Protocol files are edited by hand and shown in a terminal and on paper, so text is checked once,
here: control characters (terminal escape sequences, bidi overrides) would reach a patient's
handout or rewrite a clinician's screen, and ids must be safe as file names on every platform.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, StringConstraints, WithJsonSchema

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG_RE = re.compile(SLUG_PATTERN)

# Device names Windows refuses as file names, whatever the extension.
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)

# Bidi embedding, override and isolate controls: they can make text read differently from
# what it is (the "trojan source" trick), so they never belong in a protocol.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


# One regex per rule instead of a loop over characters: every text field of every file goes
# through here, and `rehab check` on a clinic repository reads thousands of them.
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # Cc without tab, newline, return
_BIDI = "".join(sorted(_BIDI_CONTROLS))
_SURROGATES = "\ud800-\udfff"
_FORBIDDEN_MULTILINE = re.compile(f"[{_CONTROLS}{_BIDI}{_SURROGATES}]")
_FORBIDDEN_LINE = re.compile(f"[{_CONTROLS}\t\n\r{_BIDI}{_SURROGATES}]")


def forbidden_character(text: str, *, allow_newlines: bool) -> str | None:
    """Return a description of the first character that must not appear in `text`, if any."""
    pattern = _FORBIDDEN_MULTILINE if allow_newlines else _FORBIDDEN_LINE
    match = pattern.search(text)
    if match is None:
        return None
    char = match.group()
    if char in _BIDI_CONTROLS:
        return f"bidirectional control character U+{ord(char):04X}"
    if unicodedata.category(char) == "Cs":
        return "unpaired surrogate"
    return f"control character U+{ord(char):04X}"


def _check_line(text: str) -> str:
    problem = forbidden_character(text, allow_newlines=False)
    if problem:
        raise ValueError(f"contains a {problem}; use plain text")
    return text


def _check_multiline(text: str) -> str:
    problem = forbidden_character(text, allow_newlines=True)
    if problem:
        raise ValueError(f"contains a {problem}; use plain text")
    # Windows line endings become plain newlines so saved files do not flip-flop.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("must not be empty or only spaces")
    return text


def _nfc(value: object) -> object:
    """Compose Unicode so that an id typed on macOS (NFD) equals the same id typed elsewhere."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


def _check_slug(text: str) -> str:
    if not 3 <= len(text) <= 64:
        raise ValueError(f"must be 3 to 64 characters long, got {len(text)}")
    if not _SLUG_RE.match(text):
        raise ValueError(
            "must use only lowercase letters a-z, digits and single hyphens between words "
            "(for example 'calf-mobility-2')"
        )
    if text in _WINDOWS_RESERVED:
        raise ValueError(f"'{text}' is a reserved device name on Windows and cannot be a file name")
    return text


def is_slug(text: str) -> bool:
    """True when `text` is a valid id (the same rule the models apply)."""
    try:
        _check_slug(text)
    except ValueError:
        return False
    return True


Slug = Annotated[str, BeforeValidator(_nfc), AfterValidator(_check_slug)]
"""An id: lowercase a-z, 0-9 and '-', 3..64 characters, usable as a file name anywhere."""

Line = Annotated[
    str,
    StringConstraints(min_length=1, max_length=300),
    AfterValidator(_check_line),
    AfterValidator(_not_blank),
]
"""A short single-line text such as a title or a name."""

ListItem = Annotated[
    str,
    StringConstraints(min_length=1, max_length=1000),
    AfterValidator(_check_line),
    AfterValidator(_not_blank),
]
"""One entry of a list such as goals or instructions."""

LongText = Annotated[str, StringConstraints(max_length=20_000), AfterValidator(_check_multiline)]
"""Free text that may span lines, such as notes."""

Reason = Annotated[
    str,
    StringConstraints(max_length=2000),
    AfterValidator(_check_multiline),
    AfterValidator(_not_blank),
]
"""A text that must say something: an empty or whitespace-only value is an error."""


_MAX_URL = 2083  # the longest address browsers accept, as pydantic's HttpUrl allows


def _check_web_link(text: str) -> str:
    if len(text) > _MAX_URL:
        raise ValueError(f"must be at most {_MAX_URL} characters long, got {len(text)}")
    if _FORBIDDEN_LINE.search(text) or " " in text:
        raise ValueError("must not contain spaces or control characters")
    try:
        parts = urlsplit(text)
        _ = parts.port  # a port that is not a number raises here
    except ValueError:
        raise ValueError("is not a valid web address") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError("must start with https:// or http://")
    if not parts.hostname:
        raise ValueError("must name a host, as in https://example.org/video")
    return text


WebLink = Annotated[
    str,
    AfterValidator(_check_web_link),
    WithJsonSchema({"type": "string", "format": "uri", "maxLength": _MAX_URL}),
]
"""An http(s) address kept exactly as written (it is printed on the handout and as a QR code).

Checked here rather than with pydantic's HttpUrl: importing that type pulls in e-mail and
package-metadata modules, 15 ms on every start of every command, for one optional field.
"""


def fold(text: str) -> str:
    """Normalise text for matching: composed Unicode, case-folded."""
    return unicodedata.normalize("NFC", text).casefold()
