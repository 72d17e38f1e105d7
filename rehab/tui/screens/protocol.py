"""Edit one protocol: its tree above, its live findings below, every change checked at once.

The screen is a shell over `EditSession` (draft, undo, safe save) and the domain's edit
functions; dialogs gather input and the domain decides whether it is valid. Multi-step flows
(pick an exercise then dose it, save then export) are async workers awaiting dialogs.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Tree

from rehab.check import Context
from rehab.domain import editing
from rehab.domain.editing import EditRejected
from rehab.domain.findings import Code, Finding, Severity
from rehab.domain.library import EntryUnavailable
from rehab.domain.protocol import Protocol
from rehab.session import EditSession
from rehab.storage.atomic import ChangedOnDisk
from rehab.storage.protocol_paths import PathProblem
from rehab.tui.dialogs.acknowledge import AcknowledgeDialog
from rehab.tui.dialogs.choice import ChoiceDialog
from rehab.tui.dialogs.conditions import ConditionsDialog
from rehab.tui.dialogs.confirm import ConfirmDialog, UnsavedDialog
from rehab.tui.dialogs.details import DetailsDialog
from rehab.tui.dialogs.dosage import DosageDialog
from rehab.tui.dialogs.exercise_picker import ExercisePicker
from rehab.tui.dialogs.export import ExportDialog, ExportRequest
from rehab.tui.dialogs.phase import PhaseDialog
from rehab.tui.text import clean, tell
from rehab.tui.widgets.findings_panel import FindingsPanel
from rehab.tui.widgets.protocol_tree import ProtocolTree, Target, target_of

if TYPE_CHECKING:
    from rehab.export import Exported


ANSWERABLE = (Code.CONTRAINDICATED, Code.PRECAUTION)
"""Findings `k` answers (a referral cannot be: the patient needs assessment instead)."""


def _short(finding: Finding) -> str:
    """ "contraindicated (donkey-calf-raise, phase 2)": what and where, for a one-line note."""
    where = [w for w in (finding.exercise, f"phase {finding.phase}" if finding.phase else "") if w]
    return f"{finding.code.value} ({', '.join(where)})" if where else finding.code.value


class ProtocolScreen(Screen[None]):
    """One protocol open for editing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="protocol.save"),
        Binding("a", "add_exercise", "Add", id="protocol.add_exercise"),
        Binding("p", "add_phase", "Phase", priority=True, id="protocol.add_phase"),
        Binding("c", "conditions", "Conditions", id="protocol.conditions"),
        Binding("x", "export", "Export", id="protocol.export"),
        Binding("o", "condition_scope", "Side/weeks", show=False, id="protocol.scope"),
        Binding("e", "edit", "Edit", show=False, id="protocol.edit"),
        Binding("delete,d", "remove", "Remove", show=False, id="protocol.remove"),
        Binding(
            "shift+up,left_square_bracket", "move(-1)", "Move up", show=False, id="protocol.move_up"
        ),
        Binding(
            "shift+down,right_square_bracket",
            "move(1)",
            "Move down",
            show=False,
            id="protocol.move_down",
        ),
        Binding(
            "greater_than_sign", "swap('progression')", "Harder", show=False, id="protocol.progress"
        ),
        Binding(
            "less_than_sign", "swap('regression')", "Easier", show=False, id="protocol.regress"
        ),
        Binding("k", "acknowledge", "Acknowledge", show=False, id="protocol.acknowledge"),
        Binding("ctrl+z", "undo", "Undo", show=False, id="protocol.undo"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="protocol.redo"),
        Binding("f", "focus_findings", "Findings", show=False, id="protocol.findings"),
        Binding("t", "focus_tree", "Tree", show=False, id="protocol.tree"),
        Binding("r", "reload", "Reload", show=False, id="protocol.reload"),
        Binding("escape", "close", "Back", id="protocol.back"),
    ]

    class ExportFinished(Message):
        """The export worker finished: a handout was written, or why not."""

        def __init__(self, result: Exported | None, problem: str | None) -> None:
            super().__init__()
            self.result = result
            self.problem = problem

    def __init__(self, session: EditSession) -> None:
        super().__init__()
        self.session = session

    # -- layout and refresh ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="protocol-body"):
            yield ProtocolTree(id="structure")
            yield FindingsPanel(id="findings-panel")
        # Without the palette hint (ctrl+p is in the help): at 80 columns it pushed "? Help"
        # off the footer, and help is what a new user looks for.
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.refresh_view()
        self.query_one(ProtocolTree).focus()
        self.offer_recovery()

    @work
    async def offer_recovery(self) -> None:
        """Offer back edits an earlier session did not save (a crash, a closed terminal)."""
        recovered = self.session.pending_recovery()
        if recovered is None:
            return
        if await self.app.push_screen_wait(
            ConfirmDialog(
                f"Unsaved edits to {self.session.path.name} from an earlier session were found "
                "(the app closed without saving). Restore them? They stay unsaved until you "
                "press ctrl+s.",
                "Restore",
                "Discard them",
                detail=self._changes_from_file(recovered),
                default_yes=True,
            )
        ):
            self.apply(recovered)
            tell(self, "Edits restored; review them, then save with ctrl+s.")
        else:
            self.session.discard_recovery()

    def _changes_from_file(self, recovered: Protocol) -> str:
        """The clinical diff from the file to the recovered draft, one change a line."""
        from rehab.domain.diff import diff_protocols

        saved = self.session.saved
        changes = diff_protocols(saved, recovered, library=self.context.library).changes
        if not changes:
            return "The edits change nothing clinically (layout only)."
        shown = [f"- {c.text}" for c in changes[:12]]
        if len(changes) > 12:
            shown.append(f"... and {len(changes) - 12} more")
        return "The edits:\n" + "\n".join(shown)

    @property
    def protocol(self) -> Protocol | None:
        return self.session.protocol

    @property
    def context(self) -> Context:
        return self.session.context

    def refresh_view(self, select: Target | None = None) -> None:
        """Rebuild tree, findings and title from the session."""
        session = self.session
        tree = self.query_one(ProtocolTree)
        try:
            findings = session.findings()
        except EntryUnavailable as problem:
            # A clinic library file broke after start: say so where the findings go, and
            # never show the protocol as checked.
            self.query_one(FindingsPanel).show_unchecked(f"Cannot check this protocol: {problem}")
            tell(self, f"Library entry unreadable: {problem}", severity="error", timeout=12)
            return
        if session.protocol is None:
            tree.show_unreadable(session.path.name)
        else:
            tree.show(session.protocol, findings, self.context.library)
            if select is not None:
                tree.select(select)
        self.query_one(FindingsPanel).show(findings, saved=not session.dirty)
        state = ""
        if session.is_new:
            state = " (new, unsaved)"
        elif session.dirty:
            state = " (unsaved)"
        self.sub_title = clean(f"{session.path.name}{state}")

    def apply(self, protocol: Protocol, select: Target | None = None) -> None:
        """Make an edit the draft and show its consequences."""
        self.session.apply(protocol)
        self.refresh_view(select)

    def _editable(self) -> Protocol | None:
        if self.protocol is None:
            tell(
                self,
                "This file cannot be read, so it cannot be edited here. Fix the problem shown "
                "below in a text editor, then press r to reload.",
                severity="error",
            )
        return self.protocol

    # -- editing -----------------------------------------------------------------------------

    @on(Tree.NodeSelected, "#structure")
    def _node_selected(self, event: Tree.NodeSelected[Target]) -> None:
        event.stop()
        self.action_edit()

    @work
    async def action_edit(self) -> None:
        protocol = self._editable()
        target = self.query_one(ProtocolTree).target
        if protocol is None or target is None:
            return
        if target.kind == "details":
            result = await self.app.push_screen_wait(DetailsDialog(protocol))
            if result is not None:
                self.apply(result, target)
        elif target.kind == "conditions":
            self.action_conditions()
        elif target.kind == "phase":
            phase = protocol.phases[target.phase]
            result = await self.app.push_screen_wait(PhaseDialog(protocol, target.phase, phase))
            if result is not None:
                self.apply(result, target)
        elif target.kind == "exercise":
            dosed = await self._dose(protocol, target)
            if dosed is not None:
                self.apply(dosed, target)
        elif target.kind == "empty":
            await self.action_add_phase()
        elif target.kind == "acknowledgement":
            ack = protocol.acknowledged[target.index]
            tell(self, f"Reason: {ack.reason}", title="Acknowledged", timeout=8)

    async def _dose(self, protocol: Protocol, target: Target) -> Protocol | None:
        """Ask for the dose of the exercise at `target`; the protocol with it, None if cancelled."""
        prescription = protocol.phases[target.phase].exercises[target.index]
        exercise = self.context.library.get(prescription.exercise)
        if exercise is None:
            tell(
                self,
                f"'{clean(prescription.exercise)}' is not in the library: remove it or swap it.",
                severity="error",
            )
            return None
        where = f"phase {target.phase + 1}"
        result = await self.app.push_screen_wait(DosageDialog(exercise, prescription, where))
        if result is None:
            return None
        return editing.replace_prescription(protocol, (target.phase, target.index), result)

    @work
    async def action_add_exercise(self, exercise_id: str | None = None) -> None:
        protocol = self._editable()
        if protocol is None:
            return
        target = self.query_one(ProtocolTree).target
        if not protocol.phases:
            protocol, _ = editing.add_phase(protocol, "Phase 1", 2)
        phase = (
            target.phase if target is not None and target.phase >= 0 else len(protocol.phases) - 1
        )
        at = target.index + 1 if target is not None and target.kind == "exercise" else None
        if exercise_id is None:
            exercise_id = await self.app.push_screen_wait(
                ExercisePicker(self.context.library, f"phase {phase + 1}")
            )
            if exercise_id is None:
                return
        try:
            added, (p, i) = editing.add_exercise(protocol, phase, exercise_id, at)
        except EditRejected as exc:
            tell(self, str(exc), severity="error")
            return
        # Added only once its dose is applied: Esc or Cancel in the dose form means "not this
        # one", and the exercise must not stay behind with the library's dose.
        dosed = await self._dose(added, Target("exercise", p, i))
        if dosed is None:
            tell(self, f"{clean(exercise_id)} not added.")
            return
        self.apply(dosed, Target("exercise", p, i))

    async def action_add_phase(self) -> None:
        """Open the phase dialog ready for typing before the next key is handled.

        `p` is a priority binding, so the app runs this as soon as the key arrives and waits
        for it; keys typed straight after (a Tab to the weeks) find the dialog mounted with
        its first field focused. From a worker they reached the tree, or a dialog with no
        focus yet, and were lost.
        """
        protocol = self._editable()
        if protocol is None:
            return
        target = self.query_one(ProtocolTree).target
        index = (
            target.phase + 1 if target is not None and target.phase >= 0 else len(protocol.phases)
        )

        def added(result: Protocol | None) -> None:
            if result is not None:
                self.apply(result, Target("phase", index))

        dialog = PhaseDialog(protocol, index, None)
        await self.app.push_screen(dialog, added)
        if dialog.focused is None:
            dialog.set_focus(dialog.query_one("#name"))

    @work
    async def action_condition_scope(self) -> None:
        protocol = self._editable()
        if protocol is None:
            return
        from rehab.tui.dialogs.condition_scope import ConditionScopeDialog

        result = await self.app.push_screen_wait(
            ConditionScopeDialog(protocol, self.context.catalog)
        )
        if result is not None:
            self.apply(result, Target("conditions"))

    @work
    async def action_conditions(self) -> None:
        protocol = self._editable()
        if protocol is None:
            return
        codes = await self.app.push_screen_wait(
            ConditionsDialog(self.context.catalog, protocol.condition_codes)
        )
        if codes is not None:
            catalog = self.context.catalog
            # A condition written under an old code keeps its side and weeks under the new one.
            kept = {catalog.canonical(e.code) or e.code: e for e in protocol.conditions}
            chosen = [
                kept[code].model_copy(update={"code": code}) if code in kept else code
                for code in codes
            ]
            self.apply(editing.set_conditions(protocol, chosen), Target("conditions"))

    def toggle_condition(self, code: str) -> None:
        """Add or remove one condition (command palette)."""
        if (protocol := self._editable()) is not None:
            self.apply(editing.toggle_condition(protocol, code), Target("conditions"))

    @work
    async def action_remove(self) -> None:
        protocol = self._editable()
        target = self.query_one(ProtocolTree).target
        if protocol is None or target is None:
            return
        if target.kind == "exercise":
            name = protocol.phases[target.phase].exercises[target.index].exercise
            self.apply(
                editing.remove_exercise(protocol, (target.phase, target.index)),
                Target("exercise", target.phase, max(0, target.index - 1)),
            )
            tell(self, f"Removed {name} (ctrl+z undoes)")
        elif target.kind == "phase":
            phase = protocol.phases[target.phase]
            count = len(phase.exercises)
            if count and not await self.app.push_screen_wait(
                ConfirmDialog(
                    f"Remove phase {target.phase + 1} ({phase.name}) with its "
                    f"{count} exercise{'s' if count > 1 else ''}?",
                    "Remove",
                    "Keep",
                )
            ):
                return
            self.apply(
                editing.remove_phase(protocol, target.phase),
                Target("phase", max(0, target.phase - 1)),
            )
        elif target.kind == "acknowledgement":
            ack = protocol.acknowledged[target.index]
            if await self.app.push_screen_wait(
                ConfirmDialog(
                    f"Withdraw the acknowledgement of {ack.exercise} despite {ack.condition}?",
                    "Withdraw",
                    "Keep",
                )
            ):
                self.apply(editing.remove_acknowledgement(protocol, ack.condition, ack.exercise))
        elif target.kind == "conditions" and protocol.conditions:
            self.action_conditions()
        else:
            tell(self, "Move to a phase, an exercise or an acknowledgement to remove it.")

    def action_move(self, delta: int) -> None:
        protocol = self._editable()
        target = self.query_one(ProtocolTree).target
        if protocol is None or target is None:
            return
        if target.kind == "exercise":
            moved, (p, i) = editing.move_exercise(protocol, (target.phase, target.index), delta)
            self.apply(moved, Target("exercise", p, i))
        elif target.kind == "phase":
            moved_protocol, index = editing.move_phase(protocol, target.phase, delta)
            self.apply(moved_protocol, Target("phase", index))

    @work
    async def action_swap(self, direction: str) -> None:
        protocol = self._editable()
        target = self.query_one(ProtocolTree).target
        if protocol is None or target is None or target.kind != "exercise":
            tell(self, "Move to an exercise to swap it for a harder or easier one.")
            return
        current = self.context.library.get(
            protocol.phases[target.phase].exercises[target.index].exercise
        )
        if current is None:
            return
        ids = current.progressions if direction == "progression" else current.regressions
        choices = [e for e in (self.context.library.get(i) for i in ids) if e is not None]
        word = "harder (progression)" if direction == "progression" else "easier (regression)"
        if not choices:
            tell(self, f"{current.name} has no {word} version in the library.")
            return
        chosen = choices[0]
        if len(choices) > 1:
            picked = await self.app.push_screen_wait(
                ChoiceDialog(
                    f"Swap {current.name} for a {word} exercise:", [(e.id, e.name) for e in choices]
                )
            )
            if picked is None:
                return
            chosen = next(e for e in choices if e.id == picked)
        self.apply(editing.swap_exercise(protocol, (target.phase, target.index), chosen), target)
        tell(self, f"Swapped {current.name} for {chosen.name}")

    # -- findings and acknowledgements -------------------------------------------------------

    @on(OptionList.OptionSelected, "#findings")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        finding = self.query_one(FindingsPanel).highlighted
        target = target_of(finding.loc) if finding is not None else None
        tree = self.query_one(ProtocolTree)
        if target is not None and tree.select(target):
            tree.focus()

    def _finding_to_acknowledge(self) -> Finding | None:
        panel = self.query_one(FindingsPanel)  # holds the findings of the last refresh
        if self.focused is self.query_one("#findings"):
            chosen = panel.highlighted
            return chosen if chosen is not None and chosen.code in ANSWERABLE else None
        target = self.query_one(ProtocolTree).target
        found = [f for f in panel.findings if f.code in ANSWERABLE and target_of(f.loc) == target]
        # A contraindication first: it is what blocks the handout.
        found.sort(key=lambda f: f.code is not Code.CONTRAINDICATED)
        return found[0] if found else None

    @work
    async def action_acknowledge(self) -> None:
        protocol = self._editable()
        if protocol is None:
            return
        finding = self._finding_to_acknowledge()
        if finding is None or finding.condition is None or finding.exercise is None:
            tell(
                self,
                "Only a contraindication or a precaution can be acknowledged: highlight one "
                "in the findings (f) or move to the exercise it is about, then press k.",
                severity="warning",
            )
            return
        result = await self.app.push_screen_wait(
            AcknowledgeDialog(finding, protocol, protocol.clinician, date.today())
        )
        if result is not None:
            self.apply(editing.acknowledge(protocol, result), target_of(finding.loc))

    # -- saving, reloading, leaving ----------------------------------------------------------

    async def save(self) -> bool:
        """Save, asking first when that would drop comments or overwrite someone else's change."""
        session = self.session
        if session.protocol is None:
            self._editable()
            return False
        if session.comment_lines:
            lines = ", ".join(str(n) for n in session.comment_lines[:5])
            if not await self.app.push_screen_wait(
                ConfirmDialog(
                    f"{session.path.name} has hand-written comments (line {lines}) that saving "
                    "would drop. Keep clinician-only remarks in Details > Clinician-only notes "
                    "instead. Save and drop the comments?",
                    "Save anyway",
                    "Do not save",
                )
            ):
                return False
        try:
            written = session.save()
        except ChangedOnDisk:
            if not await self.app.push_screen_wait(
                ConfirmDialog(
                    f"{session.path.name} changed on disk since you opened it (a git pull or "
                    "another editor?). Overwrite it with your version? (No keeps both: press r "
                    "later to see theirs, after saving yours elsewhere.)",
                    "Overwrite",
                    "Do not save",
                )
            ):
                return False
            try:
                written = session.save(overwrite=True)
            except OSError as exc:
                return self._save_failed(exc)
        except OSError as exc:
            return self._save_failed(exc)
        self.refresh_view(self.query_one(ProtocolTree).target)
        tell(self, self._saved_message(written))
        return True

    def _saved_message(self, written: Path) -> str:
        """ "Saved x.toml", and when errors remain, how many and what they are.

        The file name only: a long path wrapped in the notification broke the name apart.
        """
        errors = [f for f in self.session.findings() if f.severity is Severity.ERROR]
        if not errors:
            return f"Saved {written.name}"
        count = "1 error remains" if len(errors) == 1 else f"{len(errors)} errors remain"
        named = list(dict.fromkeys(_short(f) for f in errors))
        shown = ", ".join(named[:3]) + (f" and {len(named) - 3} more" if len(named) > 3 else "")
        return (
            f"Saved {written.name}; {count}: {shown}. Press f to see them; "
            "no handout until they are fixed."
        )

    def _save_failed(self, exc: OSError) -> bool:
        tell(
            self,
            (
                f"Not saved: {self.session.path}: {exc.strerror or exc}. Your edits are still "
                "here; fix the problem and press ctrl+s again."
            ),
            severity="error",
            timeout=10,
        )
        return False

    @work
    async def action_save(self) -> None:
        await self.save()

    async def settle_unsaved(self) -> bool:
        """True when it is fine to leave: nothing unsaved, saved now, or discarded by choice."""
        if not self.session.dirty:
            return True
        choice = await self.app.push_screen_wait(UnsavedDialog(self.session.path.name))
        if choice == "save":
            return await self.save()
        if choice == "discard":
            self.session.discard_recovery()
            return True
        return False

    @work
    async def action_close(self) -> None:
        if await self.settle_unsaved():
            self.dismiss()

    @work
    async def action_reload(self) -> None:
        if self.session.dirty and not await self.app.push_screen_wait(
            ConfirmDialog(
                "Reload the file from disk and lose your unsaved changes?", "Reload", "Keep editing"
            )
        ):
            return
        if self.session.is_new:
            tell(self, "This protocol has not been saved yet; there is nothing to reload.")
            return
        try:
            self.session = EditSession.open(self.session.path, self.context)
        except PathProblem as exc:
            tell(self, str(exc), severity="error")
            return
        self.refresh_view()

    def action_undo(self) -> None:
        if self.session.undo():
            self.refresh_view(self.query_one(ProtocolTree).target)
        else:
            tell(self, "Nothing to undo.")

    def action_redo(self) -> None:
        if self.session.redo():
            self.refresh_view(self.query_one(ProtocolTree).target)
        else:
            tell(self, "Nothing to redo.")

    def action_focus_findings(self) -> None:
        panel = self.query_one("#findings", OptionList)
        if panel.highlighted is None and panel.option_count:
            panel.highlighted = 0
        panel.focus()

    def action_focus_tree(self) -> None:
        self.query_one(ProtocolTree).focus()

    # -- export ------------------------------------------------------------------------------

    @work
    async def action_export(self) -> None:
        """Export what is on screen: saved first, refused when the file on disk differs, and
        refused before the form when `rehab export` would refuse it (checked against every
        clinic entry as its file is now)."""
        from rehab.tui.export_flow import disk_differs, export_errors, fresh_context, refusal

        session = self.session
        if session.protocol is None:
            self._editable()
            return
        if session.dirty:
            if not await self.app.push_screen_wait(
                ConfirmDialog(
                    "The handout is printed from the saved file. Save your changes and export?",
                    "Save and export",
                    "Cancel",
                )
            ):
                return
            if not await self.save():
                return
        problem = disk_differs(session)
        if problem:
            tell(self, problem, severity="error", timeout=12)
            return
        context = fresh_context(self.context)
        try:
            errors = export_errors(session, context)
        except EntryUnavailable as unavailable:
            tell(self, f"Not exported: {unavailable}", severity="error", timeout=12)
            return
        if errors:
            tell(self, refusal(errors), severity="error", timeout=15)
            return
        # Imported here (it brings in ReportLab), as the export itself is, not at startup.
        from rehab.export import default_output

        exports_dir = self.app.exports_dir  # type: ignore[attr-defined]
        output = default_output(session.protocol.id, exports_dir)
        request = await self.app.push_screen_wait(ExportDialog(session.protocol.id, output))
        if request is not None and session.disk is not None:
            tell(self, f"Exporting {session.path.name}...")
            self.run_export(session.path, session.disk, context, request)

    @work(thread=True, exclusive=True, group="export", description="export a handout")
    def run_export(
        self, path: Path, shown: bytes, context: Context, request: ExportRequest
    ) -> None:
        """Check and render in a thread; the screen stays responsive and hears back by message.

        `shown` is the file as the screen shows it: if the file changed meanwhile, nothing is
        printed. ReportLab is imported here, not at startup: it would add a tenth of a second
        to the first frame of every session, most of which never export.
        """
        from rehab.export import ExportRefused, StartOutOfRange, export_file
        from rehab.handout.render import HandoutOptions
        from rehab.tui.export_flow import refusal

        options = HandoutOptions(
            issue_date=date.today(),
            patient=request.patient,
            large_print=request.large_print,
            start=request.start,
        )
        try:
            result = export_file(path, context, options, output=request.output, expected=shown)
        except ExportRefused as refused:
            self.post_message(self.ExportFinished(None, refusal(refused.errors)))
        except ChangedOnDisk:
            self.post_message(
                self.ExportFinished(
                    None, f"Not exported: {path.name} changed on disk meanwhile; press r."
                )
            )
        except (EntryUnavailable, StartOutOfRange) as problem:
            self.post_message(self.ExportFinished(None, f"Not exported: {problem}"))
        except (OSError, PathProblem) as exc:
            detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.post_message(
                self.ExportFinished(None, f"Export failed: {request.output}: {detail}")
            )
        else:
            self.post_message(self.ExportFinished(result, None))

    @on(ExportFinished)
    def _exported(self, message: ProtocolScreen.ExportFinished) -> None:
        if message.result is not None:
            tell(self, f"Handout written to {message.result.output}", timeout=10)
            warning = message.result.unprintable_warning()
            if warning:
                tell(self, f"Check the handout: {warning}", severity="warning", timeout=15)
        else:
            tell(self, message.problem or "Export failed", severity="error", timeout=12)
