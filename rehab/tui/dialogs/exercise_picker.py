"""Pick an exercise to add: the library browser in a dialog that returns the chosen id."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from rehab.domain.library import Library
from rehab.tui.text import literal
from rehab.tui.widgets.exercise_browser import ExerciseBrowser


class ExercisePicker(ModalScreen[str | None]):
    """Search, read, press Enter: the exercise id, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
    ]

    def __init__(self, library: Library, where: str) -> None:
        super().__init__()
        self.library = library
        self.where = where

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(
                literal(f"Add an exercise to {self.where} (Enter adds, Esc cancels)"),
                classes="dialog-title",
            )
            yield ExerciseBrowser(self.library, id="browser")

    @on(ExerciseBrowser.Chosen)
    def _chosen(self, event: ExerciseBrowser.Chosen) -> None:
        self.dismiss(event.exercise.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
