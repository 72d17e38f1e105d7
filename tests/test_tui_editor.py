"""Pilot tests of the editor: the whole clinician flow, and each way of not losing work."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, Static

from rehab.check import Context
from rehab.storage.protocol_files import load_protocol
from rehab.tui.app import RehabApp
from rehab.tui.dialogs.acknowledge import AcknowledgeDialog
from rehab.tui.dialogs.conditions import ConditionsDialog
from rehab.tui.dialogs.confirm import ConfirmDialog, UnsavedDialog
from rehab.tui.dialogs.dosage import DosageDialog
from rehab.tui.dialogs.exercise_picker import ExercisePicker
from rehab.tui.dialogs.export import ExportDialog
from rehab.tui.dialogs.new_protocol import NewProtocolDialog
from rehab.tui.screens.home import HomeScreen
from rehab.tui.screens.protocol import ProtocolScreen
from rehab.tui.widgets.protocol_tree import ProtocolTree, Target
from tests.conftest import ROOT, Result

EXAMPLE = ROOT / "protocols" / "example-pfp-calf-mobility.toml"


@pytest.fixture
def clinic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty clinic folder as the working directory, with the built-in templates."""
    (tmp_path / "protocols").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REHAB_CLINICIAN", "A. Physio, PT")
    return tmp_path


def _app(
    context: Context, clinic: Path, initial: Path | None = None, recovery: Path | None = None
) -> RehabApp:
    return RehabApp(
        context,
        clinic / "protocols",
        initial,
        exports_dir=clinic / "exports",
        templates_dir=clinic / "templates",
        recovery_dir=recovery,
    )


async def _wait_for(pilot: Pilot[Any], screen_type: type, tries: int = 50) -> Any:
    for _ in range(tries):
        await pilot.pause()
        if isinstance(pilot.app.screen, screen_type):
            return pilot.app.screen
    raise AssertionError(f"{screen_type.__name__} did not open; on {pilot.app.screen!r}")


def _findings(screen: ProtocolScreen) -> list[str]:
    panel = screen.query_one("#findings", OptionList)
    return [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]


