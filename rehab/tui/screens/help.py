"""Keys of the screen below, with what they do, plus the symbols used in the tree."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from rehab.tui.text import literal

LEGEND = (
    "Symbols: ✖ error (blocks export), ▲ warning, · info. Severity is also written as a word "
    "in the findings list, so everything reads without colour (NO_COLOR=1).",
    "Every change is checked at once; ctrl+s saves atomically in the canonical layout; "
    "ctrl+z undoes. Nothing is written until you save.",
    "ctrl+p opens the command palette: open a protocol, add an exercise, toggle a "
    "condition, export.",
)


HELP_TEXT = {
    "protocol.save": "Save the protocol (asks before overwriting a file changed on disk)",
    "protocol.add_exercise": "Add an exercise after the cursor: search, Enter, then set the dose",
    "protocol.add_phase": "Add a phase after the cursor's phase",
    "protocol.conditions": "Pick the patient's conditions from the catalog",
    "protocol.scope": "Side and weeks since onset of each condition",
    "protocol.export": "Export the patient handout (PDF); refused while there are errors",
    "protocol.edit": "Edit the line under the cursor (Enter does the same)",
    "protocol.remove": "Remove the exercise, phase or acknowledgement under the cursor",
    "protocol.move_up": "Move it up (an exercise crosses into the phase above)",
    "protocol.move_down": "Move it down (an exercise crosses into the phase below)",
    "protocol.progress": "Swap the exercise for its harder version (progression)",
    "protocol.regress": "Swap the exercise for its easier version (regression)",
    "protocol.acknowledge": "Acknowledge a contraindication, with your reason",
    "protocol.findings": "Go to the findings list (Enter on one jumps to its line)",
    "protocol.tree": "Go back to the protocol tree",
    "protocol.reload": "Reload the file from disk",
    "protocol.back": "Back to the protocol list (asks about unsaved changes)",
    "home.new": "Start a new protocol from a template or blank",
    "app.library": "Browse the exercise library",
    "app.quit": "Quit (asks about unsaved changes)",
}
"""Longer descriptions than fit in the footer, by binding id."""


ENTER_HELP = {
    "HomeScreen": "Open the highlighted protocol",
    "ProtocolScreen": "Edit the line under the cursor",
}
"""Enter is handled by each screen's list or tree, so no binding of the screen names it."""


def key_lines(screen: Screen[object], app_bindings: list[BindingType]) -> list[tuple[str, str]]:
    """One line per binding of the screen and the app: keys as displayed, and description.

    A screen binding that runs an app action ("app.library") and the app's own binding of it
    ("library") are one key: listed once, with the screen's line.
    """
    lines: list[tuple[str, str]] = []
    enter = ENTER_HELP.get(type(screen).__name__)
    if enter:
        lines.append(("enter", enter))
    index: dict[str, int] = {}
    for binding in [*screen.BINDINGS, *app_bindings]:
        if not isinstance(binding, Binding) or not binding.description:
            continue
        action = binding.action.removeprefix("app.")
        keys = ", ".join(screen.app.get_key_display(Binding(k, "")) for k in binding.key.split(","))
        if action in index:  # the same action on more keys: one line with all of them
            known, text = lines[index[action]]
            new = [k for k in keys.split(", ") if k not in known.split(", ")]
            lines[index[action]] = (", ".join([known, *new]), text)
            continue
        index[action] = len(lines)
        lines.append((keys, HELP_TEXT.get(binding.id or "", binding.description)))
    return lines


class HelpScreen(ModalScreen[None]):
    """Shown with ? or F1; any of Escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, title: str, lines: list[tuple[str, str]]) -> None:
        super().__init__()
        self.heading = title
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(literal(f"Keys: {self.heading}  (Esc closes)"), classes="dialog-title")
            with VerticalScroll(classes="form"):
                yield Static(self._table(), id="help-keys")
                yield Static(literal("\n\n".join(LEGEND)), classes="hint")

    def _table(self) -> Table:
        """Keys and descriptions in two columns; cells are Text, never markup."""
        table = Table(show_header=False, box=None, padding=(0, 1), expand=True)
        table.add_column(no_wrap=True, style="bold")
        table.add_column(ratio=1)
        for keys, text in self.lines:
            table.add_row(Text(keys), Text(text))
        return table

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss()
