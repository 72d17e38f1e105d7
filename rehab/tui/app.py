"""The rehab Textual app. It takes its folders and library as arguments so tests use tmp_path."""

from __future__ import annotations

import argparse
import asyncio
import threading
from collections.abc import Callable
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType

from rehab.storage.protocol_paths import PathProblem, protocols_in
from rehab.storage.recovery import default_recovery_dir, drop_copy, orphan_copies
from rehab.tui.commands import RehabCommands
from rehab.tui.screens.help import HelpScreen, key_lines
from rehab.tui.screens.home import HomeScreen
from rehab.tui.text import tell

if TYPE_CHECKING:
    from rehab.check import Context
    from rehab.tui.screens.protocol import ProtocolScreen

# Builds the library and catalog; run in a thread after the first frame (see RehabApp).
ContextLoader = Callable[[], "Context"]


class RehabApp(App[None]):
    """Open, compose, check, save and export protocols.

    The library and catalog (pydantic, the models, every entry) take longer to load than
    Textual takes to draw, so the app can be given a loader instead of a loaded context: the
    protocol list is drawn from file names first, the loader runs in a thread, and the titles,
    error counts and every action that needs the library follow when it is done. The screens
    of the editor are imported on first use for the same reason.
    """

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
        context: Context | ContextLoader,
        folder: Path,
        initial: Path | None = None,
        exports_dir: Path = Path("exports"),
        templates_dir: Path = Path("templates"),
        recovery_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self._library_context: Context | None = None
        self._loader: ContextLoader | None = None
        if callable(context):
            self._loader = context
        else:
            self._library_context = context
        self._context_ready = asyncio.Event()
        # Why the app could not start (the library did not load); run_app reports it.
        self.startup_error: Exception | None = None
        self.folder = folder
        self.initial = initial
        self.exports_dir = exports_dir
        self.templates_dir = templates_dir
        self.recovery_dir = recovery_dir

    def _fatal_error(self) -> None:
        """Textual's crash report, without the locals of each frame: they can hold the
        patient's name typed at export (tracebacks must never show it)."""
        import rich
        from rich.segment import Segments
        from rich.traceback import Traceback

        self.bell()
        traceback = Traceback(show_locals=False, width=None, suppress=[rich])
        self._exit_renderables.append(
            Segments(self.console.render(traceback, self.console.options))
        )
        self._close_messages_no_wait()

    @property
    def context(self) -> Context:
        """The loaded library and catalog; only for code that runs after `loaded_context`."""
        if self._library_context is None:
            raise RuntimeError("the library is not loaded yet; await loaded_context() first")
        return self._library_context

    async def loaded_context(self) -> Context:
        """The library and catalog, once the loader has built them.

        A clinic library's first load can take seconds: past a moment, say why a key seems
        to do nothing (the built-in library loads well within it, so no message flashes).
        """
        try:
            await asyncio.wait_for(self._context_ready.wait(), timeout=0.3)
        except TimeoutError:
            tell(self, "Loading the exercise library; this goes on as soon as it is ready.")
            await self._context_ready.wait()
        return self.context

    def on_mount(self) -> None:
        self.push_screen(HomeScreen(self.folder))
        if self._library_context is not None:
            self._use_context(self._library_context)
        else:
            # After the first frame: a thread started now would hold the GIL while Textual
            # draws it (Python threads take turns).
            self.call_after_refresh(self._load_context)
        if self.initial is not None:
            if self.initial.exists():
                self.open_protocol(self.initial)
            else:
                self.action_new_protocol(self.initial)
        elif self.recovery_dir is not None:
            self.offer_unsaved_new_protocols()

    def _load_context(self) -> None:
        """Load the library in a daemon thread of our own, not a Textual thread worker.

        A worker runs in asyncio's default executor, which the event loop joins when the app
        closes: quitting during the first load of a 13,000-entry clinic library waited for
        the load to finish (seconds). A daemon thread is left behind when the process exits;
        what it writes (the library index) is written atomically, so nothing is half-written.
        """
        threading.Thread(target=self._load_in_thread, name="library-load", daemon=True).start()

    def _load_in_thread(self) -> None:
        assert self._loader is not None
        try:
            context = self._loader()
        except Exception as exc:  # reported by run_app after the app has closed
            self._from_thread(self._context_failed, exc)
            return
        self._from_thread(self._use_context, context)

    def _from_thread(self, callback: Callable[..., object], *args: object) -> None:
        """Hand a result to the app, unless it has closed meanwhile."""
        if not self.is_running:
            return
        with suppress(RuntimeError):  # the app closed between the test and the call
            self.call_from_thread(callback, *args)

    def _use_context(self, context: Context) -> None:
        self._library_context = context
        self._context_ready.set()
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.use_context(context)

    def _context_failed(self, error: Exception) -> None:
        self.startup_error = error
        self.exit(return_code=1)

    @work
    async def offer_unsaved_new_protocols(self) -> None:
        """Offer back new protocols an earlier session never saved (a crash, a closed terminal).

        One at a time; one restored opens in the editor and the rest wait for the next start.
        """
        assert self.recovery_dir is not None
        copies = orphan_copies(self.recovery_dir, self.folder)
        if not copies:
            return
        context = await self.loaded_context()
        from rehab.session import EditSession
        from rehab.storage.protocol_files import load_protocol_bytes
        from rehab.tui.dialogs.confirm import ConfirmDialog
        from rehab.tui.screens.protocol import ProtocolScreen

        for copy in copies:
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
                copy.path, loaded.protocol, context, recovery_dir=self.recovery_dir
            )
            self.push_screen(ProtocolScreen(session))
            tell(self, "New protocol restored; review it, then save with ctrl+s.")
            return

    def protocol_files(self) -> list[Path]:
        """Protocols in the app's folder (none when it is missing or empty)."""
        return protocols_in(self.folder)

    def editor(self) -> ProtocolScreen | None:
        """The open protocol, if any (at most one is open at a time)."""
        from rehab.tui.screens.protocol import ProtocolScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, ProtocolScreen):
                return screen
        return None

    @work
    async def open_protocol(self, path: Path) -> None:
        """Open a protocol, first settling unsaved edits of the one already open."""
        context = await self.loaded_context()
        if not await self._close_editor():
            return
        from rehab.session import EditSession
        from rehab.tui.screens.protocol import ProtocolScreen

        try:
            session = EditSession.open(path, context)
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
        context = await self.loaded_context()
        if not await self._close_editor():
            return
        from rehab.session import EditSession
        from rehab.storage.templates import default_clinician, template_protocols
        from rehab.tui.dialogs.new_protocol import NewProtocolDialog
        from rehab.tui.screens.protocol import ProtocolScreen

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
                created.path, created.protocol, context, recovery_dir=self.recovery_dir
            )
            self.push_screen(ProtocolScreen(session))

    @work(exclusive=True, group="library")
    async def action_library(self) -> None:
        """Open the library browser (not over itself)."""
        context = await self.loaded_context()
        from rehab.tui.screens.library import LibraryScreen

        if not isinstance(self.screen, LibraryScreen):
            self.push_screen(LibraryScreen(context.library))

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


def library_loader(args: argparse.Namespace) -> ContextLoader:
    """The loader `rehab` gives the app: built-ins, REHAB_LIBRARY, --library, the catalog."""

    def load() -> Context:
        from rehab.cli.context import load_context

        return load_context(args)

    return load


def run_app(args: argparse.Namespace) -> int:
    """Entry point used by `rehab` and `rehab edit [FILE]`.

    The library is loaded by the app, after its first frame. If it cannot be used, the app
    closes and its problems are printed here, with file, line and field, exit 1: nothing is
    checked against a broken library.
    """

    initial: Path | None = getattr(args, "file", None)
    folder = initial.parent if initial is not None else Path("protocols")
    app = RehabApp(library_loader(args), folder, initial, recovery_dir=default_recovery_dir())
    app.run()
    if app.startup_error is not None:
        from rehab.cli.context import ContextFailed, report

        if not isinstance(app.startup_error, ContextFailed):
            raise app.startup_error
        report(app.startup_error)
        return 1
    return app.return_code or 0
