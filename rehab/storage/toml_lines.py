"""Lines of table headers and their keys, found without scanning the whole text.

Placing a finding on its line needs the position of a key path; the full scanner
(`toml_scan.py`) walks every character and costs about as much as parsing, which a check of a
clinic's 500 files pays for every file with a finding. Most findings point at a prescription
(`phases[1].exercises[0]`) or one of its plain keys, and most files are written by rehab in
the canonical layout, so their headers are found by one regular expression over the lines.

This is a shortcut, never a guess: it answers only for texts whose layout it can read exactly
(no multi-line strings, every line that starts with `[` a plain header, every array of tables
it counts matching the parsed data) and only for a table it found or a plain key found in that
table's lines. Anything else returns None and the caller asks the full scanner.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rehab.storage.toml_scan import Path

_BARE = r"[A-Za-z0-9_-]+"
_HEADER = re.compile(
    rf"^[ \t]*(\[\[?)[ \t]*({_BARE}(?:[ \t]*\.[ \t]*{_BARE})*)[ \t]*(\]\]?)[ \t]*(?:#.*)?$"
)


@dataclass(frozen=True)
class HeaderIndex:
    """Every table of a text: its path (array indices resolved), first line and last line."""

    tables: dict[Path, tuple[int, int]]
    """path -> (header line, last line of the table), 1-based."""
    first_table_line: int
    """Line of the first header (top-level keys come before it)."""
    lines: list[str]

    def line_of(self, path: Path) -> int | None:
        """The line of `path` when this index can say it exactly, else None."""
        if path in self.tables:
            return self.tables[path][0]
        for end in range(len(path) - 1, -1, -1):
            table = path[:end]
            if table and table not in self.tables:
                continue
            rest = path[end:]
            if len(rest) != 1 or not isinstance(rest[0], str):
                return None  # inside a value (an array element, an inline table)
            first, last = self.tables[table] if table else (0, self.first_table_line - 1)
            return self._key_line(rest[0], first + 1, last)
        return None

    def _key_line(self, key: str, first: int, last: int) -> int | None:
        pattern = re.compile(rf"^[ \t]*{re.escape(key)}[ \t]*=")
        for number in range(first, last + 1):
            if pattern.match(self.lines[number - 1]):
                return number
        return None  # absent (a library default) or written some other way: not for us


def header_index(text: str, data: Mapping[str, Any]) -> HeaderIndex | None:
    """The headers of `text` when its layout is plain enough to read exactly, else None."""
    if '"""' in text or "'''" in text:
        return None
    lines = text.split("\n")
    headers: list[tuple[int, bool, tuple[str, ...]]] = []
    for number, line in enumerate(lines, 1):
        if not line.lstrip(" \t").startswith("["):
            continue
        header = _HEADER.match(line)
        if header is None:
            return None  # a quoted key, or an array's own line: the full scanner knows
        opening, names, closing = header.groups()
        if len(opening) != len(closing):
            return None
        parts = tuple(part.strip() for part in names.split("."))
        headers.append((number, len(opening) == 2, parts))
    tables: dict[Path, tuple[int, int]] = {}
    counts: dict[Path, int] = {}
    order: list[Path] = []
    for number, is_array, names in headers:
        path: Path = ()
        for name in names[:-1]:
            path = (*path, name)
            if path in counts:
                path = (*path, counts[path])
        path = (*path, names[-1])
        if is_array:
            counts[path] = counts.get(path, -1) + 1
            tables.setdefault(path, (number, number))
            path = (*path, counts[path])
        if path in tables and not is_array:
            return None  # a table defined twice: an error the full scanner reports
        tables[path] = (number, number)
        order.append(path)
    if not _matches(data, counts):
        return None
    if not order:
        return HeaderIndex({}, len(lines) + 1, lines)
    ends = [tables[p][0] for p in order[1:]] + [len(lines) + 1]
    for path, end in zip(order, ends, strict=True):
        tables[path] = (tables[path][0], end - 1)
    return HeaderIndex(tables, tables[order[0]][0], lines)


def _matches(data: Mapping[str, Any], counts: dict[Path, int]) -> bool:
    """Each array of tables counted has exactly that many entries in the parsed data."""
    for path, last in counts.items():
        value: Any = data
        for part in path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return False
        if not isinstance(value, list) or len(value) != last + 1:
            return False
    return True
