"""The protocol list: every protocol in the folder with its title and error count."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from rehab.check import Context, check_file
from rehab.domain.findings import Severity, severity_counts
from rehab.tui.text import literal


def shown_path(folder: Path) -> str:
    """The folder relative to the working directory when it is inside it, else absolute."""
    try:
        return folder.resolve().relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return str(folder)


class HomeScreen(Screen[None]):
    """Pick a protocol to open."""

    def __init__(self, folder: Path, context: Context) -> None:
        super().__init__()
        self.folder = folder
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

    def reload(self) -> None:
        listing = self.query_one("#protocols", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        files = sorted(self.folder.rglob("*.toml")) if self.folder.is_dir() else []
        if not files:
            listing.add_option(
                Option(literal(f"No protocols in {self.folder}. Start one with `rehab new ID`."))
            )
            return
        for path in files:
            loaded = check_file(path, self.context)
            counts = severity_counts(loaded.findings)
            errors, warnings = counts[Severity.ERROR], counts[Severity.WARNING]
            title = loaded.protocol.title if loaded.protocol else "(cannot be read)"
            status = f"{errors} errors" if errors else "ok"
            if warnings:
                status += f", {warnings} warnings"
            rel = path.relative_to(self.folder).as_posix()
            listing.add_option(Option(literal(f"{rel}  {title}  [{status}]"), id=str(path)))
        listing.highlighted = highlighted if highlighted is not None else 0
        listing.focus()

    @on(OptionList.OptionSelected, "#protocols")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.action_open_protocol(Path(event.option.id))  # type: ignore[attr-defined]
