"""Read TOML bytes into data, turning every way a file can be broken into one clear problem.

Not every bad input raises `tomllib.TOMLDecodeError`: deep nesting raises RecursionError, a huge
integer raises ValueError, and a BOM or binary data produce messages that do not say what to do.
Each case is caught here so no command ever shows a traceback for a bad file.
"""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass, field
from typing import Any

from rehab.storage.protocol_paths import READ_LIMIT
from rehab.storage.toml_lines import HeaderIndex, header_index
from rehab.storage.toml_scan import Path, ScanResult, scan

MAX_FILE_BYTES = READ_LIMIT
"""Protocol and library files are a few kilobytes; anything past 1 MiB is refused unread."""

_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_END_OF_DOCUMENT = re.compile(r"\s*\(at end of document\)\s*$")


@dataclass(frozen=True)
class TomlProblem(Exception):
    """Why a file could not be read as TOML, with the line when it is known."""

    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        return self.message


@dataclass
class TomlDocument:
    """Parsed data plus the text, so positions can be found when a finding needs them.

    Scanning for positions costs about as much as parsing, so it runs only on first use:
    a clean file is never scanned.
    """

    data: dict[str, Any]
    text: str
    _scan: ScanResult | None = field(default=None, repr=False)
    _headers: HeaderIndex | bool | None = field(default=False, repr=False)
    """False until asked; None when the layout is not one the header index reads exactly."""

    @property
    def positions(self) -> ScanResult:
        """Key positions and comment lines, computed once on demand."""
        if self._scan is None:
            self._scan = scan(self.text)
        return self._scan

    def line_of(self, path: Path) -> int | None:
        """Line of a model path (or its nearest ancestor) in the text.

        The header index answers first where it can say the line exactly (a table, or a plain
        key of one, in a plainly laid-out file); everything else goes to the full scan.
        """
        if self._scan is None:
            if self._headers is False:
                self._headers = header_index(self.text, self.data)
            if isinstance(self._headers, HeaderIndex):
                line = self._headers.line_of(path)
                if line is not None:
                    return line
        return self.positions.line_of(path)


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def too_large(size: int, limit: int = MAX_FILE_BYTES) -> str:
    """The message for a file over the size cap."""
    amount = f"over {limit:,}" if size == limit + 1 else f"{size:,}"
    return (
        f"file is {amount} bytes; the limit is {limit:,} bytes "
        "(a protocol is normally a few kilobytes)"
    )


def decode_text(data: bytes, *, limit: int = MAX_FILE_BYTES) -> str:
    """Bytes to text, refusing what is not a UTF-8 text file with the reason and the fix."""
    if len(data) > limit:
        raise TomlProblem(too_large(len(data), limit))
    if data.startswith(b"\xef\xbb\xbf"):
        raise TomlProblem(
            "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
            line=1,
            column=1,
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TomlProblem("file is UTF-16 encoded; save it as UTF-8", line=1, column=1)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise TomlProblem(
            "not a text file: it contains a NUL byte (binary data?)",
            line=_line_of_offset(data, nul),
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TomlProblem(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            line=_line_of_offset(data, exc.start),
        ) from None


def _duplicate_problem(text: str) -> TomlProblem | None:
    found = scan(text)
    if not found.duplicates:
        return None
    path, line, first = found.duplicates[0]
    dotted = ".".join(str(part) for part in path if isinstance(part, str))
    return TomlProblem(f"key '{dotted}' is defined twice (first on line {first})", line=line)


def parse_toml(text: str) -> dict[str, Any]:
    """Parse TOML text; raise TomlProblem with the line for any failure."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _POSITION.search(message)
        if position:
            line, column = int(position.group(1)), int(position.group(2))
            detail = message[: position.start()]
            if detail.startswith("Cannot declare") or detail.startswith("Cannot overwrite"):
                duplicate = _duplicate_problem(text)
                if duplicate:
                    raise duplicate from None
            raise TomlProblem(f"invalid TOML: {_lower_first(detail)}", line, column) from None
        if _END_OF_DOCUMENT.search(message):
            duplicate = _duplicate_problem(text)
            if duplicate:
                raise duplicate from None
            detail = _END_OF_DOCUMENT.sub("", message)
            # tomllib gives no position here; the last written line is where the file stops
            # (an unclosed string, array or table ends there), and an editor can jump to it.
            last = len(text.rstrip().splitlines()) or 1
            raise TomlProblem(
                f"invalid TOML: {_lower_first(detail)} (at the end of the file, line {last})",
                line=last,
            ) from None
        raise TomlProblem(f"invalid TOML: {_lower_first(message)}") from None
    except RecursionError:
        raise TomlProblem("invalid TOML: arrays or tables are nested too deeply") from None
    except ValueError as exc:
        if "digits" in str(exc):
            raise TomlProblem(
                f"invalid TOML: a number has too many digits (limit {sys.get_int_max_str_digits()})"
            ) from None
        raise TomlProblem(f"invalid TOML: {exc}") from None


def read_toml_bytes(data: bytes, *, limit: int = MAX_FILE_BYTES) -> TomlDocument:
    """Decode and parse; the document keeps the text for later position look-ups."""
    text = decode_text(data, limit=limit)
    return TomlDocument(parse_toml(text), text)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text
