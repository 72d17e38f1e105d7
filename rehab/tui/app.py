"""The rehab Textual app. It takes its folders and library as arguments so tests use tmp_path."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from rehab.check import Context
from rehab.tui.screens.home import HomeScreen
from rehab.tui.screens.library import LibraryScreen
from rehab.tui.screens.protocol import ProtocolScreen


class RehabApp(App[None]):
    """Browse protocols, their findings and the exercise library."""

    CSS_PATH = "rehab.tcss"
    TITLE = "rehab"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("l", "library", "Library", id="app.library"),
    ]

    def __init__(self, context: Context, folder: Path, initial: Path | None = None) -> None:
        super().__init__()
        self.context = context
        self.folder = folder
        self.initial = initial

    def on_mount(self) -> None:
        self.push_screen(HomeScreen(self.folder, self.context))
        if self.initial is not None:
            self.action_open_protocol(self.initial)

    def action_open_protocol(self, path: Path) -> None:
        """Open one protocol on top of the list."""
        self.push_screen(ProtocolScreen(path, self.context))

    def action_library(self) -> None:
        """Open the library browser (not over itself)."""
        if not isinstance(self.screen, LibraryScreen):
            self.push_screen(LibraryScreen(self.context.library))


def run_app(args: argparse.Namespace) -> int:
    """Entry point used by `rehab` and `rehab edit [FILE]`."""
    from rehab.cli.context import ContextFailed, build_context

    try:
        context = build_context(args)
    except ContextFailed:
        return 1
    initial: Path | None = getattr(args, "file", None)
    if initial is not None and not initial.exists():
        print(
            f"rehab edit: {initial} does not exist; start it with `rehab new ID` "
            "(creating protocols in the editor is not in this version yet)",
            file=sys.stderr,
        )
        return 2
    folder = initial.parent if initial is not None else Path("protocols")
    RehabApp(context, folder, initial).run()
    return 0
