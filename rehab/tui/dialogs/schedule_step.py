"""Add or change one step of a prescription's week-by-week schedule, checked as it is typed.

Opened from the dose form. Only the keys the exercise can change under the form's mode are
offered; the week and every value say at their field why they are refused, and Apply stays
disabled until the step is valid, so the dose form only ever holds steps the checks accept.
"""

from __future__ import annotations

from typing import ClassVar, get_args

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Input, Label, Select, Static

from rehab.domain.dosage import Frequency
from rehab.domain.dosage_input import FIELD_LABELS
from rehab.domain.dosage_text import frequency_words
from rehab.domain.editing import EditRejected
from rehab.domain.exercise import Exercise
from rehab.domain.protocol import Prescription, ScheduleStep
from rehab.domain.resolve import resolve_dosage
from rehab.domain.schedule_input import (
    read_step_form,
    schedule_warnings,
    step_keys_for,
    step_values,
    with_step,
)
from rehab.tui.dialogs.form import TYPE_AHEAD_BINDINGS, CheckedDialog, FieldInput
from rehab.tui.text import literal

FREQUENCIES: tuple[str, ...] = get_args(Frequency)


class ScheduleStepDialog(CheckedDialog[ScheduleStep]):
    """One schedule step's form; dismisses with the step, or None when cancelled.

    `base` is the prescription as the dose form holds it now (its schedule included), so the
    hints say what each key is in the weeks before and the warnings are the week's own.
    `index` is the step being changed, None for a new one.
    """

    # A step is typed in one go ("3", Tab, "20", Enter): each key must land in its field.
    BINDINGS: ClassVar[list[BindingType]] = TYPE_AHEAD_BINDINGS

    def __init__(
        self,
        exercise: Exercise,
        base: Prescription,
        weeks: int | None,
        where: str,
        index: int | None = None,
    ) -> None:
        super().__init__()
        self.exercise = exercise
        self.base = base
        self.weeks = weeks
        self.index = index
        self.schedule = list(base.schedule or [])
        self.step = self.schedule[index] if index is not None else None
        self.keys = step_keys_for(exercise, base.mode)
        verb = "Change the" if index is not None else "New"
        self.heading = f"{verb} schedule step: {exercise.name}, {where}"

    def _taken(self) -> set[int]:
        return {s.from_week for i, s in enumerate(self.schedule) if i != self.index}

    def _week_hint(self) -> str:
        if self.weeks is None:
            return "2 or later"
        if self.weeks < 2:
            return "the phase has 1 week: lengthen the phase to change the dose inside it"
        return f"2 to {self.weeks} (week 1 is the dose in the form)"

    def compose_fields(self) -> ComposeResult:
        start = step_values(self.step)
        yield Static(
            "From this week of the phase on, the values given here replace the dose. "
            "Leave a field blank to keep it as it was the week before.",
            classes="hint",
        )
        with Horizontal(classes="field"):
            yield Label(FIELD_LABELS["from_week"], classes="notes-label")
            yield FieldInput(
                start["from_week"], placeholder="e.g. 3", compact=True, id="step-from_week"
            )
        yield Static(literal(self._week_hint()), classes="hint range-hint")
        yield Static(id="step-error-from_week", classes="field-error")
        for key in self.keys:
            with Horizontal(classes="field"):
                yield Label(FIELD_LABELS[key], classes="notes-label")
                if key == "frequency":
                    choices = [(f"{v}: {frequency_words(v)}", v) for v in FREQUENCIES]
                    yield Select(
                        [("(blank = as before)", ""), *choices],
                        value=start[key],
                        allow_blank=False,
                        compact=True,
                        id=f"step-{key}",
                    )
                else:
                    yield FieldInput(start[key], compact=True, id=f"step-{key}")
            if key != "frequency":
                yield Static(id=f"step-hint-{key}", classes="hint range-hint")
            yield Static(id=f"step-error-{key}", classes="field-error")
        yield Static(id="step-warning", classes="field-warning")

    def texts(self) -> dict[str, str]:
        """What every field holds now, as text ('' for a key the step leaves as it was)."""
        out = {"from_week": self.query_one("#step-from_week", Input).value}
        for key in self.keys:
            if key == "frequency":
                value = self.query_one(f"#step-{key}", Select).value
                out[key] = value if isinstance(value, str) else ""
            else:
                out[key] = self.query_one(f"#step-{key}", Input).value
        return out

    def result(self) -> ScheduleStep:
        """Show each field's reason under it, and the week's warnings; the step when valid."""
        texts = self.texts()
        form = read_step_form(self.exercise, self.base.mode, texts, self.weeks, self._taken())
        # A new step's blank week is said once below, not as a refusal at the field.
        unstarted = not texts["from_week"].strip()
        for key in ("from_week", *self.keys):
            error = self.query_one(f"#step-error-{key}", Static)
            message = "" if key == "from_week" and unstarted else form.errors.get(key, "")
            error.update(literal(f"{FIELD_LABELS[key]} {message}" if message else ""))
            error.display = bool(message)
        self._show_warnings(form.step, texts["from_week"])
        if form.step is None:
            if unstarted and set(form.errors) <= {"from_week", ""}:
                also = ", and at least one value it changes" if "" in form.errors else ""
                raise EditRejected(f"Give the week this step starts from{also}")
            if "" in form.errors:
                raise EditRejected(f"This step changes nothing yet: {form.errors['']}")
            count = len(form.errors)
            raise EditRejected(f"{count} field{'s' if count > 1 else ''} to fix (see above)")
        return form.step

    def _before(self, week_text: str) -> dict[str, str]:
        """What each value is in the week before this step: a blank field keeps it."""
        others = [s for i, s in enumerate(self.schedule) if i != self.index]
        before = self.base.model_copy(update={"schedule": others or None})
        week = int(week_text) if week_text.strip().isdigit() else 2
        dose = resolve_dosage(before, self.exercise, max(1, min(week, 52) - 1))
        out: dict[str, str] = {}
        for key in self.keys:
            value = getattr(dose, key, None)
            if value is None:
                out[key] = "body weight" if key == "load_kg" else "none"
            else:
                out[key] = f"{value:g}" if isinstance(value, float) else str(value)
        return out

    def _show_warnings(self, step: ScheduleStep | None, week_text: str) -> None:
        """Under each value: what it was the week before, or "▲ ..." while the week's dose is
        outside the sensible range there (the warning `rehab check` will give)."""
        found: list[tuple[str, str]] = []
        if step is not None:
            schedule = with_step(self.schedule, step, self.index)
            placed = self.base.model_copy(update={"schedule": schedule})
            at = next(i for i, s in enumerate(schedule) if s is step)
            found = schedule_warnings(self.exercise, placed).get(at, [])
        before = self._before(week_text)
        rest = []
        by_key: dict[str, str] = {}
        for key, message in found:
            if key in self.keys and key != "frequency" and key not in by_key:
                by_key[key] = message
            else:
                rest.append(message)
        for key in self.keys:
            if key == "frequency":
                continue
            hint = self.query_one(f"#step-hint-{key}", Static)
            warning = by_key.get(key)
            text = f"▲ {warning} (a warning: Apply is allowed)" if warning else None
            hint.update(literal(text or f"blank = as before ({before[key]})"))
            hint.set_class(bool(warning), "field-warning")
        daily = self.query_one("#step-warning", Static)
        daily.update(literal("\n".join(f"▲ {m} (a warning: Apply is allowed)" for m in rest)))
        daily.display = bool(rest)
