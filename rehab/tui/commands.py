"""Command palette (ctrl+p): open a protocol, add an exercise, toggle a condition, export.

Commands are built from what is on screen: exercise and condition commands appear only while
a protocol is open, so the palette never offers something that cannot be done.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from rehab.tui.text import clean, highlight_literal, literal

if TYPE_CHECKING:
    from rehab.tui.app import RehabApp

Command = tuple[str, Callable[[], object], str]


def palette_commands(app: RehabApp, screen: Screen[object]) -> list[Command]:
    """(text, callback, help) for every command that applies on `screen`."""
    from rehab.tui.screens.protocol import ProtocolScreen

    commands: list[Command] = [
        ("New protocol", app.action_new_protocol, "From a template or blank"),
        ("Exercise library", app.action_library, "Browse and search every exercise"),
    ]
    for path in app.protocol_files():
        commands.append(
            (f"Open protocol: {path.name}", partial(app.open_protocol, path), str(path))
        )
    if isinstance(screen, ProtocolScreen) and screen.protocol is not None:
        commands += [
            ("Save", screen.action_save, "Write the protocol (ctrl+s)"),
            ("Export PDF", screen.action_export, "Print the patient handout"),
        ]
        for exercise in screen.context.library:
            commands.append(
                (
                    f"Add exercise: {exercise.name}",
                    partial(screen.action_add_exercise, exercise.id),
                    f"{exercise.category}; {', '.join(exercise.muscles)}",
                )
            )
        for condition in screen.context.catalog.conditions:
            state = "remove" if condition.code in screen.protocol.condition_codes else "add"
            commands.append(
                (
                    f"Toggle condition: {condition.name}",
                    partial(screen.toggle_condition, condition.code),
                    f"{state} {condition.code}",
                )
            )
    return [(clean(text), callback, clean(help_text)) for text, callback, help_text in commands]


class RehabCommands(Provider):
    """The app's own commands, matched fuzzily by Textual's matcher."""

    def _commands(self) -> list[Command]:
        from rehab.tui.app import RehabApp

        app = self.app
        return palette_commands(app, self.screen) if isinstance(app, RehabApp) else []

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands()[:6]:
            yield DiscoveryHit(literal(text), callback, help=literal(help_text))  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    highlight_literal(matcher, text),
                    callback,
                    help=literal(help_text),  # type: ignore[arg-type]  # Content, not markup
                )
