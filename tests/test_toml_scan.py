"""The position scanner: lines of key paths, duplicates, comments outside strings."""

from __future__ import annotations

import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from rehab.storage.toml_scan import scan

CONTRACT_EXAMPLE = '''\
schema_version = 1
id = "pfp-calf-mobility"                 # slug
title = "Calf # not a comment"
notes = """
# not a comment either
"""
conditions = [
    "patellofemoral-pain",  # a comment in an array
    "fall-risk",
]

[[phases]]
name = "Weeks 1-2"
weeks = 2

[[phases.exercises]]
exercise = "a"
sets = 3

[[phases.exercises]]
exercise = "b"
hold_seconds = 30

[[phases]]
name = "It's #2"
exercises = [ { exercise = "c", sets = 2 }, { exercise = "d" } ]

[[acknowledged]]
condition = "x"
inline = { a.b = 1, c = "#" }
'''


def test_lines_of_nested_paths() -> None:
    found = scan(CONTRACT_EXAMPLE)
    assert found.line_of(("id",)) == 2
    assert found.line_of(("conditions", 1)) == 9
    assert found.line_of(("phases", 0)) == 12
    assert found.line_of(("phases", 0, "weeks")) == 14
    assert found.line_of(("phases", 0, "exercises", 0, "sets")) == 18
    assert found.line_of(("phases", 0, "exercises", 1, "hold_seconds")) == 22
    assert found.line_of(("phases", 1, "name")) == 25
    assert found.line_of(("phases", 1, "exercises", 1, "exercise")) == 26
    assert found.line_of(("acknowledged", 0, "inline", "a", "b")) == 30
    # A path the scanner never saw falls back to its nearest ancestor.
    assert found.line_of(("phases", 0, "exercises", 1, "reps")) == 20


def test_comments_are_found_only_outside_strings() -> None:
    assert tomllib.loads(CONTRACT_EXAMPLE)  # the example itself is valid TOML
    assert scan(CONTRACT_EXAMPLE).comments == [2, 8]


def test_duplicates_are_reported_with_both_lines() -> None:
    found = scan("a = 1\n[t]\nb = 1\nb = 2\n[[arr]]\nb = 1\n[[arr]]\nb = 2\n")
    assert found.duplicates == [(("t", "b"), 4, 3)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("[]{}\"'=.,#\n\\ abc123-_tu")), max_size=200))
def test_scanner_never_raises_on_any_text(text: str) -> None:
    scan(text)


# Values of every kind a string can take: quotes, backslashes, newlines, '#', "= " and
# three quotes in a row, which the scanner's fast paths must leave to the full loops.
_TRICKY_STRINGS = st.text(alphabet=st.sampled_from(list("ab \"'\\\n\t#=[]{}é")), max_size=30)
_SCALARS = st.one_of(_TRICKY_STRINGS, st.integers(), st.booleans(), st.lists(_TRICKY_STRINGS))


@settings(max_examples=300, deadline=None)
@given(st.lists(_SCALARS, min_size=1, max_size=8), st.booleans())
def test_every_key_is_found_on_its_own_line(values: list[object], multiline: bool) -> None:
    """Each key of a file as tomli-w writes it (multi-line strings included) is found on the
    line it starts on, counted independently from the text written before it."""
    import tomli_w

    data = {f"k{i}": value for i, value in enumerate(values)}
    text = tomli_w.dumps(data, multiline_strings=multiline)
    found = scan(text)
    for i in range(len(values)):
        before = tomli_w.dumps(dict(list(data.items())[:i]), multiline_strings=multiline)
        assert found.line_of((f"k{i}",)) == before.count("\n") + 1
    assert found.duplicates == []
    assert found.comments == []  # every '#' here is inside a string
