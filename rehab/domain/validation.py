"""Turn parsed TOML data into models, and pydantic's errors into findings a clinician can act on.

pydantic's own messages ("Input should be a valid integer") name neither the key nor what was
wrong with the value as written in TOML; these say "expected a whole number, got text "3"" and
suggest the nearest key for a typo, because the reader is editing a file by hand.
"""

from __future__ import annotations

import types
import typing
from datetime import date, datetime, time
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from rehab.domain.findings import Code, Finding, Loc, Severity
from rehab.domain.goals import UNION_TAGS
from rehab.domain.protocol import SCHEMA_VERSION, V2_DOSAGE_KEYS, Protocol

M = TypeVar("M", bound=BaseModel)


def describe_value(value: object) -> str:
    """Name a TOML value's type in plain words, with a short excerpt of the value."""
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (true/false)"
    if isinstance(value, int):
        text = str(value) if abs(value) < 10**30 else f"a {len(str(abs(value)))}-digit number"
        return f"the whole number {text}"
    if isinstance(value, float):
        return f"the decimal number {value!r}"
    if isinstance(value, str):
        excerpt = value if len(value) <= 40 else value[:37] + "..."
        return f'text "{excerpt}"'
    if isinstance(value, datetime):
        return "a date with a time"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, time):
        return "a time of day"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


_EXPECTED = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "string_type": "text in quotes",
    "bool_type": "true or false",
    "date_type": "a date such as 2026-11-20 (no time)",
    "list_type": "a list in square brackets",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
    "url_type": "a web address in quotes",
}


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """Follow a model path to the model class that holds its last key."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    """Unwrap list[X], X | None and Annotated[X, ...] down to a model class, if there is one."""
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if isinstance(found, type) and issubclass(found, BaseModel):
                return found
        return None
    return annotation


def _message(error: ErrorDetails, model: type[BaseModel]) -> str:
    kind = error["type"]
    loc = tuple(error["loc"])
    value = error.get("input")
    ctx = error.get("ctx") or {}
    key = next((part for part in reversed(loc) if isinstance(part, str)), None)
    if kind == "missing":
        return f"required key '{key}' is missing"
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        known = sorted(parent.model_fields) if parent else []
        from difflib import get_close_matches  # only when a name is unknown

        hint = get_close_matches(str(key), known, n=1)
        suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
        allowed = f" Allowed keys: {', '.join(known)}." if known and not hint else ""
        return f"unknown key '{key}'{suggestion}{allowed}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        field_info = _field_bounds(model, loc)
        if field_info:
            low, high = field_info
            return f"must be between {low} and {high}, got {value!r}"
        bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        word = {"greater_than_equal": "at least", "less_than_equal": "at most"}.get(kind, "")
        return f"must be {word or 'within'} {bound}, got {value!r}"
    if kind == "finite_number":
        return "must be a finite number (nan and inf are not allowed)"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '?')}, got {describe_value(value)}"
    if kind in ("too_short", "too_long"):
        limit = ctx.get("min_length", ctx.get("max_length"))
        word = "at least" if kind == "too_short" else "at most"
        return f"must have {word} {limit} entries, got {ctx.get('actual_length', '?')}"
    if kind in ("string_too_short", "string_too_long"):
        if kind == "string_too_short":
            return "must not be empty"
        return f"is too long: at most {ctx.get('max_length')} characters"
    if kind in ("value_error", "assertion_error"):
        text = error["msg"]
        for prefix in ("Value error, ", "Assertion failed, "):
            text = text.removeprefix(prefix)
        return text
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {describe_value(value)}"
    return f"{error['msg']} (got {describe_value(value)})"


def _field_bounds(model: type[BaseModel], loc: Loc) -> tuple[str, str] | None:
    """Return (ge, le) of a numeric field so range errors state the whole range at once."""
    parent = _model_at(model, loc[:-1])
    key = loc[-1] if loc else None
    if parent is None or not isinstance(key, str) or key not in parent.model_fields:
        return None
    low = high = None
    for meta in parent.model_fields[key].metadata:
        low = getattr(meta, "ge", low) if getattr(meta, "ge", None) is not None else low
        high = getattr(meta, "le", high) if getattr(meta, "le", None) is not None else high
    if low is None or high is None:
        return None
    return f"{low:g}", f"{high:g}"


def _context(loc: Loc, data: object) -> tuple[int | None, str | None]:
    """The 1-based phase and the exercise id a path points into, when it points into one."""
    if len(loc) >= 2 and loc[0] == "phases" and isinstance(loc[1], int):
        phase = loc[1] + 1
        exercise = None
        if len(loc) >= 4 and loc[2] == "exercises" and isinstance(loc[3], int):
            try:
                raw = data["phases"][loc[1]]["exercises"][loc[3]]["exercise"]  # type: ignore[index]
            except (KeyError, IndexError, TypeError):
                raw = None
            exercise = raw if isinstance(raw, str) else None
        return phase, exercise
    return None, None


def errors_to_findings(
    exc: ValidationError, model: type[BaseModel], data: object, *, base: Loc = ()
) -> list[Finding]:
    """One `schema` finding per pydantic error, each with its path and a plain message."""
    findings = []
    for error in exc.errors(include_url=False):
        # A goal is text or a table: the tag pydantic adds to the path of such a union is not
        # a key of the file, so it is left out of the path and of the field the user reads.
        error["loc"] = tuple(part for part in error["loc"] if part not in UNION_TAGS)
        loc = base + tuple(error["loc"])
        phase, exercise = _context(tuple(error["loc"]), data)
        findings.append(
            Finding(
                Severity.ERROR,
                Code.SCHEMA,
                _message(error, model),
                loc=loc,
                phase=phase,
                exercise=exercise,
            )
        )
    return findings


def validate_model(model: type[M], data: object) -> tuple[M | None, list[Finding]]:
    """Validate data against a model; return the model or the findings, never raise."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, errors_to_findings(exc, model, data)


