"""Pick the patient's conditions from the catalog, searchable by code, name or description."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from rehab.domain.conditions import Catalog
from rehab.domain.text import fold
from rehab.tui.text import literal


class ConditionsDialog(ModalScreen[list[str] | None]):
    """Space toggles a condition; Apply returns the codes (already chosen ones keep their order).

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
        self.chosen = list(current)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(
                literal("Patient conditions: type to filter, Space to tick, Enter to apply"),
                classes="dialog-title",
            )
            yield Input(placeholder="Filter conditions...", compact=True, id="filter")
            yield SelectionList[str](id="catalog")
            yield Static(id="chosen", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Apply", variant="primary", id="apply", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.refilter("")

    def refilter(self, query: str) -> None:
        words = fold(query).split()
        listing = self.query_one("#catalog", SelectionList)
        listing.clear_options()
        for condition in self.catalog.conditions:
            haystack = fold(f"{condition.code} {condition.name} {condition.description}")
            if all(word in haystack for word in words):
                listing.add_option(
                    Selection(
                        literal(f"{condition.name} ({condition.code})"),
                        condition.code,
                        condition.code in self.chosen,
                    )
                )
        self._show_chosen()

    def _show_chosen(self) -> None:
        text = ", ".join(self.chosen) if self.chosen else "none"
        self.query_one("#chosen", Static).update(literal(f"Chosen: {text}"))

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        self.refilter(event.value)

    @on(SelectionList.SelectionToggled, "#catalog")
    def _toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        code = event.selection.value
        if code in self.chosen:
            self.chosen.remove(code)
        else:
            self.chosen.append(code)
        self._show_chosen()

    @on(Input.Submitted, "#filter")
    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        self.dismiss(self.chosen)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_focus_list(self) -> None:
        listing = self.query_one("#catalog", SelectionList)
        if listing.highlighted is None and listing.option_count:
            listing.highlighted = 0
        listing.focus()