async def test_whole_flow_template_to_pdf(
    clinic: Path, context: Context, cli: Callable[..., Result]
) -> None:
    app = _app(context, clinic)
    async with app.run_test(size=(80, 24)) as pilot:
        # 1. New protocol from a template.
        await pilot.press("n")
        dialog = await _wait_for(pilot, NewProtocolDialog)
        dialog.query_one("#template", Select).value = "calf-stretch-and-strengthen"
        dialog.query_one("#clinician", Input).value = "A. Physio, PT"
        await pilot.press(*"calf-care-smith")
        await pilot.press("enter")
        editor = await _wait_for(pilot, ProtocolScreen)
        assert editor.sub_title == "calf-care-smith.toml (new, unsaved)"
        assert editor.protocol is not None and len(editor.protocol.phases) == 3
        assert not (clinic / "protocols" / "calf-care-smith.toml").exists()

        # 2. Add an exercise found by search, into phase 3 (cursor on its last exercise).
        tree = editor.query_one(ProtocolTree)
        assert tree.select(Target("exercise", 2, 3))
        await pilot.press("a")
        await _wait_for(pilot, ExercisePicker)
        await pilot.press(*"donkey", "enter")

        # 3. Set its dosage: the form rejects 12 sets inline, then takes 3 x 15.
        dosage = await _wait_for(pilot, DosageDialog)
        await pilot.press(*"12")
        await pilot.pause()
        error = dosage.query_one("#error-sets", Static)
        assert "must be between 1 and 10, got 12" in str(error.render())
        assert dosage.query_one("#apply").disabled
        await pilot.press("backspace", "backspace", "3", "tab", *"15", "enter")
        await _wait_for(pilot, ProtocolScreen)
        added = editor.protocol.phases[2].exercises[4]
        assert (added.exercise, added.sets, added.reps) == ("donkey-calf-raise", 3, 15)
        assert editor.sub_title.endswith("(new, unsaved)")

        # 4. A condition that contradicts it: picked by search in the catalog.
        await pilot.press("c")
        await _wait_for(pilot, ConditionsDialog)
        await pilot.press(*"posterior", "down", "space", "ctrl+s")
        await _wait_for(pilot, ProtocolScreen)
        assert editor.protocol.condition_codes == ["hip-arthroplasty-posterior"]
        errors = [f for f in _findings(editor) if f.startswith("ERROR")]
        assert len(errors) == 1 and "donkey-calf-raise is contraindicated" in errors[0]
        assert "1 error" in str(editor.query_one("#findings-title", Static).render())

        # 5. Acknowledge it from the findings list; the reason is required.
        await pilot.press("f", "k")
        ack = await _wait_for(pilot, AcknowledgeDialog)
        assert ack.query_one("#apply").disabled
        await pilot.press(*"Surgeon cleared hip flexion past 90 degrees", "ctrl+s")
        await _wait_for(pilot, ProtocolScreen)
        assert not [f for f in _findings(editor) if f.startswith("ERROR")]
        assert editor.protocol.acknowledged[0].by == "A. Physio, PT"

        # 6. Save: the file appears, canonical, and the title loses its marker.
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = clinic / "protocols" / "calf-care-smith.toml"
        assert saved.exists() and editor.sub_title == "calf-care-smith.toml"
        assert load_protocol(saved).protocol == editor.protocol

        # 7. Export in a worker; the app says where the file went.
        await pilot.press("x")
        export = await _wait_for(pilot, ExportDialog)
        assert export.query_one("#output", Input).value == str(
            clinic / "exports" / "calf-care-smith.pdf"
        )
        await pilot.press(*"Jane [b]Doe", "enter")
        await _wait_for(pilot, ProtocolScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        pdf = clinic / "exports" / "calf-care-smith.pdf"
        assert pdf.exists()
        text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
        assert "Jane [b]Doe" in text and "Donkey calf raise" in text
        messages = [str(n.message) for n in app._notifications]
        assert any(f"Handout written to {pdf}" in m for m in messages)

    # The saved file passes `rehab check` exactly as the CLI sees it.
    result = cli("check", str(saved), cwd=clinic)
    assert result.code == 0, result.out + result.err
    assert "0 errors" in result.out


async def test_export_with_errors_is_refused_with_the_reason(
    clinic: Path, context: Context
) -> None:
    """Issue 19 (export flow, owned by issue 15's branch): refused before the form, each
    finding once, in the app's words (press k, not "add an [[acknowledged]] entry")."""
    path = clinic / "protocols" / "bad.toml"
    text = (ROOT / "tests/fixtures/scenarios/hip-posterior-unacknowledged.toml").read_text()
    path.write_text(text.replace('id = "hip-posterior-unacknowledged"', 'id = "bad"'))
    app = _app(context, clinic, path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _wait_for(pilot, ProtocolScreen)
        await pilot.press("x")
        for _ in range(10):
            await pilot.pause()
        assert pilot.app.screen is screen  # no form for an export that cannot happen
        messages = [str(n.message) for n in app._notifications]
        [refusal] = [m for m in messages if m.startswith("Not exported:")]
        assert "contraindicated" in refusal and "press k" in refusal
        assert "[[acknowledged]]" not in refusal and "Why:" not in refusal
        lines = refusal.splitlines()[1:]
        assert len(lines) == len(set(lines)) and len(lines) <= 7
        assert not (clinic / "exports").exists()


async def _open_example(pilot: Pilot[Any]) -> ProtocolScreen:
    return await _wait_for(pilot, ProtocolScreen)


@pytest.fixture
def example(clinic: Path) -> Path:
    path = clinic / "protocols" / EXAMPLE.name
    shutil.copy(EXAMPLE, path)
    return path


async def test_quit_with_unsaved_changes_asks(example: Path, context: Context) -> None:
    app = _app(context, example.parent.parent, example)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await _open_example(pilot)
        await pilot.press("down", "down", "down", "down", "delete")  # remove an exercise
        await pilot.pause()
        assert editor.session.dirty and editor.sub_title.endswith("(unsaved)")
        await pilot.press("ctrl+q")
        await _wait_for(pilot, UnsavedDialog)
        await pilot.press("escape")  # cancel: still editing, nothing lost
        await _wait_for(pilot, ProtocolScreen)
        assert app.is_running and editor.session.dirty
        await pilot.press("ctrl+q")
        await _wait_for(pilot, UnsavedDialog)
        await pilot.press("d")  # discard
        await pilot.pause()
    assert example.read_bytes() == EXAMPLE.read_bytes()


async def test_back_with_unsaved_changes_can_save(example: Path, context: Context) -> None:
    app = _app(context, example.parent.parent, example)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await _open_example(pilot)
        await pilot.press("ctrl+z")  # nothing to undo: harmless
        await pilot.press("down", "down", "down", "down", "delete", "escape")
        await _wait_for(pilot, UnsavedDialog)
        await pilot.press("s")
        await _wait_for(pilot, HomeScreen)
        saved = load_protocol(example).protocol
        assert saved is not None and saved == editor.session.saved
        assert len(saved.phases[0].exercises) == 0


async def test_changed_on_disk_asks_before_overwriting(example: Path, context: Context) -> None:
    app = _app(context, example.parent.parent, example)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await _open_example(pilot)
        await pilot.press("down", "down", "down", "down", "right_square_bracket")
        await pilot.pause()
        assert editor.session.dirty
        pulled = example.read_text().replace("Calf mobility", "Pulled title")
        example.write_text(pulled)  # a git pull while editing
        await pilot.press("ctrl+s")
        await _wait_for(pilot, ConfirmDialog)
        await pilot.press("n")
        await _wait_for(pilot, ProtocolScreen)
        assert example.read_text() == pulled and editor.session.dirty
        await pilot.press("ctrl+s")
        await _wait_for(pilot, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert not editor.session.dirty
        assert "Pulled title" not in example.read_text()


async def test_hand_written_comments_are_not_dropped_silently(
    example: Path, context: Context
) -> None:
    original = "# reviewed with Dr Who\n" + EXAMPLE.read_text()
    example.write_text(original)
    app = _app(context, example.parent.parent, example)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await _open_example(pilot)
        await pilot.press("down", "down", "down", "down", "delete", "ctrl+s")
        dialog = await _wait_for(pilot, ConfirmDialog)
        assert "comments (line 1)" in dialog.question
        await pilot.press("n")
        await _wait_for(pilot, ProtocolScreen)
        assert example.read_text() == original and editor.session.dirty


async def test_failed_save_keeps_edits(
    example: Path, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    import rehab.session

    def disk_full(path: Path, data: bytes, **_: object) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(rehab.session, "write_atomic", disk_full)
    app = _app(context, example.parent.parent, example)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await _open_example(pilot)
        await pilot.press("down", "down", "down", "down", "delete", "ctrl+s")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any("Not saved" in m and "No space left on device" in m for m in messages)
        assert editor.session.dirty and editor.sub_title.endswith("(unsaved)")
        assert example.read_bytes() == EXAMPLE.read_bytes()


async def test_move_swap_undo_redo(example: Path, context: Context) -> None:
    app = _app(context, example.parent.parent, example)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await _open_example(pilot)
        tree = editor.query_one(ProtocolTree)
        tree.select(Target("exercise", 1, 1))  # the straight-leg stretch in phase 2
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert tree.target == Target("exercise", 1, 0)
        await pilot.press("left_square_bracket")  # crosses into phase 1
        await pilot.pause()
        assert tree.target == Target("exercise", 0, 1)
        assert editor.protocol is not None
        moved = editor.protocol.phases[0].exercises[1].exercise
        assert moved == "patella-maltracking-calf-stretch-straight-leg"
        await pilot.press("less_than_sign")  # easier: the bent-knee version
        await pilot.pause()
        assert editor.protocol.phases[0].exercises[1].exercise == "patella-maltracking-calf-stretch"
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")
        await pilot.pause()
        assert not editor.session.dirty
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert editor.session.dirty


async def test_edit_file_that_does_not_exist_starts_it(clinic: Path, context: Context) -> None:
    target = clinic / "protocols" / "knee-smith.toml"
    app = _app(context, clinic, target)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _wait_for(pilot, NewProtocolDialog)
        assert dialog.query_one("#id", Input).value == "knee-smith"
        await pilot.press("enter")
        editor = await _wait_for(pilot, ProtocolScreen)
        assert editor.session.path == target and editor.session.is_new
        await pilot.press("p")  # add a phase to a blank protocol
        await pilot.press("enter")
        await _wait_for(pilot, ProtocolScreen)
        assert editor.protocol is not None and editor.protocol.phases[0].name == "Phase 1"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert load_protocol(target).protocol is not None


async def test_command_palette_adds_an_exercise(example: Path, context: Context) -> None:
    app = _app(context, example.parent.parent, example)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await _open_example(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"add exercise donkey")
        await pilot.pause(0.3)
        await pilot.press("enter")
        dosage = await _wait_for(pilot, DosageDialog)
        assert dosage.exercise.id == "donkey-calf-raise"
        await pilot.press("ctrl+s")  # apply the library defaults
        await _wait_for(pilot, ProtocolScreen)
        assert editor.protocol is not None
        assert any(
            p.exercise == "donkey-calf-raise" for ph in editor.protocol.phases for p in ph.exercises
        )


async def test_palette_shows_file_names_literally(clinic: Path, context: Context) -> None:
    from textual.command import CommandList

    name = "x[@click=app.quit][b]y.toml"
    shutil.copy(EXAMPLE, clinic / "protocols" / name)
    app = _app(context, clinic)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"open protocol")
        await pilot.pause(0.5)
        commands = app.screen.query_one(CommandList)
        prompts = [
            str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)
        ]
        assert any(f"Open protocol: {name}" in p for p in prompts), prompts
        assert any(str(clinic / "protocols" / name) in p for p in prompts)
        assert app.is_running


async def test_notifications_show_file_names_literally(clinic: Path, context: Context) -> None:
    from textual.widgets._toast import Toast

    path = clinic / "protocols" / "x[@click=app.quit][b]y.toml"
    shutil.copy(EXAMPLE, path)
    app = _app(context, clinic, path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await _wait_for(pilot, ProtocolScreen)
        await pilot.press("ctrl+s")
        await pilot.pause(0.5)
        toasts = [str(toast.render()) for toast in app.screen.query(Toast)]
        assert any(f"Saved {path.name}" in t.replace("\n", "") for t in toasts), toasts


async def test_crash_leaves_a_recovery_copy_that_is_offered_back(
    example: Path, context: Context, tmp_path: Path
) -> None:
    recovery = tmp_path / "state" / "recovery"
    clinic = example.parent.parent
    first = _app(context, clinic, example, recovery)
    async with first.run_test(size=(80, 24)) as pilot:
        await _open_example(pilot)
        await pilot.press("down", "down", "down", "down", "delete")
        await pilot.pause()
        copies = list(recovery.glob("*.json"))
        assert len(copies) == 1
        payload = json.loads(copies[0].read_text())
        assert set(payload) == {"path", "text"}  # the draft and its file, nothing else
        first.exit()  # a crash: no save, no question asked
    assert example.read_bytes() == EXAMPLE.read_bytes()

    second = _app(context, clinic, example, recovery)
    async with second.run_test(size=(80, 24)) as pilot:
        dialog = await _wait_for(pilot, ConfirmDialog)
        assert "Unsaved edits to example-pfp-calf-mobility.toml" in dialog.question
        await pilot.press("y")
        editor = await _wait_for(pilot, ProtocolScreen)
        await pilot.pause()
        assert editor.session.dirty and editor.protocol is not None
        assert len(editor.protocol.phases[0].exercises) == 0
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert list(recovery.glob("*.json")) == []  # saved: the copy is gone


async def test_a_library_entry_broken_after_start_is_shown_not_crashed_on(
    clinic: Path, context: Context
) -> None:
    """Clinic entries are read in full on first use; one that broke meanwhile is reported."""
    from rehab.storage.library_files import load_catalog, load_library

    library_dir = clinic / "library"
    library_dir.mkdir()
    entry = (ROOT / "rehab" / "data" / "exercises" / "floor-calf-raise.toml").read_text()
    entry_path = library_dir / "clinic-floor-raise.toml"
    entry_path.write_text(entry.replace('id = "floor-calf-raise"', 'id = "clinic-floor-raise"'))
    clinic_context = Context(load_library([library_dir], clinic / "cache"), load_catalog())
    protocol = clinic / "protocols" / "uses-clinic-entry.toml"
    protocol.write_text(
        EXAMPLE.read_text().replace(
            'exercise = "patella-maltracking-calf-stretch"\nside = "both"\nsets = 3\n'
            "hold_seconds = 30",
            'exercise = "clinic-floor-raise"\nside = "both"',
        )
    )
    entry_path.write_text("this is = not [ an exercise")
    app = _app(clinic_context, clinic, protocol)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await _wait_for(pilot, ProtocolScreen)
        await pilot.pause()
        [line] = _findings(editor)
        assert "Cannot check this protocol" in line and "clinic-floor-raise.toml" in line
        title = editor.query_one("#findings-title", Static)
        assert "not checked" in str(title.render())


async def test_a_new_protocol_never_saved_is_offered_back_at_start(
    clinic: Path, context: Context, tmp_path: Path
) -> None:
    """A new protocol has no file to open, so the next start asks about it itself."""
    recovery = tmp_path / "state" / "recovery"
    first = _app(context, clinic, recovery=recovery)
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        dialog = await _wait_for(pilot, NewProtocolDialog)
        dialog.query_one("#template", Select).value = "calf-stretch-and-strengthen"
        await pilot.press(*"calf-care-jones", "enter")
        await _wait_for(pilot, ProtocolScreen)
        assert len(list(recovery.glob("*.json"))) == 1  # kept before any further edit
        first.exit()  # a crash: nothing saved
    target = clinic / "protocols" / "calf-care-jones.toml"
    assert not target.exists()

    second = _app(context, clinic, recovery=recovery)
    async with second.run_test(size=(80, 24)) as pilot:
        dialog = await _wait_for(pilot, ConfirmDialog)
        assert "calf-care-jones.toml, was never saved" in dialog.question
        await pilot.press("y")
        editor = await _wait_for(pilot, ProtocolScreen)
        await pilot.pause()
        assert editor.protocol is not None and editor.protocol.id == "calf-care-jones"
        assert editor.session.is_new and len(list(recovery.glob("*.json"))) == 1
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert target.exists() and list(recovery.glob("*.json")) == []

    # Discarding forgets it; drafts of another folder are not offered here.
    third = _app(context, clinic, recovery=recovery)
    async with third.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ConfirmDialog)


async def test_export_warns_in_the_app_about_characters_it_cannot_print(
    example: Path, context: Context
) -> None:
    from rehab.tui.dialogs.export import ExportRequest

    app = _app(context, example.parent.parent, example)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await _open_example(pilot)
        output = example.parent.parent / "exports" / "li.pdf"
        editor.run_export(
            example, example.read_bytes(), context, ExportRequest(output, "李 Wei", False, None)
        )
        toasts: list[str] = []
        for _ in range(40):  # the worker reports back by message
            await pilot.pause(0.1)
            toasts = [n.message for n in app._notifications]
            if any("cannot print" in t for t in toasts):
                break
        assert output.exists()
        assert any("the patient's name has characters" in t for t in toasts), toasts
        assert not any("李" in t or "U+674E" in t for t in toasts)  # the name is patient data
