"""Property-based tests: any valid protocol survives save/load and export; no input crashes check.

Hypothesis builds protocols from the model's own limits, so these cover combinations no one
would write by hand (empty phases, unicode names, every optional key left out or set).
"""

from __future__ import annotations

import contextlib
import io
import tempfile
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFont

import rehab.handout
from rehab.check import Context, review
from rehab.cli.main import main
from rehab.domain.dosage_text import describe_dosage
from rehab.domain.findings import has_errors
from rehab.domain.protocol import Prescription, Protocol
from rehab.domain.resolve import resolve_dosage
from rehab.domain.text import is_slug
from rehab.handout.render import HandoutOptions, render_handout
from rehab.storage.library_files import load_catalog, load_library
from rehab.storage.protocol_files import dumps_protocol, load_protocol, save_protocol

CONTEXT = Context(load_library(), load_catalog())
EXERCISES = sorted(CONTEXT.library.ids)
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

line_text = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters=BIDI),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip() != "")
long_text = st.text(
    st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters=BIDI + "\r",
        whitelist_categories=("L", "N", "P", "S", "Zs", "Cc"),
    ).filter(lambda c: c == "\n" or not (ord(c) < 32 or 0x7F <= ord(c) <= 0x9F)),
    min_size=1,
    max_size=120,
).filter(lambda t: t.strip() != "")
# Characters the handout font (DejaVu Sans) has glyphs for. Text outside it (an unassigned
# code point, a rare modifier letter such as U+02EF) prints as a blank: this property found
# that; it is recorded in the README as a known limit, so the export property stays inside.
# Right-to-left text is left out too: a left-to-right handout does not lay it out.
_FONT = TTFont("probe", str(Path(rehab.handout.__file__).parent / "fonts" / "DejaVuSans.ttf"))
_PRINTABLE = sorted(
    chr(cp)
    for cp in _FONT.face.charToGlyph
    if cp < 0x10000
    and unicodedata.category(chr(cp))[0] in "LNPS"
    and unicodedata.bidirectional(chr(cp)) not in ("R", "AL", "AN", "NSM")  # left-to-right only
    # Hebrew and Arabic presentation forms: U+FB29 (a Hebrew plus sign, bidi "ES") prints in
    # place, but pypdf's text extraction moves it past the next comma, so the sentence read
    # back differs from the sentence printed.
    and not (0xFB1D <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF)
)
printable_text = st.text(st.sampled_from(_PRINTABLE), min_size=1, max_size=30)
slug = st.from_regex(r"\A[a-z0-9]{3,10}(-[a-z0-9]{1,8}){0,3}\Z").filter(is_slug)
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def prescriptions(draw: st.DrawFn, text: st.SearchStrategy[str] = line_text) -> dict[str, Any]:
    exercise = CONTEXT.library.get(draw(st.sampled_from(EXERCISES)))
    assert exercise is not None
    data: dict[str, Any] = {"exercise": exercise.id}
    r = exercise.ranges
    optional = {
        "sets": st.integers(r.sets.min, r.sets.max),
        "rest_seconds": st.integers(0, 120),
        "times_per_day": st.integers(r.times_per_day.min, r.times_per_day.max),
        "frequency": st.sampled_from(["daily", "every-other-day", "3x-week"]),
        "side": st.sampled_from(["both"] if exercise.bilateral else ["both", "left", "right"]),
        "notes": text,
        "load": text,
    }
    if exercise.dosing == "hold" and r.hold_seconds:
        optional["hold_seconds"] = st.integers(max(5, r.hold_seconds.min), r.hold_seconds.max)
    elif r.reps:
        optional["reps"] = st.integers(r.reps.min, r.reps.max)
        optional["tempo"] = st.sampled_from(["3-0-1", "2-1-2", "1-0-1"])
    for key, strategy in optional.items():
        if draw(st.booleans()):
            data[key] = draw(strategy)
    return data


