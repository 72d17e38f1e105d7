"""The protocol list: every protocol in the folder with its title and error count."""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist
from textual.worker import get_current_worker

from rehab.domain.findings import Severity, severity_counts
from rehab.storage.protocol_paths import PathProblem, protocols_in
from rehab.tui.text import child_or_none, literal

if TYPE_CHECKING:
    from rehab.check import Context


def shown_path(folder: Path) -> str:
    """The folder relative to the working directory when it is inside it, else absolute."""
    try:
        return folder.resolve().relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return str(folder)


class HomeScreen(Screen[None]):
    """Pick a protocol to open, or start a new one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "app.new_protocol", "New protocol", id="home.new"),
        Binding("l", "app.library", "Library", id="home.library"),
        Binding("q", "app.quit", "Quit", show=False, id="home.quit"),
    ]

    def __init__(self, folder: Path, context: Context | None = None) -> None:
        super().__init__()
        self.folder = folder
        # None until the app has loaded the library: the list shows file names until then.
        self.context = context

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(literal(f"Protocols in {shown_path(self.folder)}"), id="home-title")
        yield OptionList(id="protocols")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Protocols"
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def use_context(self, context: Context) -> None:
        """The library is loaded: check the listed files."""
        self.context = context
        if self.is_mounted:
            self.reload()

    def reload(self) -> None:
        """List the files at once; their titles and error counts follow from a worker.

        Checking a clinic's 500 protocols takes a while, and the first frame should not wait.
        """
        listing = child_or_none(self, "#protocols", OptionList)
        if listing is None:  # the app is closing
            return
        highlighted = listing.highlighted
        listing.clear_options()
        files = protocols_in(self.folder)
        if not files:
            listing.add_option(
                Option(literal(f"No protocols in {self.folder} yet. Press n to start one."))
            )
            return
        listing.add_options(
            [Option(literal(f"{self._relative(p)}  (checking...)"), id=str(p)) for p in files]
        )
        listing.highlighted = min(highlighted or 0, listing.option_count - 1)
        listing.focus()
        if self.context is not None:
            self.check_all(files, self.context)

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.folder).as_posix()

    def _label(self, path: Path, context: Context) -> str:
        from rehab.check import check_file
        from rehab.domain.library import EntryUnavailable

        try:
            loaded = check_file(path, context)
        except PathProblem as exc:
            return str(exc)
        except EntryUnavailable:
            return f"{self._relative(path)}  [not checked: a library entry it uses is unreadable]"
        counts = severity_counts(loaded.findings)
        errors, warnings = counts[Severity.ERROR], counts[Severity.WARNING]
        title = loaded.protocol.title if loaded.protocol else "(cannot be read)"
        status = f"{errors} errors" if errors else "ok"
        if warnings:
            status += f", {warnings} warnings"
        return f"{self._relative(path)}  {title}  [{status}]"

    # A description of our own: Textual's default is the repr of the arguments, which for a
    # clinic's 500 files and the context (its catalog in full) is long debug text nobody reads;
    # it once held the whole library (25 MB with 13,000 exercises, before Library's short repr).
    @work(thread=True, exclusive=True, group="home-check", description="check the list")
    def check_all(self, files: list[Path], context: Context) -> None:
        """Check every file off the UI thread, updating the list in batches."""
        worker = get_current_worker()
        batch: list[tuple[str, str]] = []
        for index, path in enumerate(files):
            if worker.is_cancelled:
                return
            batch.append((str(path), self._label(path, context)))
            if len(batch) == 25 or index == len(files) - 1:
                self.app.call_from_thread(self._show_labels, batch)
                batch = []

    def _show_labels(self, labels: list[tuple[str, str]]) -> None:
        listing = self.query_one("#protocols", OptionList)
        for option_id, label in labels:
            with suppress(OptionDoesNotExist):  # the list was reloaded meanwhile
                listing.replace_option_prompt(option_id, literal(label))

    @on(OptionList.OptionSelected, "#protocols")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.open_protocol(Path(event.option.id))  # type: ignore[attr-defined]
