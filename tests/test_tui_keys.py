"""Keys and dialogs as a new physiotherapist meets them (issue 19): each key does what the
help says, each dialog's default is the safe choice, and no text is cut without a sign."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from rehab.check import Context
from rehab.tui.dialogs.conditions import ConditionsDialog
from rehab.tui.dialogs.confirm import ConfirmDialog
from rehab.tui.dialogs.details import DetailsDialog
from rehab.tui.dialogs.dosage import DosageDialog
from rehab.tui.dialogs.exercise_picker import ExercisePicker
from rehab.tui.screens.help import HelpScreen
from rehab.tui.screens.protocol import ProtocolScreen
from rehab.tui.widgets.protocol_tree import ProtocolTree, Target
from tests.conftest import ROOT
from tests.test_tui_editor import _app
from tests.test_tui_editor import _wait_for as _wait_for_screen

EXAMPLE = ROOT / "protocols" / "example-pfp-calf-mobility.toml"
BAD = ROOT / "tests" / "fixtures" / "scenarios" / "hip-posterior-unacknowledged.toml"


@pytest.fixture
def clinic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "protocols").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REHAB_CLINICIAN", "A. Physio, PT")
    shutil.copy(EXAMPLE, tmp_path / "protocols")
    return tmp_path


async def _wait_for(pilot: Pilot[Any], screen_type: type) -> Any:
    """The editor tests' wait, with more turns: these tests type keys ahead of the screens."""
    return await _wait_for_screen(pilot, screen_type, tries=60)


