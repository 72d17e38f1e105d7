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

from rehab.domain.dosage_text import describe_dosage
from rehab.domain.exercise import Exercise
from rehab.domain.library import Library
from rehab.domain.resolve import default_dosage
from rehab.tui.text import literal


def exercise_detail(exercise: Exercise) -> Content:
    """Everything a clinician reads before prescribing, as literal text."""
    default = describe_dosage(default_dosage(exercise), unilateral=not exercise.bilateral)
    lines = [
        exercise.name,
        "",
        exercise.summary,
        "",
        f"id: {exercise.id}",
        f"{exercise.category}, {exercise.dosing}, {exercise.laterality}, {exercise.position}",
        f"muscles: {', '.join(exercise.muscles)}",
        f"equipment: {', '.join(exercise.equipment) or 'none'}"
        + ("; partner needed" if exercise.partner else ""),
        f"components: {', '.join(exercise.components)}",
        f"default: {default}",
    ]
    if exercise.progressions:
        lines.append(f"progress to: {', '.join(exercise.progressions)}")
    if exercise.regressions:
        lines.append(f"regress to: {', '.join(exercise.regressions)}")
    lines += ["", "Instructions"]
    lines += [f"{i}. {step}" for i, step in enumerate(exercise.instructions, 1)]
    for title, items in (
        ("Tips", exercise.tips),
        ("Mistakes", exercise.mistakes),
        ("Stop if", exercise.stop_if),
    ):
        if items:
            lines += ["", title, *(f"- {item}" for item in items)]
    lines += ["", f"source: {exercise.source}"]
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
