"""Edit one prescription's dosage, schedule and notes, with every field validated as it is typed.

Only the keys the exercise can take are offered (no reps on a hold), each field says what a
blank means and what is sensible, and Apply stays disabled while any field is rejected, so
nothing invalid reaches the protocol. The week-by-week schedule is a list of steps edited one
at a time in their own form (`ScheduleStepDialog`); the whole dose, schedule included, is one
edit of the protocol, so ctrl+z on the protocol screen undoes it at once.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

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
from rehab.domain.protocol import DOSAGE_KEYS, Prescription, ScheduleStep
from rehab.domain.schedule_input import schedule_warnings, step_summary, with_step
from rehab.tui.dialogs.form import CheckedDialog
from rehab.tui.dialogs.schedule_step import ScheduleStepDialog
from rehab.tui.text import literal

FREQUENCIES: tuple[str, ...] = Frequency.__args__  # type: ignore[attr-defined]
CHOICE_KEYS = ("side", "mode", "frequency")


class DosageDialog(CheckedDialog[Prescription]):
    """The dosage form; dismisses with the new prescription, or None when cancelled.

    `weeks` is the length of the phase: a schedule step must start inside it.
    """

    def __init__(
        self, exercise: Exercise, prescription: Prescription, where: str, weeks: int | None = None
    ) -> None:
        super().__init__()
        self.exercise = exercise
        self.prescription = prescription
        self.where = where
        self.weeks = weeks
        self.heading = f"Dosage: {exercise.name}, {where}"
        self.keys = keys_for(exercise)
        self.schedule = list(prescription.schedule or [])
        """The schedule as the form holds it now: changed only by the step form."""

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
        yield from self._compose_schedule()
        for key in TEXT_KEYS:
            yield Label(FIELD_LABELS[key], classes="notes-label")
            yield TextArea(start[key], compact=True, id=f"field-{key}", classes="notes")
            yield Static(id=f"error-{key}", classes="field-error")

    def _compose_schedule(self) -> ComposeResult:
        yield Label("Week-by-week schedule", classes="notes-label")
        yield Static(id="schedule-hint", classes="hint")
        yield OptionList(id="schedule", compact=True)
        yield Static(id="error-schedule", classes="field-error")
        with Horizontal(classes="buttons schedule-buttons"):
            yield Button("Add step", id="step-add", compact=True)
            yield Button("Edit step", id="step-edit", compact=True)
            yield Button("Remove step", id="step-remove", compact=True)

    def _show_schedule(self, prescription: Prescription | None) -> None:
        """List the steps, each with the dose checks' warnings for its week."""
        hint = self.query_one("#schedule-hint", Static)
        listing = self.query_one("#schedule", OptionList)
        short = self.weeks is not None and self.weeks < 2
        weeks = f" (weeks 2-{self.weeks})" if self.weeks and self.weeks > 1 else ""
        if short:
            text = "The phase has 1 week: lengthen it to change the dose week by week."
        elif not self.schedule:
            text = (
                f"From a later week of the phase{weeks}, change part of the dose: "
                "Add step, e.g. from week 3: reps 20."
            )
        else:
            text = "Each step changes the dose from its week on; Enter on one edits it."
        hint.update(literal(text))
        self.query_one("#step-add", Button).disabled = short
        warnings = schedule_warnings(self.exercise, prescription) if prescription else {}
        highlighted = listing.highlighted
        listing.clear_options()
        for index, step in enumerate(self.schedule):
            lines = [step_summary(step), *(f"  ▲ {m}" for _, m in warnings.get(index, []))]
            listing.add_option(Option(literal("\n".join(lines)), id=f"step-{index}"))
        listing.display = bool(self.schedule)
        if self.schedule:
            listing.highlighted = min(highlighted or 0, len(self.schedule) - 1)
        for button in ("#step-edit", "#step-remove"):
            self.query_one(button, Button).disabled = not self.schedule

    def _base(self) -> Prescription:
        """The prescription as the form holds it now, for the step form's hints and checks;
        while a field is refused, the one being edited under the mode chosen now."""
        texts = self.texts()
        form = read_dosage_form(self.exercise, texts, schedule=self.schedule, weeks=self.weeks)
        if form.prescription is not None:
            return form.prescription
        mode = texts.get("mode") or None
        update = {"schedule": self.schedule or None, "mode": mode}
        return self.prescription.model_copy(update=update)

    def _open_step(self, index: int | None) -> None:
        def done(step: ScheduleStep | None) -> None:
            if step is not None:
                self.schedule = with_step(self.schedule, step, index)
                self.validate_form()
                listing = self.query_one("#schedule", OptionList)
                listing.highlighted = next(i for i, s in enumerate(self.schedule) if s is step)

        dialog = ScheduleStepDialog(self.exercise, self._base(), self.weeks, self.where, index)
        self.app.push_screen(dialog, done)

    @on(Button.Pressed, "#step-add")
    def _add_step(self) -> None:
        self._open_step(None)

    @on(Button.Pressed, "#step-edit")
    @on(OptionList.OptionSelected, "#schedule")
    def _edit_step(self) -> None:
        index = self.query_one("#schedule", OptionList).highlighted
        if index is not None and index < len(self.schedule):
            self._open_step(index)

    @on(Button.Pressed, "#step-remove")
    def _remove_step(self) -> None:
        index = self.query_one("#schedule", OptionList).highlighted
        if index is not None and index < len(self.schedule):
            del self.schedule[index]
            self.validate_form()

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
        form = read_dosage_form(
            self.exercise, self.texts(), schedule=self.schedule, weeks=self.weeks
        )
        for key in (*self.keys, "schedule", *TEXT_KEYS):
            error = self.query_one(f"#error-{key}", Static)
            message = form.errors.get(key, "")
            error.update(literal(f"{FIELD_LABELS[key]} {message}" if message else ""))
            error.display = bool(message)
        self._show_warnings(form.prescription)
        self._show_schedule(form.prescription)
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
