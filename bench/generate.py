"""Generated inputs for the benchmarks: protocol folders and a large exercise library."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
EXERCISES = ROOT / "rehab" / "data" / "exercises"


def protocols(folder: Path, count: int) -> list[Path]:
    """`count` valid protocols made from the shipped templates, each with its own id."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(TEMPLATES.glob("*.toml"))
    written = []
    for index in range(count):
        text = sources[index % len(sources)].read_text("utf-8")
        old = re.search(r'(?m)^id = "([^"]+)"', text)
        assert old is not None
        new_id = f"{old.group(1)}-{index:05d}"
        path = folder / f"{new_id}.toml"
        path.write_text(text.replace(f'id = "{old.group(1)}"', f'id = "{new_id}"', 1), "utf-8")
        written.append(path)
    return written


def largest_template() -> Path:
    """The template with the most prescriptions: the heaviest handout we ship."""
    return max(sorted(TEMPLATES.glob("*.toml")), key=lambda p: p.read_text().count("exercise ="))


AN_HOUR_AGO_NS = time.time_ns() - 3_600 * 10**9


def library(folder: Path, count: int) -> Path:
    """A clinic library folder of `count` entries, variants of the built-in ones."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = [p.read_text("utf-8") for p in sorted(EXERCISES.glob("*.toml"))]
    for index in range(count):
        text = sources[index % len(sources)]
        old_id = re.search(r'(?m)^id = "([^"]+)"', text)
        old_name = re.search(r'(?m)^name = "([^"]+)"', text)
        assert old_id is not None and old_name is not None
        new_id = f"{old_id.group(1)}-v{index:05d}"
        text = text.replace(f'id = "{old_id.group(1)}"', f'id = "{new_id}"', 1)
        text = text.replace(
            f'name = "{old_name.group(1)}"', f'name = "{old_name.group(1)} variant {index}"', 1
        )
        text = re.sub(r"(?m)^(progressions|regressions) = \[[^\]]*\]", r"\1 = []", text)
        path = folder / f"{new_id}.toml"
        path.write_text(text, "utf-8")
        # As in a clinic repository checked out earlier: files written this very second are
        # never trusted from the library index, so fresh ones would all be parsed again.
        os.utime(path, ns=(AN_HOUR_AGO_NS, AN_HOUR_AGO_NS))
    return folder
