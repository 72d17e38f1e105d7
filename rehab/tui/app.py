"""The rehab Textual app. It takes its folders and library as arguments so tests use tmp_path."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType

from rehab.check import Context
from rehab.session import EditSession
from rehab.storage.protocol_files import load_protocol_bytes
from rehab.storage.protocol_paths import PathProblem, protocols_in
from rehab.storage.recovery import default_recovery_dir, drop_copy, orphan_copies
from rehab.storage.templates import default_clinician, template_protocols
from rehab.tui.commands import RehabCommands
from rehab.tui.dialogs.confirm import ConfirmDialog
from rehab.tui.dialogs.new_protocol import NewProtocolDialog
from rehab.tui.screens.help import HelpScreen, key_lines
from rehab.tui.screens.home import HomeScreen
from rehab.tui.screens.library import LibraryScreen
from rehab.tui.screens.protocol import ProtocolScreen
from rehab.tui.text import tell


class RehabApp(App[None]):
    """Open, compose, check, save and export protocols."""

    CSS_PATH = Path(__file__).parent / "rehab.tcss"  # absolute: subclasses live elsewhere
    TITLE = "rehab"
    COMMANDS = App.COMMANDS | {RehabCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit"),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("l", "library", "Library", show=False, id="app.library"),
    ]

    def __init__(
        self,
        context: Context,
        folder: Path,
        initial: Path | None = None,
        exports_dir: Path = Path("exports"),
        templates_dir: Path = Path("templates"),
        recovery_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self.folder = folder
        self.initial = initial
        self.exports_dir = exports_dir
        self.templates_dir = templates_dir
        self.recovery_dir = recovery_dir

    def on_mount(self) -> None:
        self.push_screen(HomeScreen(self.folder, self.context))
        if self.initial is not None:
            if self.initial.exists():
                self.open_protocol(self.initial)
            else:
                self.action_new_protocol(self.initial)
        elif self.recovery_dir is not None:
            self.offer_unsaved_new_protocols()

    @work
    async def offer_unsaved_new_protocols(self) -> None:
        """Offer back new protocols an earlier session never saved (a crash, a closed terminal).

        One at a time; one restored opens in the editor and the rest wait for the next start.
        """
        assert self.recovery_dir is not None
        for copy in orphan_copies(self.recovery_dir, self.folder):
            loaded = load_protocol_bytes(copy.path, copy.text.encode("utf-8"))
            if loaded.protocol is None:
                continue
            restore = await self.push_screen_wait(
                ConfirmDialog(
                    f"A new protocol, {copy.path.name}, was never saved: the app closed first. "
                    "Restore it? It stays unsaved until you press ctrl+s.",
                    "Restore",
                    "Discard it",
                )
            )
            if not restore:
                drop_copy(self.recovery_dir, copy.path)
                continue
            session = EditSession.new(
                copy.path, loaded.protocol, self.context, recovery_dir=self.recovery_dir
            )
            self.push_screen(ProtocolScreen(session))
            tell(self, "New protocol restored; review it, then save with ctrl+s.")
            return

    def protocol_files(self) -> list[Path]:
        """Protocols in the app's folder (none when it is missing or empty)."""
        return protocols_in(self.folder)

    def editor(self) -> ProtocolScreen | None:
        """The open protocol, if any (at most one is open at a time)."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, ProtocolScreen):
                return screen
        return None

    @work
    async def open_protocol(self, path: Path) -> None:
        """Open a protocol, first settling unsaved edits of the one already open."""
        if not await self._close_editor():
            return
        try:
            session = EditSession.open(path, self.context)
        except PathProblem as exc:
            tell(self, str(exc), severity="error")
            return
        session.recovery_dir = self.recovery_dir
        self.push_screen(ProtocolScreen(session))

    async def _close_editor(self) -> bool:
        editor = self.editor()
        if editor is None:
            return True
        if not await editor.settle_unsaved():
            return False
        while self.screen is not editor:
            self.pop_screen()
        self.pop_screen()
        return True

    @work
    async def action_new_protocol(self, fixed_path: Path | None = None) -> None:
        """Start a protocol from a template or blank; it is written on the first save."""
        if not await self._close_editor():
            return
        dialog = NewProtocolDialog(
            self.folder,
            template_protocols(self.templates_dir),
            default_clinician(),
            date.today(),
            fixed_path,
        )
        created = await self.push_screen_wait(dialog)
        if created is not None:
            session = EditSession.new(
                created.path, created.protocol, self.context, recovery_dir=self.recovery_dir
            )
            self.push_screen(ProtocolScreen(session))

    def action_library(self) -> None:
        """Open the library browser (not over itself)."""
        if not isinstance(self.screen, LibraryScreen):
            self.push_screen(LibraryScreen(self.context.library))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            title = self.screen.sub_title or "rehab"
            self.push_screen(HelpScreen(title, key_lines(self.screen, self.BINDINGS)))

    async def action_quit(self) -> None:
        self._quit_when_settled()

    @work(exclusive=True, group="quit")
    async def _quit_when_settled(self) -> None:
        editor = self.editor()
        if editor is not None and not await editor.settle_unsaved():
            return
        self.exit()


def run_app(args: argparse.Namespace) -> int:
    """Entry point used by `rehab` and `rehab edit [FILE]`."""
    from rehab.cli.context import ContextFailed, build_context

    try:
        context = build_context(args)
    except ContextFailed:
        return 1
    initial: Path | None = getattr(args, "file", None)
    folder = initial.parent if initial is not None else Path("protocols")
    RehabApp(context, folder, initial, recovery_dir=default_recovery_dir()).run()
    return 0
