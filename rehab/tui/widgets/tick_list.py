"""A list of rows ticked with Space, each saying "[x]" or "[ ]" in text.

Textual's SelectionList draws its tick box in colour only ("▐X▌" either way under NO_COLOR=1),
so a clinician could not tell which phases an acknowledgement covers; the conditions picker
has its own list for the same reason (rehab/tui/dialogs/conditions.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Generic, TypeVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from rehab.tui.text import literal

V = TypeVar("V")

TICKED, UNTICKED = "[x] ", "[ ] "


class TickList(OptionList, Generic[V]):
    """Rows of (label, value); Space ticks or unticks the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("space", "tick", "Tick", show=False)]

    def __init__(
        self, rows: Sequence[tuple[str, V]], ticked: Sequence[V] = (), *, id: str | None = None
    ) -> None:
        self.rows = list(rows)
        self.ticked: set[V] = set(ticked)
        super().__init__(*self._options(), id=id)

    def _options(self) -> list[Option]:
        return [
            Option(literal((TICKED if value in self.ticked else UNTICKED) + label))
            for label, value in self.rows
        ]

    @property
    def selected(self) -> list[V]:
        """The ticked values, in row order."""
        return [value for _, value in self.rows if value in self.ticked]

    def action_tick(self) -> None:
        index = self.highlighted
        if index is None or index >= len(self.rows):
            return
        value = self.rows[index][1]
        self.ticked.symmetric_difference_update({value})
        self.replace_option_prompt_at_index(
            index, literal((TICKED if value in self.ticked else UNTICKED) + self.rows[index][0])
        )
        self.post_message(self.Changed(self))

    class Changed(Message):
        """The ticks changed (a form re-checks itself)."""

        def __init__(self, tick_list: TickList[V]) -> None:
            super().__init__()
            self.tick_list = tick_list
