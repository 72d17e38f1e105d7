"""A dialog that edits part of the protocol and checks the result on every keystroke.

Subclasses lay out their fields and say how to build the edited protocol from them; the
domain's edit functions do the checking, so the dialog shows exactly the rule a saved file
would break, and Apply is only possible when the result is valid.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Generic, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static, TextArea

from rehab.domain import dosage_input
from rehab.domain.editing import EditRejected
from rehab.domain.protocol import Protocol
from rehab.tui.text import literal

T = TypeVar("T")


def lines_of(text: str) -> list[str]:
    """A list field typed one item per line; blank lines are dropped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def whole_number(label: str, text: str) -> int:
    """The dose form's rule for counts, with the field's label in the message."""
    try:
        return dosage_input.whole_number(text)
    except ValueError as exc:
        raise EditRejected(f"{label} {exc}") from None


def optional_date(label: str, text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise EditRejected(f"{label} must be a date such as 2026-11-21") from None


def optional_text(text: str) -> str | None:
    return text.strip() or None


class _OwnKeys:
    """A field that runs its own key bindings (backspace, arrows, home...) itself.

    Textual runs a widget's bindings only when the key has bubbled back up to the app, against
    whatever has focus *then*: a backspace typed just before a Tab deleted in the next field.
    """

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls the _on_key of every class in the MRO; prevent_default stops the rest.
        bindings = self._bindings.key_to_bindings.get(event.key, ())  # type: ignore[attr-defined]
        for binding in bindings:
            if not binding.priority:
                event.stop()
                event.prevent_default()
                await self.app.run_action(binding.action, self)  # type: ignore[attr-defined]
                return


class FieldInput(_OwnKeys, Input):
    """An Input for forms that are typed into quickly (see `TYPE_AHEAD_BINDINGS`)."""


class FieldTextArea(_OwnKeys, TextArea):
    """A TextArea for forms that are typed into quickly (see `TYPE_AHEAD_BINDINGS`)."""


TYPE_AHEAD_BINDINGS: list[BindingType] = [
    # Priority: the focus moves as the Tab arrives, in the order typed. Otherwise the Tab went
    # to the field and back before it acted, and what was typed after it landed in the field
    # the clinician was leaving. The fields must be FieldInput/FieldTextArea, which handle the
    # keys typed before the Tab themselves.
    Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
    Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
]


class CheckedDialog(ModalScreen[T | None], Generic[T]):
    """Title, fields, the current problem, Apply and Cancel; dismisses with `result()`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "apply", "Apply", id="form.apply"),
    ]

    heading = ""
    apply_label = "Apply"
    AUTO_FOCUS = "Input"
    """Selector of the field that has focus when the dialog opens."""

    def compose_fields(self) -> ComposeResult:
        raise NotImplementedError
        yield

    def result(self) -> T:
        """The value to return; raise EditRejected with the reason when it is not valid."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(literal(self.heading), classes="dialog-title")
            with VerticalScroll(classes="form"):
                yield from self.compose_fields()
            yield Static(id="form-error", classes="field-error")
            with Horizontal(classes="buttons"):
                yield Button(self.apply_label, variant="primary", id="apply", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.validate_form()
        # Focusing the first field scrolls it into view, hiding the label above it.
        self.call_after_refresh(self.query_one(".form", VerticalScroll).scroll_home, animate=False)

    def validate_form(self) -> T | None:
        """Show why the form is not valid yet, or clear the message; return the result."""
        error = self.query_one("#form-error", Static)
        try:
            value = self.result()
        except EditRejected as exc:
            error.update(literal(str(exc)))
            error.display = True
            self.query_one("#apply", Button).disabled = True
            return None
        error.display = False
        self.query_one("#apply", Button).disabled = False
        return value

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        self.validate_form()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_apply()

    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        value = self.validate_form()
        if value is not None:
            self.dismiss(value)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class FormDialog(CheckedDialog[Protocol]):
    """A dialog whose result is the edited protocol."""

    def build(self) -> Protocol:
        raise NotImplementedError

    def result(self) -> Protocol:
        return self.build()
