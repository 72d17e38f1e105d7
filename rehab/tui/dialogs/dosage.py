"""Edit one prescription's dosage and notes, with every field validated as it is typed.

Only the keys the exercise can take are offered (no reps on a hold), each field says what a
blank means and what is sensible, and Apply stays disabled while any field is rejected, so
nothing invalid reaches the protocol.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Select, Static, TextArea

from rehab.domain.dosage import Frequency
from rehab.domain.dosage_input import (
    FIELD_LABELS,
    TEXT_KEYS,
    dose_warnings,
    field_hint,
    form_values,
    keys_for,
    modes_for,
    read_dosage_form,
    sides_for,
)
from rehab.domain.dosage_text import frequency_words
from rehab.domain.editing import EditRejected
from rehab.domain.exercise import Exercise
from rehab.domain.protocol import DOSAGE_KEYS, Prescription
from rehab.tui.dialogs.form import CheckedDialog
from rehab.tui.text import literal

FREQUENCIES: tuple[str, ...] = Frequency.__args__  # type: ignore[attr-defined]
CHOICE_KEYS = ("side", "mode", "frequency")


class DosageDialog(CheckedDialog[Prescription]):
    """The dosage form; dismisses with the new prescription, or None when cancelled."""

    def __init__(self, exercise: Exercise, prescription: Prescription, where: str) -> None:
        super().__init__()
        self.exercise = exercise
        self.prescription = prescription
        self.heading = f"Dosage: {exercise.name}, {where}"
        self.keys = keys_for(exercise)

    def _choices(self, key: str) -> list[tuple[str, str]]:
        hint = field_hint(self.exercise, key)
        if key == "mode":
            # Only the modes the entry allows; blank is the standard way.
            return [("(blank = standard)", ""), *((v, v) for v in modes_for(self.exercise)[1:])]
        values = sides_for(self.exercise) if key == "side" else FREQUENCIES
        if key == "side":
            return [(f"({hint})", ""), *((v, v) for v in values)]
        return [(f"({hint})", ""), *((f"{v}: {frequency_words(v)}", v) for v in values)]

    def compose_fields(self) -> ComposeResult:
        start = form_values(self.prescription)
        dropped = [k for k in DOSAGE_KEYS if start[k] and k not in self.keys]
        if start["side"] not in ("", *sides_for(self.exercise)):
            dropped.append("side")
            start["side"] = ""
        if start["mode"] == "standard" or (
            "mode" in self.keys and start["mode"] not in ("", *modes_for(self.exercise))
        ):
            if start["mode"] != "standard":
                dropped.append("mode")
            start["mode"] = ""
        if dropped:
            yield Static(
                literal(
                    f"{', '.join(dropped)} does not fit {self.exercise.name} "
                    "and will be removed on Apply."
                ),
                classes="field-error",
            )
        if self.prescription.schedule:
            weeks = ", ".join(str(step.from_week) for step in self.prescription.schedule)
            yield Static(
                literal(
                    f"The week-by-week schedule (from week {weeks}) is kept as it is; "
                    "change it in the protocol file."
                ),
                id="schedule-note",
                classes="hint",
            )
        for key in self.keys:
            with Horizontal(classes="field"):
                yield Label(FIELD_LABELS[key], classes="notes-label")
                if key in CHOICE_KEYS:
                    yield Select(
                        self._choices(key),
                        value=start[key],
                        allow_blank=False,
                        compact=True,
                        id=f"field-{key}",
                    )
                else:
                    yield Input(
                        start[key],
                        placeholder=field_hint(self.exercise, key),
                        compact=True,
                        id=f"field-{key}",
                    )
            if key not in CHOICE_KEYS:
                # Stays once the clinician types (a placeholder would vanish), and turns into
                # the dose check's warning while the value is outside the sensible range.
                yield Static(
                    literal(field_hint(self.exercise, key)),
                    id=f"hint-{key}",
                    classes="hint range-hint",
                )
            yield Static(id=f"error-{key}", classes="field-error")
        yield Static(id="daily-warning", classes="field-warning")
        for key in TEXT_KEYS:
            yield Label(FIELD_LABELS[key], classes="notes-label")
            yield TextArea(start[key], compact=True, id=f"field-{key}", classes="notes")
            yield Static(id=f"error-{key}", classes="field-error")

    def texts(self) -> dict[str, str]:
        """What every field holds now, as text ('' for a library default)."""
        out: dict[str, str] = {}
        for key in self.keys:
            if key in CHOICE_KEYS:
                value = self.query_one(f"#field-{key}", Select).value
                out[key] = value if isinstance(value, str) else ""
            else:
                out[key] = self.query_one(f"#field-{key}", Input).value
        for key in TEXT_KEYS:
            out[key] = self.query_one(f"#field-{key}", TextArea).text
        return out

    def result(self) -> Prescription:
        """Show each field's reason for rejection under it; the prescription when all pass."""
        form = read_dosage_form(self.exercise, self.texts(), self.prescription)
        for key in (*self.keys, *TEXT_KEYS):
            error = self.query_one(f"#error-{key}", Static)
            message = form.errors.get(key, "")
            error.update(literal(f"{FIELD_LABELS[key]} {message}" if message else ""))
            error.display = bool(message)
        self._show_warnings(form.prescription)
        if form.prescription is None:
            count = len(form.errors)
            raise EditRejected(f"{count} field{'s' if count > 1 else ''} to fix (see above)")
        return form.prescription

    def _show_warnings(self, prescription: Prescription | None) -> None:
        """Under each number: its sensible range, or "▲ ..." while the value is outside it."""
        warnings = dose_warnings(self.exercise, prescription) if prescription else {}
        for key in self.keys:
            if key in CHOICE_KEYS:
                continue
            hint = self.query_one(f"#hint-{key}", Static)
            warning = warnings.get(key)
            text = f"▲ {warning} (a warning: Apply is allowed)" if warning else None
            hint.update(literal(text or field_hint(self.exercise, key)))
            hint.set_class(bool(warning), "field-warning")
        daily = self.query_one("#daily-warning", Static)
        daily.update(literal(f"▲ {warnings['']}" if "" in warnings else ""))
        daily.display = "" in warnings
