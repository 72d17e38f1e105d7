"""Pick the patient's conditions from the catalog, searchable by code, name or description.

An OptionList of our own rather than Textual's SelectionList: its tick box is drawn in colour
only ("▐X▌" either way under NO_COLOR=1), Enter toggles instead of applying, and long codes
were cut. Here each row says "[x]" or "[ ]" in text, long rows wrap, Space ticks, Enter
applies, and typing while the list has focus goes on filtering.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from rehab.domain.conditions import Catalog
from rehab.domain.text import fold
from rehab.tui.text import literal

TICKED, UNTICKED = "[x] ", "[ ] "


class CatalogList(OptionList):
    """The catalog rows: Space ticks the highlighted row, Enter applies, letters filter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "screen.tick", "Tick", show=False),
        Binding("enter", "screen.apply", "Apply", show=False),
    ]

    def on_key(self, event: events.Key) -> None:
        if event.key == "backspace" or (event.is_printable and event.character not in (None, " ")):
            event.stop()
            event.prevent_default()
            self.screen.type_into_filter(event)  # type: ignore[attr-defined]


class ConditionsDialog(ModalScreen[list[str] | None]):
    """Space toggles a condition; Enter or Apply returns the codes (chosen ones keep their order).

    Filtering hides conditions but never unticks them: the choice is kept in `chosen`.
    """

    AUTO_FOCUS = "#filter"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="conditions.cancel"),
        Binding("ctrl+s", "apply", "Apply", id="conditions.apply"),
        Binding("down", "focus_list", "List", show=False),
    ]

    def __init__(self, catalog: Catalog, current: list[str]) -> None:
        super().__init__()
        self.catalog = catalog
        # An old code (an alias such as achilles-repair-early) is shown ticked under the
        # catalog's current code; ticking that code again must not add the condition twice.
        self.chosen = [catalog.canonical(code) or code for code in current]
        self.shown: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(
                literal("Patient conditions: type to filter, Space to tick, Enter to apply"),
                classes="dialog-title",
            )
            yield Input(placeholder="Filter conditions...", compact=True, id="filter")
            yield CatalogList(id="catalog")
            yield Static(id="chosen", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Apply", variant="primary", id="apply", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.refilter("")

    def _row(self, code: str) -> Option:
        condition = self.catalog.get(code)
        name = condition.name if condition is not None else code
        mark = TICKED if code in self.chosen else UNTICKED
        return Option(literal(f"{mark}{name} ({code})"), id=code)

    def refilter(self, query: str) -> None:
        words = fold(query).split()
        listing = self.query_one("#catalog", CatalogList)
        highlighted = listing.highlighted
        self.shown = [
            c.code
            for c in self.catalog.conditions
            if all(w in fold(f"{c.code} {c.name} {c.description}") for w in words)
        ]
        listing.clear_options()
        listing.add_options([self._row(code) for code in self.shown])
        if highlighted is not None and self.shown:
            listing.highlighted = min(highlighted, len(self.shown) - 1)
        self._show_chosen()

    def _show_chosen(self) -> None:
        text = ", ".join(self.chosen) if self.chosen else "none"
        self.query_one("#chosen", Static).update(literal(f"Chosen: {text}"))

    def type_into_filter(self, event: events.Key) -> None:
        """A letter typed on the list filters, as the title promises; the list keeps focus."""
        box = self.query_one("#filter", Input)
        if event.key == "backspace":
            box.value = box.value[:-1]
        elif event.character:
            box.value += event.character
        box.cursor_position = len(box.value)

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        self.refilter(event.value)

    def action_tick(self) -> None:
        listing = self.query_one("#catalog", CatalogList)
        if listing.highlighted is None or not self.shown:
            return
        code = self.shown[listing.highlighted]
        if code in self.chosen:
            self.chosen.remove(code)
        else:
            self.chosen.append(code)
        listing.replace_option_prompt_at_index(listing.highlighted, self._row(code).prompt)
        self._show_chosen()

    @on(OptionList.OptionSelected, "#catalog")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        # A mouse click selects a row: tick it (Enter is bound to apply, so never lands here).
        event.stop()
        self.action_tick()

    @on(Input.Submitted, "#filter")
    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        self.dismiss(self.chosen)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_focus_list(self) -> None:
        listing = self.query_one("#catalog", CatalogList)
        if listing.highlighted is None and listing.option_count:
            listing.highlighted = 0
        listing.focus()
