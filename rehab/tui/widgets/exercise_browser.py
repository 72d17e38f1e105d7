"""Search the library as you type, filter by category, and read an entry before choosing it.

The library screen and the "add exercise" dialog are the same browser, so what a clinician
learns in one works in the other.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from rehab.domain.exercise import Exercise
from rehab.domain.exercise_sheet import exercise_sheet
from rehab.domain.library import EntryUnavailable, ExerciseSummary, Library
from rehab.domain.text import fold
from rehab.tui.figure_cells import figure_cells
from rehab.tui.text import child_or_none, literal

SHOWN_MAX = 200
"""Results listed at once; more would only slow typing in a large library (type to narrow)."""

CATEGORIES: list[tuple[str, str]] = [
    ("All", "all"),
    ("Stretches", "stretch"),
    ("Strength", "strength"),
    ("Balance", "balance"),
    ("Mobility", "mobility"),
    ("Nerve glides", "nerve-glide"),
    ("Hops and jumps", "plyometric"),
]


FIGURE_COLUMNS = 40
"""Width of the drawn figure: it fits the detail pane of an 80-column terminal."""


def exercise_detail(exercise: Exercise) -> Content:
    """The same sheet as `rehab show`, as literal text, under the exercise's figure."""
    sheet = exercise_sheet(exercise)
    lines = [exercise.name, ""]
    if exercise.figure is not None:
        lines += [*figure_cells(exercise.figure, FIGURE_COLUMNS, bilateral=exercise.bilateral), ""]
    lines += [exercise.summary, "", f"id: {exercise.id}"]
    lines += [f"{label}: {value}" for label, value in sheet.facts]
    for title, items in sheet.sections:
        lines += ["", title, *items]
    return literal("\n".join(lines))


class ExerciseBrowser(Vertical):
    """Search field and category filter above, results and the highlighted entry below."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "focus_results", "Results", show=False),
        Binding("ctrl+f", "focus_search", "Search", id="browser.search"),
    ]

    class Chosen(Message):
        """The clinician picked an exercise (Enter on a result, or in the search field)."""

        def __init__(self, browser: ExerciseBrowser, exercise: Exercise) -> None:
            super().__init__()
            self.browser = browser
            self.exercise = exercise

        @property
        def control(self) -> ExerciseBrowser:
            return self.browser

    def __init__(self, library: Library, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library = library
        self.hits: list[ExerciseSummary] = []
        self._last: tuple[str, str | None] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="browser-bar"):
            yield Input(placeholder="Search name, muscle, equipment, component...", id="search")
            yield Select(CATEGORIES, value="all", allow_blank=False, id="category")
        with Horizontal(classes="browser-body"):
            yield OptionList(id="results")
            with VerticalScroll(id="detail-scroll"):
                yield Static(id="detail")

    def on_mount(self) -> None:
        search = child_or_none(self, "#search", Input)
        if search is None:  # the app is closing
            return
        self.refresh_results()
        search.focus()

    @property
    def highlighted(self) -> Exercise | None:
        index = self.query_one("#results", OptionList).highlighted
        shown = min(len(self.hits), SHOWN_MAX)
        return self._full(self.hits[index].id) if index is not None and index < shown else None

    def _full(self, exercise_id: str) -> Exercise | None:
        """The whole entry; a clinic file that broke since start is shown, not crashed on."""
        try:
            return self.library.get(exercise_id)
        except EntryUnavailable as problem:
            self.query_one("#detail", Static).update(literal(f"Cannot read this entry: {problem}"))
            return None

    def refresh_results(self) -> None:
        query = self.query_one("#search", Input).value
        value = self.query_one("#category", Select).value
        category = value if isinstance(value, str) and value != "all" else None
        folded = fold(query)
        narrowing = (
            self._last is not None
            and self._last[1] == category
            and folded.startswith(self._last[0])
        )
        self.hits = self.library.search(
            query, category=category, within=self.hits if narrowing else None
        )
        self._last = (folded, category)
        results = self.query_one("#results", OptionList)
        results.clear_options()
        shown = self.hits[:SHOWN_MAX]
        results.add_options([Option(literal(f"{e.name}  ({e.category})"), id=e.id) for e in shown])
        if len(self.hits) > SHOWN_MAX:
            more = len(self.hits) - SHOWN_MAX
            results.add_option(
                Option(literal(f"... and {more} more: type more to narrow"), disabled=True)
            )
        if shown:
            results.highlighted = 0
            self._show(shown[0].id)
        else:
            self.query_one("#detail", Static).update(literal("No exercise matches."))

    def _show(self, exercise_id: str) -> None:
        exercise = self._full(exercise_id)
        if exercise is not None:
            self.query_one("#detail", Static).update(exercise_detail(exercise))

    @on(Input.Changed, "#search")
    @on(Select.Changed, "#category")
    def _filter(self) -> None:
        self.refresh_results()

    @on(OptionList.OptionHighlighted, "#results")
    def _highlight(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option.id or "")

    @on(OptionList.OptionSelected, "#results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        exercise = self._full(event.option.id or "")
        if exercise:
            self.post_message(self.Chosen(self, exercise))

    @on(Input.Submitted, "#search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.highlighted is not None:
            self.post_message(self.Chosen(self, self.highlighted))

    def action_focus_results(self) -> None:
        self.query_one("#results", OptionList).focus()

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()
