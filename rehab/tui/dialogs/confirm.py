"""Yes/no questions and the save/discard/cancel choice before losing unsaved edits."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from rehab.tui.text import literal

UnsavedChoice = Literal["save", "discard", "cancel"]


class ConfirmDialog(ModalScreen[bool]):
    """A question with a yes and a no button; Escape means no."""

    AUTO_FOCUS = "#no"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer(False)", "No", id="confirm.no"),
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n", "answer(False)", "No", show=False),
    ]

    def __init__(
        self,
        question: str,
        yes: str = "Yes",
        no: str = "No",
        *,
        detail: str | None = None,
        default_yes: bool = False,
    ) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no
        self.detail = detail
        if default_yes:  # Enter answers yes (restoring edits loses nothing; discarding does)
            self.AUTO_FOCUS = "#yes"  # type: ignore[misc]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog small" if self.detail is None else "dialog wide"):
            yield Static(literal(self.question), classes="question")
            if self.detail is not None:
                with VerticalScroll(classes="form"):
                    yield Static(literal(self.detail), id="detail")
            with Horizontal(classes="buttons"):
                yield Button(self.yes, variant="primary", id="yes", compact=True)
                yield Button(self.no, id="no", compact=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class UnsavedDialog(ModalScreen[UnsavedChoice]):
    """Asked before anything would throw away edits that are not saved."""

    AUTO_FOCUS = "#save"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "choose('cancel')", "Cancel", id="unsaved.cancel"),
        Binding("s", "choose('save')", "Save", show=False),
        Binding("d", "choose('discard')", "Discard", show=False),
    ]

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog small"):
            yield Static(
                literal(f"{self.what} has unsaved changes. Save them first?"), classes="question"
            )
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save", compact=True)
                yield Button("Discard", variant="error", id="discard", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice if choice in ("save", "discard") else "cancel")  # type: ignore[arg-type]
