"""Pilot tests of the app: list, open, findings panel, jump to exercise, library search."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import OptionList, Select, Static, Tree

from rehab.check import Context
from rehab.tui.app import RehabApp
from rehab.tui.screens.library import LibraryScreen
from rehab.tui.screens.protocol import ProtocolScreen
from rehab.tui.widgets.protocol_tree import Target
from tests.conftest import ROOT

SCENARIOS = ROOT / "tests" / "fixtures" / "scenarios"


def _folder(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "protocols"
    folder.mkdir()
    for name in names:
        shutil.copy(SCENARIOS / f"{name}.toml", folder)
    return folder


async def test_list_open_and_findings(tmp_path: Path, context: Context) -> None:
    folder = _folder(tmp_path, "hip-posterior-unacknowledged", "no-conditions-clean")
    app = RehabApp(context, folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()  # titles and counts come from a worker
        await pilot.pause()
        listing = app.screen.query_one("#protocols", OptionList)
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert "hip-posterior-unacknowledged.toml  Safety scenario  [2 errors]" in prompts
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProtocolScreen)
        title = screen.query_one("#findings-title", Static)
        assert "2 errors, 0 warnings" in str(title.render())
        findings = screen.query_one("#findings", OptionList)
        # In file order: the conditions line (no weeks since onset), then phase 1.
        first = str(findings.get_option_at_index(0).prompt)
        assert first.startswith("info  condition-timing-unknown")
        second = str(findings.get_option_at_index(1).prompt)
        assert second.startswith("ERROR contraindicated: phase 1")  # readable without colour
        # Selecting the third finding moves the tree cursor to the donkey calf raise.
        await pilot.press("f", "down", "down", "enter")
        await pilot.pause()
        tree = screen.query_one("#structure", Tree)
        assert tree.cursor_node is not None
        assert tree.cursor_node.data == Target("exercise", 0, 1)
        assert "Donkey calf raise" in str(tree.cursor_node.label)
        await pilot.press("escape")
        assert not isinstance(app.screen, ProtocolScreen)


async def test_library_search_as_you_type(tmp_path: Path, context: Context) -> None:
    app = RehabApp(context, _folder(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        assert isinstance(app.screen, LibraryScreen)
        results = app.screen.query_one("#results", OptionList)
        assert results.option_count == len(context.library)
        await pilot.press(*"assisted hamstring")
        await pilot.pause()
        # The hamstring stretch (both words in its name, so first) and the lying calf stretch,
        # which stretches the hamstrings too (component hamstring-lengthening).
        assert results.option_count == 2
        detail = str(app.screen.query_one("#detail", Static).render())
        assert "Assisted lying hamstring stretch" in detail and "hip-flexion-90" in detail
        # The category filter narrows the same search.
        await pilot.press(*["backspace"] * len("assisted hamstring"), *"calf")
        await pilot.pause()
        both = results.option_count
        app.screen.query_one("#category", Select).value = "strength"
        await pilot.pause()
        names = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        assert 0 < len(names) < both and all(n.endswith("(strength)") for n in names)


async def test_library_filters_the_new_categories_and_finds_modes(
    tmp_path: Path, context: Context
) -> None:
    app = RehabApp(context, _folder(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        assert isinstance(app.screen, LibraryScreen)
        results = app.screen.query_one("#results", OptionList)
        for category in ("balance", "mobility", "nerve-glide", "plyometric"):
            app.screen.query_one("#category", Select).value = category
            await pilot.pause()
            prompts = [
                str(results.get_option_at_index(i).prompt) for i in range(results.option_count)
            ]
            expected = len(context.library.search("", category=category))
            assert len(prompts) == expected > 0
            assert all(p.endswith(f"({category})") for p in prompts)
        app.screen.query_one("#category", Select).value = "all"
        await pilot.press(*"eccentric heel")
        await pilot.pause()
        ids = {results.get_option_at_index(i).id for i in range(results.option_count)}
        assert {"eccentric-heel-drop", "single-leg-floor-heel-raise"} <= ids


async def test_markup_in_file_text_shows_literally(tmp_path: Path, context: Context) -> None:
    folder = _folder(tmp_path)
    text = (
        (SCENARIOS / "no-conditions-clean.toml")
        .read_text()
        .replace(
            'title = "Safety scenario"', 'title = "Do [not] load [@click=app.quit] [/] [bold]x"'
        )
    )
    (folder / "no-conditions-clean.toml").write_text(text)
    app = RehabApp(context, folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()  # titles and counts come from a worker
        await pilot.pause()
        listing = app.screen.query_one("#protocols", OptionList)
        assert "Do [not] load [@click=app.quit] [/] [bold]x" in str(
            listing.get_option_at_index(0).prompt
        )
        await pilot.press("enter")
        await pilot.pause()
        tree = app.screen.query_one("#structure", Tree)
        assert tree.root.label.plain.startswith("Do [not] load [@click=app.quit] [/] [bold]x")
        assert app.is_running


async def test_unreadable_file_opens_with_its_error(tmp_path: Path, context: Context) -> None:
    folder = _folder(tmp_path)
    (folder / "broken.toml").write_bytes(b"\xef\xbb\xbfid = 1")
    app = RehabApp(context, folder, initial=folder / "broken.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        findings = app.screen.query_one("#findings", OptionList)
        assert "byte-order mark" in str(findings.get_option_at_index(0).prompt)
