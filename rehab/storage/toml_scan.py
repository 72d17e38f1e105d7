"""A light scanner that finds where keys and comments are in a TOML text.

`tomllib` returns plain data with no positions, and on a duplicate key it says only "at end of
document". This scanner walks the text once and records the line of every key path (so a
finding on ``phases[1].exercises[0].sets`` can name its line), duplicate keys, and the lines of
comments outside strings (which tomli-w would drop on save).

It never raises: on text it does not understand it skips to the next line, because it only
ever adds positions to errors that `tomllib` has already found or to data it has accepted.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field

Path = tuple[str | int, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# Fast paths for what files mostly hold (the loops below handle every other case): strings on
# one line without escapes, multi-line strings with their end found by one regex or find.
_PLAIN_STRING = {'"': re.compile(r'"([^"\\\n]*)"'), "'": re.compile(r"'([^'\n]*)'")}
# A multi-line basic string's body: anything but a backslash or a quote, an escaped
# character, or a quote that does not start three.
_MULTI_BASIC_BODY = re.compile(r'(?:[^\\"]|\\[\s\S]|"(?!""))*')
_BARE_VALUE_END = re.compile(r"[,\]}\n#]")
_SIMPLE_KEY = re.compile(r"([A-Za-z0-9_-]+)[ \t]*=[ \t]*")  # `name = ` on its own
_BASIC_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
_MAX_DEPTH = 64


@dataclass
class ScanResult:
    """Positions found in one TOML text (lines are 1-based)."""

    lines: dict[Path, int] = field(default_factory=dict)
    duplicates: list[tuple[Path, int, int]] = field(default_factory=list)
    """(path, line of the repeat, line of the first definition)"""
    comments: list[int] = field(default_factory=list)

    def line_of(self, path: Path) -> int | None:
        """Line of the path, or of its nearest ancestor that the scanner saw."""
        for end in range(len(path), 0, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return None


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.i = 0
        self.line = 1
        self.result = ScanResult()
        self.table: Path = ()
        self.array_counts: dict[Path, int] = {}

    # -- low level -------------------------------------------------------------------------
    def peek(self, offset: int = 0) -> str:
        j = self.i + offset
        return self.text[j] if j < self.n else ""

    def skip_spaces(self) -> None:
        while self.i < self.n and self.text[self.i] in " \t":
            self.i += 1

    def skip_to_eol(self) -> None:
        end = self.text.find("\n", self.i)
        self.i = self.n if end < 0 else end

    def skip_comment(self) -> None:
        self.result.comments.append(self.line)
        self.skip_to_eol()

    def skip_blank(self) -> None:
        """Skip spaces, newlines and comments (inside arrays)."""
        while self.i < self.n:
            c = self.text[self.i]
            if c in " \t\r":
                self.i += 1
            elif c == "\n":
                self.line += 1
                self.i += 1
            elif c == "#":
                self.skip_comment()
            else:
                return

    def record(self, path: Path, line: int, *, check_duplicate: bool) -> None:
        first = self.result.lines.get(path)
        if first is None:
            self.result.lines[path] = line
        elif check_duplicate:
            self.result.duplicates.append((path, line, first))

    # -- strings -----------------------------------------------------------------------------
    def read_string(self) -> str | None:
        """Read a string starting at the cursor; return its value (keys need it) or None."""
        t = self.text
        if t.startswith('"""', self.i) or t.startswith("'''", self.i):
            quote = t[self.i : self.i + 3]
            self.i += 3
            if self._skip_to_close(quote):
                return None
            while self.i < self.n:
                if quote == '"""' and t[self.i] == "\\":
                    if self.peek(1) == "\n":
                        self.line += 1
                    self.i += 2
                    continue
                if t.startswith(quote, self.i):
                    self.i += 3
                    # Up to two quote characters may directly precede the closing delimiter.
                    extra = 0
                    while extra < 2 and self.i < self.n and t[self.i] == quote[0]:
                        self.i += 1
                        extra += 1
                    return None
                if t[self.i] == "\n":
                    self.line += 1
                self.i += 1
            return None
        plain = _PLAIN_STRING[t[self.i]].match(t, self.i)
        if plain:
            self.i = plain.end()
            return plain.group(1)
        quote = t[self.i]
        self.i += 1
        out: list[str] = []
        while self.i < self.n:
            c = t[self.i]
            if c == "\n":
                return "".join(out)
            if c == quote:
                self.i += 1
                return "".join(out)
            if quote == '"' and c == "\\":
                nxt = self.peek(1)
                if nxt in _BASIC_ESCAPES:
                    out.append(_BASIC_ESCAPES[nxt])
                    self.i += 2
                    continue
                if nxt in ("u", "U"):
                    width = 4 if nxt == "u" else 8
                    digits = t[self.i + 2 : self.i + 2 + width]
                    with contextlib.suppress(ValueError, OverflowError):
                        out.append(chr(int(digits, 16)))
                    self.i += 2 + width
                    continue
                self.i += 2
                continue
            out.append(c)
            self.i += 1
        return "".join(out)

    def _skip_to_close(self, quote: str) -> bool:
        """Move past a multi-line string's closing quotes; False (cursor kept) if none."""
        t = self.text
        if quote == '"""':
            body = _MULTI_BASIC_BODY.match(t, self.i)
            close = body.end() if body else -1
        else:
            close = t.find(quote, self.i)
        if close < 0 or not t.startswith(quote, close):
            return False
        end = close + 3
        # Up to two quote characters may directly precede the closing delimiter.
        while end < min(close + 5, self.n) and t[end] == quote[0]:
            end += 1
        self.line += t.count("\n", self.i, end)
        self.i = end
        return True

    # -- keys --------------------------------------------------------------------------------
    def read_key(self) -> list[str] | None:
        """Read a dotted key; None when the text at the cursor is not a key."""
        parts: list[str] = []
        while True:
            self.skip_spaces()
            c = self.peek()
            if c in ('"', "'"):
                value = self.read_string()
                parts.append(value or "")
            else:
                match = _BARE_KEY.match(self.text, self.i)
                if not match:
                    return None
                parts.append(match.group())
                self.i = match.end()
            self.skip_spaces()
            if self.peek() != ".":
                return parts
            self.i += 1

    def resolve(self, names: list[str]) -> Path:
        """Map header names to a path with the current index of every array of tables."""
        path: Path = ()
        for name in names:
            path = (*path, name)
            if path in self.array_counts:
                path = (*path, self.array_counts[path])
        return path

    # -- values ------------------------------------------------------------------------------
    def skip_value(self, path: Path, depth: int) -> None:
        if depth > _MAX_DEPTH:
            self.skip_to_eol()
            return
        c = self.peek()
        if c in ('"', "'"):
            self.read_string()
        elif c == "[":
            self.i += 1
            index = 0
            while self.i < self.n:
                self.skip_blank()
                if self.peek() == "]":
                    self.i += 1
                    return
                start = self.i
                self.record((*path, index), self.line, check_duplicate=False)
                self.skip_value((*path, index), depth + 1)
                index += 1
                self.skip_blank()
                if self.peek() == ",":
                    self.i += 1
                elif self.peek() != "]" or self.i == start:
                    self.skip_to_eol()
                    return
        elif c == "{":
            self.i += 1
            while self.i < self.n:
                self.skip_spaces()
                if self.peek() == "}":
                    self.i += 1
                    return
                start = self.i
                names = self.read_key()
                self.skip_spaces()
                if names is None or self.peek() != "=":
                    self.skip_to_eol()
                    return
                self.i += 1
                self.skip_spaces()
                key_path = (*path, *names)
                self.record(key_path, self.line, check_duplicate=True)
                self.skip_value(key_path, depth + 1)
                self.skip_spaces()
                if self.peek() == ",":
                    self.i += 1
                elif self.peek() != "}" or self.i == start:
                    self.skip_to_eol()
                    return
        else:
            # Numbers, booleans, dates (which may hold a space): up to a delimiter.
            end = _BARE_VALUE_END.search(self.text, self.i)
            self.i = end.start() if end else self.n

    # -- statements --------------------------------------------------------------------------
    def header(self) -> None:
        is_array = self.text.startswith("[[", self.i)
        self.i += 2 if is_array else 1
        names = self.read_key()
        if not names:
            self.skip_to_eol()
            return
        parent = self.resolve(names[:-1])
        path = (*parent, names[-1])
        if is_array:
            index = self.array_counts.get(path, -1) + 1
            self.array_counts[path] = index
            self.record(path, self.line, check_duplicate=False)
            self.table = (*path, index)
            self.record(self.table, self.line, check_duplicate=False)
        else:
            self.table = path
            self.record(path, self.line, check_duplicate=True)
        self.skip_to_eol_keeping_comment()

    def skip_to_eol_keeping_comment(self) -> None:
        while self.i < self.n and self.text[self.i] != "\n":
            if self.text[self.i] == "#":
                self.skip_comment()
                return
            self.i += 1

    def key_value(self) -> None:
        simple = _SIMPLE_KEY.match(self.text, self.i)
        if simple:
            names = [simple.group(1)]
            self.i = simple.end()
        else:
            start = self.i
            found = self.read_key()
            self.skip_spaces()
            if not found or self.peek() != "=":
                self.i = max(self.i, start + 1)
                self.skip_to_eol()
                return
            names = found
            self.i += 1
            self.skip_spaces()
        path = (*self.table, *names)
        for end in range(len(self.table) + 1, len(path)):
            self.record(path[:end], self.line, check_duplicate=False)
        self.record(path, self.line, check_duplicate=True)
        self.skip_value(path, 0)
        self.skip_to_eol_keeping_comment()

    def run(self) -> ScanResult:
        while self.i < self.n:
            c = self.text[self.i]
            if c == "\n":
                self.line += 1
                self.i += 1
            elif c in " \t\r\ufeff":
                self.i += 1
            elif c == "#":
                self.skip_comment()
            elif c == "[":
                self.header()
            else:
                self.key_value()
        return self.result


def scan(text: str) -> ScanResult:
    """Positions of keys, duplicate keys and comments in a TOML text; never raises."""
    try:
        return _Scanner(text).run()
    except RecursionError:  # pragma: no cover - depth is capped, this is a last guard
        return ScanResult()