def parse_protocol(data: dict[str, Any]) -> tuple[Protocol | None, list[Finding]]:
    """Validate a parsed protocol file; a newer schema_version gets its own clear message."""
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        message = (
            f"schema_version {version} is newer than this rehab understands "
            f"({SCHEMA_VERSION}); update rehab"
        )
        return None, [Finding(Severity.ERROR, Code.SCHEMA, message, loc=("schema_version",))]
    problems = version_problems(data)
    if problems:
        return None, problems
    return validate_model(Protocol, data)


_V2_ONLY = ("starts", "pain_limit")


def _prescriptions(data: dict[str, Any]) -> list[tuple[Loc, dict[str, Any]]]:
    """Every prescription table of raw file data, with its path (malformed parts skipped:
    the model reports those)."""
    out: list[tuple[Loc, dict[str, Any]]] = []
    phases = data.get("phases")
    for p, phase in enumerate(phases if isinstance(phases, list) else []):
        exercises = phase.get("exercises") if isinstance(phase, dict) else None
        for e, item in enumerate(exercises if isinstance(exercises, list) else []):
            if isinstance(item, dict):
                out.append((("phases", p, "exercises", e), item))
    return out


def _goal_tables(data: dict[str, Any]) -> list[Loc]:
    """The path of every goal or move-on criterion of raw file data written as a table."""
    out: list[Loc] = []
    phases = data.get("phases")
    for p, phase in enumerate(phases if isinstance(phases, list) else []):
        for key in ("goals", "advance_when"):
            items = phase.get(key) if isinstance(phase, dict) else None
            for i, item in enumerate(items if isinstance(items, list) else []):
                if isinstance(item, dict):
                    out.append(("phases", p, key, i))
    return out


def version_problems(data: dict[str, Any]) -> list[Finding]:
    """Keys that the file's own schema_version does not define, each at its place.

    A version 1 file may not use the version 2 keys (it would silently mean something version 1
    does not say); a version 2 acknowledgement must say which phases it covers.
    """
    version = data.get("schema_version")
    out: list[Finding] = []

    def problem(loc: Loc, message: str) -> None:
        out.append(Finding(Severity.ERROR, Code.SCHEMA, message, loc=loc))

    upgrade = "needs schema_version = 2 (this file says 1; `rehab fmt --upgrade` converts it)"
    acks = data.get("acknowledged")
    acks = acks if isinstance(acks, list) else []
    if version == 1:
        for key in _V2_ONLY:
            if key in data:
                problem((key,), f"'{key}' {upgrade}")
        conditions = data.get("conditions")
        for i, item in enumerate(conditions if isinstance(conditions, list) else []):
            if isinstance(item, dict):
                problem(("conditions", i), f"a condition with side or weeks_since_onset {upgrade}")
        for i, ack in enumerate(acks):
            if isinstance(ack, dict) and "phases" in ack:
                problem(("acknowledged", i, "phases"), f"'phases' {upgrade}")
        for loc in _goal_tables(data):
            problem(loc, f"a measurable goal (a table with measure and target) {upgrade}")
        for loc, prescription in _prescriptions(data):
            for key in V2_DOSAGE_KEYS:
                if key in prescription:
                    problem((*loc, key), f"'{key}' {upgrade}")
            tempo = prescription.get("tempo")
            if isinstance(tempo, str) and tempo.count("-") == 3:
                problem((*loc, "tempo"), f"a four-part tempo (pause at the top) {upgrade}")
    elif version == 2:
        for i, ack in enumerate(acks):
            if isinstance(ack, dict) and "phases" not in ack:
                problem(
                    ("acknowledged", i, "phases"),
                    "required key 'phases' is missing: list the phases this acknowledgement "
                    "covers, e.g. phases = [1, 2]",
                )
    return out