def _rows(dialog: ConditionsDialog) -> list[str]:
    listing = dialog.query_one("#catalog", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_conditions_picker_enter_applies_and_typing_filters_from_the_list(
    clinic: Path, context: Context
) -> None:
    app = _app(context, clinic, clinic / "protocols" / EXAMPLE.name)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await _wait_for(pilot, ProtocolScreen)
        await pilot.press("c")
        dialog = await _wait_for(pilot, ConditionsDialog)
        await pilot.press("down")  # into the list
        assert dialog.focused is dialog.query_one("#catalog")
        await pilot.press(*"posterior")  # typed on the list: still filters
        await pilot.pause()
        assert dialog.query_one("#filter", Input).value == "posterior"
        rows = _rows(dialog)
        assert len(rows) == 1 and "(hip-arthroplasty-posterior)" in rows[0]
        assert rows[0].startswith("[ ] ")  # unticked, in text
        await pilot.press("space")
        await pilot.pause()
        assert _rows(dialog)[0].startswith("[x] ")  # ticked, in text
        await pilot.press("enter")  # applies, as the title says
        await _wait_for(pilot, ProtocolScreen)
        assert editor.protocol.condition_codes == [
            "patellofemoral-pain",
            "hip-arthroplasty-posterior",
        ]


async def test_conditions_picker_codes_are_never_cut(clinic: Path, context: Context) -> None:
    app = _app(context, clinic, clinic / "protocols" / EXAMPLE.name)
    async with app.run_test(size=(80, 24)) as pilot:
        await _wait_for(pilot, ProtocolScreen)
        await pilot.press("c")
        dialog = await _wait_for(pilot, ConditionsDialog)
        await pilot.press(*"arthroplasty")
        await pilot.pause()
        listing = dialog.query_one("#catalog", OptionList)
        screen_text = "\n".join(
            "".join(segment.text for segment in listing.render_line(y))
            for y in range(listing.size.height)
        )
        assert "…" not in screen_text
        flat = " ".join(screen_text.split())
        assert "hip-arthroplasty-posterior" in flat.replace("- ", "-")


async def test_shift_arrows_move_the_exercise(clinic: Path, context: Context) -> None:
    app = _app(context, clinic, clinic / "protocols" / EXAMPLE.name)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await _wait_for(pilot, ProtocolScreen)
        tree = editor.query_one(ProtocolTree)
        assert tree.select(Target("exercise", 1, 0))
        first = editor.protocol.phases[1].exercises[0].exercise
        await pilot.press("shift+down")
        await pilot.pause()
        assert editor.protocol.phases[1].exercises[1].exercise == first
        assert tree.target == Target("exercise", 1, 1)
        await pilot.press("shift+up")
        await pilot.pause()
        assert editor.protocol.phases[1].exercises[0].exercise == first


async def test_recovery_defaults_to_restore_and_shows_the_changes(
    clinic: Path, context: Context, tmp_path: Path
) -> None:
    recovery = tmp_path / "recovery-copies"
    path = clinic / "protocols" / EXAMPLE.name
    first = _app(context, clinic, path, recovery)
    async with first.run_test(size=(80, 24)) as pilot:
        await _wait_for(pilot, ProtocolScreen)
        await pilot.press("down", "down", "down", "down", "delete")
        await pilot.pause()
        first.exit()  # a crash: nothing saved
    second = _app(context, clinic, path, recovery)
    async with second.run_test(size=(80, 24)) as pilot:
        dialog = await _wait_for(pilot, ConfirmDialog)
        detail = str(dialog.query_one("#detail", Static).render())
        assert "patella-maltracking-calf-stretch removed from phase 1" in detail
        await pilot.press("enter")  # the default restores
        editor = await _wait_for(pilot, ProtocolScreen)
        await pilot.pause()
        assert editor.session.dirty
        assert editor.protocol.phases[0].exercises == []


@pytest.mark.parametrize("key", ["escape", "cancel"])
async def test_cancelling_the_dose_of_a_new_exercise_does_not_add_it(
    clinic: Path, context: Context, key: str
) -> None:
    app = _app(context, clinic, clinic / "protocols" / EXAMPLE.name)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await _wait_for(pilot, ProtocolScreen)
        before = editor.protocol
        await pilot.press("a")
        await _wait_for(pilot, ExercisePicker)
        await pilot.press(*"donkey", "enter")
        dosage = await _wait_for(pilot, DosageDialog)
        if key == "escape":
            await pilot.press("escape")
        else:
            await pilot.click("#cancel")
        await _wait_for(pilot, ProtocolScreen)
        await pilot.pause()
        assert editor.protocol == before
        assert not editor.session.dirty
        del dosage


async def test_saving_with_errors_says_how_many_remain(clinic: Path, context: Context) -> None:
    path = clinic / "protocols" / "bad.toml"
    text = BAD.read_text().replace('id = "hip-posterior-unacknowledged"', 'id = "bad"')
    path.write_text("".join(line for line in text.splitlines(True) if not line.startswith("#")))
    app = _app(context, clinic, path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await _wait_for(pilot, ProtocolScreen)
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        messages = [str(n.message) for n in app._notifications]
        saved = [m for m in messages if m.startswith("Saved")]
        assert saved and saved[-1].startswith(
            "Saved bad.toml; 2 errors remain: "
            "contraindicated (assisted-lying-hamstring-stretch, phase 1)"
        ), saved


async def test_dose_form_flags_out_of_range_while_typing_and_keeps_the_range(
    clinic: Path, context: Context
) -> None:
    app = _app(context, clinic, clinic / "protocols" / EXAMPLE.name)
    async with app.run_test(size=(100, 40)) as pilot:
        editor = await _wait_for(pilot, ProtocolScreen)
        editor.query_one(ProtocolTree).select(Target("exercise", 0, 0))
        await pilot.press("enter")
        dosage = await _wait_for(pilot, DosageDialog)
        hint = dosage.query_one("#hint-hold_seconds", Static)
        assert "sensible 15-90" in str(hint.render())
        field = dosage.query_one("#field-hold_seconds", Input)
        field.focus()
        field.value = "95"
        await pilot.pause()
        shown = str(hint.render())
        assert shown.startswith("▲ ") and "above the sensible range 15-90" in shown
        assert not dosage.query_one("#apply").disabled  # a warning, not a rejection
        field.value = "40"
        await pilot.pause()
        assert "sensible 15-90" in str(hint.render()) and "▲" not in str(hint.render())


async def test_details_dialog_opens_with_its_first_label_visible(
    clinic: Path, context: Context
) -> None:
    app = _app(context, clinic, clinic / "protocols" / EXAMPLE.name)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await _wait_for(pilot, ProtocolScreen)
        editor.query_one(ProtocolTree).select(Target("details"))
        await pilot.press("enter")
        dialog = await _wait_for(pilot, DetailsDialog)
        await pilot.pause()
        await pilot.pause()
        assert dialog.query_one(".form").scroll_y == 0
        label = dialog.query("Label").first()
        assert label.region.height > 0 and dialog.query_one(".form").region.contains_region(
            label.region
        )


async def test_home_help_lists_each_key_once_and_mentions_enter(
    clinic: Path, context: Context
) -> None:
    app = _app(context, clinic, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        help_screen = await _wait_for(pilot, HelpScreen)
        keys = [keys for keys, _ in help_screen.lines]
        assert keys.count("l") == 1, help_screen.lines
        assert any("enter" in k.lower() for k in keys), help_screen.lines


async def test_tree_lines_that_do_not_fit_end_in_an_ellipsis_and_the_footer_keeps_help(
    clinic: Path, context: Context
) -> None:
    app = _app(context, clinic, clinic / "protocols" / EXAMPLE.name)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await _wait_for(pilot, ProtocolScreen)
        await pilot.pause()
        tree = editor.query_one(ProtocolTree)
        lines = [
            "".join(s.text for s in tree.render_line(y)).rstrip() for y in range(tree.size.height)
        ]
        doses = [line for line in lines if "holds of 30 seconds" in line]
        assert doses and all(line.endswith("…") for line in doses), lines
        assert tree.virtual_size.width <= tree.scrollable_content_region.width
        from textual.widgets._footer import FooterKey

        help_key = [k for k in editor.query(FooterKey) if k.description == "Help"]
        assert help_key and help_key[0].region.right <= 80 and help_key[0].region.width > 0


async def test_keys_typed_quickly_into_the_phase_dialog_keep_every_tab(
    clinic: Path, context: Context
) -> None:
    """Keys queued at once, as a fast typist's arrive: none lost, none in the wrong field."""
    from textual import events

    from rehab.tui.dialogs.phase import PhaseDialog

    app = _app(context, clinic, clinic / "protocols" / EXAMPLE.name)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await _wait_for(pilot, ProtocolScreen)
        editor.query_one(ProtocolTree).select(Target("phase", 1))
        await pilot.pause()
        keys = [("p", "p"), ("tab", None), ("backspace", None), ("3", "3"), ("tab", None)]
        keys += [(c, c) for c in "Hop"]
        for key, character in keys:  # no pause between them (pilot.press waits per key)
            app.post_message(events.Key(key, character))
        dialog = await _wait_for(pilot, PhaseDialog)
        for _ in range(20):  # until the last queued key has been handled
            await pilot.pause()
            if dialog.query_one("#goals").text == "Hop":
                break
        assert dialog.query_one("#name", Input).value == "Phase 3"
        assert dialog.query_one("#weeks", Input).value == "3"
        assert dialog.query_one("#goals").text == "Hop"
