"""The header index answers only what the full scanner would answer, or nothing.

It is a shortcut for placing findings on lines (rehab/storage/toml_lines.py): wherever it gives
a line, that line must be the full scanner's, on every TOML file of the repository, the
generated benchmark protocols, hand-written layouts that trip simple readers, and random
documents as tomli-w writes them.
"""

from __future__ import annotations

import tomllib
from pathlib import Path as FsPath

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from rehab.storage.toml_lines import header_index
from rehab.storage.toml_scan import scan
from tests.conftest import ROOT

REPO_TOML = sorted(
    p for p in ROOT.rglob("*.toml") if ".venv" not in p.parts and ".git" not in p.parts
)

TRICKY = [
    # Array of arrays: a line starting with [[ that is no header.
    'x = [\n  [1, 2],\n  [3],\n]\n[[phases]]\nname = "a"\n',
    # A quoted key in a header.
    '[["phases"]]\nname = "a"\n[["phases"]]\nname = "b"\n',
    # A multi-line string holding a header-like line.
    'notes = """\n[[phases]]\nreps = 3\n"""\n[[phases]]\nreps = 4\n',
    # Dotted keys inside a table.
    "[[phases]]\nexercises.reps = 3\nname = 'x'\n",
    # Inline array of tables: no header at all.
    'phases = [{ name = "a" }, { name = "b" }]\n',
    # Indented headers and comments after them.
    "  [[phases]]  # first\n  name = 'a'\n  [[phases.exercises]]\n  reps = 2\n",
    # A table that is also given by a dotted key elsewhere.
    "[a]\nb = 1\n[a.c]\nd = 2\n",
]


def _agrees(text: str) -> int:
    """Compare on every path the scanner saw and on some it did not; the number answered."""
    data = tomllib.loads(text)
    index = header_index(text, data)
    if index is None:
        return 0
    full = scan(text)
    answered = 0
    paths = list(full.lines)
    paths += [(*p, "no-such-key") for p in full.lines] + [("no-such-key",)]
    for path in paths:
        fast = index.line_of(path)
        if fast is not None:
            answered += 1
            assert fast == full.line_of(path), (path, fast, full.line_of(path), text)
    return answered


@pytest.mark.parametrize("path", REPO_TOML, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_repository_toml_file(path: FsPath) -> None:
    text = path.read_text(encoding="utf-8")
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        pytest.skip("a fixture that is meant not to parse")
    _agrees(text)


def test_the_canonical_protocols_are_answered_by_the_index() -> None:
    """What it is for: the files rehab writes are read by the index, not the full scan."""
    answered = [_agrees(p.read_text(encoding="utf-8")) for p in (ROOT / "templates").glob("*.toml")]
    assert all(count > 10 for count in answered)


@pytest.mark.parametrize("text", TRICKY)
def test_layouts_that_trip_simple_readers(text: str) -> None:
    _agrees(text)


def test_generated_benchmark_protocols(tmp_path: FsPath) -> None:
    from bench import generate

    generate.protocols(tmp_path, 40)
    for path in tmp_path.glob("*.toml"):
        _agrees(path.read_text(encoding="utf-8"))


_KEY = st.sampled_from(["name", "reps", "sets", "notes", "weeks", "x-y", "a_b"])
_VALUE = st.one_of(
    st.integers(-5, 100),
    st.text(alphabet=st.sampled_from(list('ab "#=[]\n\\x')), max_size=12),
    st.lists(st.integers(0, 9), max_size=3),
    st.lists(st.lists(st.integers(0, 9), max_size=2), max_size=2),
)
_TABLE = st.dictionaries(_KEY, _VALUE, max_size=4)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(_KEY, _VALUE, max_size=3),
    st.lists(
        st.tuples(_TABLE, st.lists(_TABLE, max_size=3)),
        max_size=4,
    ),
    st.booleans(),
)
def test_random_documents_as_tomli_w_writes_them(
    top: dict[str, object],
    phases: list[tuple[dict[str, object], list[dict[str, object]]]],
    multiline: bool,
) -> None:
    data: dict[str, object] = dict(top)
    if phases:
        data["phases"] = [{**phase, "exercises": list(exercises)} for phase, exercises in phases]
    text = tomli_w.dumps(data, multiline_strings=multiline)
    _agrees(text)
