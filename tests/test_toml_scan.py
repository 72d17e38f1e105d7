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
