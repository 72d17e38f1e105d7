"""Every way a file can be broken gets a clear toml-syntax finding with its line, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from rehab.check import Context, check_file
from rehab.domain.findings import Code, Severity
from rehab.storage.toml_read import MAX_FILE_BYTES, TomlProblem, read_toml_bytes

GOOD = (Path(__file__).parent / "fixtures" / "rules" / "valid" / "sets-range.toml").read_bytes()


def _only_error(path: Path, context: Context) -> tuple[str, int | None]:
    loaded = check_file(path, context)
    assert loaded.protocol is None
    [finding] = loaded.findings
    assert finding.severity is Severity.ERROR
    assert finding.code is Code.TOML_SYNTAX
    return finding.message, finding.line


@pytest.mark.parametrize(
    ("data", "words", "line"),
    [
        (b"\xef\xbb\xbf" + GOOD, "byte-order mark", 1),
        (b"\xff\xfeu\x00", "UTF-16", 1),
        (b'title = "a"\nid = "b\x00c"\n', "NUL byte", 2),
        (b'title = "a"\n\nid = "caf\xe9"\n', "not valid UTF-8", 3),
        (
            b'schema_version = 1\ntitle = "a"\ntitle = "b"\n',
            "'title' is defined twice (first on line 2)",
            3,
        ),
        (b"[[phases]]\nname = 'a'\nname = 'b'\n", "'phases.name' is defined twice", 3),
        (b'schema_version = 1\ntitle = "unterminated\n', "invalid TOML", 2),
        (b"a = " + b"[" * 10_000 + b"]" * 10_000 + b"\n", "nested too deeply", None),
        (b"a = " + b"9" * 5_000 + b"\n", "too many digits", None),
        (b"x = 1\n[a]\nb = 1\n[a]\nc = 2\n", "defined twice", 4),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL byte", 3),
        (b"", "required key", None),
    ],
    ids=[
        "bom",
        "utf16",
        "nul",
        "bad-utf8",
        "duplicate-key",
        "duplicate-in-table",
        "syntax",
        "deep-nesting",
        "huge-integer",
        "duplicate-table",
        "binary",
        "empty",
    ],
)
def test_bad_input_is_reported_with_its_line(
    tmp_path: Path, context: Context, data: bytes, words: str, line: int | None
) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(data)
    loaded = check_file(path, context)
    errors = [f for f in loaded.findings if f.severity is Severity.ERROR]
    assert errors, loaded.findings
    assert any(words in f.message for f in errors), [f.message for f in errors]
    if line is not None:
        assert errors[0].line == line


def test_file_over_the_size_cap_is_refused_unparsed(tmp_path: Path, context: Context) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    message, _ = _only_error(path, context)
    assert "limit is 1,048,576 bytes" in message


def test_syntax_error_keeps_line_and_column() -> None:
    with pytest.raises(TomlProblem) as info:
        read_toml_bytes(b"a = 1\nb = = 2\n")
    assert (info.value.line, info.value.column) == (2, 5)
    assert str(info.value).startswith("invalid TOML: ")


def test_position_scan_happens_only_when_a_finding_needs_it() -> None:
    document = read_toml_bytes(GOOD)
    assert document._scan is None
    # A plain key of a prescription: the header index answers, no full scan.
    assert document.line_of(("phases", 0, "exercises", 1, "hold_seconds")) == 25
    assert document._scan is None
    # An absent key (its nearest ancestor's line): only the full scanner answers that.
    assert document.line_of(("phases", 0, "exercises", 1, "tempo")) is not None
    assert document._scan is not None
