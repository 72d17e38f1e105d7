"""Browse the exercise library on its own: search as you type, see an entry in full."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header

from rehab.domain.library import Library
from rehab.tui.widgets.exercise_browser import ExerciseBrowser


class LibraryScreen(Screen[None]):
    """The library browser full screen; exercises are added from a protocol with `a`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="library.back"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        yield Header()
        yield ExerciseBrowser(self.library, id="browser")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Exercise library"
