"""Start an app headless and exit at its first frame (Textual's Ready event).

`first_frame.py minimal` is the floor: Header, Footer and a 50-item list.
`first_frame.py rehab [FOLDER]` is the rehab app on a protocol folder, built-in library.
`first_frame.py rehab-checked [FOLDER]` waits until every protocol in the list is checked.
Each prints `ready <time.time()>` at the moment measured; bench/run.py subtracts the time
it started the process, so the figure is process start to that moment.
"""

import sys
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, OptionList


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(*(f"Protocol {i}" for i in range(50)))
        yield Footer()

    def on_ready(self) -> None:
        print(f"ready {time.time()}")
        self.exit()


def rehab_app(folder: Path, until_checked: bool) -> App[None]:
    """The app as `rehab` starts it: the library is loaded by the app's own loader."""
    import argparse

    from textual.widgets import OptionList

    from rehab.tui.app import RehabApp, library_loader
    from rehab.tui.screens.home import HomeScreen

    def stop(app: App[None]) -> None:
        print(f"ready {time.time()}")
        app.exit()

    class CheckedList(HomeScreen):
        """Stops the app once no protocol in the list waits for its check any more."""

        def _show_labels(self, labels: list[tuple[str, str]]) -> None:
            super()._show_labels(labels)
            listing = self.query_one("#protocols", OptionList)
            prompts = (
                str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)
            )
            if not any("checking..." in prompt for prompt in prompts):
                stop(self.app)

    class FirstFrame(RehabApp):
        def on_ready(self) -> None:
            if not until_checked:
                stop(self)

        def push_screen(self, screen, *args, **kwargs):  # type: ignore[no-untyped-def]
            if until_checked and type(screen) is HomeScreen:
                screen = CheckedList(screen.folder)
            return super().push_screen(screen, *args, **kwargs)

    return FirstFrame(library_loader(argparse.Namespace(library=None)), folder)


if __name__ == "__main__":
    if sys.argv[1] == "minimal":
        app: App[None] = Minimal()
    else:
        folder = Path(sys.argv[2] if len(sys.argv) > 2 else "protocols")
        app = rehab_app(folder, sys.argv[1] == "rehab-checked")
    app.run(headless=True)
    if app.return_code != 0:
        sys.exit(f"the app failed (exit {app.return_code})")
