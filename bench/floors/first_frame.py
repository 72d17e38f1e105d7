"""Start an app headless and exit at its first frame (Textual's Ready event).

`first_frame.py minimal` is the floor: Header, Footer and a 50-item list.
`first_frame.py rehab [FOLDER]` is the rehab app on a protocol folder, built-in library.
"""

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, OptionList


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(*(f"Protocol {i}" for i in range(50)))
        yield Footer()

    def on_ready(self) -> None:
        self.exit()


def rehab_app(folder: Path) -> App[None]:
    from rehab.check import Context
    from rehab.storage.library_files import load_catalog, load_library
    from rehab.tui.app import RehabApp

    class FirstFrame(RehabApp):
        def on_ready(self) -> None:
            self.exit()

    return FirstFrame(Context(load_library(), load_catalog()), folder)


if __name__ == "__main__":
    if sys.argv[1] == "minimal":
        app: App[None] = Minimal()
    else:
        app = rehab_app(Path(sys.argv[2] if len(sys.argv) > 2 else "protocols"))
    app.run(headless=True)
    if app.return_code != 0:
        sys.exit(f"the app failed (exit {app.return_code})")
    print("ready")