@st.composite
def protocols(draw: st.DrawFn, text: st.SearchStrategy[str] = line_text) -> Protocol:
    created = draw(days)
    phases = [
        {
            "name": draw(line_text),
            "weeks": draw(st.integers(1, 8)),
            "goals": draw(st.lists(line_text, max_size=2)),
            "advance_when": draw(st.lists(line_text, max_size=2)),
            "exercises": draw(st.lists(prescriptions(text), max_size=3)),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    data: dict[str, Any] = {
        "schema_version": 1,
        "id": draw(slug),
        "title": draw(line_text),
        "clinician": draw(line_text),
        "created": created,
        "conditions": [],
        "phases": phases,
    }
    if draw(st.booleans()):
        data["summary"] = draw(long_text)
    if draw(st.booleans()):
        data["internal_notes"] = draw(long_text)
    if draw(st.booleans()):
        data["tags"] = draw(st.lists(line_text, max_size=3, unique=True))
    return Protocol.model_validate(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(protocols())
def test_any_valid_protocol_round_trips_through_save_and_load(protocol: Protocol) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{protocol.id}.toml"
        save_protocol(protocol, path)
        loaded = load_protocol(path)
        assert loaded.findings == [] and loaded.protocol == protocol
        assert dumps_protocol(loaded.protocol) == path.read_text("utf-8")  # stable


def _words(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(protocols(printable_text))
def test_any_valid_protocol_exports_with_every_name_and_number(protocol: Protocol) -> None:
    findings = review(protocol, CONTEXT)
    assume(not has_errors(findings))
    pdf = render_handout(
        protocol,
        CONTEXT.library,
        CONTEXT.catalog,
        findings,
        HandoutOptions(issue_date=date(2026, 1, 1), version="sha256:000000000000"),
    )
    text = _words(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    for phase in protocol.phases:
        for prescription in phase.exercises:
            exercise = CONTEXT.library.get(prescription.exercise)
            assert exercise is not None
            assert _words(exercise.name) in text
            dose = describe_dosage(
                resolve_dosage(prescription, exercise), unilateral=not exercise.bilateral
            )
            assert _words(dose) in text  # the whole sentence, so every number in its place


def _check_exit(data: bytes) -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input.toml"
        path.write_bytes(data)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--no-color", "check", str(path)])
        return code, out.getvalue() + err.getvalue()


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash_check(data: bytes) -> None:
    code, output = _check_exit(data)
    assert code in (0, 1) and "internal error" not in output and "Traceback" not in output


toml_values = st.recursive(
    st.none().map(lambda _: "1")
    | st.integers().map(str)
    | st.floats(allow_nan=True).map(lambda f: repr(f).replace("inf", "inf"))
    | st.text(max_size=10).map(lambda t: '"' + t.replace("\\", "").replace('"', "") + '"')
    | st.booleans().map(lambda b: str(b).lower())
    | days.map(str),
    lambda inner: st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
    max_leaves=6,
)
toml_keys = st.sampled_from(
    [
        "schema_version",
        "id",
        "title",
        "clinician",
        "created",
        "conditions",
        "phases",
        "sets",
        "reps",
        "exercise",
        "weeks",
        "name",
        "acknowledged",
        "x",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(toml_keys, toml_values), max_size=8), st.booleans())
def test_arbitrary_toml_never_crashes_check(pairs: list[tuple[str, str]], phase: bool) -> None:
    text = "\n".join(f"{k} = {v}" for k, v in pairs)
    if phase:
        text += "\n[[phases]]\n" + "\n".join(f"{k} = {v}" for k, v in pairs[:3])
    code, output = _check_exit(text.encode("utf-8", "surrogatepass"))
    assert code in (0, 1) and "internal error" not in output and "Traceback" not in output


def test_prescription_strategy_makes_valid_models() -> None:
    """The strategy itself: its dicts are prescriptions the model accepts."""

    @settings(max_examples=30, deadline=None)
    @given(prescriptions())
    def check(data: dict[str, Any]) -> None:
        Prescription.model_validate(data)

    check()
