"""Browse the exercise library: search as you type, see an entry in full before adding it."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from rehab.domain.exercise import Exercise
from rehab.domain.exercise_sheet import exercise_sheet
from rehab.domain.library import Library
from rehab.tui.text import literal


def exercise_detail(exercise: Exercise) -> Content:
    """The same sheet as `rehab show`, as literal text."""
    sheet = exercise_sheet(exercise)
    lines = [exercise.name, "", exercise.summary, "", f"id: {exercise.id}"]
    lines += [f"{label}: {value}" for label, value in sheet.facts]
    for title, items in sheet.sections:
        lines += ["", title, *items]
    return literal("\n".join(lines))


class LibraryScreen(Screen[None]):
    """Search field, result list and the selected entry in full."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="library.back"),
        Binding("ctrl+f", "focus_search", "Search", id="library.search"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Search name, muscle, equipment, component...", id="search")
        with Horizontal(id="library-body"):
            yield OptionList(id="results")
            with VerticalScroll(id="detail-scroll"):
                yield Static(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Exercise library"
        self.refresh_results("")
        self.query_one("#search", Input).focus()

    def refresh_results(self, query: str) -> None:
        results = self.query_one("#results", OptionList)
        hits = self.library.search(query)
        results.clear_options()
        results.add_options([Option(literal(f"{e.name}  ({e.category})"), id=e.id) for e in hits])
        if hits:
            results.highlighted = 0
            self.show(hits[0])
        else:
            self.query_one("#detail", Static).update(literal("No exercise matches."))

    def show(self, exercise: Exercise) -> None:
        self.query_one("#detail", Static).update(exercise_detail(exercise))

    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        self.refresh_results(event.value)

    @on(OptionList.OptionHighlighted, "#results")
    def _highlight(self, event: OptionList.OptionHighlighted) -> None:
        exercise = self.library.get(event.option.id or "")
        if exercise:
            self.show(exercise)

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()
